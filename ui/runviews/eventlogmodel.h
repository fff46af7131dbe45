#pragma once

#include "lab/frame.h"

#include <QAbstractTableModel>
#include <deque>
#include <vector>

namespace ipcscope {

// Notable events of the current run, newest last, bounded: past kMaxRows the oldest rows are
// dropped in one block (memory stays flat on long runs), and the first row then says how many
// went ("… and 1,234 earlier events not listed").
class EventLogModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Columns { TimeColumn, WorkerColumn, TextColumn, ColumnCount };
    static constexpr int kMaxRows = 2000; // the "… and K earlier" row included

    std::uint64_t omittedCount() const { return m_omitted; } // rows dropped so far

    explicit EventLogModel(QObject* parent = nullptr);

    // `processes`: the frame's, which events name by index.
    void append(const std::vector<RunEvent>& events, const std::vector<ProcessFrame>& processes);
    void appendText(const QString& text); // lab-level messages (run started, finished, verdict)
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Announces every header and cell as changed (on QEvent::LanguageChange, which the model
    // receives from the widget it is a child of). Worker names follow the language; texts
    // appended with appendText() stay as they were given.
    void retranslate();

protected:
    bool event(QEvent* event) override;

private:
    struct Row {
        double timeS;
        int worker; // index into m_workers, -1 = none
        QString text;
        bool serious;
    };
    struct WorkerName {
        std::optional<WorkerId> worker;
        std::string command;
        pid_t pid;
        bool operator==(const WorkerName&) const = default;
    };
    QString workerText(const Row& r) const;
    QString omittedText() const;
    int firstEventRow() const { return m_omitted > 0 ? 1 : 0; }
    void appendRows(std::vector<Row> rows);
    std::deque<Row> m_rows;
    std::vector<WorkerName> m_workers; // of the current run, as events name them
    double m_lastTimeS = 0;
    std::uint64_t m_omitted = 0;
};

} // namespace ipcscope
