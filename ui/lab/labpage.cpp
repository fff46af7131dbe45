#include "lab/labpage.h"

#include "lab/runpanel.h"
#include "runviews/chartviews.h"
#include "runviews/eventlogmodel.h"
#include "runviews/exporter.h"
#include "runviews/recordingfiles.h"
#include "runviews/replaybar.h"
#include "runviews/topologyview.h"
#include "runviews/viewpacer.h"
#include "runviews/workertablemodel.h"

#include "base/format.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace ipcscope {

namespace {

QToolButton* actionButton(QAction* action) {
    auto* b = new QToolButton;
    b->setDefaultAction(action);
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    return b;
}

} // namespace

LabPage::LabPage(const KernelLimits& limits, QWidget* parent)
    : QWidget(parent)
    , m_controller(new LabController(this))
    , m_panel(new RunPanel(limits))
    , m_topology(new TopologyView)
    , m_throughput(new ThroughputChartView)
    , m_depth(new DepthChartView)
    , m_timeline(new BlockingTimelineView)
    , m_workerModel(new WorkerTableModel(this))
    , m_eventModel(new EventLogModel(this))
    , m_workerTable(new QTableView)
    , m_eventTable(new QTableView)
    , m_unit(new QComboBox)
    , m_perWorker(new QCheckBox)
    , m_verdict(new QLabel)
    , m_replayBar(new ReplayBar)
    , m_pacer(new ViewPacer(this, [this] { refreshViews(); })) {
    // Texts are set in retranslateUi(), again whenever the language changes.
    const auto action = [this](const char* icon) {
        return new QAction(QIcon::fromTheme(QString::fromLatin1(icon)), QString(), this);
    };
    m_start = action("media-playback-start");
    m_start->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_Return)});
    m_stop = action("media-playback-stop");
    m_stop->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_pause = action("media-playback-pause");
    m_pause->setShortcut(QKeySequence(Qt::Key_F6));
    m_pause->setCheckable(true);
    m_record = action("media-record");
    m_record->setCheckable(true);
    m_record->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)); // Ctrl+R is Refresh
    m_openRecording = action("document-open");
    m_openRecording->setShortcut(QKeySequence::Open);
    m_exportCharts = action("image-x-generic");
    m_exportData = action("text-csv");
    m_showSetup = action("view-split-left-right");
    m_showSetup->setCheckable(true);
    m_showSetup->setChecked(true);
    m_showSetup->setShortcut(QKeySequence(Qt::Key_F9));
    m_showSetup->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_showSetup);
    connect(m_showSetup, &QAction::triggered, this, [this](bool shown) {
        setSetupShown(shown);
        if (m_controller->isActive()) {
            // Asked for during a run: the next runs leave it as it is now.
            QSettings().setValue(QStringLiteral("lab/hideSetupDuringRun"), !shown);
        }
    });
    connect(m_record, &QAction::toggled, this, &LabPage::onRecordToggled);
    connect(m_openRecording, &QAction::triggered, this, &LabPage::chooseRecordingToOpen);
    connect(m_exportCharts, &QAction::triggered, this, &LabPage::chooseChartsFile);
    connect(m_exportData, &QAction::triggered, this, &LabPage::chooseDataFile);
    connect(m_controller, &LabController::recordingChanged, this, [this] {
        // The file could not be written: show it by releasing the button. (After a run ends
        // Record stays on: the next run gets a new file.)
        if (m_record->isChecked() && m_controller->isActive() && !m_controller->isRecording()) {
            const QSignalBlocker block(m_record);
            m_record->setChecked(false);
        }
        Q_EMIT statusChanged();
    });
    connect(m_controller, &LabController::recordingClosed, this, [this](const QString& path) {
        m_eventModel->appendText(tr("Recording saved in %1 (File › Open Recording replays it)")
                                     .arg(QDir::toNativeSeparators(path)));
    });
    connect(m_controller, &LabController::replayReset, this, &LabPage::onReplayReset);
    connect(m_controller, &LabController::replayStateChanged, this, [this] {
        m_replayBar->sync(*m_controller);
        updateActions();
        Q_EMIT statusChanged();
    });
    m_replayBar->attach(m_controller);
    connect(m_replayBar, &ReplayBar::closeRequested, this, [this] {
        m_controller->closeReplay();
        m_verdict->clear();
        clearViews();
    });

    connect(m_start, &QAction::triggered, this, [this] { startRun(m_panel->config()); });
    connect(m_stop, &QAction::triggered, m_controller, &LabController::stop);
    connect(m_pause, &QAction::toggled, this,
            [this](bool on) { on ? m_controller->pause() : m_controller->resume(); });
    connect(m_panel, &RunPanel::validityChanged, this, &LabPage::updateActions);
    connect(m_controller, &LabController::frameUpdated, this, &LabPage::onFrame);
    connect(m_controller, &LabController::finished, this, &LabPage::onFinished);
    connect(m_controller, &LabController::started, this, &LabPage::updateActions);
    connect(m_controller, &LabController::started, this, [this] {
        if (setupVisible() &&
            QSettings().value(QStringLiteral("lab/hideSetupDuringRun"), true).toBool()) {
            setSetupShown(false);
        }
    });
    connect(m_controller, &LabController::errorOccurred, this, &LabPage::showRunError);

    m_topology->setObjectName(QStringLiteral("topology"));
    m_timeline->setObjectName(QStringLiteral("timeline"));

    // Left: the setup and the run controls.
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->addWidget(m_panel, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(actionButton(m_start));
    buttons->addWidget(actionButton(m_pause));
    buttons->addWidget(actionButton(m_stop));
    leftLayout->addLayout(buttons);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    leftLayout->addWidget(m_verdict);

    // Right: what happens.
    m_unit->addItem(QString());
    m_unit->addItem(QString());
    connect(m_unit, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_throughput->setUnit(i == 0 ? ThroughputChartView::Unit::Messages
                                     : ThroughputChartView::Unit::Bytes);
        m_throughput->setHistory(m_controller->history());
    });
    auto* throughputBox = new QWidget;
    auto* throughputLayout = new QVBoxLayout(throughputBox);
    throughputLayout->setContentsMargins(0, 0, 0, 0);
    auto* unitRow = new QHBoxLayout;
    auto* setupButton = new QToolButton;
    setupButton->setDefaultAction(m_showSetup);
    setupButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    unitRow->addWidget(setupButton);
    unitRow->addStretch();
    m_perWorker->setChecked(false);
    connect(m_perWorker, &QCheckBox::toggled, this, [this](bool on) {
        m_throughput->setPerProcess(on);
        m_throughput->setHistory(m_controller->history());
        QSettings().setValue(QStringLiteral("lab/throughputPerWorker"), on);
    });
    unitRow->addWidget(m_perWorker);
    unitRow->addSpacing(12);
    m_unitLabel = new QLabel;
    unitRow->addWidget(m_unitLabel);
    unitRow->addWidget(m_unit);
    throughputLayout->addLayout(unitRow);
    throughputLayout->addWidget(m_throughput, 1);

    m_topSplitter = new QSplitter(Qt::Horizontal);
    m_topSplitter->addWidget(m_topology);
    m_topSplitter->addWidget(m_timeline);
    m_chartSplitter = new QSplitter(Qt::Horizontal);
    m_chartSplitter->addWidget(throughputBox);
    m_chartSplitter->addWidget(m_depth);

    auto* workerProxy = new QSortFilterProxyModel(this);
    workerProxy->setSourceModel(m_workerModel);
    workerProxy->setSortRole(WorkerTableModel::SortRole);
    m_workerTable->setModel(workerProxy);
    m_workerTable->setObjectName(QStringLiteral("workerTable"));
    m_workerTable->setSortingEnabled(true);
    m_workerTable->sortByColumn(-1, Qt::AscendingOrder);
    m_workerTable->verticalHeader()->hide();
    m_workerTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_workerTable->setAlternatingRowColors(true);
    m_workerTable->setWordWrap(false);
    // Compact rows, and room for all of them where the page allows (8 × 8 workers: 16 rows).
    m_workerTable->verticalHeader()->setDefaultSectionSize(m_workerTable->fontMetrics().height() +
                                                           4);
    m_workerTable->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    connect(m_workerModel, &QAbstractItemModel::rowsInserted, this, &LabPage::fitWorkerTable);
    connect(m_workerModel, &QAbstractItemModel::modelReset, this, &LabPage::fitWorkerTable);
    // Whole rows, whatever the pane's height (a window resized, the splitter dragged).
    m_workerTable->viewport()->installEventFilter(this);
    m_eventTable->setModel(m_eventModel);
    m_eventTable->verticalHeader()->hide();
    m_eventTable->horizontalHeader()->setStretchLastSection(true);
    m_eventTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_eventTable->setWordWrap(false);
    connect(m_eventModel, &QAbstractItemModel::rowsInserted, m_eventTable,
            &QTableView::scrollToBottom);
    m_bottomTabs = new QTabWidget;
    m_bottomTabs->addTab(m_workerTable, QString());
    m_bottomTabs->addTab(m_eventTable, QString());
    // Twice a second (numbers to read, not motion to follow), and not while the Events tab (or
    // another page) hides it.
    m_tablePacer = new ViewPacer(
        m_workerTable, [this] { m_workerModel->setFrame(m_controller->lastFrame()); }, 500);
    // The charts and the timeline five times a second: they move a few pixels a refresh, and
    // repainting them was the larger part of what the GUI cost while it watched a run.
    m_chartPacer = new ViewPacer(
        this, [this] { refreshCharts(); }, 200);

    m_viewSplitter = new QSplitter(Qt::Vertical);
    m_viewSplitter->addWidget(m_topSplitter);
    m_viewSplitter->addWidget(m_chartSplitter);
    m_viewSplitter->addWidget(m_bottomTabs);
    m_viewSplitter->setStretchFactor(0, 4);
    m_viewSplitter->setStretchFactor(1, 4);
    m_viewSplitter->setStretchFactor(2, 2);
    m_viewSplitter->setSizes({380, 360, 190});
    m_topSplitter->setSizes({760, 520});

    // The replay bar sits under the views, like a player's transport; only shown in replay.
    m_replayBar->setObjectName(QStringLiteral("replayBar"));
    m_replayBar->hide();
    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->setSpacing(0);
    rightLayout->addWidget(m_viewSplitter, 1);
    rightLayout->addWidget(m_replayBar);

    // Scrolled where the window is narrower than the setup's form: at 1024 px, in the large
    // text of presentation mode, the form and the views could not both fit side by side.
    auto* leftScroll = new QScrollArea;
    leftScroll->setWidget(left);
    leftScroll->setWidgetResizable(true);
    leftScroll->setFrameShape(QFrame::NoFrame);
    leftScroll->setMinimumWidth(std::min(left->minimumSizeHint().width(), 280));

    m_mainSplitter = new QSplitter(Qt::Horizontal);
    m_mainSplitter->addWidget(leftScroll);
    m_mainSplitter->addWidget(right);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setCollapsible(0, true);
    m_mainSplitter->setCollapsible(1, false);
    connect(m_mainSplitter, &QSplitter::splitterMoved, this, [this] {
        // Dragged shut or open by hand: the action follows.
        const QSignalBlocker block(m_showSetup);
        m_showSetup->setChecked(setupVisible());
    });
    m_mainSplitter->setSizes({320, 1280});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_mainSplitter);
    retranslateUi();
    updateActions();
}

void LabPage::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void LabPage::retranslateUi() {
    m_start->setText(tr("&Start"));
    m_start->setToolTip(tr("Start the run: launch the worker processes (F5)"));
    m_stop->setText(tr("S&top"));
    m_stop->setToolTip(tr(
        "Stop: producers finish, consumers drain the channel, every object is removed (Shift+F5)"));
    m_pause->setText(tr("&Pause"));
    m_pause->setToolTip(tr("Pause: stop every worker with SIGSTOP; resume with SIGCONT (F6)"));
    m_record->setText(tr("&Record"));
    m_record->setToolTip(
        tr("Record: save every sample of the run to a file you can replay anywhere, without "
           "running any process (Ctrl+Shift+R). Files go to %1")
            .arg(QDir::toNativeSeparators(RecordingFiles::directory())));
    m_openRecording->setText(tr("&Open Recording…"));
    m_openRecording->setToolTip(tr("Replay a recorded run: the same views, with seek, pause and "
                                   "speed; no process runs. A recorded observation replays on "
                                   "the Observe page (Ctrl+O)"));
    m_exportCharts->setText(tr("Export Charts as &PNG…"));
    m_exportCharts->setToolTip(
        tr("Save the topology, the timeline and the charts as they are shown now, as one image"));
    m_exportData->setText(tr("Export Data as &CSV…"));
    m_exportData->setToolTip(
        tr("Save the samples (time, each worker's messages, bytes, state and blocked time, "
           "channel depth) as a table for a spreadsheet; a long run's are thinned evenly to a "
           "few thousand rows"));
    m_unit->setItemText(0, tr("messages/s"));
    m_unit->setItemText(1, tr("bytes/s"));
    m_unit->setToolTip(tr("Unit of the throughput chart"));
    m_perWorker->setText(tr("One line per wor&ker"));
    m_perWorker->setToolTip(tr("Draw every worker's own line instead of the sum per role with "
                               "the range of its workers (remembered)"));
    m_showSetup->setText(tr("Setup"));
    m_showSetup->setToolTip(tr("Show or hide the run's setup (F9). A run hides it and its end "
                               "shows it again; show it during a run to keep it there."));
    m_unitLabel->setText(tr("Throughput in"));
    m_bottomTabs->setTabText(0, tr("&Workers"));
    m_bottomTabs->setTabText(1, tr("&Events"));
    sizeWorkerColumns();
}

LabPage::~LabPage() = default;

bool LabPage::startRun(const RunConfig& config) {
    m_panel->setConfig(config);
    if (!m_panel->isValid()) {
        m_verdict->setText(tr("Cannot run: %1").arg(m_panel->problem()));
        Q_EMIT statusChanged();
        return false;
    }
    clearViews();
    m_pacer->restart(); // the run's first frame is shown at once
    m_tablePacer->restart();
    m_chartPacer->restart();
    m_verdict->clear();
    m_pause->setChecked(false);
    if (m_record->isChecked()) {
        // Armed: the file is created when the run starts (and errorOccurred() if it cannot be).
        if (auto armed = m_controller->recordTo(runRecordingPath()); !armed) {
            showRunError(QString::fromStdString(armed.error().message));
        }
    }
    if (auto started = m_controller->start(config); !started) {
        showRunError(QString::fromStdString(started.error().message));
        updateActions();
        return false;
    }
    m_panel->saveSettings();
    m_depth->setUnit(QString::fromUtf8(mechanismInfo(config.mechanism).capacityUnit.data()));
    const MechanismInfo& info = mechanismInfo(config.mechanism);
    m_eventModel->appendText(tr("Started %1: %2 producer(s), %3 consumer(s)")
                                 .arg(QString::fromUtf8(info.title.data()))
                                 .arg(config.producers)
                                 .arg(config.consumers));
    const RunInfo run = *m_controller->runInfo();
    for (const auto& w : run.warnings) {
        m_eventModel->appendText(tr("Note: %1").arg(QString::fromStdString(w)));
    }
    if (m_controller->isRecording()) {
        m_eventModel->appendText(
            tr("Recording to %1").arg(QDir::toNativeSeparators(m_controller->recordingPath())));
    }
    updateActions();
    return true;
}

void LabPage::clearViews() {
    m_pendingEvents.clear();
    m_eventModel->clear();
    m_workerModel->clear();
    m_topology->clear();
    m_throughput->clear();
    m_depth->clear();
    m_timeline->clear();
}

// Frames come at the sampling rate; every frame's events are kept for the log, the views show
// the latest frame at the pace the eye needs (and not at all while the page is hidden).
void LabPage::onFrame() {
    const Frame& f = m_controller->lastFrame();
    m_pendingEvents.insert(m_pendingEvents.end(), f.newEvents.begin(), f.newEvents.end());
    if (m_pendingEvents.size() > std::size_t(EventLogModel::kMaxRows)) {
        // Hidden for long: the log keeps its last rows anyway, the pending list need not grow.
        m_eventModel->append(m_pendingEvents, f.processes);
        m_pendingEvents.clear();
    }
    m_pacer->frameArrived();
}

void LabPage::refreshViews() {
    const Frame& f = m_controller->lastFrame();
    m_tablePacer->frameArrived();
    m_chartPacer->frameArrived();
    m_eventModel->append(m_pendingEvents, f.processes);
    m_pendingEvents.clear();
    m_topology->setSnapshot(f);
    if (m_controller->isReplaying()) {
        m_replayBar->setPosition(m_controller->replayPositionS());
    }
    updateActions();
    Q_EMIT statusChanged();
}

void LabPage::refreshCharts() {
    const RunHistory& h = m_controller->history();
    m_throughput->setHistory(h);
    m_depth->setHistory(h);
    m_timeline->setHistory(h);
}

void LabPage::onFinished() {
    m_pacer->flush(); // the last frame, exactly, before the verdict
    m_tablePacer->flush();
    m_chartPacer->flush();
    const RunReport& r = *m_controller->report();
    const Totals& t = r.totals;
    QString verdict;
    if (t.clean() && !r.workersFailed()) {
        verdict = tr("Clean run: %1 messages sent and received intact in %2 s.")
                      .arg(QString::fromStdString(formatCount(double(t.messagesSent))))
                      .arg(r.durationS, 0, 'f', 1);
    } else {
        verdict = tr("Problems: lost %1, duplicated %2, corrupted %3, reordered %4%5.")
                      .arg(t.lost)
                      .arg(t.duplicated)
                      .arg(t.corrupted)
                      .arg(t.reordered)
                      .arg(r.workersFailed() ? tr("; a worker failed or was killed") : QString());
    }
    m_verdict->setText(verdict);
    m_eventModel->appendText(tr("Finished. %1 Every object of the run was removed.").arg(verdict));
    m_pause->setChecked(false);
    if (!setupVisible()) {
        setSetupShown(true); // the verdict and the next setup are in it
    }
    updateActions();
    Q_EMIT statusChanged();
}

bool LabPage::setupVisible() const {
    const QList<int> sizes = m_mainSplitter->sizes();
    return !sizes.isEmpty() && sizes.first() > 0;
}

void LabPage::setSetupShown(bool shown) {
    QList<int> sizes = m_mainSplitter->sizes();
    if (sizes.size() != 2 || (sizes[0] > 0) == shown) {
        const QSignalBlocker block(m_showSetup);
        m_showSetup->setChecked(shown);
        return;
    }
    const int total = sizes[0] + sizes[1];
    if (total <= 0) {
        return; // not laid out yet
    }
    if (!shown) {
        m_setupWidth = sizes[0];
        sizes = {0, total};
    } else {
        const int least = std::min(m_mainSplitter->widget(0)->minimumSizeHint().width(), total / 2);
        const int width = std::clamp(m_setupWidth, least, std::max(least, total / 2));
        sizes = {width, total - width};
    }
    m_mainSplitter->setSizes(sizes);
    const QSignalBlocker block(m_showSetup);
    m_showSetup->setChecked(shown);
}

void LabPage::sizeWorkerColumns() {
    // Sized once to the widest text each column can show, not to its cells: sizing to the
    // contents measured every cell again whenever one changed (most of what the table cost).
    QHeaderView* header = m_workerTable->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(WorkerTableModel::CallColumn, QHeaderView::Stretch);
    const QFontMetrics fm(m_workerTable->font());
    // The delegate's margins and the grid line, with a little to spare.
    const int margin = 2 * (m_workerTable->style()->pixelMetric(QStyle::PM_FocusFrameHMargin,
                                                                nullptr, m_workerTable) +
                            1) +
                       8;
    for (int c = 0; c < WorkerTableModel::ColumnCount; ++c) {
        if (c == WorkerTableModel::CallColumn) {
            continue;
        }
        int width = header->sectionSizeHint(c);
        for (const QString& text : WorkerTableModel::widestTexts(c)) {
            width = std::max(width, fm.horizontalAdvance(text) + margin);
        }
        header->resizeSection(c, width);
    }
}

bool LabPage::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_workerTable->viewport() && event->type() == QEvent::Resize) {
        showWholeRows();
    }
    return QWidget::eventFilter(watched, event);
}

int LabPage::workerPaneFor(int rows) const {
    // The tab bar, the header, the frame and a horizontal scroll bar if one shows.
    const int around = m_bottomTabs->height() - m_workerTable->viewport()->height();
    return around + rows * m_workerTable->verticalHeader()->defaultSectionSize();
}

void LabPage::showWholeRows() {
    const QList<int> sizes = m_viewSplitter->sizes();
    const int rowHeight = m_workerTable->verticalHeader()->defaultSectionSize();
    const int rows = m_workerModel->rowCount();
    const int viewport = m_workerTable->viewport()->height();
    const int cut = viewport % rowHeight;
    if (m_fittingTable || sizes.size() != 3 || rowHeight <= 0 || cut == 0 ||
        viewport >= rows * rowHeight || !m_workerTable->isVisible()) {
        return; // whole rows already, or all of them with room to spare
    }
    // The part of a row that would show goes to the charts above.
    m_fittingTable = true;
    m_viewSplitter->setSizes({sizes[0], sizes[1] + cut, sizes[2] - cut});
    m_fittingTable = false;
}

void LabPage::fitWorkerTable() {
    const QList<int> sizes = m_viewSplitter->sizes();
    if (sizes.size() != 3) {
        return;
    }
    const int rows = m_workerModel->rowCount();
    const int rowHeight = m_workerTable->verticalHeader()->defaultSectionSize();
    const int total = sizes[0] + sizes[1] + sizes[2];
    // At most 45 % of the height: the charts above must stay readable; beyond it, a scroll
    // bar, and as many whole rows as fit (1600 × 1000: all 16 of an 8 × 8 run).
    const int most = total * 45 / 100;
    int bottom = workerPaneFor(rows);
    if (bottom > most) {
        bottom = workerPaneFor(std::max(1, (most - workerPaneFor(0)) / std::max(1, rowHeight)));
    }
    if (bottom <= sizes[2]) {
        showWholeRows();
        return;
    }
    const int rest = total - bottom;
    const int top = sizes[0] + sizes[1] > 0 ? rest * sizes[0] / (sizes[0] + sizes[1]) : rest / 2;
    m_fittingTable = true;
    m_viewSplitter->setSizes({top, rest - top, bottom});
    m_fittingTable = false;
    showWholeRows();
}

void LabPage::updateActions() {
    const bool active = m_controller->isActive();
    m_start->setEnabled(!active && m_panel->isValid());
    m_stop->setEnabled(active);
    m_pause->setEnabled(active);
    m_panel->setEnabled(!active);
    const bool haveData = !m_controller->samples().empty();
    m_exportCharts->setEnabled(haveData);
    m_exportData->setEnabled(haveData);
}

QString LabPage::statusText() const {
    const Frame& f = m_controller->lastFrame();
    if (!m_controller->hasRun() && !m_controller->isReplaying()) {
        return tr("Ready");
    }
    QString state;
    if (m_controller->isReplaying()) {
        state = m_controller->isReplayPlaying() ? tr("Replaying recording")
                : m_controller->report()        ? tr("Replay finished")
                                                : tr("Replay paused");
    } else if (m_controller->report()) {
        state = tr("Finished");
    } else if (m_controller->isPaused()) {
        state = tr("Paused");
    } else {
        switch (f.phase) {
        case RunPhase::Running:
            state = tr("Running");
            break;
        case RunPhase::Stopping:
            state = tr("Stopping");
            break;
        case RunPhase::Draining:
            state = tr("Draining");
            break;
        case RunPhase::Finished:
            state = tr("Finished");
            break;
        }
    }
    QString text = tr("%1 · %2 s · sent %3 · received %4")
                       .arg(state)
                       .arg(double(f.elapsedNs) / 1e9, 0, 'f', 1)
                       .arg(QString::fromStdString(formatCount(double(f.totals.messagesSent))))
                       .arg(QString::fromStdString(formatCount(double(f.totals.messagesReceived))));
    if (const auto& r = m_controller->report()) {
        text += r->totals.clean() && !r->workersFailed() ? tr(" · integrity: clean")
                                                         : tr(" · integrity: VIOLATED");
    } else if (f.totals.corrupted || f.totals.duplicated || f.totals.reordered) {
        text += tr(" · integrity: problems seen");
    }
    if (m_controller->isRecording() && m_controller->isActive()) {
        text += tr(" · recording");
    }
    return text;
}

// ---- recording, replay, export ----

QString LabPage::runRecordingPath() const {
    return RecordingFiles::newPath(
        QString::fromUtf8(mechanismInfo(m_panel->config().mechanism).name.data()));
}

void LabPage::onRecordToggled(bool on) {
    if (!on) {
        if (m_controller->isRecording()) {
            m_controller->stopRecording(); // recordingChanged() says where the file is
        }
        Q_EMIT statusChanged();
        return;
    }
    // Before a run Record only arms: startRun() picks the file when the run starts.
    if (m_controller->isActive()) {
        if (auto recording = m_controller->recordTo(runRecordingPath()); !recording) {
            showRunError(QString::fromStdString(recording.error().message));
        } else {
            m_eventModel->appendText(
                tr("Recording to %1").arg(QDir::toNativeSeparators(m_controller->recordingPath())));
        }
    }
    Q_EMIT statusChanged();
}

Status LabPage::openRecording(const QString& path) {
    auto recording = LabController::readRecordingFile(path);
    if (!recording) {
        return replayOpened(recording.error());
    }
    return openRecording(std::move(*recording), path);
}

Status LabPage::openRecording(Recording recording, const QString& path) {
    // An observation's frames are of programs ipcscope did not start: the Observe page's views
    // (waits, deadlocks, a lane per thread) show them; the Lab's run would stay untouched.
    if (recording.observation) {
        if (m_observationOpener) {
            return m_observationOpener(std::move(recording), path);
        }
        return replayOpened(Error{tr("This recording is of an observation, not of a Lab run: "
                                     "open it on the Observe page (Observe › Open Recorded "
                                     "Observation).")
                                      .toStdString()});
    }
    return replayOpened(m_controller->openRecording(std::move(recording), path));
}

Status LabPage::replayOpened(Status opened) {
    if (!opened) {
        showRunError(QString::fromStdString(opened.error().message));
        return opened;
    }
    m_pause->setChecked(false);
    m_panel->setConfig(m_controller->config()); // Start repeats the recorded run, live
    const Recording& rec = *m_controller->recording();
    if (rec.truncated || !rec.report) {
        m_verdict->setText(tr("This recording ends at %1 without a final report: the run did "
                              "not finish while it was recorded.")
                               .arg(ReplayBar::formatTime(rec.durationS())));
    }
    m_controller->playReplay();
    return Ok{};
}

void LabPage::onReplayReset() {
    // Seeking rebuilds everything from the start: the views begin again from scratch.
    clearViews();
    m_pacer->restart(); // and show the frame sought at once
    m_tablePacer->restart();
    m_chartPacer->restart();
    const Recording* rec = m_controller->recording();
    if (!rec) {
        return;
    }
    const RunConfig& config = rec->config;
    const MechanismInfo& info = mechanismInfo(config.mechanism);
    m_depth->setUnit(QString::fromUtf8(info.capacityUnit.data()));
    m_eventModel->appendText(
        tr("Replaying %1: %2, %3 producer(s), %4 consumer(s), recorded %5")
            .arg(QFileInfo(m_controller->replayPath()).fileName(),
                 QString::fromUtf8(info.title.data()))
            .arg(config.producers)
            .arg(config.consumers)
            .arg(QDateTime::fromString(QString::fromStdString(rec->created), Qt::ISODate)
                     .toLocalTime()
                     .toString(QLocale().dateTimeFormat(QLocale::ShortFormat))));
    if (!m_controller->report() && rec->report) {
        m_verdict->setText(tr("Replaying a recorded run; no process runs."));
    }
}

Status LabPage::exportCharts(const QString& path) {
    m_pacer->flush(); // the picture of the latest frame, not of the last refresh
    m_chartPacer->flush();
    // The pictures of the run: topology and timeline on top, throughput and depth below.
    const QRect area = m_topSplitter->geometry().united(m_chartSplitter->geometry());
    return exporter::writePng(*m_viewSplitter, area, path);
}

Status LabPage::exportData(const QString& path) {
    return exporter::writeCsv(m_controller->samples(), path);
}

void LabPage::showRunError(const QString& message) {
    m_eventModel->appendText(message);
    m_verdict->setText(message);
    Q_EMIT statusChanged();
}

void LabPage::showError(const QString& title, const QString& message) {
    QMessageBox::warning(this, title, message);
}

QString LabPage::askSaveFile(const QString& title, const QString& filter, const QString& suffix) {
    QSettings s;
    const QString dir = s.value(QStringLiteral("export/directory"), QDir::homePath()).toString();
    const Frame& f = m_controller->lastFrame();
    const QString base = m_controller->isReplaying()
                             ? QFileInfo(m_controller->replayPath()).completeBaseName()
                             : QStringLiteral("ipcscope-%1-%2")
                                   .arg(QString::fromUtf8(
                                       mechanismInfo(m_controller->config().mechanism).name.data()))
                                   .arg(double(f.elapsedNs) / 1e9, 0, 'f', 1);
    QFileDialog dialog(this, title, dir + QLatin1Char('/') + base + suffix, filter);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(suffix.mid(1));
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) {
        return {};
    }
    const QString path = dialog.selectedFiles().constFirst();
    s.setValue(QStringLiteral("export/directory"), QFileInfo(path).absolutePath());
    return path;
}

void LabPage::chooseRecordingToOpen() {
    if (m_controller->isActive() &&
        QMessageBox::question(this, tr("Open Recording"),
                              tr("A run is going. Opening a recording stops it and removes its "
                                 "objects. Open a recording anyway?")) != QMessageBox::Yes) {
        return;
    }
    const QString path = RecordingFiles::askToOpen(this, tr("Open Recording"));
    if (path.isEmpty()) {
        return;
    }
    if (auto s = openRecording(path); !s) {
        showError(tr("Could not open the recording"), QString::fromStdString(s.error().message));
    }
}

void LabPage::chooseChartsFile() {
    const QString path =
        askSaveFile(tr("Export Charts as PNG"), tr("PNG images (*.png)"), QStringLiteral(".png"));
    if (path.isEmpty()) {
        return;
    }
    if (auto s = exportCharts(path); !s) {
        showError(tr("Could not export the charts"), QString::fromStdString(s.error().message));
    } else {
        m_eventModel->appendText(tr("Charts saved as %1").arg(QDir::toNativeSeparators(path)));
    }
}

void LabPage::chooseDataFile() {
    const QString path = askSaveFile(
        tr("Export Data as CSV"), tr("CSV tables (*.csv);;All files (*)"), QStringLiteral(".csv"));
    if (path.isEmpty()) {
        return;
    }
    if (auto s = exportData(path); !s) {
        showError(tr("Could not export the data"), QString::fromStdString(s.error().message));
    } else {
        m_eventModel->appendText(
            tr("%n sample(s) saved as %1", nullptr, int(m_controller->samples().rows().size()))
                .arg(QDir::toNativeSeparators(path)));
    }
}

void LabPage::saveState() const {
    QSettings s;
    s.beginGroup(QStringLiteral("lab"));
    s.setValue(QStringLiteral("mainSplitter"), m_mainSplitter->saveState());
    s.setValue(QStringLiteral("viewSplitter"), m_viewSplitter->saveState());
    s.setValue(QStringLiteral("topSplitter"), m_topSplitter->saveState());
    s.setValue(QStringLiteral("chartSplitter"), m_chartSplitter->saveState());
    s.setValue(QStringLiteral("workerHeader"), m_workerTable->horizontalHeader()->saveState());
    s.setValue(QStringLiteral("throughputUnit"), m_unit->currentIndex());
    s.setValue(QStringLiteral("setupWidth"), m_setupWidth);
}

void LabPage::restoreState() {
    m_panel->loadSettings();
    QSettings s;
    s.beginGroup(QStringLiteral("lab"));
    m_mainSplitter->restoreState(s.value(QStringLiteral("mainSplitter")).toByteArray());
    m_viewSplitter->restoreState(s.value(QStringLiteral("viewSplitter")).toByteArray());
    m_topSplitter->restoreState(s.value(QStringLiteral("topSplitter")).toByteArray());
    m_chartSplitter->restoreState(s.value(QStringLiteral("chartSplitter")).toByteArray());
    QHeaderView* header = m_workerTable->horizontalHeader();
    if (!header->restoreState(s.value(QStringLiteral("workerHeader")).toByteArray()) ||
        header->sectionResizeMode(WorkerTableModel::PidColumn) != QHeaderView::Interactive) {
        sizeWorkerColumns(); // an older version's state sized the columns to their contents
    }
    m_unit->setCurrentIndex(s.value(QStringLiteral("throughputUnit"), 0).toInt());
    m_setupWidth = s.value(QStringLiteral("setupWidth"), m_setupWidth).toInt();
    m_perWorker->setChecked(s.value(QStringLiteral("throughputPerWorker"), false).toBool());
    // A window closed during a run reopens with its setup shown.
    if (!setupVisible()) {
        setSetupShown(true);
    }
}

} // namespace ipcscope
