// The Classroom's lessons, run headless with real processes: each lesson and each variant of
// each pitfall must show its point; step mode performs exactly one operation per worker;
// malformed lesson files are refused with the file and the problem named.

#include "../common/testsupport.h"

#include "base/jsonwriter.h"
#include "lessons/lessonfile.h"
#include "lessons/lessonsession.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <set>
#include <sys/sem.h>
#include <sys/stat.h>
#include <tuple>
#include <unistd.h>

using namespace ipcscope;
using namespace testsupport;

namespace {

QString lessonSourceDir() {
    return qEnvironmentVariable("IPCSCOPE_SOURCE_DIR") + QStringLiteral("/resources/lessons");
}

// Test runs are five times faster than in class (rates, delays and the checks' durations
// scale together; faster would leave "no wait this long" checks too little margin for a
// loaded machine or a sanitizer build); the races of the pitfalls run at full speed anyway.
constexpr double kTestSpeed = 5;

const ProcessFrame* worker(const Frame& f, Role role) {
    for (const auto& w : f.processes) {
        if (w.isWorker(role)) {
            return &w;
        }
    }
    return nullptr;
}

// The text of the line a worker's code pane highlights for it (empty: none).
std::string highlightedLine(const CodeBlock& code, const ProcessFrame& w) {
    const int line = code.lineFor(w.state, w.call, w.objectName);
    return line >= 1 ? code.lines[std::size_t(line - 1)] : std::string();
}

// Leaves step mode and lets the run end as usual; true when it ended, clean.
bool endsClean(Run& r) {
    r.setStepMode(false);
    r.requestStop();
    return runToEnd(r) && r.report().totals.clean();
}

} // namespace

class TestLessons : public QObject {
    Q_OBJECT

private:
    LessonLibrary m_library;
    LabOptions m_options;

private Q_SLOTS:
    void initTestCase() {
        m_library = loadLessons({lessonSourceDir().toStdString()});
        QVERIFY2(m_library.errors.empty(),
                 m_library.errors.empty() ? "" : m_library.errors.front().c_str());
        // The six lessons of the course notes (the sixth in two parts) and the eight pitfalls (the
        // eighth: the notes' own FIFO pair).
        QCOMPARE(m_library.lessons.size(), std::size_t(15));
        m_options.workerPath = workerPath().toStdString();
    }

    void everyVariantShowsItsPoint_data() {
        QTest::addColumn<QString>("lesson");
        QTest::addColumn<QString>("variant");
        for (const auto& l : m_library.lessons) {
            for (const auto& v : l.variants) {
                QTest::newRow((l.id + "/" + v.id).c_str())
                    << QString::fromStdString(l.id) << QString::fromStdString(v.id);
            }
        }
    }

    void everyVariantShowsItsPoint() {
        QFETCH(QString, lesson);
        QFETCH(QString, variant);
        const Lesson* l = m_library.find(lesson.toStdString());
        QVERIFY(l);
        const LessonVariant* v = l->variant(variant.toStdString());
        QVERIFY(v);
        std::vector<ManifestObject> objects;
        auto result = runLessonHeadless(*l, *v, kTestSpeed, m_options);
        QVERIFY2(result, result ? "" : result.error().message.c_str());
        QString failed;
        for (const auto& c : result->verdict.checks) {
            if (!c.passed) {
                failed += QString::fromStdString(checkDescription(c.check) + ": " + c.detail) +
                          QLatin1Char('\n');
            }
        }
        QVERIFY2(result->verdict.passed(), qPrintable(failed));
        std::vector<pid_t> pids;
        for (const auto& w : result->report.workers) {
            pids.push_back(w.pid);
        }
        const QStringList left = leftoversOf(result->report.objects, {}, pids);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QStringLiteral(", "))));
    }

    // A pitfall's broken variant must not pass the fixed variant's checks (and the other way
    // round), or the pair would show nothing.
    void brokenAndFixedDiffer() {
        for (const auto& l : m_library.lessons) {
            if (!l.pitfall) {
                continue;
            }
            QVERIFY2(l.variant("broken") && l.variant("fixed"), l.id.c_str());
        }
        const Lesson* l = m_library.find("forgotten-close");
        QVERIFY(l);
        auto broken = runLessonHeadless(*l, *l->variant("broken"), kTestSpeed, m_options);
        QVERIFY(broken);
        LessonObserver none;
        const auto asIfFixed = evaluateChecks(*l->variant("fixed"), broken->report, none);
        QVERIFY(std::any_of(asIfFixed.begin(), asIfFixed.end(),
                            [](const CheckResult& c) { return !c.passed; }));
    }

    // A lesson session assembles the run from the lesson (config and lab options at the
    // speed), follows its frames and judges it: here on a real run driven by hand, as the GUI
    // and the CLI drive theirs.
    void sessionAssemblesAndJudgesARealRun() {
        const Lesson* l = m_library.find("forgotten-close");
        QVERIFY(l);
        const LessonVariant* broken = l->variant("broken");
        QVERIFY(broken && broken->drainPatienceS > 0);
        const LessonSession session(*l, *broken, kTestSpeed);
        QCOMPARE(session.lessonId(), std::string("forgotten-close"));
        QCOMPARE(session.variant().id, std::string("broken"));
        const RunConfig config = session.runConfig();
        const RunConfig scaled = lessonRunConfig(*broken, kTestSpeed);
        QCOMPARE(config.mechanism, scaled.mechanism);
        QCOMPARE(config.producerRate, scaled.producerRate);
        QCOMPARE(config.messages, scaled.messages);
        // The lab options: the base's worker, the variant's patience at the speed, and a
        // deadlock named within two lesson seconds.
        const LabOptions options = session.labOptions(m_options);
        QCOMPARE(options.workerPath, m_options.workerPath);
        QCOMPARE(options.drainPatienceNs, std::uint64_t(broken->drainPatienceS / kTestSpeed * 1e9));
        QVERIFY(options.stallReportNs <= std::uint64_t(2e9 / kTestSpeed));

        LessonSession live(*l, *broken, kTestSpeed);
        auto run = Run::start(config, options);
        QVERIFY2(run, run ? "" : run.error().message.c_str());
        std::size_t frames = 0;
        QVERIFY(runToEnd(**run, 60000, [&](const Frame& f) {
            live.add(f);
            ++frames;
        }));
        QVERIFY(frames > 1);
        QCOMPARE(live.observer().workers().size(), std::size_t(2));
        const RunReport& report = (*run)->report();
        const LessonVerdict verdict = live.verdict(report);
        QCOMPARE(verdict.checks.size(), broken->checks.size());
        QVERIFY(verdict.passed()); // the broken variant shows its point: the reader never sees EOF
        // The reader's wait in read() is only known from the frames: a session that saw none
        // cannot confirm it, and the verdict says so with the one check that failed.
        const LessonVerdict blind = LessonSession(*l, *broken, kTestSpeed).verdict(report);
        QVERIFY(!blind.passed());
        QCOMPARE(std::count_if(blind.checks.begin(), blind.checks.end(),
                               [](const CheckResult& c) { return !c.passed; }),
                 1);
        for (const auto& c : blind.checks) {
            QCOMPARE(c.passed, c.check.kind != CheckKind::BlockedFor);
        }

        // The CLI's JSON verdict says the same.
        JsonWriter json;
        json.beginObject();
        live.writeVerdict(json, verdict);
        json.endObject();
        const QJsonObject lesson = QJsonDocument::fromJson(QByteArray::fromStdString(json.str()))
                                       .object()[QStringLiteral("lesson")]
                                       .toObject();
        QCOMPARE(lesson[QStringLiteral("id")].toString(), QStringLiteral("forgotten-close"));
        QCOMPARE(lesson[QStringLiteral("variant")].toString(), QStringLiteral("broken"));
        QCOMPARE(lesson[QStringLiteral("speed")].toDouble(), kTestSpeed);
        QVERIFY(lesson[QStringLiteral("passed")].toBool());
        QCOMPARE(lesson[QStringLiteral("checks")].toArray().size(),
                 qsizetype(broken->checks.size()));

        std::vector<pid_t> pids;
        for (const auto& w : report.workers) {
            pids.push_back(w.pid);
        }
        const QStringList left = leftoversOf(report.objects, {}, pids);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QStringLiteral(", "))));
    }

    // One failed check fails the verdict; none at all passes it.
    void verdictPassesOnlyWhenEveryCheckPasses() {
        LessonVerdict verdict;
        QVERIFY(verdict.passed());
        verdict.checks.resize(3);
        for (auto& c : verdict.checks) {
            c.passed = true;
        }
        QVERIFY(verdict.passed());
        verdict.checks[1].passed = false;
        QVERIFY(!verdict.passed());
    }

    // The code pane follows the worker's live state: while the reader of the forgotten-close
    // pitfall waits in read(), its highlighted line is the read() call.
    void codeLineFollowsLiveState() {
        const Lesson* l = m_library.find("forgotten-close");
        QVERIFY(l);
        const CodeBlock* code = l->codeFor(Role::Consumer);
        QVERIFY(code);
        bool sawReadLine = false;
        auto result = runLessonHeadless(
            *l, *l->variant("broken"), kTestSpeed, m_options, [&](const Frame& f) {
                const ProcessFrame* reader = worker(f, Role::Consumer);
                if (reader && reader->state == WorkerState::Blocked &&
                    reader->call == CallKind::Read) {
                    const int line = code->lineFor(reader->state, reader->call, reader->objectName);
                    QVERIFY(line >= 1 && line <= int(code->lines.size()));
                    sawReadLine |=
                        code->lines[std::size_t(line - 1)].find("read(") != std::string::npos;
                }
            });
        QVERIFY(result);
        QVERIFY(sawReadLine);
    }

    void stepModePerformsExactlyOneOperationPerWorker() {
        RunConfig c;
        c.mechanism = Mechanism::Pipe;
        c.messages = 5;
        c.startInStepMode = true;
        auto run = Run::start(c, m_options);
        QVERIFY2(run, run ? "" : run.error().message.c_str());
        Run& r = **run;
        const auto bothHeldAt = [&](std::uint64_t messages) {
            return waitUntil([&] {
                const Frame f = r.sample();
                const ProcessFrame* p = worker(f, Role::Producer);
                const ProcessFrame* q = worker(f, Role::Consumer);
                return p && q && p->state == WorkerState::Held && q->state == WorkerState::Held &&
                       p->messages == messages && q->messages == messages;
            });
        };
        QVERIFY(r.stepMode());
        QVERIFY(bothHeldAt(0));
        QCOMPARE(r.sample().control, (FrameControl{true, 0, 0})); // the frame says so too
        for (std::uint64_t step = 1; step <= 3; ++step) {
            r.step();
            // Held again with exactly one more operation each: a held worker cannot move on
            // without the next grant, so the count is exact, not a timing guess.
            QVERIFY2(bothHeldAt(step), qPrintable(QStringLiteral("after step %1").arg(step)));
            QCOMPARE(r.sample().control.steps, step);
        }
        r.setStepMode(false);
        QCOMPARE(r.sample().control, (FrameControl{false, 0, 3}));
        QVERIFY(runToEnd(r));
        QCOMPARE(r.report().totals.messagesReceived, std::uint64_t(5));
        QVERIFY(r.report().totals.clean());
    }

    // One step is one IPC call of each process, and the producer's highlighted line follows
    // each call of the bounded buffer: P(empty), P(mutex), the copy, V(mutex), V(full).
    void stepMovesOneCallOfTheBoundedBuffer() {
        const Lesson* l = m_library.find("bounded-buffer");
        QVERIFY(l);
        const CodeBlock* code = l->codeFor(Role::Producer);
        RunConfig c = lessonRunConfig(*l->variant("default"), kTestSpeed);
        c.startInStepMode = true;
        auto run = Run::start(c, m_options);
        QVERIFY2(run, run ? "" : run.error().message.c_str());
        Run& r = **run;
        const auto lineOf = [&](const ProcessFrame& w) { return highlightedLine(*code, w); };
        int semid = -1;
        for (const ManifestObject& o : r.objects()) {
            if (o.kind == ObjectKind::SysvSem) {
                semid = o.id;
            }
        }
        QVERIFY(semid >= 0);
        // Whether the kernel has a process asleep in semop() on the set right now. A frame can
        // still say Blocked after the consumer's V(mutex) woke the producer (it has not run
        // yet); stepping then would move it through the gate it is about to reach.
        const auto someoneSleepsInSemop = [&] {
            int sleepers = 0;
            for (int sem = 0; sem < 3; ++sem) {
                sleepers += std::max(0, ::semctl(semid, sem, GETNCNT));
            }
            return sleepers > 0;
        };
        // One step, then no next one until a held consumer has made its call: while it is
        // still on its way the frame says Held at its old line, and a step given then could
        // let its V(mutex) free the producer between two grants.
        const auto stepAndSettle = [&] {
            const Frame f = r.sample();
            const ProcessFrame* q = worker(f, Role::Consumer);
            const auto gateOf = [](const ProcessFrame& w) {
                return std::tuple(w.call, w.object, w.messages);
            };
            const bool consumerHeld = q && q->state == WorkerState::Held;
            const auto consumerAt = q ? gateOf(*q) : decltype(gateOf(*q)){};
            r.step();
            if (consumerHeld) {
                waitUntil([&] {
                    const Frame g = r.sample();
                    const ProcessFrame* c = worker(g, Role::Consumer);
                    return !c || c->state != WorkerState::Held || gateOf(*c) != consumerAt;
                });
            }
        };
        // Held before the call whose line says `text`, as the code pane highlights it. When
        // the producer is blocked in its previous call (P(mutex) while the consumer holds the
        // mutex), only the consumer's next calls can release it: step them.
        std::string blockedElsewhere;
        const auto producerHeldAt = [&](const char* text, const char* previous,
                                        std::uint64_t messages) {
            return waitUntil([&] {
                const Frame f = r.sample();
                const ProcessFrame* p = worker(f, Role::Producer);
                const ProcessFrame* q = worker(f, Role::Consumer);
                if (!p) {
                    return false;
                }
                if (p->state == WorkerState::Held) {
                    return p->messages == messages && lineOf(*p).find(text) != std::string::npos;
                }
                if (p->state == WorkerState::Blocked && q && q->state == WorkerState::Held &&
                    someoneSleepsInSemop()) {
                    if (lineOf(*p).find(previous) == std::string::npos) {
                        blockedElsewhere = lineOf(*p);
                    }
                    stepAndSettle();
                }
                return false;
            });
        };
        const char* const calls[] = {"P(semid, EMPTY)", "P(semid, MUTEX)", "memcpy(",
                                     "V(semid, MUTEX)", "V(semid, FULL)"};
        for (std::uint64_t message = 0; message < 3; ++message) {
            for (std::size_t k = 0; k < std::size(calls); ++k) {
                const char* previous = calls[(k + std::size(calls) - 1) % std::size(calls)];
                QVERIFY2(producerHeldAt(calls[k], previous, message),
                         qPrintable(QStringLiteral("message %1: not held at %2")
                                        .arg(message)
                                        .arg(QString::fromUtf8(calls[k]))));
                QVERIFY2(blockedElsewhere.empty(), blockedElsewhere.c_str());
                stepAndSettle();
            }
        }
        QVERIFY(producerHeldAt("P(semid, EMPTY)", "V(semid, FULL)", 3));
        QVERIFY(endsClean(r));
    }

    // With the buffer full, a step cannot take the producer past P(empty): it stays in the
    // call while the consumer makes its calls one by one, and the step it was granted there is
    // not saved up: once V(empty) frees a slot it is held again before P(mutex).
    void fullBufferHoldsTheProducerInPEmptyUnderStep() {
        const Lesson* l = m_library.find("bounded-buffer");
        QVERIFY(l);
        const CodeBlock* producerCode = l->codeFor(Role::Producer);
        const CodeBlock* consumerCode = l->codeFor(Role::Consumer);
        RunConfig c = lessonRunConfig(*l->variant("default"), kTestSpeed);
        c.consumerRate = 0.01; // one message, then 100 s asleep: the ring fills
        auto run = Run::start(c, m_options);
        QVERIFY2(run, run ? "" : run.error().message.c_str());
        Run& r = **run;
        const auto lineOf = [](const CodeBlock* code, const ProcessFrame& w) {
            return highlightedLine(*code, w);
        };
        const auto inPEmpty = [&](const ProcessFrame& p) {
            return p.state == WorkerState::Blocked &&
                   lineOf(producerCode, p).find("P(semid, EMPTY)") != std::string::npos;
        };
        std::uint64_t sent = 0;
        QVERIFY(waitUntil([&] {
            const Frame f = r.sample();
            const ProcessFrame* p = worker(f, Role::Producer);
            sent = p ? p->messages : 0;
            return p && inPEmpty(*p) && c.capacity && f.channels.front().depth == *c.capacity;
        }));
        r.setStepMode(true);
        r.setPace(0); // wakes the sleeping consumer: stepping, it paces no more
        QVERIFY(waitUntil([&] {
            const Frame f = r.sample();
            const ProcessFrame* q = worker(f, Role::Consumer);
            return q && q->state == WorkerState::Held &&
                   lineOf(consumerCode, *q).find("P(semid, FULL)") != std::string::npos;
        }));
        const char* const consumerCalls[] = {"P(semid, MUTEX)", "memcpy(", "V(semid, MUTEX)",
                                             "V(semid, EMPTY)"};
        for (const char* next : consumerCalls) {
            r.step();
            // The consumer made one call and is held before the next; the producer, granted
            // the same step, is still in P(empty) with the ring full.
            QVERIFY2(waitUntil([&] {
                         const Frame f = r.sample();
                         const ProcessFrame* q = worker(f, Role::Consumer);
                         return q && q->state == WorkerState::Held &&
                                lineOf(consumerCode, *q).find(next) != std::string::npos;
                     }),
                     next);
            std::string producerLine;
            QVERIFY2(waitUntil([&] {
                         const Frame g = r.sample();
                         const ProcessFrame* p = worker(g, Role::Producer);
                         producerLine = p ? lineOf(producerCode, *p) : std::string();
                         return p && inPEmpty(*p) && p->messages == sent;
                     }),
                     producerLine.c_str());
        }
        r.step(); // V(empty): a slot is free, the producer leaves P(empty) ...
        QVERIFY(waitUntil([&] {
            const Frame f = r.sample();
            const ProcessFrame* p = worker(f, Role::Producer);
            // ... and is held before P(mutex), its message not yet sent.
            return p && p->state == WorkerState::Held && p->messages == sent &&
                   lineOf(producerCode, *p).find("P(semid, MUTEX)") != std::string::npos;
        }));
        QVERIFY(endsClean(r));
    }

    // The course notes' FIFO pair as written: the writer's `fd == open(...)` opens the FIFO
    // (the reader's open() returns after its measured wait) and loses the descriptor, its
    // write() fails with EBADF, the reader gets EOF and not a byte. Nothing is left behind.
    void notesFifoAsWrittenFailsWithEbadf() {
        const Lesson* l = m_library.find("notes-fifo");
        QVERIFY(l);
        const LessonVariant* v = l->variant("broken");
        QVERIFY(v && v->config.scenario.writerComparesFd);
        auto result = runLessonHeadless(*l, *v, kTestSpeed, m_options);
        QVERIFY2(result, result ? "" : result.error().message.c_str());
        const auto& checks = result->verdict.checks;
        QVERIFY(result->verdict.passed());
        const auto checkOf = [&](CheckKind kind) {
            return std::find_if(checks.begin(), checks.end(),
                                [&](const CheckResult& c) { return c.check.kind == kind; });
        };
        // The reader waited in open() for the writer's late start (3 s / speed), measured.
        const auto wait = checkOf(CheckKind::BlockedFor);
        QVERIFY(wait != checks.end() && wait->check.call == CallKind::Open);
        QVERIFY2(wait->seen.front() >= 2e9 / kTestSpeed, wait->detail.c_str());
        // The writer's write() failed with EBADF, reported from the worker's own event.
        const auto failed = checkOf(CheckKind::ErrorSeen);
        QVERIFY(failed != checks.end());
        QCOMPARE(failed->check.error, EBADF);
        QVERIFY2(failed->detail.find("producer 0: write failed with EBADF") != std::string::npos,
                 failed->detail.c_str());
        const RunReport& r = result->report;
        QCOMPARE(r.totals.messagesSent, std::uint64_t(0));
        QCOMPARE(r.totals.bytesReceived, std::uint64_t(0));
        const auto writer = std::find_if(r.workers.begin(), r.workers.end(),
                                         [](const auto& w) { return w.isWorker(Role::Producer); });
        QVERIFY(writer != r.workers.end() && writer->exit);
        QCOMPARE(writer->exit->code, 1); // as the notes' exit(1) after "write error"
        QVERIFY(r.objects.size() == 1 && !r.objects.front().name.empty());
        QVERIFY2(::access(r.objects.front().name.c_str(), F_OK) != 0,
                 r.objects.front().name.c_str()); // the FIFO is gone
    }

    // The corrected pair delivers every byte it sends, and the FIFO is removed at the end.
    void notesFifoCorrectedDeliversEveryByte() {
        const Lesson* l = m_library.find("notes-fifo");
        QVERIFY(l);
        auto result = runLessonHeadless(*l, *l->variant("fixed"), kTestSpeed, m_options);
        QVERIFY2(result, result ? "" : result.error().message.c_str());
        QVERIFY(result->verdict.passed());
        const RunReport& r = result->report;
        QCOMPARE(r.totals.messagesSent, std::uint64_t(10));
        QCOMPARE(r.totals.messagesReceived, std::uint64_t(10));
        QVERIFY(r.totals.bytesSent > 0);
        QCOMPARE(r.totals.bytesReceived, r.totals.bytesSent);
        QVERIFY(r.objects.size() == 1);
        QVERIFY(::access(r.objects.front().name.c_str(), F_OK) != 0);
        // The corrected code is the variant's own: fd is assigned there.
        const CodeBlock* fixedWriter = l->codeFor(Role::Producer, "fixed");
        const CodeBlock* notesWriter = l->codeFor(Role::Producer, "broken");
        QVERIFY(fixedWriter && notesWriter && fixedWriter != notesWriter);
        QVERIFY(fixedWriter->lines[8].find("(fd = open(") != std::string::npos);
        QVERIFY(notesWriter->lines[8].find("( fd == open(") != std::string::npos);
    }

    // The notes' writer with only its == corrected sends the notes' text lines as
    // write(fd, buf, n + 1) does: the reader receives every line as n + 1 bytes whose last byte
    // is 0 (its checks take each line apart: a missing NUL would count as corrupted); the
    // corrected writer's lines are n bytes without a NUL. Bytes received equal bytes sent.
    void notesFifoShowsTheNulFromLiveBytes() {
        const Lesson* l = m_library.find("notes-fifo");
        QVERIFY(l);
        for (const auto& [variant, withNul] :
             {std::pair{"n-plus-1", true}, std::pair{"fixed", false}}) {
            const LessonVariant* v = l->variant(variant);
            QVERIFY2(v, variant);
            QCOMPARE(v->config.scenario.textMessage,
                     withNul ? TextMessage::TextAndNul : TextMessage::Text);
            std::set<std::string> received; // every last message the frames showed
            auto result = runLessonHeadless(*l, *v, kTestSpeed, m_options, [&](const Frame& f) {
                for (const ProcessFrame& p : f.processes) {
                    if (p.isWorker(Role::Consumer) && p.lastMessageSize != 0) {
                        received.insert(p.lastMessage);
                    }
                }
            });
            QVERIFY2(result, result ? "" : result.error().message.c_str());
            QVERIFY2(result->verdict.passed(), variant);
            const RunReport& r = result->report;
            QCOMPARE(r.totals.messagesReceived, r.totals.messagesSent);
            QVERIFY(r.totals.messagesSent >= 2);
            QCOMPARE(r.totals.bytesReceived, r.totals.bytesSent);
            QCOMPARE(r.totals.corrupted, std::uint64_t(0));
            const auto writer = std::find_if(r.workers.begin(), r.workers.end(), [](const auto& w) {
                return w.isWorker(Role::Producer);
            });
            QVERIFY(writer != r.workers.end());
            // "write info : PID sends Sat Dec  5 10:41:10 2026\n": n is the same for every line
            // of one writer (ctime() has a fixed width), n + 1 with the NUL.
            const std::string prefix = "write info : " + std::to_string(writer->pid) + " sends ";
            const std::uint64_t n = prefix.size() + 25;
            const std::uint64_t length = withNul ? n + 1 : n;
            QCOMPARE(r.totals.bytesReceived, r.totals.messagesReceived * length);
            QVERIFY(!received.empty());
            for (const std::string& m : received) {
                QVERIFY2(m.size() == length && m.rfind(prefix, 0) == 0, m.c_str());
                QCOMPARE(m[n - 1], '\n');
                if (withNul) {
                    QCOMPARE(m.back(), '\0'); // the string's terminator, sent and received
                } else {
                    QVERIFY(m.find('\0') == std::string::npos);
                }
            }
            const auto reader = std::find_if(r.workers.begin(), r.workers.end(), [](const auto& w) {
                return w.isWorker(Role::Consumer);
            });
            QVERIFY(reader != r.workers.end());
            QCOMPARE(std::uint64_t(reader->lastMessageSize), length);
            QVERIFY(::access(r.objects.front().name.c_str(), F_OK) != 0);
        }
    }

    // The notes' slips are said beside their lines, in both languages: the FIFO writer's
    // comparison, PIPE_BUF redefined, shmat's failure test, semget's header.
    void sideNotesMarkTheNotesSlips() {
        const auto noteOn = [&](const char* lesson, Role role, int line, const char* says) {
            const Lesson* l = m_library.find(lesson);
            const CodeBlock* code = l ? l->codeFor(role) : nullptr;
            if (!code || !code->notes.contains(line)) {
                return false;
            }
            const LocalizedText& note = code->notes.at(line);
            return note.en.find(says) != std::string::npos && !note.zhCN.empty() &&
                   note.zhCN != note.en;
        };
        QVERIFY(noteOn("notes-fifo", Role::Producer, 9, "== compares instead of assigning"));
        QVERIFY(noteOn("notes-fifo", Role::Producer, 18, "n + 1 also sends the NUL"));
        QVERIFY(noteOn("notes-fifo", Role::Consumer, 14, "read() adds none"));
        QVERIFY(noteOn("pipe-parent-child", Role::Consumer, 4, "#define PIPE_BUF 255"));
        QVERIFY(noteOn("sysv-shm-attach", Role::Producer, 3, "(void *) -1"));
        QVERIFY(noteOn("sysv-shm-attach", Role::Producer, 4, "<sys/sem.h>"));
        QVERIFY(noteOn("bounded-buffer", Role::Producer, 4, "<sys/sem.h>"));
    }

    // A pace set live applies at once: a run paced at one message every 30 s finishes in
    // seconds once the pace is lifted (the sleeping workers are woken, not left to sleep out).
    void paceChangesApplyAtOnce() {
        RunConfig c;
        c.mechanism = Mechanism::Pipe;
        c.messages = 4;
        c.paceIntervalNs = 30'000'000'000;
        auto run = Run::start(c, m_options);
        QVERIFY(run);
        Run& r = **run;
        QVERIFY(waitUntil([&] {
            const Frame f = r.sample();
            const ProcessFrame* p = worker(f, Role::Producer);
            return p && p->messages == 1 && p->state == WorkerState::Throttled;
        }));
        QCOMPARE(r.sample().control.paceIntervalNs, std::uint64_t(30'000'000'000));
        r.setPace(0);
        QCOMPARE(r.sample().control.paceIntervalNs, std::uint64_t(0));
        QCOMPARE(r.config().paceIntervalNs, std::uint64_t(0)); // one config, changed live
        QVERIFY(runToEnd(r, 15000));
        QCOMPARE(r.report().totals.messagesReceived, std::uint64_t(4));
        // The one interval that was served counted as throttled, not as blocked.
        QVERIFY(r.report().workers.front().blockedNs[std::size_t(CallKind::Throttle)] > 0);
    }

    // Chinese lessons read Chinese comments: every code block has its zh_CN version, the same
    // code line for line, with each English comment translated.
    void codeCommentsComeInBothLanguages() {
        const auto codeOnly = [](std::string line) {
            for (auto at = line.find("/*"); at != std::string::npos; at = line.find("/*")) {
                const auto end = line.find("*/", at);
                line.erase(at, end == std::string::npos ? std::string::npos : end + 2 - at);
            }
            while (!line.empty() && line.back() == ' ') {
                line.pop_back();
            }
            return line;
        };
        for (const auto& l : m_library.lessons) {
            for (const CodeBlock& c : l.code) {
                const auto& en = c.linesIn("en");
                const auto& zh = c.linesIn("zh_CN");
                QVERIFY2(!c.linesZhCN.empty(), l.id.c_str());
                QCOMPARE(zh.size(), en.size());
                for (std::size_t i = 0; i < en.size(); ++i) {
                    const std::string where = l.id + " line " + std::to_string(i + 1);
                    // The second line of a comment over two is all comment.
                    const bool continued = en[i].find("*/") != std::string::npos &&
                                           en[i].find("/*") == std::string::npos;
                    QVERIFY2(continued || codeOnly(zh[i]) == codeOnly(en[i]), where.c_str());
                    if (continued || en[i].find("/*") != std::string::npos) {
                        const bool chinese = std::any_of(zh[i].begin(), zh[i].end(),
                                                         [](char ch) { return ch & 0x80; });
                        QVERIFY2(chinese, (where + ": " + zh[i]).c_str());
                    }
                }
            }
        }
    }

    void malformedFilesAreNamedAndTheRestLoad_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QFile good(lessonSourceDir() + QStringLiteral("/01-pipe-parent-child.json"));
        QVERIFY(good.open(QIODevice::ReadOnly));
        const QByteArray base = good.readAll();
        QTest::newRow("not json") << QByteArray("{\n  \"format\": \"ipcscope-lesson\",\n  oops\n}")
                                  << QStringLiteral("line 3");
        QTest::newRow("unknown mechanism")
            << QByteArray(base).replace("\"mechanism\": \"pipe\"",
                                        "\"mechanism\": \"carrier-pigeon\"")
            << QStringLiteral("unknown mechanism 'carrier-pigeon'");
        QTest::newRow("mark beyond the code")
            << QByteArray(base).replace("\"exited\": 13", "\"exited\": 99")
            << QStringLiteral("must be a line number between 1 and");
        QTest::newRow("no Chinese title")
            << QByteArray(base).replace("\"zh_CN\": \"无名管道：父进程到子进程\"", "\"zh\": \"x\"")
            << QStringLiteral("title.zh_CN: missing");
        QTest::newRow("over the kernel's limit")
            << QByteArray(base)
                   .replace("\"mechanism\": \"pipe\"", "\"mechanism\": \"sysv-msg\"")
                   .replace("\"size\": 64", "\"size\": 1048576")
            << QStringLiteral("msgmax");
        QTest::newRow("Chinese code a line short")
            << QByteArray(base).replace(
                   "\"    close(fd[0]);               /* 父进程从不读：关闭读端 */\",", "")
            << QStringLiteral("the zh_CN code has");
        QTest::newRow("code in an unknown language")
            << QByteArray(base).replace("\"zh_CN\": [\n          \"/*", "\"fr\": [\n          \"/*")
            << QStringLiteral("unknown language 'fr'");
        QTest::newRow("unknown check")
            << QByteArray(base).replace("\"check\": \"clean\"", "\"check\": \"tidy\"")
            << QStringLiteral("unknown check 'tidy'");
        QTest::newRow("zero producers")
            << QByteArray(base).replace("\"producers\": 1", "\"producers\": 0")
            << QStringLiteral("producers: must be between 1 and 64");
        // Out-of-range and fractional numbers, with the line and the field (toInt() made 0 of
        // 1e300, and 1.5 producers ran as 1).
        QTest::newRow("order 1e300")
            << QByteArray(base).replace("\"order\": 1,", "\"order\": 1e300,")
            << QStringLiteral("01-bad.json: line 6: order: must be between 0 and 1000000, got "
                              "1e+300");
        QTest::newRow("order 2.5") << QByteArray(base).replace("\"order\": 1,", "\"order\": 2.5,")
                                   << QStringLiteral("line 6: order: must be a whole number");
        QTest::newRow("half a producer")
            << QByteArray(base).replace("\"producers\": 1", "\"producers\": 1.5")
            << QStringLiteral("line 139: variants[0].run.producers: must be a whole number "
                              "between 1 and 64, got 1.5");
        QTest::newRow("messages 1e300")
            << QByteArray(base).replace("\"messages\": 6", "\"messages\": 1e300")
            << QStringLiteral("line 143: variants[0].run.messages: must be between 1 and "
                              "1000000000000, got 1e+300");
        QTest::newRow("size 64.5") << QByteArray(base).replace("\"size\": 64", "\"size\": 64.5")
                                   << QStringLiteral("line 141: variants[0].run.size: must be a "
                                                     "whole number");
        QTest::newRow("receive type 1e300")
            << QByteArray(base).replace("\"mechanism\": \"pipe\"",
                                        "\"mechanism\": \"pipe\", \"receive_types\": [1, 1e300]")
            << QStringLiteral("line 138: variants[0].run.receive_types[1]: must be a whole number "
                              "between -32768 and 32768");
        // Side notes, a variant's own code, an errno by name: {row, replace, by, expected}.
        const char* const edits[][4] = {
            {"note beyond the code", "\"notes\": {\n        \"4\"", "\"notes\": {\n        \"40\"",
             "code[1].notes.40: must be a line number between 1 and 12"},
            {"note in one language", "\"4\": {\n          \"en\"", "\"4\": {\n          \"de\"",
             "code[1].notes.4.en: missing"},
            {"code of an unknown variant", "\"role\": \"consumer\",",
             "\"role\": \"consumer\", \"variant\": \"shiny\",",
             "code[1].variant: names no variant of this lesson ('shiny')"},
            {"unknown errno", "\"check\": \"clean\"",
             "\"check\": \"error_seen\", \"role\": \"producer\", \"error\": \"EOOPS\"",
             "checks[0].error: must name an errno value"},
        };
        for (const auto& [row, replace, by, expected] : edits) {
            QTest::newRow(row) << QByteArray(base).replace(replace, by)
                               << QString::fromUtf8(expected);
        }
        QTest::newRow("lost 2.5 messages")
            << QByteArray(base).replace("\"check\": \"clean\"",
                                        "\"check\": \"lost_at_least\", \"value\": 2.5")
            << QStringLiteral("line 147: variants[0].checks[0].value: must be a whole number");
    }

    void malformedFilesAreNamedAndTheRestLoad() {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QFile::copy(lessonSourceDir() + QStringLiteral("/02-fifo-unrelated.json"),
                            dir.filePath(QStringLiteral("good.json"))));
        QFile bad(dir.filePath(QStringLiteral("01-bad.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(content);
        bad.close();
        const LessonLibrary lib = loadLessons({dir.path().toStdString()});
        QCOMPARE(lib.lessons.size(), std::size_t(1)); // the good one still loads
        QCOMPARE(lib.errors.size(), std::size_t(1));
        const QString error = QString::fromStdString(lib.errors.front());
        QVERIFY2(error.startsWith(bad.fileName()), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    // Whatever sits in a lesson directory under a *.json name gets a sentence: a directory or
    // a FIFO used to be skipped without a word, a symlink to /dev/zero to allocate until
    // bad_alloc.
    void oddEntriesAreNamed() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QFile::copy(lessonSourceDir() + QStringLiteral("/02-fifo-unrelated.json"),
                            dir.filePath(QStringLiteral("good.json"))));
        const auto path = [&](const char* name) {
            return dir.filePath(QLatin1String(name)).toStdString();
        };
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("d.json")));
        QCOMPARE(::mkfifo(path("f.json").c_str(), 0600), 0);
        QCOMPARE(::symlink("/dev/zero", path("zero.json").c_str()), 0);
        QCOMPARE(::symlink(path("nowhere").c_str(), path("dangling.json").c_str()), 0);
        QFile big(QString::fromStdString(path("big.json")));
        QVERIFY(big.open(QIODevice::WriteOnly));
        QCOMPARE(big.write(QByteArray((1 << 20) + 1, ' ')), qint64((1 << 20) + 1));
        big.close();

        const LessonLibrary lib = loadLessons({dir.path().toStdString()});
        QCOMPARE(lib.lessons.size(), std::size_t(1)); // the good one still loads
        const std::vector<std::string> expected = {
            path("big.json") + " is larger than the 1 MiB a lesson file may have (it has 1.00 MiB)",
            path("d.json") + " is a directory, not a regular file",
            "cannot open " + path("dangling.json") + ": No such file or directory",
            path("f.json") + " is a FIFO, not a regular file",
            path("zero.json") + " is a character device, not a regular file"};
        QCOMPARE(lib.errors, expected);

        // A lesson path entry that is not a directory is named too.
        const LessonLibrary notDir = loadLessons({path("good.json")});
        QCOMPARE(notDir.errors,
                 std::vector<std::string>{path("good.json") +
                                          " is in the lesson path, but it is not a directory"});
    }

    // In class every lesson runs at its own pace ("Real time"): long enough to watch, with
    // steps a class can follow, not over before the teacher has said what to look at. Each
    // variant runs once at speed 1 through the command line, all of them at once (they mostly
    // sleep), and its length is read from its own report.
    void everyLessonLastsLongEnoughToWatch() {
        constexpr double kLeastS = 3.0;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("IPCSCOPE_LESSONS_PATH"), lessonSourceDir());
        std::vector<std::pair<QString, std::unique_ptr<QProcess>>> runs;
        for (const auto& l : m_library.lessons) {
            for (const auto& v : l.variants) {
                auto p = std::make_unique<QProcess>();
                p->setProcessEnvironment(env);
                p->start(cliPath(), {QStringLiteral("run"), QStringLiteral("--lesson"),
                                     QString::fromStdString(l.id), QStringLiteral("--variant"),
                                     QString::fromStdString(v.id), QStringLiteral("--json"),
                                     QStringLiteral("--quiet")});
                runs.emplace_back(QString::fromStdString(l.id + "/" + v.id), std::move(p));
            }
        }
        QStringList tooShort;
        for (auto& [name, p] : runs) {
            QVERIFY2(p->waitForFinished(180000), qPrintable(name));
            // Whether it showed its point is everyVariantShowsItsPoint's question; twenty runs
            // at once on two cores may blur a margin, never the length.
            const QJsonObject report = QJsonDocument::fromJson(p->readAllStandardOutput()).object();
            QVERIFY2(report.contains(QStringLiteral("duration_s")),
                     qPrintable(QStringLiteral("%1: exit %2, no report: %3")
                                    .arg(name)
                                    .arg(p->exitCode())
                                    .arg(QString::fromLocal8Bit(p->readAllStandardError()))));
            const double lengthS = report[QStringLiteral("duration_s")].toDouble();
            if (lengthS < kLeastS) {
                tooShort << QStringLiteral("%1 (%2 s)").arg(name).arg(lengthS, 0, 'f', 1);
            }
        }
        QVERIFY2(tooShort.isEmpty(), qPrintable(QStringLiteral("over too fast to watch: ") +
                                                tooShort.join(QStringLiteral(", "))));
    }

    void cliListsAndRunsLessons() {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("IPCSCOPE_LESSONS_PATH"), lessonSourceDir());
        QProcess list;
        list.setProcessEnvironment(env);
        list.start(cliPath(), {QStringLiteral("lessons"), QStringLiteral("--json")});
        QVERIFY(list.waitForFinished(30000));
        QCOMPARE(list.exitCode(), 0);
        const QJsonArray lessons = QJsonDocument::fromJson(list.readAllStandardOutput()).array();
        QCOMPARE(lessons.size(), qsizetype(15));

        QProcess run;
        run.setProcessEnvironment(env);
        run.start(cliPath(),
                  {QStringLiteral("run"), QStringLiteral("--lesson"),
                   QStringLiteral("pipe-buf-interleave"), QStringLiteral("--variant"),
                   QStringLiteral("broken"), QStringLiteral("--json"), QStringLiteral("--quiet")});
        QVERIFY(run.waitForFinished(120000));
        QCOMPARE(run.exitCode(), 0); // the lesson showed its point: corruption was seen
        const QJsonObject report = QJsonDocument::fromJson(run.readAllStandardOutput()).object();
        QVERIFY(report[QStringLiteral("lesson")][QStringLiteral("passed")].toBool());
        QVERIFY(report[QStringLiteral("totals")][QStringLiteral("corrupted")].toInteger() > 0);
        QCOMPARE(report[QStringLiteral("totals")][QStringLiteral("bytes_received")].toInteger(),
                 report[QStringLiteral("totals")][QStringLiteral("bytes_sent")].toInteger());

        for (const QStringList& bad :
             {QStringList{QStringLiteral("--lesson"), QStringLiteral("no-such-lesson")},
              QStringList{QStringLiteral("--lesson"), QStringLiteral("forgotten-close"),
                          QStringLiteral("--variant"), QStringLiteral("sideways")},
              QStringList{QStringLiteral("--lesson"), QStringLiteral("forgotten-close"),
                          QStringLiteral("--speed"), QStringLiteral("0")},
              QStringList{QStringLiteral("pipe"), QStringLiteral("--lesson"),
                          QStringLiteral("forgotten-close")}}) {
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(cliPath(), QStringList{QStringLiteral("run")} + bad);
            QVERIFY(p.waitForFinished(30000));
            QCOMPARE(p.exitCode(), 2);
            QVERIFY(!p.readAllStandardError().isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestLessons)
#include "tst_lessons.moc"
