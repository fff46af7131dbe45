#include "observe/observepage.h"

#include "observe/flowtablemodel.h"
#include "observe/probelaunch.h"
#include "observe/processlistmodel.h"
#include "observe/waittablemodel.h"
#include "runviews/chartviews.h"
#include "runviews/recordingfiles.h"
#include "runviews/replaybar.h"
#include "runviews/topologyview.h"
#include "runviews/viewpacer.h"

#include <QAction>
#include <QCheckBox>
#include <QCoreApplication>
#include <QDir>
#include <QEvent>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextDocument>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <set>

namespace ipcscope {

namespace {

QToolButton* actionButton(QAction* action) {
    auto* b = new QToolButton;
    b->setDefaultAction(action);
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    return b;
}

// An object as ObjectRef::text() writes it: "sysv-msg 5", "pipe:[88123]", "unix-stream:[9912]",
// "posix-mq /jobs", "fifo /tmp/f".
std::optional<ObjectRef> parseObject(const QString& text, QString* problem) {
    static const QRegularExpression inodeForm(QStringLiteral(R"(^([a-z-]+):\[(\d+)\]$)"));
    static const QRegularExpression namedForm(QStringLiteral(R"(^([a-z-]+)\s+(\S.*)$)"));
    const QString t = text.trimmed();
    ObjectRef ref;
    if (const auto m = inodeForm.match(t); m.hasMatch()) {
        const QString kind = m.captured(1);
        const auto k = kind == QLatin1String("pipe") ? std::optional(IpcKind::Pipe)
                                                     : parseIpcKind(kind.toStdString());
        if (!k || !(*k == IpcKind::Pipe || isUnixSocket(*k))) {
            *problem = ObservePage::tr("%1 is not a kind of object that has an inode number "
                                       "(pipe, unix-stream, unix-dgram, unix-seqpacket).")
                           .arg(kind);
            return std::nullopt;
        }
        ref.kind = *k;
        ref.inode = m.captured(2).toULongLong();
        return ref;
    }
    const auto m = namedForm.match(t);
    const auto kind = m.hasMatch() ? parseIpcKind(m.captured(1).toStdString()) : std::nullopt;
    if (!kind) {
        *problem = ObservePage::tr("Write the object as its kind and its id or name, for "
                                   "example \"sysv-msg 5\", \"posix-mq /jobs\", \"fifo /tmp/f\" "
                                   "or \"pipe:[88123]\".");
        return std::nullopt;
    }
    ref.kind = *kind;
    const QString rest = m.captured(2).trimmed();
    if (isSysv(*kind)) {
        bool ok = false;
        const int id = rest.toInt(&ok);
        if (!ok || id < 0) {
            *problem = ObservePage::tr("A System V object is named by its id, a whole number "
                                       "(ipcs lists them): \"%1\" is not one.")
                           .arg(rest);
            return std::nullopt;
        }
        ref.id = id;
        return ref;
    }
    ref.name = rest.toStdString();
    if (*kind == IpcKind::Fifo) {
        // A FIFO is known by its inode; stat() does not open it (opening would disturb it).
        struct stat st {};
        if (::stat(ref.name.c_str(), &st) != 0 || !S_ISFIFO(st.st_mode)) {
            *problem = ObservePage::tr("%1 is not a FIFO.").arg(rest);
            return std::nullopt;
        }
        ref.inode = std::uint64_t(st.st_ino);
    }
    return ref;
}

} // namespace

ObservePage::ObservePage(QWidget* parent)
    : QWidget(parent)
    , m_controller(new LabController(this))
    , m_pacer(new ViewPacer(this, [this] { refreshViews(); }))
    , m_processes(new ProcessListModel(this))
    , m_filter(new ProcessFilterModel(this))
    , m_lister(new ProcessLister({}, this))
    , m_processView(new QTableView)
    , m_search(new QLineEdit)
    , m_ipcOnly(new QCheckBox)
    , m_descendants(new QCheckBox)
    , m_allChannels(new QCheckBox)
    , m_everyone(new QCheckBox)
    , m_exactFlow(new QCheckBox)
    , m_object(new QLineEdit)
    , m_objectLabel(new QLabel)
    , m_interval(new QSpinBox)
    , m_intervalLabel(new QLabel)
    , m_selection(new QLabel)
    , m_message(new QLabel)
    , m_banner(new QLabel)
    , m_flowNote(new QLabel)
    , m_topology(new TopologyView)
    , m_timeline(new BlockingTimelineView)
    , m_depth(new DepthChartView)
    , m_waitChart(new GaugeChartView)
    , m_waits(new WaitTableModel(this))
    , m_waitView(new QTableView)
    , m_flows(new FlowTableModel(this))
    , m_flowView(new QTableView)
    , m_bottomTabs(new QTabWidget)
    , m_replayBar(new ReplayBar)
    , m_listTimer(new QTimer(this)) {
    const auto action = [this](const char* icon) {
        return new QAction(QIcon::fromTheme(QString::fromLatin1(icon)), QString(), this);
    };
    // The Lab's keys: F5 starts, Shift+F5 stops (the main window lends them to the page shown).
    m_start = action("media-playback-start");
    m_start->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_Return)});
    m_stop = action("media-playback-stop");
    m_stop->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_refresh = action("view-refresh");
    // Ctrl+R only: QKeySequence::Refresh also holds F5, which starts observing here.
    m_refresh->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_refresh);
    m_record = action("media-record");
    m_record->setCheckable(true);
    m_record->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_openRecording = action("document-open");
    m_openRecording->setShortcut(QKeySequence::Open);
    connect(m_record, &QAction::toggled, this, &ObservePage::onRecordToggled);
    connect(m_openRecording, &QAction::triggered, this, [this] {
        const QString path = RecordingFiles::askToOpen(this, tr("Open Recorded Observation"));
        if (!path.isEmpty()) {
            (void)openRecording(path); // an error shows in the message line
        }
    });
    connect(m_controller, &LabController::recordingChanged, this, [this] {
        if (m_record->isChecked() && m_controller->isObserving() && !m_controller->isRecording()) {
            const QSignalBlocker block(m_record); // the file could not be written
            m_record->setChecked(false);
        }
        Q_EMIT statusChanged();
    });
    connect(m_controller, &LabController::recordingClosed, this, [this](const QString& path) {
        m_message->setText(tr("Recording saved in %1 (Open Recording on this page replays it)")
                               .arg(QDir::toNativeSeparators(path)));
    });
    connect(m_start, &QAction::triggered, this, [this] {
        if (auto s = observeSelected(); !s) {
            showError(QString::fromStdString(s.error().message));
        }
    });
    connect(m_stop, &QAction::triggered, this, &ObservePage::stopObserving);
    connect(m_refresh, &QAction::triggered, this, &ObservePage::refreshProcesses);

    connect(m_controller, &LabController::frameUpdated, this, &ObservePage::onFrame);
    connect(m_controller, &LabController::started, this, &ObservePage::onStarted);
    connect(m_controller, &LabController::finished, this, &ObservePage::onFinished);
    connect(m_controller, &LabController::errorOccurred, this, &ObservePage::showError);
    connect(m_controller, &LabController::replayReset, this, &ObservePage::clearViews);
    connect(m_controller, &LabController::replayStateChanged, this, [this] {
        m_replayBar->sync(*m_controller);
        updateActions();
        Q_EMIT statusChanged();
    });
    m_replayBar->attach(m_controller);
    m_replayBar->hide();
    connect(m_replayBar, &ReplayBar::closeRequested, this, [this] {
        m_controller->closeReplay();
        clearViews();
    });

    // The picker.
    m_filter->setSourceModel(m_processes);
    m_filter->setSortRole(ProcessListModel::SortRole);
    m_processView->setObjectName(QStringLiteral("processes"));
    m_processView->setModel(m_filter);
    m_processView->setSortingEnabled(true);
    m_processView->sortByColumn(ProcessListModel::PidColumn, Qt::AscendingOrder);
    m_processView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_processView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_processView->verticalHeader()->hide();
    m_processView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    // The columns follow the window: the numbers, the user and "yes" as wide as they are, the
    // command line (last) the rest, cut in the middle where it is too long (its tooltip has it
    // whole). Fixed widths squeezed its header to "mmand li" at 1024×700.
    QHeaderView* header = m_processView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setStretchLastSection(true);
    header->setTextElideMode(Qt::ElideRight);
    // A stretched last section never gets narrower than the default size (100 px): in a narrow
    // picker that scrolled the table sideways instead of cutting the command lines.
    header->setDefaultSectionSize(fontMetrics().horizontalAdvance(QStringLiteral("0000000")));
    m_processView->setTextElideMode(Qt::ElideMiddle);
    m_processView->setAlternatingRowColors(true);
    m_processView->setWordWrap(false);
    connect(m_processView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ObservePage::updateSelectionSummary);
    connect(m_processView, &QTableView::doubleClicked, m_start, &QAction::trigger);
    // The user's own scrolling or clicking ends showObserved()'s keeping the selection in view.
    connect(m_processView->verticalScrollBar(), &QAbstractSlider::actionTriggered, this,
            [this] { m_followSelection = false; });
    connect(m_processView, &QTableView::pressed, this, [this] { m_followSelection = false; });
    connect(m_lister, &ProcessLister::listed, this,
            [this](const std::vector<ProcessSummary>& processes) {
                // Rows listed above the selection would push it out of view: where it was
                // shown, it stays shown.
                const QModelIndexList selected = m_processView->selectionModel()->selectedRows();
                const bool shown =
                    m_followSelection ||
                    (!selected.isEmpty() && m_processView->viewport()->rect().intersects(
                                                m_processView->visualRect(selected.constFirst())));
                m_processes->merge(processes);
                if (const QModelIndexList still = m_processView->selectionModel()->selectedRows();
                    shown && !still.isEmpty()) {
                    m_processView->scrollTo(still.constFirst());
                }
                selectObserved(true);
                updateSelectionSummary();
                Q_EMIT processesListed();
            });
    m_search->setClearButtonEnabled(true);
    m_search->setObjectName(QStringLiteral("processSearch"));
    connect(m_search, &QLineEdit::textChanged, m_filter, &ProcessFilterModel::setSearchText);
    auto* find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, m_search, qOverload<>(&QWidget::setFocus));
    addAction(find);
    connect(m_ipcOnly, &QCheckBox::toggled, this, [this](bool on) {
        m_filter->setIpcOnly(on);
        // Every row listed says "yes" then: the command line gets the room instead.
        m_processView->setColumnHidden(ProcessListModel::IpcColumn, on);
    });
    connect(m_everyone, &QCheckBox::toggled, this, [this](bool on) {
        m_object->setEnabled(on);
        updateSelectionSummary();
    });
    m_object->setEnabled(false);
    m_object->setClearButtonEnabled(true);
    connect(m_object, &QLineEdit::textEdited, this, [this] {
        m_pendingObject.reset();
        updateSelectionSummary();
    });
    connect(m_descendants, &QCheckBox::toggled, this, &ObservePage::updateSelectionSummary);
    m_interval->setRange(20, 10000);
    m_interval->setSingleStep(50);
    m_interval->setValue(200);
    m_listTimer->setInterval(3000);
    connect(m_listTimer, &QTimer::timeout, this, &ObservePage::refreshProcesses);

    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    auto* searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    auto* refreshButton = new QToolButton;
    refreshButton->setDefaultAction(m_refresh);
    searchRow->addWidget(refreshButton);
    leftLayout->addLayout(searchRow);
    leftLayout->addWidget(m_ipcOnly);
    leftLayout->addWidget(m_processView, 1);
    leftLayout->addWidget(m_selection);
    auto* form = new QFormLayout;
    form->addRow(m_descendants);
    form->addRow(m_everyone);
    form->addRow(m_objectLabel, m_object);
    form->addRow(m_allChannels);
    form->addRow(m_intervalLabel, m_interval);
    m_exactFlow->setObjectName(QStringLiteral("exactFlow"));
    form->addRow(m_exactFlow);
    leftLayout->addLayout(form);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(actionButton(m_start));
    buttons->addWidget(actionButton(m_stop));
    buttons->addWidget(actionButton(m_record));
    leftLayout->addLayout(buttons);
    m_selection->setWordWrap(true);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    leftLayout->addWidget(m_message);

    // The views.
    m_topology->setObjectName(QStringLiteral("topology"));
    m_topology->setCycleTextShown(false); // the banner above says them, with the notes
    m_timeline->setObjectName(QStringLiteral("timeline"));
    m_depth->setEstimated(true);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setMargin(6);
    m_banner->setStyleSheet(
        QStringLiteral("QLabel { background: rgba(217, 83, 79, 40); border: 1px solid #d9534f; "
                       "border-radius: 4px; }"));
    m_banner->hide();
    m_flowNote->setObjectName(QStringLiteral("flowNote"));
    m_flowNote->setWordWrap(true);
    m_flowNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_flowNote->setContentsMargins(6, 0, 6, 0);
    m_flowNote->hide();

    m_waitView->setObjectName(QStringLiteral("waits"));
    auto* waitProxy = new QSortFilterProxyModel(this);
    waitProxy->setSourceModel(m_waits);
    waitProxy->setSortRole(WaitTableModel::SortRole);
    m_waitView->setModel(waitProxy);
    m_waitView->setSortingEnabled(true);
    m_waitView->sortByColumn(WaitTableModel::WaitingColumn, Qt::DescendingOrder);
    m_waitView->verticalHeader()->hide();
    // The whole row in view at 1024×700 too: the numbers, the call and how long as wide as
    // they are; the command, the object and the detail share the rest, cut in the middle (the
    // row's tooltip says it all).
    QHeaderView* waitHeader = m_waitView->horizontalHeader();
    waitHeader->setSectionResizeMode(QHeaderView::ResizeToContents);
    for (int column : {WaitTableModel::CommandColumn, WaitTableModel::ObjectColumn,
                       WaitTableModel::DetailColumn}) {
        waitHeader->setSectionResizeMode(column, QHeaderView::Stretch);
    }
    waitHeader->setTextElideMode(Qt::ElideRight);
    m_waitView->setTextElideMode(Qt::ElideMiddle);
    m_waitView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_waitView->setAlternatingRowColors(true);
    m_waitView->setWordWrap(false);
    m_bottomTabs->addTab(m_waitView, QString());

    m_flowView->setObjectName(QStringLiteral("flows"));
    auto* flowProxy = new QSortFilterProxyModel(this);
    flowProxy->setSourceModel(m_flows);
    flowProxy->setSortRole(FlowTableModel::SortRole);
    m_flowView->setModel(flowProxy);
    m_flowView->setSortingEnabled(true);
    m_flowView->sortByColumn(FlowTableModel::PidColumn, Qt::AscendingOrder);
    m_flowView->verticalHeader()->hide();
    QHeaderView* flowHeader = m_flowView->horizontalHeader();
    flowHeader->setSectionResizeMode(QHeaderView::ResizeToContents);
    for (int column : {FlowTableModel::CommandColumn, FlowTableModel::ChannelColumn}) {
        flowHeader->setSectionResizeMode(column, QHeaderView::Stretch);
    }
    flowHeader->setTextElideMode(Qt::ElideRight);
    m_flowView->setTextElideMode(Qt::ElideMiddle);
    m_flowView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_flowView->setAlternatingRowColors(true);
    m_flowView->setWordWrap(false);
    m_bottomTabs->addTab(m_flowView, QString());

    m_topSplitter = new QSplitter(Qt::Horizontal);
    m_topSplitter->addWidget(m_topology);
    m_topSplitter->addWidget(m_timeline);
    m_topSplitter->setSizes({760, 520});
    m_chartSplitter = new QSplitter(Qt::Horizontal);
    m_chartSplitter->addWidget(m_depth);
    m_chartSplitter->addWidget(m_waitChart);
    m_viewSplitter = new QSplitter(Qt::Vertical);
    m_viewSplitter->addWidget(m_topSplitter);
    m_viewSplitter->addWidget(m_chartSplitter);
    m_viewSplitter->addWidget(m_bottomTabs);
    m_viewSplitter->setStretchFactor(0, 5);
    m_viewSplitter->setStretchFactor(1, 3);
    m_viewSplitter->setStretchFactor(2, 3);
    m_viewSplitter->setSizes({440, 240, 240});

    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->setSpacing(4);
    rightLayout->addWidget(m_banner);
    rightLayout->addWidget(m_flowNote);
    rightLayout->addWidget(m_viewSplitter, 1);
    rightLayout->addWidget(m_replayBar);

    m_mainSplitter = new QSplitter(Qt::Horizontal);
    m_mainSplitter->addWidget(left);
    m_mainSplitter->addWidget(right);
    m_mainSplitter->setStretchFactor(1, 1);
    m_mainSplitter->setSizes({440, 1160});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_mainSplitter);

    retranslateUi();
    updateActions();
}

ObservePage::~ObservePage() = default;

void ObservePage::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void ObservePage::retranslateUi() {
    m_start->setText(tr("&Observe"));
    m_start->setToolTip(tr("Start observing the selected processes: read what /proc says they "
                           "hold and wait for, without disturbing them (F5)"));
    m_stop->setText(tr("S&top"));
    m_stop->setToolTip(tr("Stop observing; what was seen stays shown (Shift+F5)"));
    m_record->setText(tr("&Record"));
    m_record->setToolTip(
        tr("Record: save every sample of the observation to a file to replay later, anywhere "
           "(Ctrl+Shift+R). Files go to %1")
            .arg(QDir::toNativeSeparators(RecordingFiles::directory())));
    m_openRecording->setText(tr("&Open Recorded Observation…"));
    m_openRecording->setToolTip(
        tr("Replay a recorded observation with the same views, seek, pause and speed (Ctrl+O)"));
    m_refresh->setText(tr("&Refresh"));
    m_refresh->setToolTip(tr("List the processes again now (Ctrl+R on this page)"));
    m_search->setPlaceholderText(tr("Search: command, user or pid…"));
    m_search->setToolTip(
        tr("Show only processes whose pid, user or command line contains every word (Ctrl+F)"));
    m_ipcOnly->setText(tr("Uses &IPC only"));
    m_ipcOnly->setToolTip(tr("Hide processes that hold no pipe, FIFO, Unix socket, POSIX queue "
                             "or shared mapping"));
    m_descendants->setText(tr("With &descendants"));
    m_descendants->setToolTip(
        tr("Also observe every child of the selected processes, and their children, as they "
           "come and go"));
    m_everyone->setText(tr("&Everyone using an object"));
    m_everyone->setToolTip(tr("Observe every process that holds, maps or waits on this object"));
    m_objectLabel->setText(tr("Object:"));
    m_object->setPlaceholderText(tr("sysv-msg 5, posix-mq /jobs, pipe:[88123]…"));
    m_object->setToolTip(
        tr("The object by kind and id or name, as System objects lists it (right-click an object "
           "there: Observe who uses it)"));
    m_allChannels->setText(tr("&All channels they hold"));
    m_allChannels->setToolTip(
        tr("Show every channel the observed processes hold, not only those between them (a "
           "process often holds dozens of unrelated pipes)"));
    m_intervalLabel->setText(tr("Sample every"));
    m_interval->setSuffix(tr(" ms"));
    m_interval->setToolTip(tr("How often /proc is read; waits shorter than this may be missed"));
    m_topology->setPlaceholderText(
        tr("Choose processes on the left and press Observe (F5):\nwho talks to whom, who waits "
           "in which call, and any deadlock."));
    m_topology->setToolTip(
        tr("The observed processes and the channels between them. A process waiting in a call "
           "turns red and says the call, the object and how long (≥: at least); a deadlock is "
           "drawn as a red loop"));
    m_timeline->setPlaceholderText(tr("Observe processes to see a lane per thread"));
    m_waitChart->setTexts(tr("Waits"), tr("threads"));
    m_waitChart->setToolTip(
        tr("How many threads wait in a call, and how many processes are in a wait cycle"));
    m_exactFlow->setText(tr("E&xact flow (eBPF)"));
    m_exactFlow->setToolTip(
        tr("Count every byte, message and wait of the observed processes in the kernel, with "
           "eBPF (ipcscope-probe). This needs administrator rights: ipcscope asks for them "
           "through polkit (your password, kept for the session); as root nothing is asked. "
           "Without them, the figures stay estimates, marked ≈."));
    m_bottomTabs->setTabText(0, tr("&Waits"));
    m_bottomTabs->setTabText(1, tr("Flow"));
    m_bottomTabs->setTabToolTip(
        1, tr("What moves through each end of each channel: exact where eBPF counts it, "
              "else estimated (≈) or not counted"));
    m_flowNote->setToolTip(tr("Where the flow figures come from"));
    m_banner->setToolTip(tr("Wait cycles and lone waits, in words"));
    updateSelectionSummary();
}

void ObservePage::refreshProcesses() {
    m_lister->list();
}

void ObservePage::setActive(bool active) {
    if (active) {
        m_listTimer->start();
        refreshProcesses();
    } else {
        m_listTimer->stop();
    }
}

void ObservePage::setSearchText(const QString& text) {
    m_search->setText(text); // textChanged filters
}

void ObservePage::setIpcOnly(bool on) {
    m_ipcOnly->setChecked(on);
}

int ObservePage::selectPids(const std::vector<pid_t>& pids) {
    QItemSelection selection;
    int found = 0;
    for (pid_t pid : pids) {
        const int row = m_processes->rowOf(pid);
        if (row < 0) {
            continue;
        }
        const QModelIndex index = m_filter->mapFromSource(m_processes->index(row, 0));
        if (index.isValid()) {
            selection.select(index, index.siblingAtColumn(ProcessListModel::ColumnCount - 1));
            ++found;
        }
    }
    m_processView->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect |
                                                           QItemSelectionModel::Rows);
    return found;
}

std::optional<ObjectRef> ObservePage::objectFromField(QString* problem) const {
    if (m_pendingObject) {
        return m_pendingObject;
    }
    return parseObject(m_object->text(), problem);
}

ObserveOptions ObservePage::options() const {
    ObserveOptions o;
    std::vector<pid_t> pids;
    for (const QModelIndex& index : m_processView->selectionModel()->selectedRows()) {
        pids.push_back(pid_t(index.data(ProcessListModel::PidRole).toInt()));
    }
    std::sort(pids.begin(), pids.end());
    (m_descendants->isChecked() ? o.selection.trees : o.selection.pids) = pids;
    if (m_everyone->isChecked()) {
        QString problem;
        if (auto object = objectFromField(&problem)) {
            o.selection.objects.push_back(*object);
        }
    }
    o.allChannels = m_allChannels->isChecked();
    o.interval = std::chrono::milliseconds(m_interval->value());
    const ProbeStart probe = probeStart(m_exactFlow->isChecked(), ::geteuid() == 0,
                                        QCoreApplication::applicationDirPath());
    o.exactFlow = probe.mode;
    o.launcher = probe.launcher;
    o.probePath = probe.probePath.toStdString();
    return o;
}

Status ObservePage::observe(const ObserveOptions& options) {
    if (m_everyone->isChecked() && options.selection.objects.empty()) {
        QString problem;
        if (!objectFromField(&problem)) {
            return Error{tr("Cannot observe: %1").arg(problem).toStdString()};
        }
    }
    if (options.selection.empty()) {
        return Error{tr("Select one or more processes in the list (search finds them by "
                        "command, user or pid), or name an object whose users to observe.")
                         .toStdString()};
    }
    clearViews();
    m_message->clear();
    m_exactRequested = options.exactFlow != ExactFlowMode::Off;
    m_probeAdvice =
        !m_exactRequested
            ? QString()
            : probeStart(true, ::geteuid() == 0, QCoreApplication::applicationDirPath()).advice;
    if (auto s = m_controller->startObserving(options); !s) {
        return s;
    }
    showObserved(options);
    return Ok{};
}

void ObservePage::showObserved(const ObserveOptions& options) {
    const ProcessSelection& chosen = options.selection;
    if (!chosen.pids.empty() || !chosen.trees.empty()) {
        m_descendants->setChecked(!chosen.trees.empty());
    }
    m_allChannels->setChecked(options.allChannels);
    m_interval->setValue(int(options.interval.count()));
    m_exactFlow->setChecked(options.exactFlow != ExactFlowMode::Off);
    m_toSelect = chosen.pids;
    m_toSelect.insert(m_toSelect.end(), chosen.trees.begin(), chosen.trees.end());
    m_filter->setAlwaysListed(m_toSelect);
    // Kept in view over the next listings (the first may come before the view has its size).
    m_followSelection = !m_toSelect.empty();
    selectObserved(false);
}

void ObservePage::selectObserved(bool listed) {
    if (m_toSelect.empty()) {
        return;
    }
    const int found = selectPids(m_toSelect);
    if (found > 0) {
        m_processView->scrollTo(m_processView->selectionModel()->selectedRows().constFirst(),
                                QAbstractItemView::PositionAtCenter);
    }
    // A pid a listing missed has gone: nothing left to wait for.
    if (listed || found == int(m_toSelect.size())) {
        m_toSelect.clear();
    }
}

Status ObservePage::observeObject(const ObjectRef& object) {
    m_pendingObject = object;
    m_object->setText(QString::fromStdString(object.text()));
    m_everyone->setChecked(true);
    m_processView->clearSelection();
    ObserveOptions o = options();
    o.selection.objects = {object};
    return observe(o);
}

void ObservePage::onRecordToggled(bool on) {
    if (!on) {
        if (m_controller->isRecording()) {
            m_controller->stopRecording();
        }
        Q_EMIT statusChanged();
        return;
    }
    // Armed before an observation; recording at once during one.
    if (auto s = m_controller->recordTo(RecordingFiles::newPath(QStringLiteral("observe"))); !s) {
        showError(QString::fromStdString(s.error().message));
    } else if (m_controller->isObserving()) {
        m_message->setText(
            tr("Recording to %1").arg(QDir::toNativeSeparators(m_controller->recordingPath())));
    }
    Q_EMIT statusChanged();
}

namespace {
Status onlyObservations(const Recording& recording) {
    if (!recording.observation) {
        return Error{ObservePage::tr("This recording is of a Lab run, not of an observation: "
                                     "open it on the Lab page (File › Open Recording).")
                         .toStdString()};
    }
    return Ok{};
}
} // namespace

Status ObservePage::openRecording(const QString& path) {
    return replayOpened(m_controller->openRecording(path, onlyObservations));
}

Status ObservePage::openRecording(Recording recording, const QString& path) {
    return replayOpened(m_controller->openRecording(std::move(recording), path, onlyObservations));
}

Status ObservePage::replayOpened(Status opened) {
    if (!opened) {
        showError(QString::fromStdString(opened.error().message));
        return opened;
    }
    {
        const QSignalBlocker block(m_record);
        m_record->setChecked(false);
    }
    // The recording's frames say where their figures came from; nothing to advise about now.
    m_exactRequested = false;
    m_probeAdvice.clear();
    const Recording& rec = *m_controller->recording();
    QStringList what;
    for (const std::string& s : rec.observation->selection) {
        what << QString::fromStdString(s);
    }
    m_message->setText(
        tr("Replaying an observation of %1, recorded %2; no process is read.")
            .arg(what.join(QStringLiteral(", ")), QString::fromStdString(rec.created)));
    m_controller->playReplay();
    updateActions();
    return Ok{};
}

void ObservePage::stopObserving() {
    m_controller->stopObserving();
}

void ObservePage::clearViews() {
    m_pacer->restart(); // the next frame is shown at once
    m_waitSamples.clear();
    m_waits->clear();
    m_flows->clear();
    m_flowNote->clear();
    m_flowNote->hide();
    m_topology->clear();
    m_timeline->clear();
    m_depth->clear();
    m_waitChart->clear();
    m_banner->clear();
    m_banner->hide();
}

void ObservePage::onStarted() {
    m_message->setText(tr("Observing…"));
    updateActions();
    Q_EMIT statusChanged();
}

void ObservePage::onFinished() {
    m_pacer->flush(); // the last frame, exactly
    m_message->setText(tr("Stopped observing. What was seen stays shown; File › Export saves "
                          "it as a trace or a wait-for graph."));
    updateActions();
    Q_EMIT statusChanged();
}

// Frames come at the sampling interval (a replay's at 30 Hz); every frame's waits go into the
// chart, the views show the latest frame at the pace the eye needs (none while hidden).
void ObservePage::onFrame() {
    const Frame& f = m_controller->lastFrame();
    std::set<std::size_t> inCycles;
    for (const DeadlockFrame& dl : f.deadlocks) {
        inCycles.insert(dl.processes.begin(), dl.processes.end());
    }
    m_waitSamples.push_back({double(f.elapsedNs) / 1e9, double(WaitTableModel::waitsOf(f).size()),
                             double(inCycles.size())});
    if (m_waitSamples.size() > 10000) {
        refreshViews(); // hidden for long: the chart keeps its own window of them anyway
    }
    m_pacer->frameArrived();
}

void ObservePage::refreshViews() {
    const Frame& f = m_controller->lastFrame();
    const RunHistory& h = m_controller->history();
    m_waits->setFrame(f);
    m_flows->setFrame(f);
    showFlowNote(f);
    m_topology->setSnapshot(f);
    m_timeline->setHistory(h);
    m_depth->setHistory(h);
    for (const WaitSample& w : m_waitSamples) {
        m_waitChart->addSample(w.timeS, {{tr("waiting threads"), w.waiting},
                                         {tr("processes in a wait cycle"), w.inCycles}});
    }
    m_waitSamples.clear();
    QStringList lines;
    for (const DeadlockFrame& dl : f.deadlocks) {
        lines << (dl.certain ? tr("<b>Deadlock:</b> %1") : tr("<b>Possible deadlock:</b> %1"))
                     .arg(QString::fromStdString(dl.text).toHtmlEscaped());
    }
    for (const std::string& note : f.waitNotes) {
        lines << QString::fromStdString(note).toHtmlEscaped();
    }
    const QString banner = lines.join(QStringLiteral("<br>"));
    if (banner != m_banner->text()) {
        m_banner->setText(banner);
        m_banner->setVisible(!banner.isEmpty());
    }
    if (m_controller->isReplaying()) {
        m_replayBar->setPosition(m_controller->replayPositionS());
    }
    updateActions();
    Q_EMIT statusChanged();
}

namespace {
// Whether anything in the frame was counted exactly (by ipcscope-probe).
bool hasExactFlow(const Frame& f) {
    return std::any_of(f.endpoints.begin(), f.endpoints.end(),
                       [](const EndpointFrame& e) { return !e.estimated; });
}
} // namespace

void ObservePage::showFlowNote(const Frame& f) {
    QString note = QString::fromStdString(f.flowNote);
    if (note.isEmpty() && !f.endpoints.empty()) {
        note = hasExactFlow(f) ? tr("Flow: exact, counted in the kernel by ipcscope-probe.")
               : m_exactRequested
                   ? tr("Flow: estimates (≈) only where the kernel counts (System V and "
                        "POSIX queues).")
                   : tr("Flow: estimates (≈) only where the kernel counts (System V and "
                        "POSIX queues). Exact flow (eBPF) counts every byte and message.");
    }
    if (!hasExactFlow(f) && !m_probeAdvice.isEmpty() && !m_controller->isReplaying()) {
        note += (note.isEmpty() ? QString() : QStringLiteral(" ")) + m_probeAdvice;
    }
    if (note != m_flowNote->text()) {
        m_flowNote->setText(note);
        m_flowNote->setVisible(!note.isEmpty());
    }
}

QString ObservePage::flowNoteText() const {
    return m_flowNote->text();
}

QString ObservePage::bannerText() const {
    QTextDocument doc;
    doc.setHtml(m_banner->text());
    return doc.toPlainText();
}

void ObservePage::updateActions() {
    const bool observing = m_controller->isObserving();
    m_start->setEnabled(!observing);
    m_stop->setEnabled(observing);
}

void ObservePage::updateSelectionSummary() {
    const int n = int(m_processView->selectionModel()->selectedRows().size());
    QString text = n == 0 ? tr("No process selected.")
                   : m_descendants->isChecked()
                       ? tr("%n process(es) selected, with their descendants.", nullptr, n)
                       : tr("%n process(es) selected.", nullptr, n);
    if (m_everyone->isChecked()) {
        text += QLatin1Char(' ') + tr("And everyone using the object.");
    }
    m_selection->setText(text);
}

void ObservePage::showError(const QString& message) {
    m_message->setText(message);
    Q_EMIT statusChanged();
}

QString ObservePage::statusText() const {
    const Frame& f = m_controller->lastFrame();
    if (!m_controller->isObserving() && !m_controller->hasObservation() &&
        !m_controller->isReplaying()) {
        return tr("Ready: choose processes to observe");
    }
    std::set<pid_t> pids;
    for (const ProcessFrame& p : f.processes) {
        pids.insert(p.pid);
    }
    const QString state = m_controller->isReplaying()   ? tr("Replaying an observation")
                          : m_controller->isObserving() ? tr("Observing")
                                                        : tr("Stopped");
    QString text = tr("%1 · %2 s · %n process(es)", nullptr, int(pids.size()))
                       .arg(state)
                       .arg(double(f.elapsedNs) / 1e9, 0, 'f', 1);
    text += tr(" · %n channel(s)", nullptr, int(f.channels.size()));
    text += tr(" · %n waiting", nullptr, m_waits->rowCount());
    if (!f.deadlocks.empty()) {
        text += tr(" · %n deadlock(s)", nullptr, int(f.deadlocks.size()));
    }
    if (!f.endpoints.empty()) {
        text += hasExactFlow(f) ? tr(" · exact flow") : tr(" · flow estimated");
    }
    return text;
}

void ObservePage::saveState() const {
    QSettings s;
    s.beginGroup(QStringLiteral("observe"));
    s.setValue(QStringLiteral("mainSplitter"), m_mainSplitter->saveState());
    s.setValue(QStringLiteral("viewSplitter"), m_viewSplitter->saveState());
    s.setValue(QStringLiteral("topSplitter"), m_topSplitter->saveState());
    s.setValue(QStringLiteral("chartSplitter"), m_chartSplitter->saveState());
    s.setValue(QStringLiteral("processSort"),
               m_processView->horizontalHeader()->sortIndicatorSection());
    s.setValue(QStringLiteral("processSortOrder"),
               int(m_processView->horizontalHeader()->sortIndicatorOrder()));

    s.setValue(QStringLiteral("ipcOnly"), m_ipcOnly->isChecked());
    s.setValue(QStringLiteral("descendants"), m_descendants->isChecked());
    s.setValue(QStringLiteral("allChannels"), m_allChannels->isChecked());
    s.setValue(QStringLiteral("intervalMs"), m_interval->value());
    s.setValue(QStringLiteral("exactFlow"), m_exactFlow->isChecked());
}

void ObservePage::restoreState() {
    QSettings s;
    s.beginGroup(QStringLiteral("observe"));
    if (!m_mainSplitter->restoreState(s.value(QStringLiteral("mainSplitter")).toByteArray())) {
        // The picker takes about a quarter of the screen: the views need the rest on a small one.
        if (const QScreen* screen = QGuiApplication::primaryScreen()) {
            const int width = screen->availableGeometry().width();
            const int left = std::clamp(width * 27 / 100, 320, 440);
            m_mainSplitter->setSizes({left, std::max(1, width - left)});
        }
    }
    m_viewSplitter->restoreState(s.value(QStringLiteral("viewSplitter")).toByteArray());
    m_topSplitter->restoreState(s.value(QStringLiteral("topSplitter")).toByteArray());
    m_chartSplitter->restoreState(s.value(QStringLiteral("chartSplitter")).toByteArray());
    // Only the sort order: the widths follow the window.
    const int sortColumn = s.value(QStringLiteral("processSort"), 0).toInt();
    m_processView->sortByColumn(
        sortColumn >= 0 && sortColumn < ProcessListModel::ColumnCount ? sortColumn : 0,
        s.value(QStringLiteral("processSortOrder"), 0).toInt() == int(Qt::DescendingOrder)
            ? Qt::DescendingOrder
            : Qt::AscendingOrder);

    m_ipcOnly->setChecked(s.value(QStringLiteral("ipcOnly"), true).toBool());
    m_descendants->setChecked(s.value(QStringLiteral("descendants"), false).toBool());
    m_allChannels->setChecked(s.value(QStringLiteral("allChannels"), false).toBool());
    m_interval->setValue(s.value(QStringLiteral("intervalMs"), 200).toInt()); // clamped
    m_exactFlow->setChecked(s.value(QStringLiteral("exactFlow"), false).toBool());
}

} // namespace ipcscope
