#pragma once

#include "observe/sortedrowsmodel.h"

#include "lab/frame.h"

#include <QString>

namespace ipcscope {

// Every wait of a frame, one row per waiting thread (an observation's, a run's or a replay's):
// who waits, in which call, on which object, what more is known, for how long, and (eBPF tier)
// who woke it the last time it waited. Rows of a wait cycle are marked and say its verdict.
// Sorted by pid and thread; merged, never reset.
struct WaitRow {
    pid_t pid = 0;
    pid_t tid = 0;
    QString command;
    QString call;
    QString object;
    QString detail;
    std::uint64_t waitingNs = 0;
    bool atLeast = false; // a lower bound (seen from outside)
    QString deadlock;     // the cycle it is in, in words; empty when none
    bool certain = false;
    std::optional<WakeFrame> lastWake; // measured in the kernel; none without the eBPF tier
    bool operator==(const WaitRow&) const = default;
};

class WaitTableModel : public SortedRowsModel<WaitRow> {
    Q_OBJECT

public:
    enum Columns {
        PidColumn,
        TidColumn,
        CommandColumn,
        CallColumn,
        ObjectColumn,
        DetailColumn,
        WaitingColumn,
        WokenByColumn,
        ColumnCount
    };
    enum Roles { SortRole = Qt::UserRole + 1, DeadlockRole };

    explicit WaitTableModel(QObject* parent = nullptr);

    void setFrame(const Frame& frame);
    void clear() { clearRows(); }
    const WaitRow* waitAt(int row) const { return rowAt(row); }
    static std::vector<WaitRow> waitsOf(const Frame& frame);
    // "4712 writer"; and in words, with the wait's length, call and object.
    static QString wokenByText(const WakeFrame& wake);
    static QString wokenByTip(const WakeFrame& wake);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    bool event(QEvent* event) override;
};

} // namespace ipcscope
