// The Classroom page driven like a teacher would, with real processes: the code pane follows
// the live state, Step performs exactly one operation per process, the pace applies live,
// presentation mode enlarges the code, lesson texts follow the language, broken lesson files
// are named on the page.

#include "../common/testsupport.h"

#include "classroom/classroompage.h"
#include "classroom/classroomwidgets.h"
#include "classroom/lessoncodeview.h"
#include "classroom/lessonlistmodel.h"
#include "classroom/lessonwording.h"
#include "common/language.h"
#include "runviews/chartviews.h"
#include "runviews/topologyview.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QListView>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextEdit>
#include <QTextLayout>
#include <QToolBar>

#include <sys/stat.h>

using namespace ipcscope;
using namespace testsupport;

namespace {

const ProcessFrame* worker(const Frame& f, Role role) {
    for (const auto& w : f.processes) {
        if (w.isWorker(role)) {
            return &w;
        }
    }
    return nullptr;
}

std::vector<std::string> sourceLessons() {
    return {(qEnvironmentVariable("IPCSCOPE_SOURCE_DIR") + QStringLiteral("/resources/lessons"))
                .toStdString()};
}

} // namespace

class TestClassroom : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ClassroomPage> m_page;
    std::vector<pid_t> m_pids;

    void remember() {
        if (const auto info = m_page->controller().runInfo()) {
            m_pids.insert(m_pids.end(), info->workerPids.begin(), info->workerPids.end());
        }
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // settings of this test, not the user's
        Language::setLanguage(QStringLiteral("en"));
    }

    void init() {
        m_page = std::make_unique<ClassroomPage>();
        m_page->controller().setLabOptions(labOptions());
        m_page->reload(sourceLessons());
        m_page->resize(1400, 900);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    }

    void cleanup() {
        m_page.reset(); // ~LabController: workers killed and reaped, objects removed
        for (pid_t p : m_pids) {
            QVERIFY2(processGone(p), qPrintable(QStringLiteral("worker %1 left running").arg(p)));
        }
        m_pids.clear();
    }

    void listsLessonsThenPitfalls() {
        QCOMPARE(m_page->library().lessons.size(), std::size_t(15));
        auto* list = m_page->findChild<QListView*>(QStringLiteral("lessonList"));
        QVERIFY(list);
        const QAbstractItemModel* model = list->model();
        QCOMPARE(model->rowCount(), 17); // two headers
        QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("Lessons"));
        QVERIFY(!(model->flags(model->index(0, 0)) & Qt::ItemIsSelectable));
        QVERIFY(m_page->selectLesson(QStringLiteral("semaphore-deadlock")));
        QCOMPARE(m_page->currentLesson()->id, std::string("semaphore-deadlock"));
        QVERIFY(m_page->selectVariant(QStringLiteral("fixed")));
        QCOMPARE(m_page->currentVariant()->id, std::string("fixed"));
        QVERIFY(!m_page->selectLesson(QStringLiteral("no-such-lesson")));
    }

    // The forgotten close: once the writer has exited, the reader's highlighted line is its
    // read() call, and the verdict at the end confirms the point.
    void codePaneFollowsTheReaderIntoRead() {
        QVERIFY(m_page->selectLesson(QStringLiteral("forgotten-close")));
        QVERIFY(m_page->selectVariant(QStringLiteral("broken")));
        m_page->paceBox()->setCurrentIndex(0);
        m_page->startAction()->trigger();
        QVERIFY(m_page->controller().isActive());
        remember();
        const LessonCodeView& reader = m_page->codeView(Role::Consumer);
        const CodeBlock* code = m_page->currentLesson()->codeFor(Role::Consumer);
        QVERIFY(waitUntil(
            [&] {
                const Frame& f = m_page->controller().lastFrame();
                const ProcessFrame* w = worker(f, Role::Producer);
                return w && w->state == WorkerState::Exited && !reader.highlightedLines().empty() &&
                       reader.highlightedLines().front() > 0 &&
                       code->lines[std::size_t(reader.highlightedLines().front() - 1)].find(
                           "read(") != std::string::npos;
            },
            20000));
        // ... after taking all four messages the writer sent (the views show the latest frame
        // within a tenth of a second: they are paced).
        QVERIFY2(waitUntil([&] {
                     return reader.captionText().contains(QStringLiteral("4 messages received"));
                 }),
                 qPrintable(reader.captionText()));
        QVERIFY(reader.captionText().contains(QStringLiteral("blocked in read")));
        m_page->stopAction()->trigger();
        QVERIFY(waitUntil([&] { return m_page->controller().report().has_value(); }, 20000));
        QVERIFY2(m_page->verdictText().contains(QStringLiteral("no consumer ever sees EOF")),
                 qPrintable(m_page->verdictText()));
    }

    // A process that ends while blocked stays on the call it never returned from: after Stop,
    // the deadlocked producer is still shown in P(empty), not on its loop's last line.
    void aProcessStoppedWhileBlockedKeepsItsLine() {
        QVERIFY(m_page->selectLesson(QStringLiteral("semaphore-deadlock")));
        QVERIFY(m_page->selectVariant(QStringLiteral("broken")));
        m_page->paceBox()->setCurrentIndex(0);
        m_page->startAction()->trigger();
        QVERIFY(m_page->controller().isActive());
        remember();
        const LessonCodeView& producer = m_page->codeView(Role::Producer);
        const LessonCodeView& consumer = m_page->codeView(Role::Consumer);
        const int emptyLine =
            m_page->currentLesson()->codeFor(Role::Producer)->marks.at("semop:empty");
        const int fullLine =
            m_page->currentLesson()->codeFor(Role::Consumer)->marks.at("semop:full");
        QVERIFY(waitUntil(
            [&] {
                return producer.highlightedLines() == std::vector<int>{emptyLine} &&
                       consumer.highlightedLines() == std::vector<int>{fullLine};
            },
            20000));
        m_page->stopAction()->trigger();
        QVERIFY(waitUntil([&] { return m_page->controller().report().has_value(); }, 20000));
        const ProcessFrame* p = worker(m_page->controller().lastFrame(), Role::Producer);
        QVERIFY(p && p->state == WorkerState::Exited); // ended, and still shown where it waited
        QCOMPARE(producer.highlightedLines(), std::vector<int>{emptyLine});
        QCOMPARE(consumer.highlightedLines(), std::vector<int>{fullLine});
        QVERIFY2(
            producer.captionText().contains(QStringLiteral("stopped while waiting in P(empty)")),
            qPrintable(producer.captionText()));
        QVERIFY2(
            consumer.captionText().contains(QStringLiteral("stopped while waiting in P(full)")),
            qPrintable(consumer.captionText()));
    }

    // Every worker's line is kept in view, and again when the pane gets smaller.
    void everyHighlightedLineStaysInView() {
        CodeBlock code;
        code.role = Role::Consumer;
        for (int i = 1; i <= 30; ++i) {
            code.lines.push_back("line " + std::to_string(i));
        }
        code.marks = {{"read", 3}, {"running", 14}};
        LessonCodeView view;
        view.setCode(&code, QStringLiteral("Reader"));
        view.resize(500, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto* text = view.findChild<QTextEdit*>();
        QVERIFY(text);
        const int spacing = text->fontMetrics().lineSpacing();
        // A pane `lines` tall.
        const auto showLines = [&](double lines) {
            const int target = int(lines * spacing);
            view.resize(500, view.height() + target - text->viewport()->height());
            return waitUntil([&] { return std::abs(text->viewport()->height() - target) <= 2; });
        };
        const auto visible = [&](int line) {
            const QRect r =
                text->cursorRect(QTextCursor(text->document()->findBlockByNumber(line - 1)));
            return r.top() >= 0 && r.bottom() <= text->viewport()->height();
        };
        QVERIFY(showLines(13.3)); // lines 3 to 14 fit, 1 to 14 do not
        ProcessFrame reading;
        reading.worker = WorkerId{Role::Consumer, 0};
        reading.state = WorkerState::Blocked;
        reading.call = CallKind::Read;
        ProcessFrame running;
        running.worker = WorkerId{Role::Consumer, 1};
        running.state = WorkerState::Running;
        Frame two;
        two.processes = {reading, running};
        view.setFrame(two);
        QCOMPARE(view.highlightedLines(), (std::vector<int>{3, 14}));
        QVERIFY(visible(3));
        QVERIFY(visible(14));

        Frame one;
        one.processes = {running};
        view.setFrame(one);
        QVERIFY(visible(14));
        // As small as the pane gets: the line scrolls back into view.
        view.resize(500, view.minimumSizeHint().height());
        QVERIFY(waitUntil([&] { return text->viewport()->height() < 10 * spacing; }));
        QVERIFY(waitUntil([&] { return visible(14); }, 2000));
    }

    // A lesson's side note is shown under its line, in the lesson's language, and the lines
    // keep their numbers (the note is inside the line's block).
    void sideNotesAreShownUnderTheirLines() {
        CodeBlock code;
        code.role = Role::Producer;
        code.lines = {"int fd;", "if ((fd == open(p, O_WRONLY)) < 0)", "write(fd, buf, n);"};
        code.notes[2] = LocalizedText{"== compares", "== 是比较"};
        code.marks = {{"write", 3}};
        LessonCodeView view;
        view.setCode(&code, QStringLiteral("Writer"), QStringLiteral("en"));
        auto* text = view.findChild<QTextEdit*>();
        QVERIFY(text);
        QCOMPARE(text->document()->blockCount() - 1, 3); // and the last, empty block
        const QString line2 = text->document()->findBlockByNumber(1).text();
        QVERIFY2(line2.contains(QStringLiteral("open(p")) &&
                     line2.contains(QChar(QChar::LineSeparator) + QStringLiteral("⚠ == compares")),
                 qPrintable(line2));
        QVERIFY(!text->document()->findBlockByNumber(0).text().contains(QStringLiteral("⚠")));
        view.setCode(&code, QStringLiteral("Writer"), QStringLiteral("zh_CN"));
        QVERIFY(
            text->document()->findBlockByNumber(1).text().contains(QStringLiteral("== 是比较")));
        // The highlight of line 3 is still line 3.
        ProcessFrame writing;
        writing.worker = WorkerId{Role::Producer, 0};
        writing.state = WorkerState::Blocked;
        writing.call = CallKind::Write;
        Frame f;
        f.processes = {writing};
        view.setFrame(f);
        QCOMPARE(view.highlightedLines(), std::vector<int>{3});
    }

    // A reader last seen waiting in open() that then saw EOF (the notes' FIFO: the writer
    // failed at once) ran to its end: it is not "stopped while waiting in open".
    void aWaitLeftForEofIsNotAStop() {
        CodeBlock code;
        code.role = Role::Consumer;
        code.lines = {"fd = open(p, O_RDONLY);", "while (read(fd, buf, n) > 0) {}", "return 0;"};
        code.marks = {{"open", 1}, {"read", 2}, {"exited", 3}};
        LessonCodeView view;
        view.setCode(&code, QStringLiteral("Reader"));
        ProcessFrame reader;
        reader.worker = WorkerId{Role::Consumer, 0};
        reader.state = WorkerState::Blocked;
        reader.call = CallKind::Open;
        Frame waiting;
        waiting.processes = {reader};
        view.setFrame(waiting);
        QCOMPARE(view.highlightedLines(), std::vector<int>{1});
        reader.state = WorkerState::Exited;
        reader.call = CallKind::None;
        Frame ended;
        ended.processes = {reader};
        ended.newEvents = {RunEvent{1, 0, EventKind::Closed, CallKind::None, 0, {}}};
        view.setFrame(ended);
        QCOMPARE(view.highlightedLines(), std::vector<int>{3});
        QVERIFY2(!view.captionText().contains(QStringLiteral("stopped while waiting")),
                 qPrintable(view.captionText()));
    }

    void stepPerformsOneOperationPerProcess() {
        QVERIFY(m_page->selectLesson(QStringLiteral("pipe-parent-child")));
        m_page->stepAction()->trigger(); // starts held, before the first operation
        QVERIFY(m_page->controller().isActive());
        remember();
        const auto bothHeldAt = [&](std::uint64_t messages) {
            return waitUntil([&] {
                const Frame& f = m_page->controller().lastFrame();
                const ProcessFrame* p = worker(f, Role::Producer);
                const ProcessFrame* c = worker(f, Role::Consumer);
                return p && c && p->state == WorkerState::Held && c->state == WorkerState::Held &&
                       p->messages == messages && c->messages == messages;
            });
        };
        QVERIFY(bothHeldAt(0));
        QCOMPARE(m_page->pauseAction()->text(), QStringLiteral("Continue"));
        QVERIFY(m_page->controller().stepMode());
        m_page->stepAction()->trigger();
        QVERIFY(bothHeldAt(1));
        m_page->stepAction()->trigger();
        QVERIFY(bothHeldAt(2));
        // The frames carry the controls: step mode, and the two steps granted.
        QCOMPARE(m_page->controller().lastFrame().control, (FrameControl{true, 0, 2}));
        // The code pane shows where each held process will go on.
        QVERIFY(!m_page->codeView(Role::Producer).highlightedLines().empty());
        // The worker boxes say so, as the status line does (not "running · 0/s").
        const Frame held = m_page->controller().lastFrame();
        for (std::size_t i = 0; i < held.processes.size(); ++i) {
            QCOMPARE(TopologyView::stateText(held, i), QStringLiteral("waiting for step"));
        }
        m_page->pauseAction()->trigger(); // Continue: leave step mode
        QVERIFY(!m_page->controller().stepMode());
        QCOMPARE(m_page->pauseAction()->text(), QStringLiteral("Pause"));
        QVERIFY(waitUntil([&] { return m_page->controller().report().has_value(); }, 30000));
        QCOMPARE(m_page->controller().report()->totals.messagesReceived, std::uint64_t(6));
        QVERIFY(m_page->verdictText().contains(QStringLiteral("showed its point")));
    }

    // A recorded lesson replays to the same totals, without running any process.
    void aRecordedLessonReplaysToTheSameTotals() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QSettings().setValue(QStringLiteral("recordings/directory"), dir.path());
        QVERIFY(m_page->selectLesson(QStringLiteral("pipe-parent-child")));
        m_page->recordAction()->setChecked(true);
        m_page->startAction()->trigger();
        remember();
        QVERIFY(m_page->controller().isRecording());
        const QString path = m_page->controller().recordingPath();
        QVERIFY(path.startsWith(dir.path() + QStringLiteral("/lesson-pipe-parent-child-default-")));
        QVERIFY(waitUntil([&] { return m_page->controller().report().has_value(); }, 30000));
        const Totals live = m_page->controller().report()->totals;
        QVERIFY(m_page->verdictText().contains(QStringLiteral("Recorded to")));
        m_page->recordAction()->setChecked(false);

        // On the Classroom itself: the lesson and variant come back with the code pane.
        QVERIFY(m_page->selectLesson(QStringLiteral("semaphore-deadlock")));
        const auto opened = m_page->openRecording(path);
        QVERIFY2(opened, opened ? "" : opened.error().message.c_str());
        QCOMPARE(m_page->currentLesson()->id, std::string("pipe-parent-child"));
        QVERIFY(m_page->controller().isReplaying());
        m_page->controller().setReplaySpeed(8);
        QVERIFY(waitUntil([&] { return m_page->controller().report().has_value(); }, 60000));
        QCOMPARE(m_page->controller().report()->totals.messagesReceived, live.messagesReceived);
        QVERIFY(!m_page->codeView(Role::Consumer).highlightedLines().empty());
        QVERIFY2(m_page->verdictText().contains(QStringLiteral("showed its point")),
                 qPrintable(m_page->verdictText()));

        // A recording of a Lab run is not a lesson: said in words.
        const QString labRun = dir.filePath(QStringLiteral("lab.ipcrec"));
        QVERIFY(RecordingWriter::create(labRun.toStdString(), RunConfig{}));
        const auto refused = m_page->openRecording(labRun);
        QVERIFY(!refused);
        QVERIFY(
            QString::fromStdString(refused.error().message).contains(QStringLiteral("Lab page")));

        // And the Lab's controller replays the lesson's file as well.
        LabController replay;
        QVERIFY(replay.openRecording(path));
        replay.setReplaySpeed(8);
        QVERIFY(replay.recording() && replay.recording()->report.has_value());
        replay.playReplay();
        QVERIFY(waitUntil([&] { return replay.report().has_value(); }, 60000));
        QCOMPARE(replay.report()->totals.messagesReceived, live.messagesReceived);
        QCOMPARE(replay.report()->totals.bytesReceived, live.bytesReceived);
        QCOMPARE(replay.report()->totals.messagesSent, std::uint64_t(6));
        QSettings().remove(QStringLiteral("recordings/directory"));
    }

    void paceAppliesToTheRunningLesson() {
        QVERIFY(m_page->selectLesson(QStringLiteral("bounded-buffer")));
        m_page->startAction()->trigger();
        remember();
        QVERIFY(m_page->controller().isActive());
        m_page->paceBox()->setCurrentIndex(2); // one operation every 2 s
        QCOMPARE(m_page->controller().config().paceIntervalNs, std::uint64_t(2'000'000'000));
        m_page->stopAction()->trigger();
        QVERIFY(waitUntil([&] { return m_page->controller().report().has_value(); }, 30000));
    }

    void presentationModeEnlargesTheCode() {
        auto* text = m_page->codeView(Role::Producer).findChild<QTextEdit*>();
        QVERIFY(text);
        const qreal normal = text->font().pointSizeF();
        m_page->presentationAction()->setChecked(true);
        QVERIFY(text->font().pointSizeF() > normal * 1.4);
        QVERIFY(!m_page->findChild<QListView*>(QStringLiteral("lessonList"))->isVisible());
        QTest::keyClick(m_page.get(), Qt::Key_Escape); // Esc leaves it, as in slide shows
        QVERIFY(!m_page->presentationAction()->isChecked());
        QCOMPARE(text->font().pointSizeF(), normal);
    }

    // On a 1024×768 projector (a page of 1024×700 under the window's menu and tabs): nothing
    // asks for more, every tool stays on the toolbar, and the diagram's text grows as well.
    void presentationModeFitsAProjector() {
        QVERIFY(m_page->selectLesson(QStringLiteral("semaphore-deadlock")));
        QVERIFY(m_page->selectVariant(QStringLiteral("broken")));
        auto* topology = m_page->findChild<TopologyView*>();
        QVERIFY(topology);
        m_page->resize(1024, 700);
        QVERIFY(waitUntil([&] { return m_page->width() == 1024; }));
        const double normalUnit = topology->layout().unit;
        m_page->presentationAction()->setChecked(true);
        QApplication::processEvents();
        const QSize least = m_page->minimumSizeHint();
        QVERIFY2(least.width() <= 1024 && least.height() <= 700,
                 qPrintable(QStringLiteral("%1×%2").arg(least.width()).arg(least.height())));
        QCOMPARE(m_page->size(), QSize(1024, 700));
        auto* bar = m_page->findChild<QToolBar*>();
        QVERIFY(bar);
        for (QAction* a : bar->actions()) {
            if (!a->isSeparator() && a->isVisible()) { // Record is hidden: set up before class
                QVERIFY2(bar->widgetForAction(a) && bar->widgetForAction(a)->isVisible(),
                         qPrintable(a->text()));
            }
        }
        // The diagram's smallest text 1.6 times the normal floor of 8 px, never smaller.
        QVERIFY2(topology->layout().unit >= 8 * 1.6 - 1e-9 && topology->layout().unit >= normalUnit,
                 qPrintable(QStringLiteral("%1 px, %2 px before")
                                .arg(topology->layout().unit)
                                .arg(normalUnit)));
        m_page->presentationAction()->setChecked(false);
    }

    // Presentation mode on a 1024-pixel page: every part a class reads is wholly on it, the
    // texts and the timeline's lanes grow with the code, the variant is shortened in words
    // (whole in its tooltip), never cut.
    void presentationModeScalesEverythingReadable() {
        QVERIFY(m_page->selectLesson(QStringLiteral("bounded-buffer")));
        m_page->resize(1024, 700);
        QVERIFY(waitUntil([&] { return m_page->width() == 1024; }));
        m_page->paceBox()->setCurrentIndex(0);
        m_page->startAction()->trigger();
        remember();
        auto* timeline = m_page->findChild<BlockingTimelineView*>();
        QVERIFY(timeline);
        QVERIFY(waitUntil([&] { return timeline->laneCount() == 2; }));
        QTest::qWait(0);
        const double normalLane = timeline->laneHeight();
        const double normalText = QFontInfo(timeline->font()).pixelSize();
        const int normalCaption = QFontInfo(m_page->codeView(Role::Producer).font()).pixelSize();
        m_page->presentationAction()->setChecked(true);
        QVERIFY(waitUntil([&] { return timeline->laneHeight() != normalLane; }, 2000));
        QApplication::processEvents();
        const double ratio = QFontInfo(timeline->font()).pixelSize() / normalText;
        QVERIFY2(ratio >= 1.4, qPrintable(QString::number(ratio)));
        QVERIFY(QFontInfo(m_page->codeView(Role::Producer).font()).pixelSize() >=
                normalCaption * 1.4);
        // Lanes tall enough for their labels in the large text, and taller than before (once
        // the page has laid its views out for presentation).
        waitUntil(
            [&] { return timeline->laneHeight() >= QFontMetrics(timeline->font()).height() * 1.5; },
            2000);
        QVERIFY2(timeline->laneHeight() >= QFontMetrics(timeline->font()).height() * 1.5,
                 qPrintable(QStringLiteral("lanes %1 px, timeline %2 px high")
                                .arg(timeline->laneHeight())
                                .arg(timeline->height())));
        // The diagram's texts (its unit is their pixel size) about as large as the code's:
        // a class reads both from the back of the room.
        auto* topology = m_page->findChild<TopologyView*>();
        QVERIFY(topology);
        const int codePx = QFontInfo(m_page->codeView(Role::Producer).codeFont()).pixelSize();
        waitUntil([&] { return topology->layout().unit >= 0.9 * codePx; }, 2000);
        QVERIFY2(topology->layout().unit >= 0.9 * codePx,
                 qPrintable(QStringLiteral("diagram %1 px, code %2 px")
                                .arg(topology->layout().unit)
                                .arg(codePx)));
        const QRect page = m_page->rect();
        for (const char* name : {"variantBox", "explanation", "verdict"}) {
            auto* w = m_page->findChild<QWidget*>(QLatin1String(name));
            QVERIFY2(w, name);
            if (!w->isVisible()) {
                continue; // the verdict's line is the status bar's while the lesson runs
            }
            const QRect at(w->mapTo(m_page.get(), QPoint(0, 0)), w->size());
            QVERIFY2(page.contains(at), name);
        }
        for (QWidget* w : std::initializer_list<QWidget*>{
                 timeline, m_page->findChild<TopologyView*>(), &m_page->codeView(Role::Producer),
                 &m_page->codeView(Role::Consumer), m_page->findChild<QToolBar*>()}) {
            const QRect at(w->mapTo(m_page.get(), QPoint(0, 0)), w->size());
            QVERIFY2(w->isVisible() && page.contains(at), w->metaObject()->className());
        }
        auto* variant = m_page->findChild<ElidingComboBox*>(QStringLiteral("variantBox"));
        QVERIFY(variant);
        QCOMPARE(variant->toolTip(), variant->currentText());
        QVERIFY(variant->shownText() == variant->currentText() ||
                variant->shownText().endsWith(QChar(0x2026)));
        auto* bar = m_page->findChild<QToolBar*>();
        QVERIFY(bar->widgetForAction(m_page->presentationAction())->isVisible());
        m_page->stopAction()->trigger();
        QVERIFY(waitUntil([&] { return m_page->controller().report().has_value(); }, 30000));
        m_page->presentationAction()->setChecked(false);
    }

    // The notes' writer with only its == corrected: the page shows the bytes the reader
    // process received, its line's characters escaped over their hex values, ending in \n and
    // the NUL (0a 00), and the code panes say n + 1 beside the write and read lines.
    void receivedBytesShowTheNul() {
        QVERIFY(m_page->selectLesson(QStringLiteral("notes-fifo")));
        QVERIFY(m_page->selectVariant(QStringLiteral("n-plus-1")));
        auto* bytes = m_page->findChild<MessageBytesView*>(QStringLiteral("receivedBytes"));
        QVERIFY(bytes && !bytes->isVisible());
        m_page->paceBox()->setCurrentIndex(0);
        m_page->startAction()->trigger();
        remember();
        QVERIFY(waitUntil([&] { return bytes->isVisible(); }, 30000));
        const QStringList rows = bytes->rows();
        QVERIFY(rows.size() >= 2 && rows.size() % 2 == 0);
        QVERIFY2(rows[0].startsWith(QStringLiteral("w  r  i  t  e")), qPrintable(rows[0]));
        QVERIFY2(rows[rows.size() - 2].endsWith(QStringLiteral("\\n \\0")),
                 qPrintable(rows[rows.size() - 2]));
        QVERIFY2(rows.back().endsWith(QStringLiteral("0a 00")), qPrintable(rows.back()));
        QVERIFY2(bytes->text().contains(QStringLiteral("n + 1")), qPrintable(bytes->text()));
        QVERIFY(waitUntil([&] {
            return m_page->codeView(Role::Producer)
                       .messageSizeNote()
                       .contains(QStringLiteral("n + 1")) &&
                   m_page->codeView(Role::Consumer)
                       .messageSizeNote()
                       .contains(QStringLiteral("n + 1"));
        }));
        m_page->stopAction()->trigger();
        QVERIFY(waitUntil([&] { return m_page->controller().report().has_value(); }, 30000));
    }

    // The explanation never shows a line cut through the middle at its bottom edge.
    void explanationShowsWholeLines() {
        WholeLinesTextBrowser text;
        QString html;
        for (int i = 0; i < 12; ++i) {
            html += QStringLiteral("<p>Paragraph %1: a FIFO is a pipe with a name in the file "
                                   "system, so unrelated processes can find it.</p>")
                        .arg(i);
        }
        text.setHtml(html);
        text.resize(400, 200);
        text.show();
        QVERIFY(QTest::qWaitForWindowExposed(&text));
        for (int height = 120; height < 260; height += 7) {
            text.resize(400, height);
            QApplication::processEvents();
            const int bottom = text.visibleBottom();
            const int scroll = text.verticalScrollBar()->value();
            int shown = 0;
            for (QTextBlock b = text.document()->begin(); b.isValid(); b = b.next()) {
                const QTextLayout* layout = b.layout();
                for (int i = 0; i < layout->lineCount(); ++i) {
                    const QRectF line = layout->lineAt(i).rect().translated(layout->position() -
                                                                            QPointF(0, scroll));
                    // Wholly above the cut (shown) or wholly below it (left out).
                    QVERIFY2(line.bottom() <= bottom + 0.5 || line.top() >= bottom - 0.5,
                             qPrintable(QStringLiteral("height %1: a line from %2 to %3, cut at %4")
                                            .arg(height)
                                            .arg(line.top())
                                            .arg(line.bottom())
                                            .arg(bottom)));
                    shown += line.bottom() <= bottom + 0.5 && line.top() >= 0 ? 1 : 0;
                }
            }
            QVERIFY(shown >= 3);
            QVERIFY(bottom <= text.viewport()->height());
        }
    }

    // A channel's details wrap between "empty=0", "full=0" and "mutex=1", never inside one.
    void diagramDetailsWrapAtSeparators() {
        const QFontMetricsF fm(QApplication::font());
        const QStringList parts{QStringLiteral("empty=0"), QStringLiteral("full=0"),
                                QStringLiteral("mutex=1")};
        const QString two = parts[0] + QStringLiteral("  ·  ") + parts[1];
        QCOMPARE(TopologyView::detailLines(parts, fm, fm.horizontalAdvance(two) + 1),
                 (QStringList{two, parts[2]}));
        QCOMPARE(TopologyView::detailLines(parts, fm, 1000),
                 (QStringList{parts.join(QStringLiteral("  ·  "))}));
        QCOMPARE(TopologyView::detailLines(parts, fm, fm.horizontalAdvance(parts[0])), parts);
    }

    // The reader of a FIFO waits in open() for its writer: the timeline names that call on
    // the wait, beside the read() waits that follow, also in presentation mode at 1024.
    void fifoTimelineNamesTheOpenWait() {
        QVERIFY(m_page->selectLesson(QStringLiteral("fifo-open-blocks")));
        QVERIFY(m_page->selectVariant(QStringLiteral("broken")));
        m_page->resize(1024, 700);
        m_page->presentationAction()->setChecked(true);
        m_page->paceBox()->setCurrentIndex(0);
        m_page->startAction()->trigger();
        remember();
        auto* timeline = m_page->findChild<BlockingTimelineView*>();
        const auto readerLane = [&] {
            const auto& processes = m_page->controller().history().processes();
            for (std::size_t i = 0; i < processes.size(); ++i) {
                if (processes[i].worker && processes[i].worker->role == Role::Consumer) {
                    return int(i);
                }
            }
            return -1;
        };
        // Until the run's end: the axis then spans the whole run, the open wait at its
        // narrowest.
        QVERIFY(waitUntil([&] { return m_page->controller().report().has_value(); }, 60000));
        const QStringList labels = timeline->segmentLabels(readerLane());
        QVERIFY2(!labels.isEmpty() && labels.front().startsWith(QStringLiteral("op")),
                 qPrintable(labels.join(QStringLiteral(", "))));
        QVERIFY2(m_page->verdictText().contains(QStringLiteral("open")),
                 qPrintable(m_page->verdictText()));
        m_page->presentationAction()->setChecked(false);
        // A narrow timeline in large text (the live views' share of a projector, a longer run)
        // still names the short wait, shortened if it must be, never as the read that follows.
        BlockingTimelineView narrow;
        QFont large = narrow.font();
        large.setPointSizeF(large.pointSizeF() * 1.6);
        narrow.setFont(large);
        narrow.setFitToRun(true);
        narrow.resize(270, 360); // room for the legend, which wraps onto several lines here
        narrow.setHistory(m_page->controller().history());
        const QStringList narrowLabels = narrow.segmentLabels(readerLane());
        QVERIFY2(!narrowLabels.isEmpty() && narrowLabels.front().startsWith(QStringLiteral("op")),
                 qPrintable(narrowLabels.join(QStringLiteral(", "))));
    }

    // A lesson of two seconds fills the timeline's width: no fixed 0–10 s axis.
    void timelineFitsTheRunsLength() {
        QVERIFY(m_page->selectLesson(QStringLiteral("forgotten-close")));
        QVERIFY(m_page->selectVariant(QStringLiteral("fixed")));
        m_page->paceBox()->setCurrentIndex(0);
        m_page->startAction()->trigger();
        remember();
        QVERIFY(waitUntil([&] { return m_page->controller().report().has_value(); }, 30000));
        auto* timeline = m_page->findChild<BlockingTimelineView*>();
        QVERIFY(timeline);
        const double length = double(m_page->controller().lastFrame().elapsedNs) / 1e9;
        const auto [from, to] = timeline->timeAxis();
        QCOMPARE(from, 0.0);
        QVERIFY2(to >= length && to <= std::max(1.0, length * 2),
                 qPrintable(QStringLiteral("axis to %1 s for a run of %2 s").arg(to).arg(length)));
    }

    void lessonTextsFollowTheLanguage() {
        QVERIFY(m_page->selectLesson(QStringLiteral("pipe-parent-child")));
        auto* list = m_page->findChild<QListView*>(QStringLiteral("lessonList"));
        QCOMPARE(list->currentIndex().data().toString(),
                 QStringLiteral("Anonymous pipe: parent to child"));
        Language::setLanguage(QStringLiteral("zh_CN"));
        QCOMPARE(list->currentIndex().data().toString(),
                 QStringLiteral("无名管道：父进程到子进程"));
        QCOMPARE(list->model()->index(0, 0).data().toString(), QStringLiteral("课程"));
        // The code's comments too, the code itself unchanged.
        auto* code = m_page->codeView(Role::Producer).findChild<QTextEdit*>();
        // As read: the joiner that keeps "/*" together when a comment wraps is invisible.
        const auto shown = [code] { return code->toPlainText().remove(QChar(0x2060)); };
        QVERIFY2(shown().contains(QStringLiteral("/* 父进程从不读：关闭读端 */")),
                 qPrintable(shown()));
        QVERIFY(code->toPlainText().contains(QStringLiteral("close(fd[0]);")));
        // The verdict's findings are worded by the GUI, so they follow the language too.
        CheckResult clean;
        clean.check.kind = CheckKind::Clean;
        clean.seen = {6, 6, 0, 0, 0};
        QCOMPARE(LessonWording::seen(clean),
                 QStringLiteral("发送 6，接收 6，丢失 0，重复 0，损坏 0"));
        Language::setLanguage(QStringLiteral("en"));
        QCOMPARE(list->currentIndex().data().toString(),
                 QStringLiteral("Anonymous pipe: parent to child"));
        QVERIFY(shown().contains(QStringLiteral("/* the parent never reads: close that end */")));
    }

    // The lesson list is a model like any other (QAbstractItemModelTester watches it): a header
    // before the lessons and one before the pitfalls, lessons found by id, texts that follow
    // the language.
    void lessonListModelGroupsLessonsAndPitfalls() {
        LessonListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const LessonLibrary library = loadLessons(sourceLessons());
        model.setLessons(library.lessons);
        QCOMPARE(model.rowCount(), int(library.lessons.size()) + 2);
        const QModelIndex lessons = model.index(0, LessonListModel::TitleColumn);
        QVERIFY(lessons.data(LessonListModel::HeaderRole).toBool());
        QVERIFY(!lessons.data(LessonListModel::PitfallRole).toBool());
        QCOMPARE(lessons.data().toString(), QStringLiteral("Lessons"));
        QCOMPARE(model.flags(lessons), Qt::NoItemFlags);
        QVERIFY(lessons.data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(model.lessonId(lessons).isEmpty());
        int pitfallsHeader = -1;
        for (int row = 1; row < model.rowCount(); ++row) {
            const QModelIndex i = model.index(row);
            if (i.data(LessonListModel::HeaderRole).toBool()) {
                QCOMPARE(pitfallsHeader, -1); // one more header only
                pitfallsHeader = row;
                QVERIFY(i.data(LessonListModel::PitfallRole).toBool());
                QCOMPARE(i.data().toString(), QStringLiteral("Pitfalls"));
            } else {
                QCOMPARE(model.flags(i), Qt::ItemIsEnabled | Qt::ItemIsSelectable);
                QCOMPARE(i.data(LessonListModel::PitfallRole).toBool(), pitfallsHeader > 0);
                QVERIFY(library.find(model.lessonId(i).toStdString()));
            }
        }
        QVERIFY(pitfallsHeader > 1);
        const QModelIndex pipe = model.indexOf(QStringLiteral("pipe-parent-child"));
        QVERIFY(pipe.isValid());
        QCOMPARE(pipe.data().toString(), QStringLiteral("Anonymous pipe: parent to child"));
        QVERIFY(!pipe.data(Qt::ToolTipRole).toString().isEmpty());
        QCOMPARE(model.lessonId(pipe), QStringLiteral("pipe-parent-child"));
        QVERIFY(!model.indexOf(QStringLiteral("no-such-lesson")).isValid());

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setLanguage(QStringLiteral("zh_CN"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed[0][0].toModelIndex().row(), 0);
        QCOMPARE(changed[0][1].toModelIndex().row(), model.rowCount() - 1);
        QCOMPARE(pipe.data().toString(), QStringLiteral("无名管道：父进程到子进程"));
        model.setLessons({});
        QCOMPARE(model.rowCount(), 0);
    }

    void brokenLessonFilesAreNamedOnThePage() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile bad(dir.filePath(QStringLiteral("broken.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{ \"format\": \"ipcscope-lesson\", \"version\": 1, \"id\": \"Bad Id\" }");
        bad.close();
        // A FIFO under a lesson's name is named too (it used to be skipped without a word).
        const QString fifo = dir.filePath(QStringLiteral("fifo.json"));
        QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        auto dirs = sourceLessons();
        dirs.push_back(dir.path().toStdString());
        m_page->reload(dirs);
        QCOMPARE(m_page->library().lessons.size(), std::size_t(15)); // the rest still load
        bool shown = false;
        bool fifoShown = false;
        for (auto* label : m_page->findChildren<QLabel*>()) {
            shown |= label->isVisible() && label->text().contains(bad.fileName()) &&
                     label->text().contains(QStringLiteral("lowercase letters"));
            fifoShown |=
                label->isVisible() &&
                label->text().contains(fifo + QStringLiteral(" is a FIFO, not a regular file"));
        }
        QVERIFY(shown);
        QVERIFY(fifoShown);
    }
};

QTEST_MAIN(TestClassroom)
#include "tst_classroom.moc"
