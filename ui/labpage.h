#pragma once

#include "labcontroller.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;
class QTableView;
class QTabWidget;

namespace ipcscope {

class BlockingTimelineView;
class DepthChartView;
class EventLogModel;
class RunPanel;
class ThroughputChartView;
class TopologyView;
class WorkerTableModel;

// The Lab: set up a run, start it, watch it (topology, charts, worker table, events).
class LabPage : public QWidget {
    Q_OBJECT

public:
    explicit LabPage(const KernelLimits& limits, QWidget* parent = nullptr);
    ~LabPage() override;

    LabController& controller() { return *m_controller; }
    RunPanel& runPanel() { return *m_panel; }
    WorkerTableModel& workerModel() { return *m_workerModel; }
    EventLogModel& eventModel() { return *m_eventModel; }

    QAction* startAction() const { return m_start; }
    QAction* stopAction() const { return m_stop; }
    QAction* pauseAction() const { return m_pause; }

    bool startRun(const RunConfig& config); // also used by --run at launch
    QString statusText() const;             // run state, elapsed, totals, verdict

    void saveState() const;
    void restoreState();

Q_SIGNALS:
    void statusChanged();

private:
    void onFrame();
    void onFinished();
    void updateActions();

    LabController* m_controller;
    RunPanel* m_panel;
    TopologyView* m_topology;
    ThroughputChartView* m_throughput;
    DepthChartView* m_depth;
    BlockingTimelineView* m_timeline;
    WorkerTableModel* m_workerModel;
    EventLogModel* m_eventModel;
    QTableView* m_workerTable;
    QTableView* m_eventTable;
    QComboBox* m_unit;
    QLabel* m_verdict;
    QSplitter* m_mainSplitter;
    QSplitter* m_viewSplitter;
    QSplitter* m_topSplitter;
    QSplitter* m_chartSplitter;
    QTabWidget* m_bottomTabs;
    QAction* m_start;
    QAction* m_stop;
    QAction* m_pause;
};

} // namespace ipcscope
