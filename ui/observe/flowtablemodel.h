#pragma once

#include "observe/sortedrowsmodel.h"

#include "lab/frame.h"

#include <QString>

namespace ipcscope {

// What flows through each end of each channel of a frame, one row per endpoint: who, which
// channel, which way, the totals and the recent rates. Exact figures (counted in the kernel by
// ipcscope-probe, or by a Lab worker) read as plain numbers; estimates are marked "≈", and an
// end nothing counted says so instead of a misleading 0. Merged, never reset.
struct FlowRow {
    pid_t pid = 0;
    QString command;
    QString channel;
    EndpointDirection direction = EndpointDirection::Send;
    std::uint64_t messages = 0;
    std::uint64_t bytes = 0;
    double messagesPerS = 0;
    double bytesPerS = 0;
    bool estimated = false;
    bool operator==(const FlowRow&) const = default;
    // An estimated end with nothing in it: the /proc tier has no per-end counters.
    bool counted() const {
        return !estimated || messages > 0 || bytes > 0 || messagesPerS > 0 || bytesPerS > 0;
    }
};

class FlowTableModel : public SortedRowsModel<FlowRow> {
    Q_OBJECT

public:
    enum Columns {
        PidColumn,
        CommandColumn,
        ChannelColumn,
        DirectionColumn,
        MessagesColumn,
        BytesColumn,
        MessageRateColumn,
        ByteRateColumn,
        FiguresColumn,
        ColumnCount
    };
    enum Roles { SortRole = Qt::UserRole + 1, EstimatedRole };

    explicit FlowTableModel(QObject* parent = nullptr);

    void setFrame(const Frame& frame);
    void clear() { clearRows(); }
    const FlowRow* flowAt(int row) const { return rowAt(row); }
    static std::vector<FlowRow> flowsOf(const Frame& frame);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    bool event(QEvent* event) override;
};

} // namespace ipcscope
