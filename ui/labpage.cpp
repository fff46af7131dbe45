#include "labpage.h"

#include "chartviews.h"
#include "eventlogmodel.h"
#include "runpanel.h"
#include "topologyview.h"
#include "workertablemodel.h"

#include "base/format.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

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
    , m_verdict(new QLabel) {
    m_start =
        new QAction(QIcon::fromTheme(QStringLiteral("media-playback-start")), tr("&Start"), this);
    m_start->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_Return)});
    m_start->setToolTip(tr("Start the run: launch the worker processes (F5)"));
    m_stop =
        new QAction(QIcon::fromTheme(QStringLiteral("media-playback-stop")), tr("S&top"), this);
    m_stop->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_stop->setToolTip(tr(
        "Stop: producers finish, consumers drain the channel, every object is removed (Shift+F5)"));
    m_pause =
        new QAction(QIcon::fromTheme(QStringLiteral("media-playback-pause")), tr("&Pause"), this);
    m_pause->setShortcut(QKeySequence(Qt::Key_F6));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Pause: stop every worker with SIGSTOP; resume with SIGCONT (F6)"));

    connect(m_start, &QAction::triggered, this, [this] { startRun(m_panel->config()); });
    connect(m_stop, &QAction::triggered, m_controller, &LabController::stop);
    connect(m_pause, &QAction::toggled, this,
            [this](bool on) { on ? m_controller->pause() : m_controller->resume(); });
    connect(m_panel, &RunPanel::validityChanged, this, &LabPage::updateActions);
    connect(m_controller, &LabController::frameUpdated, this, &LabPage::onFrame);
    connect(m_controller, &LabController::finished, this, &LabPage::onFinished);
    connect(m_controller, &LabController::started, this, &LabPage::updateActions);
    connect(m_controller, &LabController::errorOccurred, this, [this](const QString& message) {
        m_eventModel->appendText(tr("Could not start: %1").arg(message));
        m_verdict->setText(tr("Could not start: %1").arg(message));
        Q_EMIT statusChanged();
    });

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
    m_unit->addItem(tr("messages/s"));
    m_unit->addItem(tr("bytes/s"));
    m_unit->setToolTip(tr("Unit of the throughput chart"));
    connect(m_unit, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_throughput->setUnit(i == 0 ? ThroughputChartView::Unit::Messages
                                     : ThroughputChartView::Unit::Bytes);
        m_throughput->setHistory(m_controller->history());
    });
    auto* throughputBox = new QWidget;
    auto* throughputLayout = new QVBoxLayout(throughputBox);
    throughputLayout->setContentsMargins(0, 0, 0, 0);
    auto* unitRow = new QHBoxLayout;
    unitRow->addStretch();
    unitRow->addWidget(new QLabel(tr("Throughput in")));
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
    m_workerTable->setSortingEnabled(true);
    m_workerTable->sortByColumn(-1, Qt::AscendingOrder);
    m_workerTable->verticalHeader()->hide();
    m_workerTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_workerTable->horizontalHeader()->setSectionResizeMode(WorkerTableModel::CallColumn,
                                                            QHeaderView::Stretch);
    m_workerTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_workerTable->setAlternatingRowColors(true);
    m_workerTable->setWordWrap(false);
    m_eventTable->setModel(m_eventModel);
    m_eventTable->verticalHeader()->hide();
    m_eventTable->horizontalHeader()->setStretchLastSection(true);
    m_eventTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_eventTable->setWordWrap(false);
    connect(m_eventModel, &QAbstractItemModel::rowsInserted, m_eventTable,
            &QTableView::scrollToBottom);
    m_bottomTabs = new QTabWidget;
    m_bottomTabs->addTab(m_workerTable, tr("&Workers"));
    m_bottomTabs->addTab(m_eventTable, tr("&Events"));

    m_viewSplitter = new QSplitter(Qt::Vertical);
    m_viewSplitter->addWidget(m_topSplitter);
    m_viewSplitter->addWidget(m_chartSplitter);
    m_viewSplitter->addWidget(m_bottomTabs);
    m_viewSplitter->setStretchFactor(0, 4);
    m_viewSplitter->setStretchFactor(1, 4);
    m_viewSplitter->setStretchFactor(2, 2);
    m_viewSplitter->setSizes({380, 360, 190});
    m_topSplitter->setSizes({760, 520});

    m_mainSplitter = new QSplitter(Qt::Horizontal);
    m_mainSplitter->addWidget(left);
    m_mainSplitter->addWidget(m_viewSplitter);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setSizes({320, 1280});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_mainSplitter);
    updateActions();
}

LabPage::~LabPage() = default;

bool LabPage::startRun(const RunConfig& config) {
    m_panel->setConfig(config);
    if (!m_panel->isValid()) {
        m_verdict->setText(tr("Cannot run: %1").arg(m_panel->problem()));
        Q_EMIT statusChanged();
        return false;
    }
    m_eventModel->clear();
    m_workerModel->clear();
    m_topology->clear();
    m_throughput->clear();
    m_depth->clear();
    m_timeline->clear();
    m_verdict->clear();
    m_pause->setChecked(false);
    if (!m_controller->start(config)) {
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
    for (const auto& w : m_controller->run()->warnings()) {
        m_eventModel->appendText(tr("Note: %1").arg(QString::fromStdString(w)));
    }
    updateActions();
    return true;
}

void LabPage::onFrame() {
    const Frame& f = m_controller->lastFrame();
    const RunHistory& h = m_controller->history();
    m_workerModel->setFrame(f, h);
    m_eventModel->append(f.newEvents, f.workers);
    m_topology->setSnapshot(f, m_controller->config(), h);
    m_throughput->setHistory(h);
    m_depth->setHistory(h);
    m_timeline->setHistory(h);
    Q_EMIT statusChanged();
}

void LabPage::onFinished() {
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
    updateActions();
    Q_EMIT statusChanged();
}

void LabPage::updateActions() {
    const bool active = m_controller->isActive();
    m_start->setEnabled(!active && m_panel->isValid());
    m_stop->setEnabled(active);
    m_pause->setEnabled(active);
    m_panel->setEnabled(!active);
}

QString LabPage::statusText() const {
    const Frame& f = m_controller->lastFrame();
    if (!m_controller->run()) {
        return tr("Ready");
    }
    QString state;
    if (m_controller->report()) {
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
    return text;
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
}

void LabPage::restoreState() {
    m_panel->loadSettings();
    QSettings s;
    s.beginGroup(QStringLiteral("lab"));
    m_mainSplitter->restoreState(s.value(QStringLiteral("mainSplitter")).toByteArray());
    m_viewSplitter->restoreState(s.value(QStringLiteral("viewSplitter")).toByteArray());
    m_topSplitter->restoreState(s.value(QStringLiteral("topSplitter")).toByteArray());
    m_chartSplitter->restoreState(s.value(QStringLiteral("chartSplitter")).toByteArray());
    m_workerTable->horizontalHeader()->restoreState(
        s.value(QStringLiteral("workerHeader")).toByteArray());
    m_unit->setCurrentIndex(s.value(QStringLiteral("throughputUnit"), 0).toInt());
}

} // namespace ipcscope
