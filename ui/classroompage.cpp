#include "classroompage.h"

#include "chartviews.h"
#include "corestrings.h"
#include "labpage.h"
#include "language.h"
#include "lessoncodeview.h"
#include "replaybar.h"
#include "topologyview.h"

#include "base/format.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QTextBrowser>
#include <QToolBar>
#include <QVBoxLayout>

namespace ipcscope {

namespace {

constexpr int kLessonIdRole = Qt::UserRole;

// The pace choices: real time, then slower than any lesson's own rate.
constexpr std::uint64_t kPaces[] = {0, 1'000'000'000, 2'000'000'000, 5'000'000'000};

} // namespace

// What a check promises, in the GUI's language (the CLI prints core's English).
QString ClassroomPage::seenText(const CheckResult& r) {
    const auto& v = r.seen;
    const auto n = [&](std::size_t i) { return i < v.size() ? qint64(v[i]) : 0; };
    switch (r.check.kind) {
    case CheckKind::Clean:
    case CheckKind::IntegrityViolations:
    case CheckKind::LostAtLeast:
        return tr("%1 sent, %2 received, %3 lost, %4 duplicated, %5 corrupted")
            .arg(n(0))
            .arg(n(1))
            .arg(n(2))
            .arg(n(3))
            .arg(n(4));
    case CheckKind::BlockedFor:
    case CheckKind::NotBlockedFor:
        return tr("longest wait of a %1 in %2: %3")
            .arg(roleText(r.check.role), QString::fromUtf8(callName(r.check.call).data()),
                 QString::fromStdString(formatDurationNs(std::uint64_t(n(0)))));
    case CheckKind::EofSeen:
    case CheckKind::NoEof:
        return tr("%1 of %2 saw EOF").arg(n(0)).arg(n(1));
    case CheckKind::Deadlock:
        return v.empty() ? tr("no deadlock was seen")
                         : tr("every process was waiting %1 s into the run, nothing moving")
                               .arg(v[0], 0, 'f', 1);
    case CheckKind::ObjectsOutliveWorkers:
        return tr("%1 object(s) still in the kernel after every process died").arg(n(0));
    case CheckKind::DestroyPending:
        return tr("%1 process(es) attached when IPC_RMID marked it destroy-pending").arg(n(0));
    }
    return QString::fromStdString(r.detail);
}

QString ClassroomPage::checkText(const LessonCheck& c) {
    const QString role = roleText(c.role);
    const QString call = QString::fromUtf8(callName(c.call).data());
    switch (c.kind) {
    case CheckKind::Clean:
        return tr("every message arrives once and intact");
    case CheckKind::IntegrityViolations:
        return tr("messages are lost, duplicated or corrupted");
    case CheckKind::LostAtLeast:
        return tr("at least %1 message(s) are never received").arg(c.value);
    case CheckKind::BlockedFor:
        return tr("a %1 waits in %2 for at least %3 s at a stretch").arg(role, call).arg(c.value);
    case CheckKind::NotBlockedFor:
        return tr("no %1 waits in %2 for %3 s at a stretch").arg(role, call).arg(c.value);
    case CheckKind::EofSeen:
        return tr("every %1 sees the other side close (EOF)").arg(role);
    case CheckKind::NoEof:
        return tr("no %1 ever sees EOF").arg(role);
    case CheckKind::Deadlock:
        return tr("every process waits for another and nothing moves (deadlock)");
    case CheckKind::ObjectsOutliveWorkers:
        return tr("the kernel objects outlive every process that used them");
    case CheckKind::DestroyPending:
        return tr("the segment, removed while attached, lives on destroy-pending");
    }
    return {};
}

ClassroomPage::ClassroomPage(QWidget* parent)
    : QWidget(parent)
    , m_controller(new LabController(this))
    , m_list(new QListWidget)
    , m_loadErrors(new QLabel)
    , m_text(new QTextBrowser)
    , m_variant(new QComboBox)
    , m_pace(new QComboBox)
    , m_paceLabel(new QLabel)
    , m_variantLabel(new QLabel)
    , m_producerCode(new LessonCodeView)
    , m_consumerCode(new LessonCodeView)
    , m_topology(new TopologyView)
    , m_timeline(new BlockingTimelineView)
    , m_verdict(new QLabel)
    , m_splitter(new QSplitter(Qt::Horizontal))
    , m_rightSplitter(new QSplitter(Qt::Vertical)) {
    m_replayBar = new ReplayBar;
    m_normalFont = font();
    m_controller->setSampleIntervalMs(50);
    buildActions();

    auto* bar = new QToolBar;
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_start);
    bar->addAction(m_pause);
    bar->addAction(m_step);
    bar->addAction(m_stop);
    bar->addSeparator();
    bar->addWidget(m_paceLabel);
    bar->addWidget(m_pace);
    bar->addSeparator();
    bar->addWidget(m_variantLabel);
    bar->addWidget(m_variant);
    bar->addSeparator();
    bar->addAction(m_record);
    bar->addAction(m_openRecording);
    bar->addAction(m_presentation);

    m_list->setObjectName(QStringLiteral("lessonList"));
    m_list->setWordWrap(true);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_loadErrors->setWordWrap(true);
    m_loadErrors->setStyleSheet(QStringLiteral("color: #c62828"));
    m_loadErrors->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(m_loadErrors);

    m_text->setOpenExternalLinks(false);
    auto* code = new QWidget;
    auto* codeLayout = new QHBoxLayout(code);
    codeLayout->setContentsMargins(0, 0, 0, 0);
    codeLayout->addWidget(m_producerCode);
    codeLayout->addWidget(m_consumerCode);
    auto* live = new QSplitter(Qt::Horizontal);
    live->addWidget(m_topology);
    live->addWidget(m_timeline);
    live->setStretchFactor(1, 2);
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::RichText);
    m_verdict->setObjectName(QStringLiteral("verdict"));
    auto* bottom = new QWidget;
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(live, 1);
    bottomLayout->addWidget(m_replayBar);
    bottomLayout->addWidget(m_verdict);
    m_replayBar->setObjectName(QStringLiteral("classroomReplayBar"));
    m_replayBar->hide();
    connect(m_controller, &LabController::replayStateChanged, this, [this] {
        updateReplayBar();
        updateActions();
    });
    connect(m_controller, &LabController::replayReset, this, [this] {
        m_observer = LessonObserver{}; // a seek: the frames up to the target come again
        m_topology->clear();
        m_timeline->clear();
    });
    m_replayBar->attach(m_controller);
    connect(m_replayBar, &ReplayBar::closeRequested, this, [this] {
        leaveReplay();
        showLesson();
    });
    m_rightSplitter->addWidget(m_text);
    m_rightSplitter->addWidget(code);
    m_rightSplitter->addWidget(bottom);
    m_rightSplitter->setStretchFactor(0, 2);
    m_rightSplitter->setStretchFactor(1, 4);
    m_rightSplitter->setStretchFactor(2, 3);
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_rightSplitter);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({300, 1300});

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(bar);
    layout->addWidget(m_splitter, 1);

    connect(m_list, &QListWidget::currentItemChanged, this, [this] {
        leaveReplay();
        m_controller->abort();
        m_variant->blockSignals(true);
        m_variant->clear();
        if (const Lesson* l = currentLesson()) {
            for (const auto& v : l->variants) {
                m_variant->addItem(QString::fromStdString(v.title.in(language().toStdString())),
                                   QString::fromStdString(v.id));
            }
        }
        m_variant->blockSignals(false);
        showLesson();
    });
    connect(m_variant, &QComboBox::currentIndexChanged, this, [this] {
        leaveReplay();
        m_controller->abort();
        showLesson();
    });
    connect(m_pace, &QComboBox::currentIndexChanged, this, [this] {
        if (m_controller->isActive() && m_controller->run()) {
            m_controller->run()->setPace(paceNs());
        }
    });
    connect(m_controller, &LabController::frameUpdated, this, &ClassroomPage::onFrame);
    connect(m_controller, &LabController::finished, this, &ClassroomPage::onFinished);
    connect(m_controller, &LabController::pausedChanged, this, &ClassroomPage::updateActions);
    connect(m_controller, &LabController::errorOccurred, this, [this](const QString& message) {
        m_verdict->setText(tr("<b>Cannot start this lesson:</b> %1").arg(message.toHtmlEscaped()));
        updateActions();
    });
    // Lesson texts come in both languages: a switch re-renders them; the run goes on.
    connect(&Language::instance(), &Language::languageChanged, this, [this] {
        const std::string lang = language().toStdString();
        for (int i = 0; i < m_list->count(); ++i) {
            QListWidgetItem* item = m_list->item(i);
            const QString id = item->data(kLessonIdRole).toString();
            if (const Lesson* l = m_library.find(id.toStdString())) {
                item->setText(QString::fromStdString(l->title.in(lang)));
                item->setToolTip(QString::fromStdString(l->summary.in(lang)));
            } else {
                item->setText(item->data(Qt::UserRole + 1).toBool() ? tr("Pitfalls")
                                                                    : tr("Lessons"));
            }
        }
        if (const Lesson* l = currentLesson()) {
            for (int i = 0; i < m_variant->count(); ++i) {
                if (const LessonVariant* v =
                        l->variant(m_variant->itemData(i).toString().toStdString())) {
                    m_variant->setItemText(i, QString::fromStdString(v->title.in(lang)));
                }
            }
        }
        showLesson();
    });

    retranslate();
    reload();
}

ClassroomPage::~ClassroomPage() = default;

void ClassroomPage::buildActions() {
    m_start = new QAction(QIcon::fromTheme(QStringLiteral("media-playback-start")), {}, this);
    m_start->setShortcut(QKeySequence(Qt::Key_F5));
    connect(m_start, &QAction::triggered, this, [this] { startLesson(false); });
    m_pause = new QAction(QIcon::fromTheme(QStringLiteral("media-playback-pause")), {}, this);
    m_pause->setShortcut(QKeySequence(Qt::Key_F6));
    connect(m_pause, &QAction::triggered, this, &ClassroomPage::togglePause);
    m_step = new QAction(QIcon::fromTheme(QStringLiteral("go-next")), {}, this);
    m_step->setShortcut(QKeySequence(Qt::Key_F10));
    connect(m_step, &QAction::triggered, this, &ClassroomPage::step);
    m_stop = new QAction(QIcon::fromTheme(QStringLiteral("media-playback-stop")), {}, this);
    m_stop->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    connect(m_stop, &QAction::triggered, this, [this] { m_controller->stop(); });
    m_presentation = new QAction(QIcon::fromTheme(QStringLiteral("view-presentation")), {}, this);
    m_presentation->setCheckable(true);
    m_presentation->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)});
    connect(m_presentation, &QAction::toggled, this, &ClassroomPage::setPresentationMode);
    // Record a lesson to replay it where no Linux machine is at hand (Lab › Open Recording).
    m_record = new QAction(QIcon::fromTheme(QStringLiteral("media-record")), {}, this);
    m_record->setCheckable(true);
    connect(m_record, &QAction::toggled, this, [this](bool on) {
        if (!on) {
            m_controller->stopRecording();
        } else {
            startRecordingIfArmed();
        }
    });
    m_openRecording = new QAction(QIcon::fromTheme(QStringLiteral("document-open")), {}, this);
    m_openRecording->setShortcut(QKeySequence::Open);
    connect(m_openRecording, &QAction::triggered, this, [this] {
        const QString path = LabPage::askRecordingToOpen(this, tr("Replay a Recorded Lesson"));
        if (path.isEmpty()) {
            return;
        }
        if (auto opened = openRecording(path); !opened) {
            QMessageBox::warning(this, tr("Cannot Replay"),
                                 QString::fromStdString(opened.error().message));
        }
    });
    for (QAction* a :
         {m_start, m_pause, m_step, m_stop, m_presentation, m_record, m_openRecording}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
    }
}

void ClassroomPage::retranslate() {
    m_start->setText(m_controller->isActive() ? tr("Restart") : tr("Start"));
    m_start->setToolTip(tr("Start the lesson with real processes (F5); while it runs, start it "
                           "again from the beginning"));
    m_pause->setToolTip(tr("Pause every process of the lesson, or let it continue (F6)"));
    m_step->setText(tr("Step"));
    m_step->setToolTip(tr("Each process performs exactly one operation and waits again (F10). "
                          "The first press stops them before their next operation."));
    m_stop->setText(tr("Stop"));
    m_stop->setToolTip(tr("End the lesson: the processes stop and every object is removed "
                          "(Shift+F5)"));
    m_presentation->setText(tr("Presentation"));
    m_presentation->setToolTip(
        tr("Full screen with large text and bold code, readable from the back of a room "
           "(Ctrl+Shift+P)"));
    m_record->setText(tr("Record"));
    m_record->setToolTip(
        tr("Record the lesson's runs to files in %1; Replay… (Ctrl+O) plays one back "
           "without any process")
            .arg(QDir::toNativeSeparators(LabPage::recordingsDirectory())));
    m_openRecording->setText(tr("Replay…"));
    m_openRecording->setToolTip(tr("Replay a recorded lesson with its code, without running any "
                                   "process (Ctrl+O)"));
    m_paceLabel->setText(tr("Pace:"));
    m_variantLabel->setText(tr("Variant:"));
    const int pace = std::max(0, m_pace->currentIndex());
    m_pace->blockSignals(true);
    m_pace->clear();
    m_pace->addItems({tr("Real time"), tr("1 operation per second"), tr("1 operation every 2 s"),
                      tr("1 operation every 5 s")});
    m_pace->setCurrentIndex(pace);
    m_pace->blockSignals(false);
    m_pace->setToolTip(tr("How fast each process may go: real time, or at most one operation "
                          "per interval, so every step can be explained"));
    m_variant->setToolTip(tr("A pitfall runs broken (the mistake) or fixed"));
    m_topology->setPlaceholderText(
        tr("Press Start (F5) to run the lesson with real processes,\nor Step (F10) to go one "
           "operation at a time."));
    updateActions();
}

QString ClassroomPage::language() const {
    return Language::effective();
}

void ClassroomPage::reload(const std::vector<std::string>& directories) {
    m_controller->abort();
    m_library = loadLessons(directories);
    const std::string lang = language().toStdString();
    m_list->blockSignals(true);
    m_list->clear();
    bool pitfalls = false;
    for (std::size_t i = 0; i < m_library.lessons.size(); ++i) {
        const Lesson& l = m_library.lessons[i];
        if (i == 0 || l.pitfall != pitfalls) {
            pitfalls = l.pitfall;
            auto* header = new QListWidgetItem(pitfalls ? tr("Pitfalls") : tr("Lessons"));
            QFont f = header->font();
            f.setBold(true);
            header->setFont(f);
            header->setFlags(Qt::NoItemFlags);
            header->setData(Qt::UserRole + 1, pitfalls);
            m_list->addItem(header);
        }
        auto* item = new QListWidgetItem(QString::fromStdString(l.title.in(lang)));
        item->setData(kLessonIdRole, QString::fromStdString(l.id));
        item->setToolTip(QString::fromStdString(l.summary.in(lang)));
        m_list->addItem(item);
    }
    m_list->blockSignals(false);
    QStringList errors;
    for (const auto& e : m_library.errors) {
        errors << QString::fromStdString(e).toHtmlEscaped();
    }
    m_loadErrors->setText(errors.isEmpty() ? QString()
                                           : tr("<b>Lesson files that did not load:</b><br>%1")
                                                 .arg(errors.join(QStringLiteral("<br>"))));
    m_loadErrors->setVisible(!errors.isEmpty());
    if (!m_library.lessons.empty()) {
        selectLesson(QString::fromStdString(m_library.lessons.front().id));
    } else {
        showLesson();
    }
}

bool ClassroomPage::selectLesson(const QString& id) {
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(kLessonIdRole).toString() == id) {
            m_list->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

bool ClassroomPage::selectVariant(const QString& id) {
    const int index = m_variant->findData(id);
    if (index >= 0) {
        m_variant->setCurrentIndex(index);
    }
    return index >= 0;
}

const Lesson* ClassroomPage::currentLesson() const {
    const QListWidgetItem* item = m_list->currentItem();
    return item ? m_library.find(item->data(kLessonIdRole).toString().toStdString()) : nullptr;
}

const LessonVariant* ClassroomPage::currentVariant() const {
    const Lesson* l = currentLesson();
    if (!l) {
        return nullptr;
    }
    return l->variant(m_variant->currentData().toString().toStdString());
}

std::uint64_t ClassroomPage::paceNs() const {
    const int i = m_pace->currentIndex();
    return i >= 0 && i < int(std::size(kPaces)) ? kPaces[i] : 0;
}

void ClassroomPage::showLesson() {
    const Lesson* l = currentLesson();
    const LessonVariant* v = currentVariant();
    const std::string lang = language().toStdString();
    const auto html = [](const std::string& text) {
        QString out;
        for (const QString& p : QString::fromStdString(text).split(QStringLiteral("\n\n"))) {
            out += QStringLiteral("<p>%1</p>").arg(p.toHtmlEscaped());
        }
        return out;
    };
    if (!l) {
        m_text->setHtml(tr("<p>No lesson is loaded. Lesson files (*.json) are read from:</p>") +
                        QStringLiteral("<ul>") +
                        [&] {
                            QString dirs;
                            for (const auto& d : lessonDirectories()) {
                                dirs += QStringLiteral("<li>%1</li>")
                                            .arg(QString::fromStdString(d).toHtmlEscaped());
                            }
                            return dirs;
                        }() +
                        QStringLiteral("</ul>"));
        m_producerCode->setCode(nullptr, {});
        m_consumerCode->setCode(nullptr, {});
        updateActions();
        return;
    }
    QString body = QStringLiteral("<h2>%1</h2><p><i>%2</i></p>%3")
                       .arg(QString::fromStdString(l->title.in(lang)).toHtmlEscaped(),
                            QString::fromStdString(l->summary.in(lang)).toHtmlEscaped(),
                            html(l->explanation.in(lang)));
    if (v && !v->explanation.en.empty()) {
        body += QStringLiteral("<p><b>%1</b> %2</p>")
                    .arg(QString::fromStdString(v->title.in(lang)).toHtmlEscaped(),
                         QString::fromStdString(v->explanation.in(lang)).toHtmlEscaped());
    }
    body +=
        QStringLiteral("<p><b>%1</b> %2</p>")
            .arg(tr("What to watch:"), QString::fromStdString(l->watch.in(lang)).toHtmlEscaped());
    m_text->setHtml(body);
    const CodeBlock* producer = l->codeFor(Role::Producer);
    const CodeBlock* consumer = l->codeFor(Role::Consumer);
    m_producerCode->setCode(producer, QString::fromStdString(producer->title.in(lang)));
    m_consumerCode->setCode(consumer, QString::fromStdString(consumer->title.in(lang)));
    if (m_controller->isActive()) {
        return; // a language switch during a run: the texts are new, the run and verdict stay
    }
    m_topology->clear();
    m_timeline->clear();
    QStringList checks;
    if (v) {
        for (const auto& c : v->checks) {
            checks << checkText(c).toHtmlEscaped();
        }
    }
    m_verdict->setText(tr("This run should show: %1").arg(checks.join(QStringLiteral("; "))));
    updateActions();
}

void ClassroomPage::startLesson(bool held) {
    const LessonVariant* v = currentVariant();
    if (!v) {
        return;
    }
    leaveReplay();
    RunConfig config = lessonRunConfig(*v, 1.0);
    config.paceIntervalNs = paceNs();
    config.startInStepMode = held; // every process waits before its first operation
    m_controller->setLabOptions(lessonLabOptions(*v, 1.0));
    m_observer = LessonObserver{};
    m_recordedTo.clear();
    m_topology->clear();
    m_timeline->clear();
    if (m_controller->start(config)) {
        m_verdict->setText(tr("Running…"));
        startRecordingIfArmed();
    }
    updateActions();
}

Status ClassroomPage::openRecording(const QString& path) {
    return openRecording(readRecording(path.toStdString()), path);
}

Status ClassroomPage::openRecording(Result<Recording> rec, const QString& path) {
    if (!rec) {
        return rec.error();
    }
    if (!rec->lesson) {
        return Error{"this recording is of a Lab run, not of a lesson: open it on the Lab page"};
    }
    const QString id = QString::fromStdString(rec->lesson->id);
    if (!selectLesson(id)) {
        return Error{"the recording is of the lesson '" + rec->lesson->id +
                     "', which is not installed here"};
    }
    if (!selectVariant(QString::fromStdString(rec->lesson->variant))) {
        return Error{"the lesson '" + rec->lesson->id + "' has no variant '" +
                     rec->lesson->variant + "' any more"};
    }
    m_observer = LessonObserver{};
    m_topology->clear();
    m_timeline->clear();
    QString reason; // errorOccurred() says why the controller refused it
    const auto why = connect(m_controller, &LabController::errorOccurred, this,
                             [&reason](const QString& message) { reason = message; });
    const bool opened = m_controller->openRecording(std::move(rec), path);
    disconnect(why);
    if (!opened) {
        return Error{reason.toStdString()};
    }
    m_controller->playReplay();
    m_verdict->setText(tr("Replaying a recorded lesson; no process runs."));
    updateReplayBar();
    updateActions();
    return Ok{};
}

void ClassroomPage::leaveReplay() {
    if (m_controller->isReplaying()) {
        m_controller->closeReplay();
    }
    m_replayBar->hide();
}

void ClassroomPage::updateReplayBar() {
    m_replayBar->sync(*m_controller);
}

void ClassroomPage::startRecordingIfArmed() {
    if (m_record->isChecked() && m_controller->isActive() && !m_controller->isRecording()) {
        const Lesson* l = currentLesson();
        const LessonVariant* v = currentVariant();
        if (!l || !v) {
            return;
        }
        m_controller->setRecordingLesson(RecordingLesson{l->id, v->id});
        const QString path = LabPage::newRecordingPath(
            QStringLiteral("lesson-%1-%2")
                .arg(QString::fromStdString(l->id), QString::fromStdString(v->id)));
        if (m_controller->recordTo(path)) {
            m_recordedTo = path;
        }
    }
}

void ClassroomPage::togglePause() {
    Run* run = m_controller->run();
    if (!m_controller->isActive() || !run) {
        return;
    }
    if (run->stepMode()) {
        run->setStepMode(false); // "Continue": leave step mode
    } else if (m_controller->isPaused()) {
        m_controller->resume();
    } else {
        m_controller->pause();
    }
    updateActions();
}

void ClassroomPage::step() {
    if (!m_controller->isActive()) {
        startLesson(true);
        return;
    }
    Run* run = m_controller->run();
    if (m_controller->isPaused()) {
        m_controller->resume();
    }
    if (!run->stepMode()) {
        run->setStepMode(true);
    } else {
        run->step();
    }
    updateActions();
}

void ClassroomPage::onFrame() {
    const Frame& f = m_controller->lastFrame();
    m_observer.add(f);
    m_producerCode->setFrame(f);
    m_consumerCode->setFrame(f);
    m_topology->setSnapshot(f);
    m_timeline->setHistory(m_controller->history());
    if (m_controller->isReplaying()) {
        m_replayBar->setPosition(m_controller->replayPositionS());
    }
    if (m_controller->isActive()) {
        QString state;
        if (m_controller->run() && m_controller->run()->stepMode()) {
            state = tr("Step by step: press Step (F10) for one more operation of each process, "
                       "Continue (F6) to run on.");
        } else if (m_controller->isPaused()) {
            state = tr("Paused.");
        } else {
            state = tr("Running… %1 s").arg(double(f.elapsedNs) / 1e9, 0, 'f', 1);
        }
        m_verdict->setText(state);
        Q_EMIT statusChanged(state);
    }
}

void ClassroomPage::onFinished() {
    const LessonVariant* v = currentVariant();
    if (!v || !m_controller->report()) {
        updateActions();
        return;
    }
    const auto checks = evaluateChecks(*v, *m_controller->report(), m_observer);
    const bool passed =
        std::all_of(checks.begin(), checks.end(), [](const CheckResult& c) { return c.passed; });
    QString text = passed ? tr("<b>The run showed its point:</b>")
                          : tr("<b>The run did not show its point this time:</b>");
    for (const auto& c : checks) {
        text += QStringLiteral("<br>%1 %2 — <i>%3</i>")
                    .arg(c.passed ? QStringLiteral("✔") : QStringLiteral("✘"),
                         checkText(c.check).toHtmlEscaped(), seenText(c).toHtmlEscaped());
    }
    if (!m_recordedTo.isEmpty()) {
        text += QStringLiteral("<br>") +
                tr("Recorded to %1").arg(QDir::toNativeSeparators(m_recordedTo).toHtmlEscaped());
    }
    m_verdict->setText(text);
    Q_EMIT statusChanged(passed ? tr("Lesson finished: it showed its point")
                                : tr("Lesson finished: it did not show its point"));
    updateActions();
}

QString ClassroomPage::verdictText() const {
    return m_verdict->text();
}

void ClassroomPage::updateActions() {
    const bool active = m_controller->isActive();
    const bool haveLesson = currentVariant() != nullptr;
    const bool stepping = active && m_controller->run() && m_controller->run()->stepMode();
    m_start->setEnabled(haveLesson);
    m_start->setText(active ? tr("Restart") : tr("Start"));
    m_pause->setEnabled(active);
    m_pause->setText(stepping || m_controller->isPaused() ? tr("Continue") : tr("Pause"));
    m_step->setEnabled(haveLesson);
    m_stop->setEnabled(active);
}

bool ClassroomPage::presentationMode() const {
    return m_presentation->isChecked();
}

void ClassroomPage::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape && m_presentation->isChecked()) {
        m_presentation->setChecked(false); // Esc leaves presentation mode, as in slide shows
        return;
    }
    QWidget::keyPressEvent(event);
}

void ClassroomPage::setPresentationMode(bool on) {
    QFont f = m_normalFont;
    if (on) {
        f.setPointSizeF(f.pointSizeF() * 1.6);
    }
    setFont(f); // children without their own font follow, the live views included
    m_producerCode->setPresentationMode(on);
    m_consumerCode->setPresentationMode(on);
    m_list->parentWidget()->setVisible(!on); // the room needs the code, not the menu
    Q_EMIT presentationModeChanged(on);
}

void ClassroomPage::saveState() const {
    QSettings s;
    s.setValue(QStringLiteral("classroom/splitter"), m_splitter->saveState());
    s.setValue(QStringLiteral("classroom/rightSplitter"), m_rightSplitter->saveState());
    s.setValue(QStringLiteral("classroom/pace"), m_pace->currentIndex());
    if (const Lesson* l = currentLesson()) {
        s.setValue(QStringLiteral("classroom/lesson"), QString::fromStdString(l->id));
    }
}

void ClassroomPage::restoreState() {
    QSettings s;
    m_splitter->restoreState(s.value(QStringLiteral("classroom/splitter")).toByteArray());
    m_rightSplitter->restoreState(s.value(QStringLiteral("classroom/rightSplitter")).toByteArray());
    m_pace->setCurrentIndex(s.value(QStringLiteral("classroom/pace"), 0).toInt());
    selectLesson(s.value(QStringLiteral("classroom/lesson")).toString());
}

void ClassroomPage::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace ipcscope
