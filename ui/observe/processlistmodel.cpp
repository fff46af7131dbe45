#include "observe/processlistmodel.h"

#include <QEvent>
#include <QMetaObject>

#include <algorithm>

namespace ipcscope {

ProcessListModel::ProcessListModel(QObject* parent)
    : SortedRowsModel(parent) {}

void ProcessListModel::merge(std::vector<ProcessSummary> processes) {
    mergeRows(std::move(processes),
              [](const ProcessSummary& a, const ProcessSummary& b) { return a.pid < b.pid; });
}

const ProcessSummary* ProcessListModel::process(int row) const {
    return rowAt(row);
}

int ProcessListModel::rowOf(pid_t pid) const {
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), pid,
                                     [](const ProcessSummary& p, pid_t v) { return p.pid < v; });
    return it != m_rows.end() && it->pid == pid ? int(it - m_rows.begin()) : -1;
}

int ProcessListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProcessListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const ProcessSummary& p = m_rows[std::size_t(index.row())];
    if (role == PidRole) {
        return int(p.pid);
    }
    if (role == UsesIpcRole) {
        return p.usesIpc;
    }
    const QString command =
        QString::fromStdString(p.command.empty() ? "[" + p.comm + "]" : p.command);
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case PidColumn:
            return int(p.pid);
        case UserColumn:
            return QString::fromStdString(p.user);
        case CommandColumn:
            return command;
        case ParentColumn:
            return int(p.ppid);
        case IpcColumn:
            if (role == SortRole) {
                return p.usesIpc;
            }
            return p.usesIpc ? tr("yes") : QString();
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case CommandColumn:
            return tr("%1 (%2)").arg(command, QString::fromStdString(p.comm));
        case IpcColumn:
            return p.usesIpc ? tr("Holds a pipe, FIFO, Unix socket, POSIX queue or shared "
                                  "mapping")
                             : tr("Holds no IPC object that /proc shows");
        }
    }
    if (role == Qt::TextAlignmentRole &&
        (index.column() == PidColumn || index.column() == ParentColumn)) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant ProcessListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) {
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case PidColumn:
            return tr("PID");
        case UserColumn:
            return tr("User");
        case CommandColumn:
            return tr("Command line");
        case ParentColumn:
            return tr("Parent");
        case IpcColumn:
            return tr("IPC");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case PidColumn:
            return tr("Process id");
        case CommandColumn:
            return tr("The command line, or the title the process gave itself");
        case ParentColumn:
            return tr("The parent's process id");
        case IpcColumn:
            return tr("Whether it holds an IPC object (pipe, FIFO, Unix socket, POSIX queue, "
                      "shared mapping)");
        }
    }
    return {};
}

void ProcessListModel::retranslate() {
    announceAllChanged();
}

bool ProcessListModel::event(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    return SortedRowsModel::event(event);
}

void ProcessFilterModel::setSearchText(const QString& text) {
    m_words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

void ProcessFilterModel::setIpcOnly(bool on) {
    if (m_ipcOnly != on) {
        m_ipcOnly = on;
        invalidateFilter();
    }
}

void ProcessFilterModel::setAlwaysListed(std::vector<pid_t> pids) {
    std::sort(pids.begin(), pids.end());
    if (pids != m_alwaysListed) {
        m_alwaysListed = std::move(pids);
        invalidateFilter();
    }
}

bool ProcessFilterModel::filterAcceptsRow(int row, const QModelIndex& parent) const {
    const QAbstractItemModel* m = sourceModel();
    const QModelIndex first = m->index(row, 0, parent);
    if (m_ipcOnly && !m->data(first, ProcessListModel::UsesIpcRole).toBool() &&
        !std::binary_search(m_alwaysListed.begin(), m_alwaysListed.end(),
                            pid_t(m->data(first, ProcessListModel::PidRole).toInt()))) {
        return false;
    }
    if (m_words.isEmpty()) {
        return true;
    }
    QString haystack;
    for (int c : {ProcessListModel::PidColumn, ProcessListModel::UserColumn,
                  ProcessListModel::CommandColumn}) {
        haystack += m->data(m->index(row, c, parent)).toString() + QLatin1Char(' ');
    }
    return std::all_of(m_words.begin(), m_words.end(),
                       [&](const QString& w) { return haystack.contains(w, Qt::CaseInsensitive); });
}

ProcessLister::ProcessLister(ProcScanOptions options, QObject* parent)
    : QObject(parent)
    , m_worker(new QObject)
    , m_options(std::move(options)) {
    qRegisterMetaType<std::vector<ipcscope::ProcessSummary>>();
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("process listing"));
    m_thread.start(QThread::LowPriority);
}

ProcessLister::~ProcessLister() {
    m_thread.quit();
    m_thread.wait();
}

void ProcessLister::list() {
    if (m_busy) {
        return;
    }
    m_busy = true;
    QMetaObject::invokeMethod(m_worker, [this, options = m_options] {
        std::vector<ProcessSummary> processes = listProcesses(options); // on the thread
        QMetaObject::invokeMethod(this, [this, processes = std::move(processes)] {
            m_busy = false;
            Q_EMIT listed(processes);
        });
    });
}

} // namespace ipcscope
