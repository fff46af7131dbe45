#include "objects/inventorymodel.h"

#include "common/corestrings.h"

#include "base/format.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QEvent>
#include <QFont>

#include <unordered_map>

namespace ipcscope {

InventoryModel::InventoryModel(QObject* parent)
    : QAbstractTableModel(parent) {
    m_clock.start();
}

QString InventoryModel::identityKey(const IpcObject& o) {
    // An id can be reused by a new object: the key (System V) or inode (POSIX) tells them apart.
    // Not for a segment: IPC_RMID on an attached one sets its key to IPC_PRIVATE while it stays,
    // the same object, until the last detach; its creator's pid tells a reused id instead.
    if (o.kind == IpcKind::SysvShm) {
        return QStringLiteral("%1|%2|cpid %3|%4")
            .arg(int(o.kind))
            .arg(o.id.value_or(-1))
            .arg(o.creatorPid.value_or(0))
            .arg(o.cuid.value_or(0));
    }
    return QStringLiteral("%1|%2|%3|%4")
        .arg(int(o.kind))
        .arg(o.id ? QString::number(*o.id) : QString::fromStdString(o.name))
        .arg(o.key.value_or(0))
        .arg(o.inode.value_or(0));
}

void InventoryModel::merge(const Inventory& inventory) {
    const qint64 now = m_clock.elapsed();
    std::unordered_map<QString, const IpcObject*> incoming;
    incoming.reserve(inventory.objects.size());
    for (const auto& o : inventory.objects) {
        incoming.emplace(identityKey(o), &o);
    }
    // Rows that vanished long enough ago go now, in contiguous blocks from the end.
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        Row& r = m_rows[std::size_t(i)];
        const bool present = incoming.count(r.key) != 0;
        if (r.vanishedMs >= 0 && !present && now - r.vanishedMs >= kHighlightMs) {
            int first = i;
            while (first > 0) {
                const Row& prev = m_rows[std::size_t(first - 1)];
                if (prev.vanishedMs < 0 || incoming.count(prev.key) ||
                    now - prev.vanishedMs < kHighlightMs) {
                    break;
                }
                --first;
            }
            beginRemoveRows({}, first, i);
            m_rows.erase(m_rows.begin() + first, m_rows.begin() + i + 1);
            endRemoveRows();
            i = first;
        }
    }
    // Update the rest in place; only rows that look different are announced, in ranges of
    // neighbours (DESIGN.md §6), so an unchanged refresh repaints nothing.
    std::unordered_map<QString, int> existing;
    std::vector<bool> changed(m_rows.size(), false);
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        Row& r = m_rows[i];
        existing.emplace(r.key, int(i));
        const auto it = incoming.find(r.key);
        if (it == incoming.end()) {
            if (r.vanishedMs < 0) {
                r.vanishedMs = now;
                changed[i] = true;
            }
        } else {
            if (!(r.object == *it->second)) {
                r.object = *it->second;
                changed[i] = true;
            }
            if (r.vanishedMs >= 0) {
                r.vanishedMs = -1; // back (a flicker in /proc)
                changed[i] = true;
            }
        }
        if (r.addedMs >= 0 && now - r.addedMs >= kHighlightMs) {
            r.addedMs = -1; // its highlight is over: the background changes
            changed[i] = true;
        }
    }
    for (std::size_t first = 0; first < changed.size(); ++first) {
        if (!changed[first]) {
            continue;
        }
        std::size_t last = first;
        while (last + 1 < changed.size() && changed[last + 1]) {
            ++last;
        }
        Q_EMIT dataChanged(index(int(first), 0), index(int(last), ColumnCount - 1));
        first = last;
    }
    std::vector<Row> added;
    for (const auto& o : inventory.objects) {
        const QString key = identityKey(o);
        if (!existing.count(key)) {
            added.push_back({o, key, m_first ? -1 : now, -1});
        }
    }
    if (!added.empty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (auto& r : added) {
            m_rows.push_back(std::move(r));
        }
        endInsertRows();
    }
    m_first = false;
}

void InventoryModel::retranslate() {
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.empty()) {
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    }
}

bool InventoryModel::event(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    return QAbstractTableModel::event(event);
}

const IpcObject* InventoryModel::object(int row) const {
    return row >= 0 && row < int(m_rows.size()) ? &m_rows[std::size_t(row)].object : nullptr;
}

bool InventoryModel::isVanished(int row) const {
    return row >= 0 && row < int(m_rows.size()) && m_rows[std::size_t(row)].vanishedMs >= 0;
}

int InventoryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int InventoryModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString InventoryModel::usageText(const IpcObject& o) {
    switch (o.kind) {
    case IpcKind::SysvMsg:
        return tr("%n message(s)", nullptr, int(o.messages.value_or(0))) +
               (o.queueLimitBytes
                    ? tr(", %1 of %2")
                          .arg(QString::fromStdString(formatBytes(double(o.sizeBytes))),
                               QString::fromStdString(formatBytes(double(*o.queueLimitBytes))))
                    : QString());
    case IpcKind::SysvShm:
        return tr("%n attached", nullptr, int(o.attached.value_or(0))) +
               (o.destroyPending ? tr(", destroy pending") : QString());
    case IpcKind::SysvSem: {
        QString s = tr("%n semaphore(s)", nullptr, int(o.semaphores.value_or(0)));
        if (!o.semaphoreValues.empty() && o.semaphoreValues.size() <= 8) {
            s += QStringLiteral(" [%1]").arg(QString::fromStdString(o.semaphoreValuesText()));
        }
        return s;
    }
    case IpcKind::PosixMq:
        return o.messages
                   ? tr("%1 of %2 messages").arg(*o.messages).arg(o.maxMessages.value_or(0))
                   : tr("%1 queued").arg(QString::fromStdString(formatBytes(double(o.sizeBytes))));
    case IpcKind::PosixSem:
        return o.posixSemValue ? tr("value %1").arg(*o.posixSemValue) : QString();
    case IpcKind::PosixShm:
        return QString();
    case IpcKind::Pipe:
    case IpcKind::Fifo: {
        const auto ends = o.ends();
        return tr("%1 reader(s), %2 writer(s)").arg(ends.readers).arg(ends.writers);
    }
    case IpcKind::UnixStream:
    case IpcKind::UnixDgram:
    case IpcKind::UnixSeqpacket:
        if (o.socketState == "listening") {
            return tr("listening · %n waiting to be accepted", nullptr,
                      int(o.pendingConnections.size()));
        }
        if (o.peerInode) {
            return tr("connected to %1 · %2").arg(socketPeerText(o), socketQueueText(o));
        }
        if (o.awaitingAcceptBy || o.peerClosed) {
            return tr("connected · %1 · %2").arg(socketPeerText(o), socketQueueText(o));
        }
        return QStringLiteral("%1 · %2").arg(socketStateText(o.socketState), socketQueueText(o));
    }
    return {};
}

QString InventoryModel::processesText(const std::vector<ProcessUse>& users) {
    QStringList list;
    for (const auto& u : users) {
        list << QStringLiteral("%1 %2").arg(u.pid).arg(QString::fromStdString(u.command));
    }
    list.removeDuplicates();
    return list.join(QStringLiteral(", "));
}

QString InventoryModel::socketPeerText(const IpcObject& o) {
    const QString holders = o.peerUsers.empty()
                                ? QString()
                                : QLatin1Char(' ') + tr("(pid %1)").arg(processesText(o.peerUsers));
    if (o.peerInode) {
        return QStringLiteral("socket:[%1]").arg(*o.peerInode) + holders;
    }
    if (o.awaitingAcceptBy) {
        return tr("not accepted yet by socket:[%1]").arg(*o.awaitingAcceptBy) + holders;
    }
    return o.peerClosed ? tr("other end closed") : QString();
}

QString InventoryModel::socketQueueText(const IpcObject& o) {
    if (o.socketState == "listening") {
        return tr("%n waiting to be accepted", nullptr, int(o.pendingConnections.size()));
    }
    const QString bytes = QString::fromStdString(formatBytes(double(o.receiveQueue.value_or(0))));
    if (o.kind == IpcKind::UnixDgram) {
        // The kernel tells a datagram socket's next datagram only, not the whole queue.
        return o.receiveQueue.value_or(0) == 0 ? tr("nothing queued")
                                               : tr("next datagram %1").arg(bytes);
    }
    return tr("%1 queued").arg(bytes);
}

QVariant InventoryModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row& r = m_rows[std::size_t(index.row())];
    const IpcObject& o = r.object;
    switch (role) {
    case KindRole:
        return int(o.kind);
    case OursRole:
        return o.ours;
    case VanishedRole:
        return r.vanishedMs >= 0;
    case Qt::BackgroundRole: {
        const qint64 now = m_clock.elapsed();
        if (r.vanishedMs >= 0) {
            return QBrush(QColor(0xd9, 0x53, 0x4f, 70));
        }
        if (r.addedMs >= 0 && now - r.addedMs < kHighlightMs) {
            return QBrush(QColor(0x4c, 0xaf, 0x50, 80));
        }
        return {};
    }
    case Qt::FontRole:
        if (r.vanishedMs >= 0 || o.destroyPending) {
            QFont f;
            f.setStrikeOut(r.vanishedMs >= 0); // gone
            f.setItalic(o.destroyPending);     // going, when the last process detaches
            return f;
        }
        return {};
    case Qt::ToolTipRole: {
        // Columns are elided to fit the window: the tooltip has the whole text.
        QStringList tip;
        tip << data(index, Qt::DisplayRole).toString();
        if (r.vanishedMs >= 0) {
            tip << tr("This object has just disappeared");
        } else if (o.destroyPending) {
            tip << tr("Marked for destruction: it disappears when the last process detaches");
        }
        if (o.ours) {
            tip << tr("Created by an ipcscope run");
        }
        tip.removeAll(QString());
        return tip.isEmpty() ? QVariant() : QVariant(tip.join(QLatin1Char('\n')));
    }
    case Qt::TextAlignmentRole:
        return index.column() == SizeColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                            : QVariant();
    case Qt::DisplayRole:
    case SortRole:
        break;
    default:
        return {};
    }
    const bool sort = role == SortRole;
    switch (index.column()) {
    case KindColumn:
        return ipcKindText(o.kind);
    case IdColumn: {
        if (o.id) {
            return sort ? QVariant(*o.id) : QVariant(QString::number(*o.id));
        }
        QString name = QString::fromStdString(o.name);
        return name.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    }
    case KeyColumn:
        return o.key ? QString::fromStdString(formatSysvKey(*o.key)) : QString();
    case OwnerColumn:
        return QString::fromStdString(o.owner);
    case PermsColumn:
        return !hasModeAndSize(o.kind)
                   ? QString()
                   : QStringLiteral("%1").arg(o.mode & 0777, 3, 8, QLatin1Char('0'));
    case SizeColumn:
        if (!hasModeAndSize(o.kind)) {
            return QVariant();
        }
        return sort ? QVariant(qulonglong(o.sizeBytes))
                    : QVariant(QString::fromStdString(formatBytes(double(o.sizeBytes))));
    case UsageColumn:
        return usageText(o);
    case UsersColumn: {
        const std::vector<ObjectWaiter>* waiters = waitersOf(o);
        if (sort) {
            return int(o.users.size() + (waiters ? waiters->size() : 0));
        }
        QStringList users;
        if (waiters) {
            for (const ObjectWaiter& w : *waiters) {
                users << waiterText(w); // the waiters first: they are the news
            }
        }
        if (const QString holders = processesText(o.users); !holders.isEmpty()) {
            users << holders;
        }
        return users.join(QStringLiteral(", "));
    }
    case ChangedColumn:
        if (!o.changeTime) {
            return QVariant();
        }
        return sort ? QVariant(qlonglong(*o.changeTime))
                    : QVariant(QDateTime::fromSecsSinceEpoch(*o.changeTime)
                                   .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    }
    return {};
}

QVariant InventoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) {
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case KindColumn:
            return tr("Kind");
        case IdColumn:
            return tr("ID / name");
        case KeyColumn:
            return tr("Key");
        case OwnerColumn:
            return tr("Owner");
        case PermsColumn:
            return tr("Perms");
        case SizeColumn:
            return tr("Size");
        case UsageColumn:
            return tr("Usage");
        case UsersColumn:
            return tr("Used by");
        case ChangedColumn:
            return tr("Changed");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case IdColumn:
            return tr("System V id, POSIX name, FIFO path, pipe inode, or a Unix socket's path, "
                      "@abstract name or inode");
        case KeyColumn:
            return tr("System V key (0x00000000 = IPC_PRIVATE)");
        case UsersColumn:
            return tr("Processes attached to, mapping, or holding the object open, and those "
                      "waiting on it in a call (msgrcv, semop, mq_timedreceive, sem_wait)");
        }
    }
    return {};
}

void InventoryModel::setWaiters(ObjectWaiters waiters) {
    if (waiters == m_waiters) {
        return;
    }
    m_waiters = std::move(waiters);
    if (!m_rows.empty()) {
        Q_EMIT dataChanged(index(0, UsersColumn), index(rowCount() - 1, UsersColumn));
    }
}

const std::vector<ObjectWaiter>* InventoryModel::waitersOf(const IpcObject& o) const {
    const auto it = m_waiters.find(waiterKey(o.kind, o.id, o.name));
    return it != m_waiters.end() ? &it->second : nullptr;
}

QString InventoryModel::waiterText(const ObjectWaiter& w) {
    const double s = double(w.waitingNs) / 1e9;
    const QString waited = s >= 3600 ? tr("%1 h").arg(s / 3600, 0, 'f', 1)
                           : s >= 60 ? tr("%1 min").arg(int(s / 60))
                                     : QString::fromStdString(formatDurationNs(w.waitingNs));
    QString call = QString::fromStdString(w.call);
    if (!w.detail.empty()) {
        call += QStringLiteral(" (%1)").arg(QString::fromStdString(w.detail));
    }
    return tr("%1 waits in %2 · ≥ %3").arg(w.pid).arg(call, waited);
}

} // namespace ipcscope
