#pragma once

#include "lab/frame.h"

#include <QAbstractTableModel>

#include <array>
#include <vector>

namespace ipcscope {

// One row per process of the current frame (a Lab run: per worker). Frames update the rows in
// place: only the cells whose text (or colour) changed are announced, a range per row, so the
// view repaints only those (no resets while a run is live).
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
    // Texts at least as wide as any the column shows: a column sized to the widest of them
    // never cuts a value, and is not measured again cell by cell as values change (the call
    // column, which takes the rest of the width, has none).
    static QStringList widestTexts(int column);

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
        // As shown (DisplayRole) and the row's colour, made once per frame: what is compared
        // with the previous frame, and what painting reads.
        std::array<QVariant, ColumnCount> shown;
        enum class Tint : std::uint8_t { None, Blocked, Stopped } tint = Tint::None;
    };
    static QVariant displayOf(const Row& r, int column);
    static Row::Tint tintOf(const ProcessFrame& w);
    std::vector<Row> m_rows;
};

} // namespace ipcscope
