#pragma once

#include "observe/sortedrowsmodel.h"

#include "observe/procscan.h"

#include <QAbstractTableModel>
#include <QObject>
#include <QSortFilterProxyModel>
#include <QThread>

#include <vector>

namespace ipcscope {

// The process picker's rows: every process the user may see (listProcesses()), one row each,
// by pid. A new listing is merged (gone rows removed, changed cells announced, new rows
// inserted in pid order), never a reset: the selection and scroll position stay.
class ProcessListModel : public SortedRowsModel<ProcessSummary> {
    Q_OBJECT

public:
    // The command line last: it takes the width the others leave (like ps's CMD).
    enum Columns { PidColumn, UserColumn, ParentColumn, IpcColumn, CommandColumn, ColumnCount };
    enum Roles { SortRole = Qt::UserRole + 1, PidRole, UsesIpcRole };

    explicit ProcessListModel(QObject* parent = nullptr);

    void merge(std::vector<ProcessSummary> processes); // any order
    const ProcessSummary* process(int row) const;
    int rowOf(pid_t pid) const; // -1 when not listed

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void retranslate(); // every header and cell changed (QEvent::LanguageChange)

protected:
    bool event(QEvent* event) override;
};

// The picker's search: a text matched against the pid, the user and the command line (every
// word must match, in any order, case-insensitive), and "uses IPC only".
class ProcessFilterModel : public QSortFilterProxyModel {
    Q_OBJECT

public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setSearchText(const QString& text);
    void setIpcOnly(bool on);
    bool ipcOnly() const { return m_ipcOnly; }
    // These stay listed under "uses IPC only" (the observed processes: their rows show them
    // selected even when they hold nothing yet).
    void setAlwaysListed(std::vector<pid_t> pids);

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override;

private:
    QStringList m_words;
    bool m_ipcOnly = false;
    std::vector<pid_t> m_alwaysListed; // sorted
};

// Lists the processes on a thread of its own: a process whose /proc is slow to read must not
// stall the GUI. list() is ignored while a listing is under way; results come as listed().
class ProcessLister : public QObject {
    Q_OBJECT

public:
    explicit ProcessLister(ProcScanOptions options = {}, QObject* parent = nullptr);
    ~ProcessLister() override;
    void list();
    bool busy() const { return m_busy; }

Q_SIGNALS:
    void listed(const std::vector<ipcscope::ProcessSummary>& processes);

private:
    QThread m_thread;
    QObject* m_worker;
    ProcScanOptions m_options;
    bool m_busy = false;
};

} // namespace ipcscope
