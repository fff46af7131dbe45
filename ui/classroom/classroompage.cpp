#include "classroom/classroompage.h"

#include "classroom/classroomwidgets.h"
#include "classroom/lessoncodeview.h"
#include "classroom/lessonlistmodel.h"
#include "classroom/lessonwording.h"
#include "common/language.h"
#include "runviews/chartviews.h"
#include "runviews/recordingfiles.h"
#include "runviews/replaybar.h"
#include "runviews/topologyview.h"
#include "runviews/viewpacer.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFontInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <cmath>

namespace ipcscope {

namespace {

// The pace choices: real time, then slower than any lesson's own rate.
constexpr std::uint64_t kPaces[] = {0, 1'000'000'000, 2'000'000'000, 5'000'000'000};

// A widget that lays `widgets` out edge to edge in a row or column (Layout); the first takes
// `firstStretch`, the others what they need.
template <class Layout>
QWidget* boxOf(std::initializer_list<QWidget*> widgets, int firstStretch = 1) {
    auto* box = new QWidget;
    auto* layout = new Layout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget* w : widgets) {
        layout->addWidget(w, w == *widgets.begin() ? firstStretch : 0);
    }
    return box;
}

// The verdict's line: hidden while it has nothing to say, not an empty row.
void say(QLabel* label, const QString& text) {
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

} // namespace

ClassroomPage::ClassroomPage(QWidget* parent)
    : QWidget(parent)
    , m_controller(new LabController(this))
    , m_pacer(new ViewPacer(this, [this] { refreshViews(); }))
    , m_lessons(new LessonListModel(this))
    , m_list(new QListView)
    , m_loadErrors(new QLabel)
    , m_text(new WholeLinesTextBrowser)
    , m_variant(new ElidingComboBox)
    , m_pace(new QComboBox)
    , m_paceLabel(new QLabel)
    , m_variantLabel(new QLabel)
    , m_producerCode(new LessonCodeView)
    , m_consumerCode(new LessonCodeView)
    , m_topology(new TopologyView)
    , m_timeline(new BlockingTimelineView)
    , m_bytes(new MessageBytesView)
    , m_verdict(new QLabel)
    , m_splitter(new QSplitter(Qt::Horizontal))
    , m_rightSplitter(new QSplitter(Qt::Vertical))
    , m_live(new QSplitter(Qt::Horizontal))
    , m_bar(new QToolBar) {
    m_replayBar = new ReplayBar;
    m_normalFont = font();
    m_controller->setSampleIntervalMs(50);
    buildActions();

    QToolBar* bar = m_bar;
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_start);
    bar->addAction(m_pause);
    bar->addAction(m_step);
    bar->addAction(m_stop);
    bar->addSeparator();
    m_paceLabelAction = bar->addWidget(m_paceLabel);
    bar->addWidget(m_pace);
    bar->addSeparator();
    m_variantLabelAction = bar->addWidget(m_variantLabel);
    bar->addWidget(m_variant);
    bar->addSeparator();
    bar->addAction(m_record);
    bar->addAction(m_openRecording);
    bar->addAction(m_presentation);

    m_list->setObjectName(QStringLiteral("lessonList"));
    m_list->setModel(m_lessons);
    m_list->setWordWrap(true);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_loadErrors->setWordWrap(true);
    m_loadErrors->setStyleSheet(QStringLiteral("color: #c62828"));
    m_loadErrors->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QWidget* left = boxOf<QVBoxLayout>({m_list, m_loadErrors});

    m_text->setOpenExternalLinks(false);
    m_variant->setObjectName(QStringLiteral("variantBox"));
    m_text->setObjectName(QStringLiteral("explanation"));
    m_timeline->setFitToRun(true); // a 2 s lesson fills the width
    QWidget* code = boxOf<QHBoxLayout>({m_producerCode, m_consumerCode}, 0);
    QSplitter* live = m_live;
    live->addWidget(m_topology);
    live->addWidget(m_timeline);
    live->setStretchFactor(1, 2);
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::RichText);
    m_verdict->setObjectName(QStringLiteral("verdict"));
    QWidget* bottom = boxOf<QVBoxLayout>({live, m_replayBar, m_bytes, m_verdict});
    m_replayBar->setObjectName(QStringLiteral("classroomReplayBar"));
    m_replayBar->hide();
    connect(m_controller, &LabController::replayStateChanged, this, [this] {
        updateReplayBar();
        updateActions();
    });
    connect(m_controller, &LabController::replayReset, this, [this] {
        startSession(); // opened or a seek: the frames up to the target come again
        m_topology->clear();
        m_timeline->clear();
        m_pacer->restart(); // and the frame sought is shown at once
        clearBytes();
    });
    m_replayBar->attach(m_controller);
    connect(m_replayBar, &ReplayBar::closeRequested, this, [this] {
        leaveReplay();
        showLesson();
    });
    m_rightSplitter->addWidget(boxOf<QVBoxLayout>({m_text}));
    m_rightSplitter->addWidget(code);
    m_rightSplitter->addWidget(bottom);
    m_rightSplitter->setStretchFactor(0, 3); // the explanation: a paragraph, not three lines
    m_rightSplitter->setStretchFactor(1, 4);
    m_rightSplitter->setStretchFactor(2, 3);
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_rightSplitter);
    m_splitter->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(bar);
    layout->addWidget(m_splitter, 1);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
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
        m_variant->setToolTip(m_variant->currentText());
        fitToolBar();
        showLesson();
    });
    connect(m_variant, &QComboBox::currentIndexChanged, this, [this] {
        leaveReplay();
        m_controller->abort();
        showLesson();
    });
    connect(m_pace, &QComboBox::currentIndexChanged, this,
            [this] { m_controller->setPace(paceNs()); });
    connect(m_controller, &LabController::frameUpdated, this, &ClassroomPage::onFrame);
    connect(m_controller, &LabController::finished, this, &ClassroomPage::onFinished);
    connect(m_controller, &LabController::pausedChanged, this, &ClassroomPage::updateActions);
    connect(m_controller, &LabController::errorOccurred, this, &ClassroomPage::showError);
    // Lesson texts come in both languages: a switch re-renders them; the run goes on.
    connect(&Language::instance(), &Language::languageChanged, this, [this] {
        const std::string lang = language().toStdString();
        m_lessons->setLanguage(language());
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
        const QString path = RecordingFiles::askToOpen(this, tr("Replay a Recorded Lesson"));
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
            .arg(QDir::toNativeSeparators(RecordingFiles::directory())));
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
    m_variant->setWhatsThis(tr("A pitfall runs broken (the mistake) or fixed"));
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
    m_lessons->setLanguage(language());
    m_lessons->setLessons(m_library.lessons); // no current lesson now, until one is selected
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
    const QModelIndex index = m_lessons->indexOf(id);
    if (index.isValid()) {
        m_list->setCurrentIndex(index);
    }
    return index.isValid();
}

bool ClassroomPage::selectVariant(const QString& id) {
    const int index = m_variant->findData(id);
    if (index >= 0) {
        m_variant->setCurrentIndex(index);
    }
    return index >= 0;
}

const Lesson* ClassroomPage::currentLesson() const {
    return m_library.find(m_lessons->lessonId(m_list->currentIndex()).toStdString());
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
    if (!l) {
        m_text->setHtml(LessonWording::noLessons(lessonDirectories()));
        m_producerCode->setCode(nullptr, {});
        m_consumerCode->setCode(nullptr, {});
        updateActions();
        return;
    }
    m_text->setHtml(LessonWording::explanation(*l, v, lang));
    const std::string variantId = v ? v->id : std::string();
    const CodeBlock* producer = l->codeFor(Role::Producer, variantId);
    const CodeBlock* consumer = l->codeFor(Role::Consumer, variantId);
    m_producerCode->setCode(producer, QString::fromStdString(producer->title.in(lang)), language());
    m_consumerCode->setCode(consumer, QString::fromStdString(consumer->title.in(lang)), language());
    if (m_controller->isActive()) {
        return; // a language switch during a run: the texts are new, the run and verdict stay
    }
    m_topology->clear();
    m_timeline->clear();
    clearBytes();
    say(m_verdict, v ? LessonWording::expectation(*v) : QString());
    updateActions();
}

void ClassroomPage::startSession() {
    const Lesson* l = currentLesson();
    const LessonVariant* v = currentVariant();
    if (l && v) {
        m_session.emplace(*l, *v);
    } else {
        m_session.reset();
    }
}

void ClassroomPage::startLesson(bool held) {
    if (!currentVariant()) {
        return;
    }
    leaveReplay();
    startSession();
    RunConfig config = m_session->runConfig();
    config.paceIntervalNs = paceNs();
    config.startInStepMode = held; // every process waits before its first operation
    m_controller->setLabOptions(m_session->labOptions());
    m_topology->clear();
    m_timeline->clear();
    m_pacer->restart(); // the first frame is shown at once
    clearBytes();
    if (auto started = m_controller->start(config); !started) {
        showError(QString::fromStdString(started.error().message));
    } else {
        say(m_verdict, tr("Running…"));
        startRecordingIfArmed();
    }
    updateActions();
}

void ClassroomPage::showError(const QString& message) {
    say(m_verdict, tr("<b>Cannot start this lesson:</b> %1").arg(message.toHtmlEscaped()));
    updateActions();
}

Status ClassroomPage::openRecording(const QString& path) {
    return replayOpened(m_controller->openRecording(
        path, [this](const Recording& r) { return showRecordedLesson(r); }));
}

Status ClassroomPage::openRecording(Recording recording, const QString& path) {
    return replayOpened(m_controller->openRecording(
        std::move(recording), path, [this](const Recording& r) { return showRecordedLesson(r); }));
}

Status ClassroomPage::showRecordedLesson(const Recording& rec) {
    if (!rec.lesson) {
        return Error{"this recording is of a Lab run, not of a lesson: open it on the Lab page"};
    }
    const QString id = QString::fromStdString(rec.lesson->id);
    if (!selectLesson(id)) {
        return Error{"the recording is of the lesson '" + rec.lesson->id +
                     "', which is not installed here"};
    }
    if (!selectVariant(QString::fromStdString(rec.lesson->variant))) {
        return Error{"the lesson '" + rec.lesson->id + "' has no variant '" + rec.lesson->variant +
                     "' any more"};
    }
    return Ok{};
}

Status ClassroomPage::replayOpened(Status opened) {
    if (!opened) {
        return opened;
    }
    m_controller->playReplay();
    say(m_verdict, tr("Replaying a recorded lesson; no process runs."));
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
        const QString path = RecordingFiles::newPath(
            QStringLiteral("lesson-%1-%2")
                .arg(QString::fromStdString(l->id), QString::fromStdString(v->id)));
        if (auto recording = m_controller->recordTo(path); !recording) {
            showError(QString::fromStdString(recording.error().message));
        }
    }
}

void ClassroomPage::togglePause() {
    if (!m_controller->isActive()) {
        return;
    }
    if (m_controller->stepMode()) {
        m_controller->setStepMode(false); // "Continue": leave step mode
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
    if (m_controller->isPaused()) {
        m_controller->resume();
    }
    if (!m_controller->stepMode()) {
        m_controller->setStepMode(true);
    } else {
        m_controller->step();
    }
    updateActions();
}

// Every frame goes into the lesson's session (its verdict); the views show the latest frame at
// the pace the eye needs (and none while the page is hidden).
void ClassroomPage::onFrame() {
    if (m_session) {
        m_session->add(m_controller->lastFrame());
    }
    m_pacer->frameArrived();
}

void ClassroomPage::refreshViews() {
    const Frame& f = m_controller->lastFrame();
    m_producerCode->setFrame(f);
    m_consumerCode->setFrame(f);
    m_topology->setSnapshot(f);
    m_bytes->setFrame(f);
    if (presentationMode()) {
        // The received bytes take the explanation's place: it is the teacher's, they are the
        // class's, and the code keeps its height.
        m_text->setVisible(!m_bytes->isVisibleTo(this));
    }
    m_timeline->setHistory(m_controller->history());
    if (m_controller->isReplaying()) {
        m_replayBar->setPosition(m_controller->replayPositionS());
    }
    if (m_controller->isActive()) {
        QString state;
        if (m_controller->stepMode()) {
            state = tr("Step by step: press Step (F10) for one more operation of each process, "
                       "Continue (F6) to run on.");
        } else if (m_controller->isPaused()) {
            state = tr("Paused.");
        } else {
            state = tr("Running… %1 s").arg(double(f.elapsedNs) / 1e9, 0, 'f', 1);
        }
        // In presentation mode the (large) status bar says it: the line goes to the views.
        say(m_verdict, presentationMode() ? QString() : state);
        Q_EMIT statusChanged(state);
    }
}

void ClassroomPage::onFinished() {
    m_pacer->flush(); // the last frame, exactly, before the verdict
    if (!m_session || !m_controller->report()) {
        updateActions();
        return;
    }
    const LessonVerdict verdict = m_session->verdict(*m_controller->report());
    const bool passed = verdict.passed();
    QString text = LessonWording::verdict(verdict);
    if (const QString recordedTo = m_controller->recordingPath(); !recordedTo.isEmpty()) {
        text += QStringLiteral("<br>") +
                tr("Recorded to %1").arg(QDir::toNativeSeparators(recordedTo).toHtmlEscaped());
    }
    say(m_verdict, text);
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
    const bool stepping = m_controller->stepMode();
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
    // The boxes' texts about as large as the code's, and lines thicker with them.
    m_topology->setScale(on ? diagramScale() : 1.0);
    m_list->parentWidget()->setVisible(!on); // the room needs the code, not the menu
    // The toolbar fits 1024 px in large text: the combo boxes say what they are (tooltips),
    // and recording is set up before the class.
    for (QAction* a : {m_paceLabelAction, m_variantLabelAction, m_record}) {
        a->setVisible(!on);
    }
    // The room reads the code and the live views; the explanation is the teacher's, a few
    // lines of it scrolled by hand.
    const int screenHeight = screen() ? screen()->availableGeometry().height() : 768;
    m_text->setMaximumHeight(on ? std::max(90, screenHeight * 16 / 100) : QWIDGETSIZE_MAX);
    // The diagram needs the whole width for texts as large as the code's (its three columns
    // fit at a unit of a 43rd of its width), so the timeline goes under it, also full width
    // (its legend on one row, its lanes tall).
    m_live->setOrientation(on ? Qt::Vertical : Qt::Horizontal);
    Q_EMIT presentationModeChanged(on); // the window goes full screen
    // Presentation mode: the received bytes (their end) where the explanation is, else under
    // the live views.
    m_bytes->setTailOnly(on);
    if (on) {
        static_cast<QBoxLayout*>(m_text->parentWidget()->layout())->addWidget(m_bytes);
    } else {
        static_cast<QBoxLayout*>(m_verdict->parentWidget()->layout())->insertWidget(2, m_bytes);
        m_text->show();
    }
    if (on) {
        QTimer::singleShot(0, this, &ClassroomPage::fitPresentation); // at the new size
    } else {
        QTimer::singleShot(0, this, [this] {
            const int w = m_live->width();
            m_live->setSizes({w * 45 / 100, w * 55 / 100});
        });
    }
    fitToolBar();
}

void ClassroomPage::clearBytes() {
    m_bytes->clear();
    m_text->show(); // the explanation back in its place
}

void ClassroomPage::fitPresentation() {
    // The diagram as tall as its texts need (one channel box with its details and a margin
    // above and below it, 12.5 units), the timeline enough for its legend, two lanes and its
    // axis, the code the rest.
    const int h = m_rightSplitter->height();
    const int text = std::min(m_text->maximumHeight(), h / 10); // its title; it scrolls
    const int diagram = int(std::ceil(diagramUnit() * 12.5)) + 2;
    const int timeline = QFontMetrics(m_timeline->font()).height() * 8;
    const int live = diagram + timeline + m_live->handleWidth();
    m_rightSplitter->setSizes({text, std::max(1, h - text - live), live});
    m_live->setSizes({diagram, timeline});
}

int ClassroomPage::codePixelSize() const {
    return QFontInfo(m_producerCode->codeFont()).pixelSize();
}

double ClassroomPage::diagramUnit() const {
    return codePixelSize() * 0.91; // a little below the code's: the box takes less height
}

double ClassroomPage::diagramScale() const {
    return std::max(1.0, diagramUnit() / 8.0); // TopologyView's smallest unit is 8 px
}

QComboBox* ClassroomPage::variantBox() const {
    return m_variant;
}

void ClassroomPage::fitToolBar() {
    // A toolbar moves what does not fit behind a chevron: rather the variant's text is
    // shortened (elided, whole in its tooltip and its list), down to a few words.
    m_variant->setMaximumTextWidth(0);
    const int full = m_variant->sizeHint().width();
    const int room = width() - (m_bar->sizeHint().width() - full) - 8;
    if (room >= full) {
        return;
    }
    const int least = m_variant->fontMetrics().horizontalAdvance(QStringLiteral("Broken: empty"));
    m_variant->setMaximumTextWidth(std::max(least, m_variant->longestTextWidth() - (full - room)));
}

void ClassroomPage::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitToolBar();
    if (presentationMode()) {
        QTimer::singleShot(0, this, &ClassroomPage::fitPresentation); // once laid out anew
    }
}

void ClassroomPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (!m_splitterRestored) {
        // The list is a menu: the lesson gets the width, most of all on a 1024-pixel screen.
        m_splitterRestored = true;
        QTimer::singleShot(0, this, [this] { // once laid out at the window's size
            const int total = m_splitter->width();
            const int list = std::clamp(total * 16 / 100, 150, 220);
            m_splitter->setSizes({list, std::max(1, total - list)});
        });
    }
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
    m_splitterRestored =
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
