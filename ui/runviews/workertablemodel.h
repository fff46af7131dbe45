#pragma once

#include "lab/frame.h"

#include <QAbstractTableModel>
#include <vector>

namespace ipcscope {

// One row per process of the current frame (a Lab run: per worker). Frames update the rows in
// place: only changed cells are announced, in one ranged dataChanged per frame (no resets while a
// run is live).
class WorkerTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Columns {
        PidColumn,
        RoleColumn,
        StateColumn,
        CallColumn,
        MessagesColumn,
        BytesColumn,
        RateColumn,
        BlockedColumn,
        ColumnCount
    };
    enum Roles { SortRole = Qt::UserRole + 1, WorkerStateRole };

    explicit WorkerTableModel(QObject* parent = nullptr);

    void setFrame(const Frame& frame);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString stateText(const ProcessFrame& w);

    // Announces every header and cell as changed (on QEvent::LanguageChange, which the model
    // receives from the widget it is a child of).
    void retranslate();

protected:
    bool event(QEvent* event) override;

private:
    struct Row {
        ProcessFrame worker;
        double rate = 0;       // messages per second, recent (Frame::messagesPerS)
        double blockedPct = 0; // of the elapsed time
    };
    std::vector<Row> m_rows;
};

} // namespace ipcscope
