#pragma once

#include "lab/frame.h"

#include <QAbstractTableModel>
#include <deque>

namespace ipcscope {

// Notable events of the current run, newest last, bounded (oldest rows are dropped in one
// block, so memory stays flat on long runs).
class EventLogModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Columns { TimeColumn, WorkerColumn, TextColumn, ColumnCount };
    static constexpr int kMaxRows = 2000;

    explicit EventLogModel(QObject* parent = nullptr);

    void append(const std::vector<RunEvent>& events, const std::vector<WorkerFrame>& workers);
    void appendText(const QString& text); // lab-level messages (run started, finished, verdict)
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row {
        double timeS;
        QString worker;
        QString text;
        bool serious;
    };
    void appendRows(std::vector<Row> rows);
    std::deque<Row> m_rows;
    double m_lastTimeS = 0;
};

} // namespace ipcscope
