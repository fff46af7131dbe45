#include "observe/waittablemodel.h"

#include "common/corestrings.h"

#include "base/format.h"

#include <QBrush>
#include <QColor>
#include <QEvent>

namespace ipcscope {

WaitTableModel::WaitTableModel(QObject* parent)
    : SortedRowsModel(parent) {}

std::vector<WaitRow> WaitTableModel::waitsOf(const Frame& f) {
    std::vector<WaitRow> rows;
    for (std::size_t i = 0; i < f.processes.size(); ++i) {
        const ProcessFrame& p = f.processes[i];
        if (p.state != WorkerState::Blocked || p.exit || p.stopped) {
            continue;
        }
        WaitRow r;
        r.pid = p.pid;
        r.tid = p.tid != 0 ? p.tid : p.pid;
        r.command = processName(p);
        r.call = !p.callName.empty() ? QString::fromStdString(p.callName)
                                     : QString::fromUtf8(callName(p.call).data());
        // The object as the kernel names it ("pipe:[88123]", "sysv-msg 5"), else its channel.
        if (!p.objectName.empty()) {
            r.object = QString::fromStdString(p.objectName);
        } else if (p.waitChannel && *p.waitChannel < f.channels.size()) {
            const ChannelFrame& c = f.channels[*p.waitChannel];
            r.object = QStringLiteral("%1 %2").arg(channelTitle(c.kind),
                                                   QString::fromStdString(c.identity));
        }
        r.detail = QString::fromStdString(p.waitDetail);
        r.waitingNs = p.stateForNs;
        r.atLeast = p.stateForAtLeast;
        r.lastWake = p.lastWake;
        for (const DeadlockFrame& dl : f.deadlocks) {
            if (std::find(dl.processes.begin(), dl.processes.end(), i) != dl.processes.end()) {
                r.deadlock = QString::fromStdString(dl.text);
                r.certain = dl.certain;
            }
        }
        rows.push_back(std::move(r));
    }
    return rows;
}

void WaitTableModel::setFrame(const Frame& frame) {
    mergeRows(waitsOf(frame), [](const WaitRow& a, const WaitRow& b) {
        return std::pair(a.pid, a.tid) < std::pair(b.pid, b.tid);
    });
}

int WaitTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WaitTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const WaitRow& r = m_rows[std::size_t(index.row())];
    if (role == DeadlockRole) {
        return r.deadlock;
    }
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case PidColumn:
            return int(r.pid);
        case TidColumn:
            return int(r.tid);
        case CommandColumn:
            return r.command;
        case CallColumn:
            return r.call;
        case ObjectColumn:
            return r.object;
        case DetailColumn:
            return r.detail;
        case WaitingColumn: {
            if (role == SortRole) {
                return qulonglong(r.waitingNs);
            }
            const QString since = QString::fromStdString(formatDurationNs(r.waitingNs));
            return r.atLeast ? tr("≥ %1").arg(since) : since;
        }
        case WokenByColumn:
            if (!r.lastWake) {
                return role == SortRole ? QVariant(-1) : QVariant(QString());
            }
            if (role == SortRole) {
                return int(r.lastWake->wakerPid);
            }
            return wokenByText(*r.lastWake);
        }
    }
    if (role == Qt::ToolTipRole) {
        QString tip =
            tr("pid %1, thread %2 (%3) waits in %4 on %5")
                .arg(r.pid)
                .arg(r.tid)
                .arg(r.command, r.call, r.object.isEmpty() ? tr("an unknown object") : r.object);
        if (!r.detail.isEmpty()) {
            tip += QLatin1Char('\n') + r.detail;
        }
        if (r.atLeast) {
            tip += QLatin1Char('\n') +
                   tr("Waiting for at least this long: seen in the same call since the first "
                      "sample that showed it");
        }
        if (!r.deadlock.isEmpty()) {
            tip += QLatin1Char('\n') +
                   (r.certain ? tr("Deadlock: %1") : tr("Possible deadlock: %1")).arg(r.deadlock);
        }
        if (r.lastWake) {
            tip += QLatin1Char('\n') + wokenByTip(*r.lastWake);
        }
        return tip;
    }
    if (role == Qt::BackgroundRole && !r.deadlock.isEmpty()) {
        return QBrush(QColor(0xd9, 0x53, 0x4f, r.certain ? 70 : 35));
    }
    if (role == Qt::TextAlignmentRole &&
        (index.column() == PidColumn || index.column() == TidColumn ||
         index.column() == WaitingColumn)) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant WaitTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) {
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case PidColumn:
            return tr("PID");
        case TidColumn:
            return tr("Thread");
        case CommandColumn:
            return tr("Command");
        case CallColumn:
            return tr("Call");
        case ObjectColumn:
            return tr("Object");
        case DetailColumn:
            return tr("Detail");
        case WaitingColumn:
            return tr("Waiting for");
        case WokenByColumn:
            return tr("Woken by");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case TidColumn:
            return tr("The waiting thread's id (the pid for a single-threaded process)");
        case CallColumn:
            return tr("The system call it waits in, from /proc/PID/task/TID/syscall");
        case ObjectColumn:
            return tr("The IPC object the call waits on");
        case DetailColumn:
            return tr("What more the call says: the message type asked for, the semaphore "
                      "operation, the descriptors polled");
        case WaitingColumn:
            return tr("How long it has waited; \"≥\" marks a lower bound (seen since the first "
                      "sample that showed the wait)");
        case WokenByColumn:
            return tr("Who woke this thread the last time it waited, measured in the kernel "
                      "(eBPF tier; empty without it)");
        }
    }
    return {};
}

QString WaitTableModel::wokenByText(const WakeFrame& w) {
    if (w.wakerPid <= 0) {
        return tr("nobody (timeout or signal)");
    }
    return w.wakerCommand.empty() ? QString::number(w.wakerPid)
                                  : QStringLiteral("%1 %2")
                                        .arg(w.wakerPid)
                                        .arg(QString::fromStdString(w.wakerCommand));
}

QString WaitTableModel::wokenByTip(const WakeFrame& w) {
    const QString waited = QString::fromStdString(formatDurationNs(w.waitedNs));
    const QString call = QString::fromStdString(w.call);
    const QString object =
        w.objectName.empty() ? tr("an unknown object") : QString::fromStdString(w.objectName);
    if (w.wakerPid <= 0) {
        return tr("Its last measured wait, %1 on %2, ended after %3 without a wake-up (a "
                  "timeout or a signal)")
            .arg(call, object, waited);
    }
    return tr("Its last measured wait, %1 on %2, ended after %3: woken by pid %4 (%5), thread %6; "
              "measured in the kernel (eBPF)")
        .arg(call, object, waited)
        .arg(w.wakerPid)
        .arg(w.wakerCommand.empty() ? tr("command unknown")
                                    : QString::fromStdString(w.wakerCommand))
        .arg(w.wakerTid);
}

bool WaitTableModel::event(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        announceAllChanged();
    }
    return SortedRowsModel::event(event);
}

} // namespace ipcscope
