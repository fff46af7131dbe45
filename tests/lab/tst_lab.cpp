// The lab engine against real processes and real kernel objects: integrity over every
// mechanism, blocking measured live, pause, killed workers, a killed lab, and cleanup.

#include "../common/testsupport.h"

#include "base/clock.h"
#include "lab/report.h"
#include "lab/run.h"
#include "mechanisms/validate.h"
#include "observe/kernelview.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/prctl.h>

using namespace ipcscope;
using namespace testsupport;

Q_DECLARE_METATYPE(ipcscope::Mechanism)

class TestLab : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_runtime;

    LabOptions options() const { return labOptions(m_runtime.path()); }

    std::unique_ptr<Run> start(const RunConfig& config) {
        auto run = Run::start(config, options());
        if (!run) {
            qWarning("Run::start failed: %s", run.error().message.c_str());
            return nullptr;
        }
        return std::move(*run);
    }

    static CallKind sendCallOf(Mechanism m) {
        switch (m) {
        case Mechanism::Pipe:
        case Mechanism::Fifo:
            return CallKind::Write;
        case Mechanism::SysvMsg:
            return CallKind::Msgsnd;
        case Mechanism::PosixMq:
            return CallKind::MqSend;
        case Mechanism::SysvShm:
        case Mechanism::SysvSem:
            return CallKind::Semop;
        case Mechanism::PosixShm:
            return CallKind::SemWait;
        case Mechanism::UnixStream:
        case Mechanism::UnixDgram:
            return CallKind::Send;
        }
        return CallKind::None;
    }

    void verifyNothingLeft(const Run& run, const std::vector<ManifestObject>& objects,
                           std::vector<pid_t> pids) {
        pids.push_back(run.guardianPid());
        const QStringList left = leftoversAfterWait(objects, run.runDirectory(), pids);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QStringLiteral(", "))));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_runtime.isValid());
        QVERIFY2(QFileInfo(workerPath()).isExecutable(), qPrintable(workerPath()));
        // Orphans of a killed lab are re-parented to us, so we can reap them and see them go.
        QCOMPARE(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
    }

    void integrity_data() {
        QTest::addColumn<Mechanism>("mechanism");
        QTest::addColumn<quint32>("size");
        for (const auto& m : allMechanisms()) {
            if (m.id == Mechanism::PosixMq && !QFileInfo::exists(QStringLiteral("/dev/mqueue"))) {
                continue;
            }
            QTest::addRow("%s-64B", m.name.data()) << m.id << quint32(64);
            if (m.carriesPayload) {
                QTest::addRow("%s-4KiB", m.name.data()) << m.id << quint32(4096);
            }
        }
    }

    // 2 producers x 2 consumers, a fixed number of messages: every message arrives exactly once,
    // intact, in order per producer; then every object and process is gone.
    void integrity() {
        QFETCH(Mechanism, mechanism);
        QFETCH(quint32, size);
        RunConfig c;
        c.mechanism = mechanism;
        c.producers = 2;
        c.consumers = 2;
        c.messageSize = size;
        c.messages = 20000;
        auto run = start(c);
        QVERIFY(run);
        const auto objects = run->objects();
        const auto pids = run->workerPids();
        if (mechanism == Mechanism::Fifo || mechanism == Mechanism::SysvMsg ||
            mechanism == Mechanism::SysvShm || mechanism == Mechanism::PosixMq ||
            mechanism == Mechanism::PosixShm || mechanism == Mechanism::SysvSem) {
            QVERIFY2(!objects.empty(), "a named mechanism must report its kernel objects");
            for (const auto& o : objects) {
                QVERIFY2(objectExists(o), o.name.c_str());
            }
        }
        QVERIFY(runToEnd(*run));
        const RunReport& r = run->report();
        const Totals& t = r.totals;
        QCOMPARE(t.messagesSent, quint64(20000));
        QCOMPARE(t.messagesReceived, quint64(20000));
        const bool payload = mechanismInfo(mechanism).carriesPayload;
        QCOMPARE(t.bytesSent, payload ? quint64(20000) * size : quint64(0));
        QCOMPARE(t.bytesReceived, t.bytesSent);
        QCOMPARE(t.lost, quint64(0));
        QCOMPARE(t.duplicated, quint64(0));
        QCOMPARE(t.corrupted, quint64(0));
        QCOMPARE(t.reordered, quint64(0));
        QCOMPARE(r.workers.size(), std::size_t(4));
        for (const auto& w : r.workers) {
            QVERIFY(w.exit);
            QVERIFY2(!w.exit->signaled && w.exit->code == 0, w.exit->describe().c_str());
        }
        QCOMPARE(r.exitStatus(), 0);
        verifyNothingLeft(*run, objects, pids);
    }

    void heldMessageIsCheckedExactly_data() {
        QTest::addColumn<Mechanism>("mechanism");
        for (const auto& m : allMechanisms()) {
            if (m.id == Mechanism::PosixMq && !QFileInfo::exists(QStringLiteral("/dev/mqueue"))) {
                continue;
            }
            if (m.carriesPayload) { // sysv-sem tokens carry no sequence number to check
                QTest::newRow(m.name.data()) << m.id;
            }
        }
    }

    // Consumer 0 receives a message and holds it unmarked while its producer sends two windows
    // more (a consumer stopped or preempted between its receive and its mark; the window is
    // small so that this takes milliseconds): its word is recycled twice without it. It must
    // still count as received once: no duplicate, no loss.
    void heldMessageIsCheckedExactly() {
        QFETCH(Mechanism, mechanism);
        RunConfig c;
        c.mechanism = mechanism;
        c.producers = 2;
        c.consumers = 2;
        c.durationS = 120; // ended by the test once the held message has been marked
        c.scenario.holdFirstMessageWindows = 2;
        LabOptions o = options();
        o.seen.window = 4096;
        auto started = Run::start(c, o);
        QVERIFY2(started, started ? "" : started.error().message.c_str());
        Run& run = **started;
        const auto objects = run.objects();
        const auto pids = run.workerPids();
        const std::size_t held = c.producers; // consumer 0's slot
        // Its second reception means the hold is over and the held message was marked.
        QVERIFY2(
            waitUntil([&] { return run.sample().processes[held].messages >= 2 || run.finished(); },
                      60000),
            "consumer 0 never went past the message it held");
        QVERIFY(!run.finished());
        run.requestStop();
        QVERIFY(runToEnd(run));
        const RunReport& r = run.report();
        const Totals& t = r.totals;
        QCOMPARE(t.messagesReceived, t.messagesSent);
        QCOMPARE(t.duplicated, quint64(0));
        QCOMPARE(t.lost, quint64(0));
        QCOMPARE(t.corrupted, quint64(0));
        QCOMPARE(t.reordered, quint64(0));
        QCOMPARE(t.unchecked, quint64(0));
        QCOMPARE(r.exitStatus(), 0);
        // The hold really outlasted the window: the message was found in its producer's holes.
        QVERIFY2(r.workers[held].late >= 1, "the held message was not late: nothing was tested");
        verifyNothingLeft(run, objects, pids);
    }

    // A consumer limited to 200 messages/s: producers spend most of the run waiting in their
    // send call, and the live frames say so while it happens.
    void throttledConsumerBlocksProducer_data() {
        QTest::addColumn<Mechanism>("mechanism");
        QTest::newRow("pipe") << Mechanism::Pipe;
        QTest::newRow("sysv-msg") << Mechanism::SysvMsg;
        QTest::newRow("sysv-shm") << Mechanism::SysvShm;
        QTest::newRow("posix-shm") << Mechanism::PosixShm;
        QTest::newRow("unix-stream") << Mechanism::UnixStream;
    }

    void throttledConsumerBlocksProducer() {
        QFETCH(Mechanism, mechanism);
        RunConfig c;
        c.mechanism = mechanism;
        c.consumerRate = 200;
        c.durationS = 2.0;
        if (mechanism == Mechanism::Pipe || mechanism == Mechanism::UnixStream) {
            c.capacity = 4096; // fills in well under a second at 200 messages/s
        }
        auto run = start(c);
        QVERIFY(run);
        const CallKind expected = sendCallOf(mechanism);
        std::uint64_t longestLiveBlockNs = 0;
        QVERIFY(runToEnd(*run, 30000, [&](const Frame& f) {
            for (const auto& w : f.processes) {
                if (w.isWorker(Role::Producer) && w.state == WorkerState::Blocked &&
                    w.call == expected) {
                    longestLiveBlockNs = std::max(longestLiveBlockNs, w.stateForNs);
                }
            }
        }));
        const RunReport& r = run->report();
        QVERIFY(r.totals.clean());
        const ProcessFrame& producer = r.workers.front();
        QVERIFY(producer.isWorker(Role::Producer));
        const double runNs = r.durationS * 1e9;
        const double blocked = double(producer.totalBlockedNs());
        QVERIFY2(blocked > 0.6 * runNs, qPrintable(QStringLiteral("producer blocked %1 ms of %2 ms")
                                                       .arg(blocked / 1e6)
                                                       .arg(runNs / 1e6)));
        QVERIFY2(producer.blockedNs[std::size_t(expected)] > 0,
                 "blocked time must be attributed to the send call");
        // The live view showed a wait in progress, not only totals afterwards.
        QVERIFY2(longestLiveBlockNs > 0, "no frame showed the producer blocked in its send call");
    }

    // Stall the consumer for a while: the producer's recorded blocked time covers the stall,
    // and during the stall the frames show one ongoing wait that keeps growing.
    void injectedStallIsCovered() {
        RunConfig c;
        c.mechanism = Mechanism::Pipe;
        c.durationS = 30;
        c.capacity = 4096;
        auto run = start(c);
        QVERIFY(run);
        const pid_t consumer = run->workerPids().back();
        QVERIFY(waitUntil([&] { return run->sample().totals.messagesReceived > 1000; }));
        QCOMPARE(::kill(consumer, SIGSTOP), 0);
        std::uint64_t liveBlockNs = 0;
        QVERIFY(waitUntil(
            [&] {
                const Frame f = run->sample();
                liveBlockNs = f.processes.front().blockedNowNs;
                return liveBlockNs >= 1'000'000'000u;
            },
            20000));
        const KernelTaskView kernel = readKernelTaskView(run->workerPids().front()).value();
        QCOMPARE(kernel.state, 'S'); // the kernel agrees: asleep
        QCOMPARE(QString::fromStdString(kernel.syscallName), QStringLiteral("write"));
        QCOMPARE(::kill(consumer, SIGCONT), 0);
        run->requestStop();
        QVERIFY(runToEnd(*run));
        const ProcessFrame& producer = run->report().workers.front();
        QVERIFY2(producer.blockedNs[std::size_t(CallKind::Write)] >= liveBlockNs,
                 qPrintable(QStringLiteral("recorded %1 ns < stall %2 ns")
                                .arg(producer.blockedNs[std::size_t(CallKind::Write)])
                                .arg(liveBlockNs)));
        QVERIFY(run->report().totals.clean());
    }

    void pauseStopsWorkers() {
        RunConfig c;
        c.mechanism = Mechanism::SysvMsg;
        c.durationS = 30;
        c.producerRate = 2000;
        auto run = start(c);
        QVERIFY(run);
        QVERIFY(waitUntil([&] { return run->sample().totals.messagesReceived > 100; }));
        run->pause();
        const auto pids = run->workerPids();
        QVERIFY(waitUntil([&] {
            for (pid_t pid : pids) {
                const auto v = readKernelTaskView(pid);
                if (!v || v->state != 'T') {
                    return false;
                }
            }
            return true;
        }));
        const Frame paused = run->sample();
        QVERIFY(paused.paused);
        for (const auto& w : paused.processes) {
            QVERIFY(w.stopped);
        }
        // Stopped processes cannot count: two frames some time apart agree.
        QTest::qWait(200);
        QCOMPARE(run->sample().totals.messagesSent, paused.totals.messagesSent);
        run->resume();
        QVERIFY(waitUntil(
            [&] { return run->sample().totals.messagesSent > paused.totals.messagesSent + 50; }));
        run->requestStop();
        QVERIFY(runToEnd(*run));
        QVERIFY(run->report().totals.clean());
        QCOMPARE(run->report().exitStatus(), 0);
    }

    // SIGKILL one worker mid-run: the report names it, the run still ends and cleans up.
    void killedWorkerIsReported_data() {
        QTest::addColumn<Mechanism>("mechanism");
        QTest::addColumn<bool>("killConsumer");
        QTest::newRow("sysv-msg consumer") << Mechanism::SysvMsg << true;
        QTest::newRow("sysv-shm producer") << Mechanism::SysvShm << false;
        QTest::newRow("pipe consumer") << Mechanism::Pipe << true;
        QTest::newRow("fifo producer") << Mechanism::Fifo << false;
        QTest::newRow("posix-shm consumer") << Mechanism::PosixShm << true;
    }

    void killedWorkerIsReported() {
        QFETCH(Mechanism, mechanism);
        QFETCH(bool, killConsumer);
        RunConfig c;
        c.mechanism = mechanism;
        c.producers = 2;
        c.consumers = 2;
        c.durationS = 30;
        auto run = start(c);
        QVERIFY(run);
        const auto objects = run->objects();
        const auto pids = run->workerPids();
        QVERIFY(waitUntil([&] { return run->sample().totals.messagesReceived > 1000; }));
        const std::size_t victim = killConsumer ? 2 : 0; // slots: producers first
        QCOMPARE(::kill(pids[victim], SIGKILL), 0);
        QVERIFY(waitUntil([&] { return run->sample().processes[victim].exit.has_value(); }));
        run->requestStop();
        QVERIFY(runToEnd(*run));
        const RunReport& r = run->report();
        const auto& dead = r.workers[victim];
        QVERIFY(dead.exit && dead.exit->signaled);
        QCOMPARE(dead.exit->signal, SIGKILL);
        QVERIFY(!dead.exit->killedByLab);
        QVERIFY(r.exitStatus() != 0);
        bool mentioned = false;
        for (const auto& e : r.events) {
            mentioned |= e.text.find("SIGKILL") != std::string::npos;
        }
        QVERIFY2(mentioned, "the report's events must say a worker was killed");
        verifyNothingLeft(*run, objects, pids);
    }

    // SIGKILL the lab itself (the CLI): its workers die with it and its guardian removes every
    // object the run created.
    void killedLabLeavesNothing_data() {
        QTest::addColumn<QString>("mechanism");
        QTest::newRow("sysv-shm") << QStringLiteral("sysv-shm");
        QTest::newRow("fifo") << QStringLiteral("fifo");
        QTest::newRow("sysv-msg") << QStringLiteral("sysv-msg");
        if (QFileInfo::exists(QStringLiteral("/dev/mqueue"))) {
            QTest::newRow("posix-mq") << QStringLiteral("posix-mq");
        }
    }

    void killedLabLeavesNothing() {
        QFETCH(QString, mechanism);
        QTemporaryDir xdg;
        QVERIFY(xdg.isValid());
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), xdg.path());
        cli.setProcessEnvironment(env);
        cli.start(cliPath(),
                  {QStringLiteral("run"), mechanism, QStringLiteral("--producers"),
                   QStringLiteral("2"), QStringLiteral("--consumers"), QStringLiteral("2"),
                   QStringLiteral("--duration"), QStringLiteral("60"), QStringLiteral("--quiet")});
        QVERIFY(cli.waitForStarted());
        const pid_t labPid = pid_t(cli.processId());
        const QString runDir = xdg.path() + QStringLiteral("/ipcscope/run-%1-1").arg(labPid);
        std::vector<ManifestObject> objects;
        QVERIFY2(waitUntil([&] {
                     const auto m = readManifestIn(runDir.toStdString());
                     if (!m || m->objects.empty()) {
                         return false;
                     }
                     objects = m->objects;
                     return true;
                 }),
                 qPrintable(runDir));
        std::vector<pid_t> processes;
        QVERIFY(waitUntil([&] {
            processes = childrenOf(labPid);
            return processes.size() >= 5; // 4 workers + guardian
        }));
        for (const auto& o : objects) {
            QVERIFY(objectExists(o));
        }
        QCOMPARE(::kill(labPid, SIGKILL), 0);
        QVERIFY(cli.waitForFinished(10000));
        const QStringList left = leftoversAfterWait(objects, runDir.toStdString(), processes);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QStringLiteral(", "))));
    }

    // Destroying a run that is still going (the GUI window closed) kills and removes everything.
    void destroyingARunningRunCleansUp() {
        RunConfig c;
        c.mechanism = Mechanism::SysvShm;
        c.durationS = 60;
        auto run = start(c);
        QVERIFY(run);
        QVERIFY(waitUntil([&] { return run->sample().totals.messagesReceived > 100; }));
        const auto objects = run->objects();
        auto pids = run->workerPids();
        pids.push_back(run->guardianPid());
        const std::string runDir = run->runDirectory();
        run.reset();
        const QStringList left = leftoversAfterWait(objects, runDir, pids);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QStringLiteral(", "))));
    }

    void fifoOpenRendezvousIsShown() {
        // A slow producer: the consumer's open waits for it, the data still arrives whole and
        // the FIFO is removed afterwards.
        RunConfig c;
        c.mechanism = Mechanism::Fifo;
        c.messages = 3;
        c.producerRate = 20;
        auto run = start(c);
        QVERIFY(run);
        const auto objects = run->objects();
        QVERIFY(runToEnd(*run));
        QCOMPARE(run->report().totals.messagesReceived, quint64(3));
        QVERIFY(run->report().totals.clean());
        verifyNothingLeft(*run, objects, run->workerPids());
    }

    void stopDrainsStreamToEndOfFile_data() {
        QTest::addColumn<Mechanism>("mechanism");
        QTest::addColumn<bool>("text"); // the course notes' text lines (textloop.h)
        QTest::newRow("pipe") << Mechanism::Pipe << false;
        QTest::newRow("fifo") << Mechanism::Fifo << false;
        QTest::newRow("fifo, text lines") << Mechanism::Fifo << true;
        QTest::newRow("unix-stream") << Mechanism::UnixStream << false;
    }

    // The producer has sent everything and exited; the consumer, held to one read every 5 s,
    // has most of it still queued when Stop asks it to drain. Draining reads what is there without
    // waiting, then the end of file: every message arrives, and the consumer says it saw the writer
    // go. (A FIFO refuses RWF_NOWAIT: the drain took that for "nothing left", left the rest unread
    // and exited as if clean, without EOF: the notes-fifo lesson's flaky check, where the reader's
    // open() returned after the writer had gone and the lab had asked it to drain.)
    void stopDrainsStreamToEndOfFile() {
        QFETCH(Mechanism, mechanism);
        QFETCH(bool, text);
        RunConfig c;
        c.mechanism = mechanism;
        c.messages = 200; // text lines: more than one 4 KiB read takes
        c.consumerRate = 0.2;
        if (text) {
            c.scenario.textMessage = TextMessage::TextAndNul;
        }
        auto run = start(c);
        QVERIFY(run);
        const auto objects = run->objects();
        const std::size_t consumer = 1; // slots: producers first
        bool sawEof = false;
        const auto watchEof = [&](const Frame& f) {
            for (const RunEvent& e : f.newEvents) {
                sawEof |= e.worker == int(consumer) && e.kind == EventKind::Closed;
            }
        };
        QVERIFY(waitUntil([&] {
            const Frame f = run->sample();
            watchEof(f);
            return f.processes[0].exit.has_value();
        }));
        // Held still until the lab has asked it to drain (the producer is gone, so the first
        // frame after Stop does): woken by Stop alone it would read on with blocking reads
        // before it sees the request, and the drain would not be tested.
        const pid_t consumerPid = run->workerPids()[consumer];
        QCOMPARE(::kill(consumerPid, SIGSTOP), 0);
        char state = '?';
        QVERIFY2(waitUntil([&] {
                     const auto v = readKernelTaskView(consumerPid);
                     state = v ? v->state : '?';
                     return state == 'T';
                 }),
                 qPrintable(QStringLiteral("consumer state %1").arg(QChar(state))));
        const Frame before = run->sample();
        watchEof(before);
        QVERIFY2(!before.processes[consumer].exit && !sawEof,
                 "the consumer saw the end of the stream before Stop: nothing to test");
        QVERIFY2(before.totals.messagesReceived < 200, "the consumer had nothing left to drain");
        run->requestStop();
        watchEof(run->sample());
        QVERIFY(!run->finished());
        QCOMPARE(::kill(consumerPid, SIGCONT), 0);
        QVERIFY(runToEnd(*run, 60000, watchEof));
        const RunReport& r = run->report();
        QCOMPARE(r.totals.messagesSent, quint64(200));
        QCOMPARE(r.totals.messagesReceived, quint64(200));
        QCOMPARE(r.totals.bytesReceived, r.totals.bytesSent);
        QVERIFY(r.totals.clean());
        QVERIFY(r.workers[consumer].exit);
        QVERIFY2(!r.workers[consumer].exit->signaled && r.workers[consumer].exit->code == 0,
                 r.workers[consumer].exit->describe().c_str());
        QVERIFY2(sawEof, "the consumer drained the channel but did not see its end (EOF)");
        verifyNothingLeft(*run, objects, run->workerPids());
    }

    void rawModeCountsTheSame() {
        RunConfig c;
        c.mechanism = Mechanism::Pipe;
        c.messages = 50000;
        c.raw = true;
        auto run = start(c);
        QVERIFY(run);
        QVERIFY(runToEnd(*run));
        const RunReport& r = run->report();
        QCOMPARE(r.totals.messagesSent, quint64(50000));
        QCOMPARE(r.totals.messagesReceived, quint64(50000));
        QVERIFY(r.totals.clean());
        // No telemetry in the loop: no blocked time is recorded.
        QCOMPARE(r.workers.front().totalBlockedNs(), quint64(0));
        const std::string json = reportToJson(r);
        QVERIFY(json.find("\"raw\":true") != std::string::npos);
    }

    // Far more notable events than the report keeps: a queue that holds one message and a
    // throttled consumer make the producer wait for every receive, and with a 50 µs threshold
    // each wait is an event. The report lists only the most recent of each kind, counts every
    // one (as the frames delivered them) and says how many it left out, in all three forms.
    void reportEventsAreBounded() {
        RunConfig c;
        c.mechanism = Mechanism::SysvMsg;
        c.producers = 1;
        c.consumers = 1;
        c.messageSize = 64;
        c.capacity = 64; // msg_qbytes: one message
        c.consumerRate = 2000;
        c.messages = 3000;
        LabOptions o = options();
        o.longBlockThresholdNs = 50'000;
        o.eventsKeptPerKind = 20;
        auto started = Run::start(c, o);
        QVERIFY2(started, started ? "" : started.error().message.c_str());
        Run& run = **started;
        const auto objects = run.objects();
        EventCounts seen;
        std::vector<RunEvent> lastSeen; // the most recent notable ones, any kind
        QVERIFY(runToEnd(run, 60000, [&](const Frame& f) {
            for (const RunEvent& e : f.newEvents) {
                if (NotableEvents::isNotable(e)) {
                    ++seen[e.kind];
                    lastSeen.push_back(e);
                }
            }
        }));
        const RunReport& r = run.report();
        QVERIFY(r.totals.clean());
        QVERIFY2(seen[EventKind::LongBlock] > 10 * o.eventsKeptPerKind,
                 qPrintable(QString::number(seen[EventKind::LongBlock])));
        QCOMPARE(r.eventCounts.byKind, seen.byKind);
        QCOMPARE(r.eventsKeptPerKind, quint64(o.eventsKeptPerKind));
        EventCounts listed;
        for (const RunEvent& e : r.events) {
            ++listed[e.kind];
        }
        for (std::size_t k = 0; k < kEventKindCount; ++k) {
            QCOMPARE(listed.byKind[k], std::min<std::uint64_t>(seen.byKind[k], 20));
        }
        QCOMPARE(r.eventsOmitted, seen.total() - r.events.size());
        // The kept long waits are the last ones the frames delivered, put in time order (the
        // producer's and the consumer's rings are read one after the other).
        std::vector<RunEvent> lastWaits;
        for (auto it = lastSeen.rbegin(); it != lastSeen.rend() && lastWaits.size() < 20; ++it) {
            if (it->kind == EventKind::LongBlock) {
                lastWaits.insert(lastWaits.begin(), *it);
            }
        }
        std::stable_sort(lastWaits.begin(), lastWaits.end(),
                         [](const RunEvent& a, const RunEvent& b) { return a.timeNs < b.timeNs; });
        std::vector<RunEvent> keptWaits;
        for (const RunEvent& e : r.events) {
            if (e.kind == EventKind::LongBlock) {
                keptWaits.push_back(e);
            }
        }
        QCOMPARE(keptWaits.size(), lastWaits.size());
        for (std::size_t i = 0; i < keptWaits.size(); ++i) {
            QCOMPARE(keptWaits[i].timeNs, lastWaits[i].timeNs);
            QCOMPARE(keptWaits[i].text, lastWaits[i].text);
        }

        const QJsonObject json =
            QJsonDocument::fromJson(QByteArray::fromStdString(reportToJson(r))).object();
        QCOMPARE(json.value(QStringLiteral("events")).toArray().size(), qsizetype(r.events.size()));
        QCOMPARE(json.value(QStringLiteral("events_omitted")).toInteger(), qint64(r.eventsOmitted));
        QCOMPARE(json.value(QStringLiteral("events_kept_per_kind")).toInteger(), qint64(20));
        const QJsonObject counts = json.value(QStringLiteral("event_counts")).toObject();
        QCOMPARE(counts.value(QStringLiteral("long_wait")).toInteger(),
                 qint64(seen[EventKind::LongBlock]));
        QCOMPARE(json.value(QStringLiteral("events"))
                     .toArray()
                     .last()
                     .toObject()
                     .value(QStringLiteral("kind"))
                     .toString()
                     .isEmpty(),
                 false);
        const std::string text = reportToText(r);
        const std::string more = "… and " + std::to_string(r.eventsOmitted) + " more";
        QVERIFY2(text.find(more) != std::string::npos, text.c_str());
        QVERIFY(text.find(std::to_string(seen[EventKind::LongBlock]) + " long waits") !=
                std::string::npos);
        verifyNothingLeft(run, objects, run.workerPids());
    }

    // A consumer held to 100 messages/s that had to wait for data (the producer starts late,
    // or the consumer itself got no CPU) goes on at its rate: it does not "catch up" with a
    // burst (which the charts showed as a rate of 220/s and a channel emptied at once). Over
    // any two samples it received at most the rate times the time between them, plus the
    // message in hand and one that was due: the counters are read between the clock readings
    // taken around each sample, so the bound holds however late this thread is scheduled.
    void throttledConsumerNeverBursts_data() {
        QTest::addColumn<Mechanism>("mechanism");
        QTest::addColumn<bool>("stopConsumer"); // SIGSTOP it for a while (a consumer starved)
        QTest::newRow("posix-mq, producer late") << Mechanism::PosixMq << false;
        QTest::newRow("sysv-msg, producer late") << Mechanism::SysvMsg << false;
        QTest::newRow("pipe, producer late") << Mechanism::Pipe << false;
        QTest::newRow("posix-mq, consumer starved") << Mechanism::PosixMq << true;
    }

    void throttledConsumerNeverBursts() {
        QFETCH(Mechanism, mechanism);
        QFETCH(bool, stopConsumer);
        constexpr double kRate = 100;
        RunConfig c;
        c.mechanism = mechanism;
        c.consumerRate = kRate;
        c.durationS = 2.5;
        c.scenario.producerStartDelayS = stopConsumer ? 0 : 0.6;
        auto run = start(c);
        QVERIFY(run);
        const pid_t consumer = run->workerPids().back();
        struct Sample {
            std::uint64_t beforeNs, afterNs, received;
            RunPhase phase;
        };
        std::vector<Sample> samples;
        bool stopped = false, continued = false;
        std::uint64_t stoppedAtNs = 0;
        QVERIFY(waitUntil(
            [&] {
                const std::uint64_t before = monotonicNs();
                const Frame f = run->sample();
                samples.push_back({before, monotonicNs(), f.totals.messagesReceived, f.phase});
                if (stopConsumer && !stopped && f.totals.messagesReceived >= 20) {
                    stopped = ::kill(consumer, SIGSTOP) == 0;
                    stoppedAtNs = monotonicNs();
                } else if (stopped && !continued && monotonicNs() - stoppedAtNs > 400'000'000) {
                    continued = ::kill(consumer, SIGCONT) == 0;
                }
                return run->finished();
            },
            30000));
        QVERIFY(!stopConsumer || continued);
        QVERIFY(run->report().totals.clean());
        std::uint64_t worst = 0;
        QString where;
        for (std::size_t i = 0; i < samples.size(); ++i) {
            for (std::size_t j = i + 1; j < samples.size(); ++j) {
                if (samples[j].phase != RunPhase::Running) {
                    break; // a stop lets consumers drain without their rate, by design
                }
                const double spanS = double(samples[j].afterNs - samples[i].beforeNs) / 1e9;
                const auto allowed = std::uint64_t(kRate * spanS) + 2;
                const std::uint64_t got = samples[j].received - samples[i].received;
                if (got > allowed && got - allowed > worst) {
                    worst = got - allowed;
                    where = QStringLiteral("%1 messages in %2 ms (at most %3 allowed)")
                                .arg(got)
                                .arg(spanS * 1e3, 0, 'f', 1)
                                .arg(allowed);
                }
            }
        }
        QVERIFY2(worst == 0, qPrintable(where));
        QVERIFY2(samples.back().received > 100, "the consumer hardly received anything");
    }

    // What a frame says must be possible in the kernel at that moment. A process that stands
    // inside its send call without the CPU (here: stopped, as a starved one would be) is not
    // waiting for room once the queue has room; the frame must not show it waiting while the
    // fill it shows says the queue is empty and a consumer waits for data.
    void framesAgreeWithTheKernel_data() {
        QTest::addColumn<Mechanism>("mechanism");
        QTest::newRow("posix-mq") << Mechanism::PosixMq;
        QTest::newRow("sysv-msg") << Mechanism::SysvMsg;
        QTest::newRow("sysv-shm") << Mechanism::SysvShm;
        QTest::newRow("posix-shm") << Mechanism::PosixShm;
    }

    void framesAgreeWithTheKernel() {
        QFETCH(Mechanism, mechanism);
        RunConfig c;
        c.mechanism = mechanism;
        c.consumerRate = 200;
        c.durationS = 30; // ended by requestStop() below
        if (mechanism == Mechanism::SysvMsg) {
            c.capacity = 2048; // 32 messages of 64 bytes
        } else if (mechanism != Mechanism::PosixMq) {
            c.capacity = 16; // ring slots: full in a tenth of a second
        }
        auto run = start(c);
        QVERIFY(run);
        const pid_t producer = run->workerPids().front();
        const CallKind send = sendCallOf(mechanism);
        enum class Step { Filling, Stopped, Drained, Continued } step = Step::Filling;
        std::uint64_t stoppedFrames = 0, emptyFrames = 0, stoppedAtNs = 0, fullFrames = 0;
        QStringList wrong;
        QVERIFY(waitUntil(
            [&] {
                const Frame f = run->sample();
                const ChannelFrame& ch = f.channels.front();
                const ProcessFrame& p = f.processes.front();
                const ProcessFrame& consumer = f.processes.back();
                const bool producerWaits = p.state == WorkerState::Blocked && !p.exit;
                const bool consumerWaits = consumer.state == WorkerState::Blocked && !consumer.exit;
                if (ch.capacity && ch.depth > *ch.capacity) {
                    wrong << QStringLiteral("%1 s: fill %2 over the capacity %3")
                                 .arg(double(f.elapsedNs) / 1e9)
                                 .arg(ch.depth)
                                 .arg(*ch.capacity);
                }
                if (f.phase == RunPhase::Running && producerWaits && consumerWaits) {
                    wrong << QStringLiteral("%1 s: producer waits in %2 and consumer in %3 at once "
                                            "(fill %4)")
                                 .arg(double(f.elapsedNs) / 1e9)
                                 .arg(QString::fromUtf8(callName(p.call).data()),
                                      QString::fromUtf8(callName(consumer.call).data()))
                                 .arg(ch.depth);
                }
                if (f.phase == RunPhase::Running && producerWaits && ch.depth == 0) {
                    wrong << QStringLiteral("%1 s: producer waits for room in %2 while the fill "
                                            "is 0")
                                 .arg(double(f.elapsedNs) / 1e9)
                                 .arg(QString::fromUtf8(callName(p.call).data()));
                }
                switch (step) {
                case Step::Filling:
                    // Full, the producer waiting for room: stop it there.
                    // Seen so in three frames in a row: not a passing moment. (Each wait lasts
                    // only until the consumer's next take, 5 ms at 200/s, on an idle machine.)
                    fullFrames =
                        producerWaits && p.call == send && ch.capacity && ch.depth >= *ch.capacity
                            ? fullFrames + 1
                            : 0;
                    if (fullFrames >= 3) {
                        if (::kill(producer, SIGSTOP) == 0) {
                            stoppedAtNs = monotonicNs();
                            step = Step::Stopped;
                        }
                    }
                    break;
                case Step::Stopped:
                    ++stoppedFrames;
                    if (ch.depth == 0 && consumerWaits) {
                        step = Step::Drained; // the consumer emptied it and waits for data
                    }
                    break;
                case Step::Drained:
                    if (++emptyFrames >= 5) {
                        if (::kill(producer, SIGCONT) == 0) {
                            step = Step::Continued;
                        }
                        run->requestStop();
                    }
                    break;
                case Step::Continued:
                    break;
                }
                return run->finished();
            },
            40000));
        QVERIFY(run->workerPids().size() == 2);
        QCOMPARE(step, Step::Continued);
        QVERIFY(stoppedFrames > 0 && stoppedAtNs > 0);
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.mid(0, 5).join(QStringLiteral("; "))));
        QVERIFY(run->report().totals.clean());
    }

    void cleanupTestCase() {
        // No run directory of ours may remain.
        QCOMPARE(QDir(m_runtime.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestLab)
#include "tst_lab.moc"
