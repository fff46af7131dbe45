// The run's phase machine driven by hand-made frames and a clock value, acting on a fake plant
// and a telemetry region's header: no worker runs. Each case walks a run to the outcome a user
// would see (a phase, a flag the workers read, a signal, a kill, an event, a report field).

#include "lab/phasemachine.h"
#include "telemetry/telemetry.h"

#include <QtTest>

#include <csignal>

using namespace ipcscope;

namespace {

constexpr std::uint64_t kMs = 1'000'000;
constexpr std::uint64_t kStart = 1'000'000 * kMs; // an arbitrary monotonic clock value

// Records what the machine does to the workers and the channel; the test says who has exited.
class FakePlant final : public PhaseMachine::Plant {
public:
    struct Signal {
        std::optional<Role> role; // none: every live worker
        int sig = 0;
        bool operator==(const Signal&) const = default;
    };
    struct Note {
        std::uint64_t nowNs = 0;
        int slot = -1;
        std::string text;
    };

    bool exited[2] = {false, false}; // by Role
    std::vector<Signal> sentSignals;
    std::vector<Role> killed;
    int crashes = 0;
    int releases = 0;
    int removals = 0;
    Result<std::uint32_t> removal = std::uint32_t(3);
    std::uint32_t alive = 2;
    std::vector<Note> notes;

    bool allExited(Role role) const override { return exited[int(role)]; }
    void signalLive(Role role, int sig) override { sentSignals.push_back({role, sig}); }
    void signalEveryLive(int sig) override { sentSignals.push_back({std::nullopt, sig}); }
    std::vector<FrameReader::Worker> killLive(Role role) override {
        killed.push_back(role);
        const std::uint32_t slot = role == Role::Producer ? 0 : 1;
        return {{{role, 0}, slot, 4242, {}}};
    }
    void killEveryLive() override { ++crashes; }
    void releaseHeldWorkers() override { ++releases; }
    Result<std::uint32_t> removeWhileAttached() override {
        ++removals;
        return removal;
    }
    std::uint32_t objectsAlive() const override { return alive; }
    void note(std::uint64_t nowNs, int slot, std::string text) override {
        notes.push_back({nowNs, slot, std::move(text)});
    }

    bool sent(std::optional<Role> role, int sig) const {
        return std::find(sentSignals.begin(), sentSignals.end(), Signal{role, sig}) !=
               sentSignals.end();
    }
    bool noted(const QString& words) const {
        for (const Note& n : notes) {
            if (QString::fromStdString(n.text).contains(words)) {
                return true;
            }
        }
        return false;
    }
};

// One producer and one consumer with these counters and states.
Frame frame(std::uint64_t sent, std::uint64_t received, WorkerState producer = WorkerState::Running,
            WorkerState consumer = WorkerState::Running) {
    Frame f;
    f.totals.messagesSent = sent;
    f.totals.messagesReceived = received;
    ProcessFrame p;
    p.worker = WorkerId{Role::Producer, 0};
    p.state = producer;
    ProcessFrame c;
    c.worker = WorkerId{Role::Consumer, 0};
    c.state = consumer;
    f.processes = {p, c};
    return f;
}

} // namespace

class TestPhaseMachine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        m_region = TelemetryRegion::create(1, 1, kStart, 10 * kMs);
        QVERIFY(m_region.valid());
        m_plant = FakePlant{};
        m_config = RunConfig{};
        m_config.durationS = 1.0;
    }

    // The duration's end stops the producers; once they have exited the consumers drain at
    // once (a stop is always a fast one), and once they have exited the run is finished.
    void durationEndStopsDrainsAndFinishes() {
        PhaseMachine m = machine();
        m.advance(frame(10, 10), at(500));
        QCOMPARE(m.phase(), RunPhase::Running);
        QCOMPARE(header().stopRequested.load(), 0u);

        m.advance(frame(20, 20), at(1000));
        QCOMPARE(m.phase(), RunPhase::Stopping);
        QVERIFY(m.stopRequested());
        QCOMPARE(header().stopRequested.load(), 1u);
        QCOMPARE(header().ignoreRate.load(), 1u);
        QCOMPARE(m_plant.releases, 1); // a worker held in step mode must see the stop
        QVERIFY(m_plant.sent(Role::Producer, SIGUSR1));
        QVERIFY(m_plant.sent(Role::Consumer, SIGUSR1));

        m_plant.exited[int(Role::Producer)] = true;
        m.advance(frame(25, 20), at(1050));
        QCOMPARE(m.phase(), RunPhase::Draining);
        QVERIFY(m.drainRequested());
        QCOMPARE(header().drainRequested.load(), 1u);

        m_plant.exited[int(Role::Consumer)] = true;
        m.advance(frame(25, 25), at(1100));
        QCOMPARE(m.phase(), RunPhase::Finished);
        QVERIFY(m_plant.killed.empty());
        QVERIFY(m_plant.notes.empty());

        m.advance(frame(25, 25), at(5000)); // finished stays finished
        QCOMPARE(m.phase(), RunPhase::Finished);
    }

    // Producers that sent their quota exit on their own: the consumers keep their rate until
    // everything sent has been delivered, then are told to drain.
    void quotaDoneDrainsOnceAllIsDelivered() {
        m_config.messages = 100;
        PhaseMachine m = machine();
        m.advance(frame(100, 60), at(100));
        m_plant.exited[int(Role::Producer)] = true;
        m.advance(frame(100, 70), at(150));
        QCOMPARE(m.phase(), RunPhase::Draining);
        QVERIFY(!m.stopRequested());
        QVERIFY(!m.drainRequested());
        QCOMPARE(header().drainRequested.load(), 0u);
        QCOMPARE(header().ignoreRate.load(), 0u);

        m.advance(frame(100, 100), at(200));
        QVERIFY(m.drainRequested());
        QCOMPARE(header().drainRequested.load(), 1u);
        QCOMPARE(header().ignoreRate.load(), 1u);
        QCOMPARE(m.phase(), RunPhase::Draining); // until the consumers have exited
    }

    // Draining with nothing received for the drain patience: stop waiting for the rest. A
    // slow consumer (one message a second) is given three of its intervals instead.
    void drainGivesUpAfterItsPatience_data() {
        QTest::addColumn<double>("consumerRate");
        QTest::addColumn<std::uint64_t>("patienceMs");
        QTest::newRow("fast consumer") << 0.0 << std::uint64_t(200);
        QTest::newRow("1 msg/s consumer") << 1.0 << std::uint64_t(3000);
    }
    void drainGivesUpAfterItsPatience() {
        QFETCH(double, consumerRate);
        QFETCH(std::uint64_t, patienceMs);
        m_config.messages = 100;
        m_config.consumerRate = consumerRate;
        PhaseMachine m = machine();
        m_plant.exited[int(Role::Producer)] = true;
        m.advance(frame(100, 50), at(100));
        QCOMPARE(m.phase(), RunPhase::Draining);
        m.advance(frame(100, 50), at(100 + patienceMs));
        QVERIFY(!m.drainRequested());
        m.advance(frame(100, 50), at(100 + patienceMs + 1));
        QVERIFY(m.drainRequested());
    }

    // Producers that ignore the stop are killed after the kill deadline, and the user is told.
    void producersIgnoringTheStopAreKilled() {
        PhaseMachine m = machine();
        m.requestStop(at(100));
        QCOMPARE(m.phase(), RunPhase::Stopping);
        m.advance(frame(10, 10), at(200)); // 100 ms after the stop: not yet
        QVERIFY(m_plant.killed.empty());
        m.advance(frame(10, 10), at(201));
        QCOMPARE(m_plant.killed, std::vector<Role>{Role::Producer});
        QCOMPARE(m_plant.notes.size(), std::size_t(1));
        QCOMPARE(m_plant.notes[0].slot, 0);
        QCOMPARE(m_plant.notes[0].nowNs, at(201));
        QCOMPARE(QString::fromStdString(m_plant.notes[0].text),
                 QString("producer 0 did not stop within 100.0 ms; killed it"));
    }

    // Every consumer gone while producers still run: nobody would ever receive, so stop.
    void noConsumerLeftStopsTheRun() {
        PhaseMachine m = machine();
        m_plant.exited[int(Role::Consumer)] = true;
        m.advance(frame(10, 10), at(100));
        QCOMPARE(m.phase(), RunPhase::Stopping);
        QVERIFY(m_plant.noted("every consumer has exited"));
    }

    // Every live worker blocked and no message moving for stallReportNs: a deadlock, said once
    // and kept for the report; the run goes on until stopped.
    void deadlockIsReportedOnce() {
        m_config.durationS = 60.0;
        PhaseMachine m = machine();
        const auto blocked = [](std::uint64_t n) {
            return frame(n, n, WorkerState::Blocked, WorkerState::Blocked);
        };
        m.advance(blocked(5), at(100)); // last movement
        m.advance(blocked(5), at(599));
        QVERIFY(!m.deadlockAtS());
        m.advance(frame(5, 5, WorkerState::Blocked, WorkerState::Throttled), at(700));
        QVERIFY(!m.deadlockAtS()); // one worker is not waiting in a call
        m.advance(blocked(5), at(800));
        QVERIFY(m.deadlockAtS());
        QCOMPARE(*m.deadlockAtS(), 0.8);
        QCOMPARE(m_plant.notes.size(), std::size_t(1));
        QVERIFY(m_plant.noted("this run is deadlocked"));
        QVERIFY(m_plant.noted("no message has moved for 700.0 ms"));
        m.advance(blocked(5), at(2000));
        QCOMPARE(m_plant.notes.size(), std::size_t(1));
        QCOMPARE(m.phase(), RunPhase::Running);
    }

    // Paused time is not run time: the duration ends that much later; a paused run stands
    // still, and stopping it resumes the workers first.
    void pauseDoesNotCountTowardsTheDuration() {
        PhaseMachine m = machine();
        m.pause(at(500));
        QVERIFY(m.paused());
        QVERIFY(m_plant.sent(std::nullopt, SIGSTOP));
        m.advance(frame(1, 1), at(1500)); // paused: nothing happens
        QCOMPARE(m.phase(), RunPhase::Running);
        m.resume(at(2500));
        QVERIFY(!m.paused());
        QVERIFY(m_plant.sent(std::nullopt, SIGCONT));
        QCOMPARE(m.runningElapsed(at(2900)), 900 * kMs);
        m.advance(frame(2, 2), at(2900));
        QCOMPARE(m.phase(), RunPhase::Running);
        m.advance(frame(3, 3), at(3000));
        QCOMPARE(m.phase(), RunPhase::Stopping);

        PhaseMachine stopped = machine();
        m_plant.sentSignals.clear();
        stopped.pause(at(100));
        stopped.requestStop(at(200));
        QVERIFY(!stopped.paused());
        QCOMPARE(m_plant.sentSignals.at(1), (FakePlant::Signal{std::nullopt, SIGCONT}));
    }

    // The classroom's crash: every worker is killed at crashAfterS and the run holds its
    // objects (no drain, no finish) until Stop; how many objects outlive the workers is noted.
    void crashHoldsTheRunUntilStopped() {
        m_config.durationS = 60.0;
        m_config.scenario.crashAfterS = 0.5;
        PhaseMachine m = machine();
        m.advance(frame(10, 10), at(400));
        QCOMPARE(m_plant.crashes, 0);
        m.advance(frame(10, 10), at(500));
        QCOMPARE(m_plant.crashes, 1);
        QVERIFY(m_plant.noted("as in a crash"));
        QVERIFY(!m.objectsOutlivingWorkers());

        m_plant.exited[0] = m_plant.exited[1] = true;
        m.advance(frame(10, 10), at(600));
        QCOMPARE(m.phase(), RunPhase::Running); // held, not drained
        QCOMPARE(m.objectsOutlivingWorkers(), std::optional<std::uint32_t>(2));
        QVERIFY(m_plant.noted("2 kernel object(s) of the run outlive every process"));
        m.advance(frame(10, 10), at(700));
        QCOMPARE(m_plant.crashes, 1);
        QCOMPARE(m.phase(), RunPhase::Running);

        m.requestStop(at(800));
        m.advance(frame(10, 10), at(900));
        QCOMPARE(m.phase(), RunPhase::Finished);
    }

    // sysv-shm's remove-while-attached happens once, at its time, and says how many processes
    // were attached; a failure is shown in the kernel's words.
    void removeWhileAttachedHappensOnce() {
        m_config.scenario.removeWhileAttachedS = 0.3;
        PhaseMachine m = machine();
        m.advance(frame(1, 1), at(200));
        QCOMPARE(m_plant.removals, 0);
        m.advance(frame(2, 2), at(300));
        m.advance(frame(3, 3), at(400));
        QCOMPARE(m_plant.removals, 1);
        QCOMPARE(m.attachedWhenRemoved(), std::optional<std::uint32_t>(3));
        QVERIFY(m_plant.noted("while 3 processes are attached"));

        PhaseMachine failing = machine();
        m_plant.removal = Error{"no segment to remove"};
        failing.advance(frame(1, 1), at(300));
        QVERIFY(!failing.attachedWhenRemoved());
        QVERIFY(m_plant.noted("no segment to remove"));
    }

private:
    PhaseMachine machine() {
        return PhaseMachine(m_config, {100 * kMs, 200 * kMs, 500 * kMs}, kStart,
                            m_region.view().header(), m_plant);
    }
    static std::uint64_t at(std::uint64_t ms) { return kStart + ms * kMs; }
    TelemetryHeader& header() const { return m_region.view().header(); }

    TelemetryRegion m_region;
    FakePlant m_plant;
    RunConfig m_config;
};

QTEST_GUILESS_MAIN(TestPhaseMachine)
#include "tst_phasemachine.moc"
