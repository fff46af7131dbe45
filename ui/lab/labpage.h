#pragma once

#include "runviews/labcontroller.h"

#include "base/result.h"

#include <QWidget>

#include <functional>

class QAction;
class QCheckBox;
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
class ReplayBar;
class RunPanel;
class ThroughputChartView;
class TopologyView;
class ViewPacer;
class WorkerTableModel;

// The Lab: set up a run, start it, watch it (topology, charts, worker table, events); record
// it, replay a recording with the same views, export the charts (PNG) and the data (CSV).
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
    QAction* recordAction() const { return m_record; }
    QAction* openRecordingAction() const { return m_openRecording; }
    QAction* exportChartsAction() const { return m_exportCharts; }
    QAction* exportDataAction() const { return m_exportData; }
    // Shows or hides the setup panel (F9). A run hides it (its controls are of no use while
    // it goes) and its end brings it back; shown or hidden during a run, that choice is
    // remembered for the next runs.
    QAction* showSetupAction() const { return m_showSetup; }
    bool setupVisible() const;
    QCheckBox& perWorkerBox() { return *m_perWorker; } // throughput: one line per worker
    ReplayBar& replayBar() { return *m_replayBar; }

    bool startRun(const RunConfig& config); // also used by --run at launch
    QString statusText() const;             // run state, elapsed, totals, verdict

    // Without dialogs (the actions ask for the file, then call these): also used by --replay
    // and the tests. False / an error when it did not work; the verdict line says why.
    Status openRecording(const QString& path);
    Status openRecording(Recording recording, const QString& path); // read already
    // Where a recording of an observation goes instead (the main window: the Observe page
    // replays it); without one the Lab refuses it in words.
    using ObservationOpener = std::function<Status(Recording, const QString&)>;
    void setObservationOpener(ObservationOpener opener) { m_observationOpener = std::move(opener); }
    Status exportCharts(const QString& path); // topology, timeline, throughput and depth
    Status exportData(const QString& path);   // CSV, one row per kept sample (SampleTable)

    void saveState() const;
    void restoreState();

Q_SIGNALS:
    void statusChanged();

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QString runRecordingPath() const; // newRecordingPath() named after the mechanism
    void retranslateUi();
    void clearViews(); // what the run's views show, and the event log
    void onFrame();
    void refreshViews();  // from the latest frame: paced by m_pacer
    void refreshCharts(); // throughput, fill and timeline: paced by m_chartPacer
    void onFinished();
    void updateActions();
    void onReplayReset();
    void setSetupShown(bool shown); // the splitter's first pane, its width kept
    void fitWorkerTable();          // room for every worker's row where the page allows
    void showWholeRows();           // the table's viewport ends at a row's end: no row cut in half
    int workerPaneFor(int rows) const;  // the height of the workers pane showing `rows` rows
    void sizeWorkerColumns();           // to the widest text each column can show
    Status replayOpened(Status opened); // after the controller opened (or refused) a recording
    void onRecordToggled(bool on);
    void chooseRecordingToOpen();
    void chooseChartsFile();
    void chooseDataFile();
    QString askSaveFile(const QString& title, const QString& filter, const QString& suffix);
    void showError(const QString& title, const QString& message); // a dialog
    void showRunError(const QString& message); // in the event log and the verdict line

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
    QCheckBox* m_perWorker;
    QAction* m_showSetup;
    int m_setupWidth = 320;      // the panel's width when shown
    bool m_fittingTable = false; // the splitter is being moved to fit the workers table
    QLabel* m_unitLabel = nullptr;
    QLabel* m_verdict;
    QSplitter* m_mainSplitter;
    QSplitter* m_viewSplitter;
    QSplitter* m_topSplitter;
    QSplitter* m_chartSplitter;
    QTabWidget* m_bottomTabs;
    ReplayBar* m_replayBar;
    QAction* m_start;
    QAction* m_stop;
    QAction* m_pause;
    QAction* m_record;
    QAction* m_openRecording;
    QAction* m_exportCharts;
    QAction* m_exportData;
    ObservationOpener m_observationOpener;
    ViewPacer* m_pacer;      // the views: charts, topology, timeline, event log, status
    ViewPacer* m_tablePacer; // the worker table's numbers: read, not watched, so less often
    ViewPacer* m_chartPacer; // the charts and the timeline: they move a few pixels a refresh
    std::vector<RunEvent> m_pendingEvents; // of the frames since the views were refreshed
};

} // namespace ipcscope
