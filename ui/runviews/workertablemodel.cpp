#include "runviews/workertablemodel.h"

#include "common/corestrings.h"

#include "base/format.h"

#include <QBrush>
#include <QColor>
#include <QEvent>

#include <algorithm>

namespace ipcscope {

WorkerTableModel::WorkerTableModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void WorkerTableModel::clear() {
    if (m_rows.empty()) {
        return;
    }
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void WorkerTableModel::setFrame(const Frame& frame) {
    std::vector<Row> rows;
    rows.reserve(frame.processes.size());
    const double elapsedNs = double(frame.elapsedNs > 0 ? frame.elapsedNs : 1);
    for (std::size_t i = 0; i < frame.processes.size(); ++i) {
        Row r{frame.processes[i], frame.messagesPerS(i), 0, {}, Row::Tint::None};
        r.blockedPct = 100.0 * double(r.worker.totalBlockedNs()) / elapsedNs;
        for (int c = 0; c < ColumnCount; ++c) {
            r.shown[std::size_t(c)] = displayOf(r, c);
        }
        r.tint = tintOf(r.worker);
        rows.push_back(std::move(r));
    }
    if (rows.size() != m_rows.size()) {
        beginResetModel(); // a new run: the set of processes changed
        m_rows = std::move(rows);
        endResetModel();
        return;
    }
    std::swap(m_rows, rows); // `rows` now holds the previous frame's
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        // Per row, from its first changed cell to its last (a cell per signal made the view
        // paint dozens of small areas); all of it when its colour changed.
        const bool recoloured = m_rows[i].tint != rows[i].tint;
        int first = ColumnCount, last = -1;
        for (int c = 0; c < ColumnCount; ++c) {
            if (recoloured || m_rows[i].shown[std::size_t(c)] != rows[i].shown[std::size_t(c)]) {
                first = std::min(first, c);
                last = c;
            }
        }
        if (last >= 0) {
            Q_EMIT dataChanged(index(int(i), first), index(int(i), last));
        }
    }
}

void WorkerTableModel::retranslate() {
    for (Row& r : m_rows) {
        for (int c = 0; c < ColumnCount; ++c) {
            r.shown[std::size_t(c)] = displayOf(r, c);
        }
    }
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.empty()) {
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    }
}

bool WorkerTableModel::event(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    return QAbstractTableModel::event(event);
}

int WorkerTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WorkerTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString WorkerTableModel::stateText(const ProcessFrame& w) {
    if (w.exit) {
        return tr("exited (%1)").arg(QString::fromStdString(w.exit->describe()));
    }
    if (w.stopped) {
        return tr("stopped (paused)");
    }
    return ipcscope::stateText(w.state);
}

QStringList WorkerTableModel::widestTexts(int column) {
    switch (column) {
    case PidColumn:
        return {QStringLiteral("4194304")}; // the largest pid_max
    case RoleColumn: {
        ProcessFrame w;
        w.worker = WorkerId{Role::Consumer, 88};
        QStringList names{processName(w)};
        w.worker = WorkerId{Role::Producer, 88};
        return names << processName(w);
    }
    case StateColumn: {
        QStringList states;
        ProcessFrame w;
        for (WorkerState state :
             {WorkerState::Starting, WorkerState::Running, WorkerState::Blocked,
              WorkerState::Throttled, WorkerState::Held, WorkerState::Draining}) {
            w.state = state;
            states << stateText(w);
        }
        w.stopped = true;
        states << stateText(w);
        w.exit = WorkerExitInfo{};
        return states << stateText(w);
    }
    case MessagesColumn:
        return {QStringLiteral("888.8 M")};
    case BytesColumn:
        return {QStringLiteral("888.88 MiB")};
    case RateColumn:
        return {tr("%1/s").arg(QStringLiteral("888.8 k"))};
    case BlockedColumn:
        return {QStringLiteral("100.0 %")};
    }
    return {};
}

QVariant WorkerTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row& r = m_rows[std::size_t(index.row())];
    const ProcessFrame& w = r.worker;
    const bool blocked = !w.exit && !w.stopped && w.state == WorkerState::Blocked;
    if (role == WorkerStateRole) {
        return int(w.exit ? WorkerState::Exited : w.state);
    }
    if (role == Qt::BackgroundRole) {
        switch (r.tint) {
        case Row::Tint::Blocked:
            return QBrush(QColor(0xd9, 0x53, 0x4f, 70));
        case Row::Tint::Stopped:
            return QBrush(QColor(0x88, 0x88, 0x88, 60));
        case Row::Tint::None:
            break;
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        return index.column() >= MessagesColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                : QVariant();
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == CallColumn && blocked) {
            return tr("Waiting inside %1 for %2")
                .arg(QString::fromUtf8(callName(w.call).data()),
                     QString::fromStdString(formatDurationNs(w.stateForNs)));
        }
        if (index.column() == BlockedColumn) {
            return tr("Share of the run this worker spent waiting inside IPC calls");
        }
        return {};
    }
    if (role == Qt::DisplayRole) {
        return r.shown[std::size_t(index.column())];
    }
    if (role != SortRole) {
        return {};
    }
    switch (index.column()) {
    case PidColumn:
        return int(w.pid);
    case MessagesColumn:
        return qulonglong(w.messages);
    case BytesColumn:
        return qulonglong(w.bytes);
    case RateColumn:
        return r.rate;
    case BlockedColumn:
        return r.blockedPct;
    case CallColumn:
        if (w.exit || (w.state != WorkerState::Blocked && w.state != WorkerState::Throttled)) {
            return QString();
        }
        break;
    }
    return r.shown[std::size_t(index.column())];
}

WorkerTableModel::Row::Tint WorkerTableModel::tintOf(const ProcessFrame& w) {
    if (!w.exit && !w.stopped && w.state == WorkerState::Blocked) {
        return Row::Tint::Blocked;
    }
    return w.stopped ? Row::Tint::Stopped : Row::Tint::None;
}

QVariant WorkerTableModel::displayOf(const Row& r, int column) {
    const ProcessFrame& w = r.worker;
    switch (column) {
    case PidColumn:
        return int(w.pid);
    case RoleColumn:
        return processName(w);
    case StateColumn:
        return stateText(w);
    case CallColumn:
        if (w.exit || (w.state != WorkerState::Blocked && w.state != WorkerState::Throttled)) {
            return QStringLiteral("—");
        }
        return QStringLiteral("%1%2 · %3")
            .arg(QString::fromUtf8(callName(w.call).data()),
                 w.objectName.empty()
                     ? QString()
                     : QStringLiteral("(%1)").arg(QString::fromStdString(w.objectName)),
                 QString::fromStdString(formatDurationNs(w.stateForNs)));
    case MessagesColumn:
        return QString::fromStdString(formatCount(double(w.messages)));
    case BytesColumn:
        return QString::fromStdString(formatBytes(double(w.bytes)));
    case RateColumn:
        return tr("%1/s").arg(QString::fromStdString(formatCount(r.rate)));
    case BlockedColumn:
        return QStringLiteral("%1 %").arg(r.blockedPct, 0, 'f', 1);
    }
    return {};
}

QVariant WorkerTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) {
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case PidColumn:
            return tr("PID");
        case RoleColumn:
            return tr("Worker");
        case StateColumn:
            return tr("State");
        case CallColumn:
            return tr("Current call");
        case MessagesColumn:
            return tr("Messages");
        case BytesColumn:
            return tr("Bytes");
        case RateColumn:
            return tr("Rate");
        case BlockedColumn:
            return tr("Blocked");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case PidColumn:
            return tr("Process id of the worker");
        case CallColumn:
            return tr("The IPC call the worker is waiting in, and for how long");
        case RateColumn:
            return tr("Messages per second over the last quarter second");
        case BlockedColumn:
            return tr("Time spent waiting inside IPC calls, as a share of the run");
        }
    }
    return {};
}

} // namespace ipcscope
