#pragma once

#include "runviews/labcontroller.h"

#include "base/result.h"
#include "observe/observer.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QSplitter;
class QTableView;
class QTabWidget;
class QTimer;

namespace ipcscope {

class BlockingTimelineView;
class DepthChartView;
class FlowTableModel;
class GaugeChartView;
class ProcessFilterModel;
class ProcessListModel;
class ProcessLister;
class ReplayBar;
class TopologyView;
class ViewPacer;
class WaitTableModel;

// Observe (DESIGN.md §7): pick running programs ipcscope did not start and watch them through
// the LabController like a run — processes and channels as a graph with who waits in which
// call on which object, a lane per thread, the flow the kernel counts, every wait in a table,
// and the wait cycles (deadlocks) and lone waits said in words on a banner.
class ObservePage : public QWidget {
    Q_OBJECT

public:
    explicit ObservePage(QWidget* parent = nullptr);
    ~ObservePage() override;

    LabController& controller() { return *m_controller; }
    ProcessListModel& processModel() { return *m_processes; }
    ProcessFilterModel& processFilter() { return *m_filter; }
    QTableView& processView() { return *m_processView; }
    WaitTableModel& waitModel() { return *m_waits; }
    FlowTableModel& flowModel() { return *m_flows; }
    QCheckBox& exactFlowBox() { return *m_exactFlow; }
    TopologyView& topology() { return *m_topology; }
    DepthChartView& depthChart() { return *m_depth; }
    BlockingTimelineView& timeline() { return *m_timeline; }
    QString bannerText() const; // the deadlocks and notes shown above the views
    // Where the flow figures come from (Frame::flowNote), or why they are only estimates and
    // what to do about it, as shown above the views.
    QString flowNoteText() const;

    QAction* startAction() const { return m_start; }
    QAction* stopAction() const { return m_stop; }
    QAction* refreshAction() const { return m_refresh; }
    QAction* recordAction() const { return m_record; }
    QAction* openRecordingAction() const { return m_openRecording; }

    // Replays a recorded observation (a run's recording is refused: the Lab replays those).
    Status openRecording(const QString& path);
    Status openRecording(Recording recording, const QString& path); // read already

    // The process list: listed again now (off the GUI thread; processesListed() when done).
    void refreshProcesses();
    void setSearchText(const QString& text);
    void setIpcOnly(bool on);
    // Selects these pids in the picker (those listed); returns how many were found.
    int selectPids(const std::vector<pid_t>& pids);

    // What Start observes: the picker's selection and options; with Exact flow (eBPF) on, the
    // eBPF tier where it can start (probeStart(): directly as root, else through pkexec).
    ObserveOptions options() const;
    // Starts observing `options` (Start uses options()); the error in words when it cannot. The
    // picker then shows them: the pids selected (once listed: --observe comes before the first
    // listing), descendants, all channels and the interval set as observed.
    Status observe(const ObserveOptions& options);
    Status observeSelected() { return observe(options()); }
    void stopObserving();
    // Everyone using one object, as System objects' "Observe who uses it" asks.
    Status observeObject(const ObjectRef& object);

    QString statusText() const;
    // Processes are listed only while the page is shown (a /proc walk every few seconds would
    // otherwise cost for nothing).
    void setActive(bool active);

    void saveState() const;
    void restoreState();

Q_SIGNALS:
    void statusChanged();
    void processesListed();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void clearViews();
    void onFrame();
    void refreshViews(); // from the latest frame: paced by m_pacer
    void onStarted();
    void onFinished();
    void updateActions();
    void updateSelectionSummary();
    void showObserved(const ObserveOptions& options);
    void selectObserved(bool listed); // `listed`: a listing just came
    void showError(const QString& message);
    void showFlowNote(const Frame& frame);
    void onRecordToggled(bool on);
    Status replayOpened(Status opened);
    std::optional<ObjectRef> objectFromField(QString* problem) const;

    LabController* m_controller;
    ViewPacer* m_pacer; // the views of the frames, at the rate the eye needs, none while hidden
    // Each frame's count of waiting threads and of processes in a cycle, for the waits chart
    // (every frame a point), since the views were last refreshed.
    struct WaitSample {
        double timeS = 0, waiting = 0, inCycles = 0;
    };
    std::vector<WaitSample> m_waitSamples;
    ProcessListModel* m_processes;
    ProcessFilterModel* m_filter;
    ProcessLister* m_lister;
    QTableView* m_processView;
    QLineEdit* m_search;
    QCheckBox* m_ipcOnly;
    QCheckBox* m_descendants;
    QCheckBox* m_allChannels;
    QCheckBox* m_everyone;
    QCheckBox* m_exactFlow;
    QLineEdit* m_object;
    QLabel* m_objectLabel;
    QSpinBox* m_interval;
    QLabel* m_intervalLabel;
    QLabel* m_selection;
    QLabel* m_message;
    QLabel* m_banner;
    QLabel* m_flowNote;
    TopologyView* m_topology;
    BlockingTimelineView* m_timeline;
    DepthChartView* m_depth;
    GaugeChartView* m_waitChart;
    WaitTableModel* m_waits;
    QTableView* m_waitView;
    FlowTableModel* m_flows;
    QTableView* m_flowView;
    QTabWidget* m_bottomTabs;
    QSplitter* m_mainSplitter;
    QSplitter* m_viewSplitter;
    QSplitter* m_topSplitter;
    QSplitter* m_chartSplitter;
    ReplayBar* m_replayBar;
    QTimer* m_listTimer;
    QAction* m_start;
    QAction* m_stop;
    QAction* m_refresh;
    QAction* m_record;
    QAction* m_openRecording;
    std::optional<ObjectRef> m_pendingObject; // set by observeObject(): shown in the field
    std::vector<pid_t> m_toSelect;            // observed pids the picker has not listed yet
    bool m_followSelection = false;           // scroll to the observed rows after each listing
    bool m_exactRequested = false;            // the observation shown asked for the eBPF tier
    QString m_probeAdvice; // what to do for exact flow, said while the figures are estimates
};

} // namespace ipcscope
