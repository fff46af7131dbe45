// The shared telemetry region: layout, packing, the event ring, and visibility across a real
// fork (the worker's writes appear in the lab's mapping without any system call).

#include "base/clock.h"
#include "telemetry/telemetry.h"
#include "telemetry/workerprobe.h"

#include <QtTest>

#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace ipcscope;

class TestTelemetry : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void stateWordRoundTrips() {
        const StateWord s{WorkerState::Blocked, CallKind::Msgrcv, 2, 123'456'789'012ull};
        const StateWord back = StateWord::unpack(s.pack());
        QCOMPARE(back.state, WorkerState::Blocked);
        QCOMPARE(back.call, CallKind::Msgrcv);
        QCOMPARE(back.object, std::uint8_t(2));
        QCOMPARE(back.sinceRelNs, 123'456'789'012ull);
        QCOMPARE(callName(CallKind::SemWait), std::string_view("sem_wait"));
        QCOMPARE(stateName(WorkerState::Throttled), std::string_view("throttled"));
    }

    void attachChecksTheHeader() {
        TelemetryRegion region = TelemetryRegion::create(2, 3, monotonicNs(), 1000);
        QVERIFY(region.valid());
        QCOMPARE(region.view().header().workerCount, 5u);
        TelemetryRegion attached = TelemetryRegion::attach(::dup(region.fd()));
        QVERIFY(attached.valid());
        QCOMPARE(attached.view().layout().totalSize(), region.view().layout().totalSize());
        // Something that is not a telemetry region is refused.
        int fd = ::memfd_create("junk", MFD_CLOEXEC);
        QVERIFY(fd >= 0);
        QCOMPARE(::ftruncate(fd, 1 << 20), 0);
        QVERIFY(!TelemetryRegion::attach(fd).valid());
    }

    void probeWritesAreSeenAcrossFork() {
        TelemetryRegion region = TelemetryRegion::create(1, 1, monotonicNs(), 1'000'000);
        QVERIFY(region.valid());
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            WorkerProbe probe(region.view(), 1);
            for (int i = 0; i < 1000; ++i) {
                probe.countMessage(64);
            }
            probe.blockBegin(CallKind::Read);
            ::usleep(5000); // a real wait inside the "call"
            probe.blockEnd();
            probe.countCorrupted();
            ::_exit(0);
        }
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        const WorkerSlot& slot = region.view().slot(1);
        QCOMPARE(slot.messages.load(), quint64(1000));
        QCOMPARE(slot.bytes.load(), quint64(64000));
        QCOMPARE(slot.corrupted.load(), quint64(1));
        QCOMPARE(slot.blocks.load(), quint64(1));
        QVERIFY(slot.blockedNs[std::size_t(CallKind::Read)].load() >= 5'000'000u);
        QCOMPARE(StateWord::unpack(slot.state.load()).state, WorkerState::Running);
        // The 5 ms wait crossed the 1 ms threshold: one LongBlock event.
        QCOMPARE(slot.eventsWritten.load(), quint64(1));
        QCOMPARE(EventKind(slot.events[0].kind), EventKind::LongBlock);
        QVERIFY(slot.events[0].value >= 5'000'000u);
    }

    void blockInProgressIsVisibleLive() {
        TelemetryRegion region = TelemetryRegion::create(1, 1, monotonicNs(), 1'000'000'000);
        WorkerProbe probe(region.view(), 0);
        probe.blockBegin(CallKind::Msgsnd, 1);
        const StateWord s = StateWord::unpack(region.view().slot(0).state.load());
        QCOMPARE(s.state, WorkerState::Blocked);
        QCOMPARE(s.call, CallKind::Msgsnd);
        QCOMPARE(s.object, std::uint8_t(1));
        QVERIFY(s.sinceRelNs <= monotonicNs() - region.view().header().epochNs);
        probe.blockEnd();
        QCOMPARE(StateWord::unpack(region.view().slot(0).state.load()).state, WorkerState::Running);
    }

    // Workers stamp with the TSC where the kernel trusts it; their times must agree with the
    // lab's CLOCK_MONOTONIC (which computes "blocked for" from them) to well under a millisecond.
    void workerStampsAgreeWithTheLabsClock() {
        const std::uint64_t epoch = monotonicNs() - 5'000'000'000; // five seconds into a run
        TelemetryRegion region = TelemetryRegion::create(1, 1, epoch, 1'000'000'000);
        WorkerProbe probe(region.view(), 0);
        const std::uint64_t before = monotonicNs() - epoch;
        probe.setState(WorkerState::Running);
        const std::uint64_t after = monotonicNs() - epoch;
        const std::uint64_t stamp =
            StateWord::unpack(region.view().slot(0).state.load()).sinceRelNs;
        qInfo("worker clock: %s", region.view().header().tscMult ? "TSC" : "vDSO CLOCK_MONOTONIC");
        QVERIFY2(
            stamp + 1'000'000 >= before && stamp <= after + 1'000'000,
            qPrintable(QStringLiteral("stamp %1, lab %2..%3").arg(stamp).arg(before).arg(after)));
    }

    // A wait is counted from the previous stamp to the end of the call: an injected 30 ms stall
    // inside the call is covered.
    void blockedTimeCoversTheStall() {
        TelemetryRegion region = TelemetryRegion::create(1, 1, monotonicNs(), 1'000'000'000);
        WorkerProbe probe(region.view(), 0);
        probe.setState(WorkerState::Running);
        probe.blockBegin(CallKind::Read);
        const timespec stall{0, 30'000'000};
        ::nanosleep(&stall, nullptr);
        probe.blockEnd();
        const WorkerSlot& slot = region.view().slot(0);
        QVERIFY(slot.blockedNs[std::size_t(CallKind::Read)].load() >= 30'000'000);
        QCOMPARE(slot.blocks.load(), std::uint64_t(1));
    }

    void eventRingKeepsTheNewest() {
        TelemetryRegion region = TelemetryRegion::create(1, 1, monotonicNs(), 0);
        WorkerProbe probe(region.view(), 0);
        for (std::uint64_t i = 0; i < 100; ++i) {
            probe.event(EventKind::Error, CallKind::Write, 0, i);
        }
        const WorkerSlot& slot = region.view().slot(0);
        QCOMPARE(slot.eventsWritten.load(), quint64(100));
        for (std::uint64_t i = 100 - kEventRingSize; i < 100; ++i) {
            const EventRingEntry& e = slot.events[i % kEventRingSize];
            QCOMPARE(e.stamp.load(), i + 1);
            QCOMPARE(e.value, i);
        }
    }

    void rawProbePublishesOnceAtTheEnd() {
        TelemetryRegion region = TelemetryRegion::create(1, 1, monotonicNs(), 0);
        RawProbe probe(region.view(), 0);
        probe.countMessage(10);
        probe.countMessage(10);
        QCOMPARE(region.view().slot(0).messages.load(),
                 quint64(0)); // nothing shared during the loop
        probe.publish();
        QCOMPARE(region.view().slot(0).messages.load(), quint64(2));
        QCOMPARE(region.view().slot(0).bytes.load(), quint64(20));
    }
};

QTEST_GUILESS_MAIN(TestTelemetry)
#include "tst_telemetry.moc"
