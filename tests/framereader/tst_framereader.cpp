// FrameReader on a telemetry region filled by hand: no worker runs, no kernel object exists
// but the region's memfd. States, counters, the event rings (with events lost to an overrun and
// a torn entry), the channel's gauge and the endpoints' rates, checked field by field through
// whole-value comparisons.

#include "../common/framesamples.h"

#include "base/clock.h"
#include "lab/framereader.h"
#include "mechanisms/channel.h"
#include "telemetry/telemetry.h"

#include <QtTest>

#include <cerrno>

using namespace ipcscope;
using namespace testsupport;

namespace {

constexpr std::uint64_t kMs = 1'000'000;

void setState(WorkerSlot& slot, WorkerState state, CallKind call, std::uint8_t object,
              std::uint64_t sinceRelNs) {
    slot.state.store(StateWord{state, call, object, sinceRelNs}.pack());
}

// Appends an event to a slot's ring the way a worker does: fields first, the stamp last.
void writeEvent(WorkerSlot& slot, EventKind kind, CallKind call, std::uint64_t value,
                std::uint64_t timeRelNs) {
    const std::uint64_t n = slot.eventsWritten.load();
    EventRingEntry& e = slot.events[n % kEventRingSize];
    e.timeRelNs = timeRelNs;
    e.value = value;
    e.kind = std::uint8_t(kind);
    e.call = std::uint8_t(call);
    e.object = 0;
    e.stamp.store(n + 1);
    slot.eventsWritten.store(n + 1);
}

// A channel with a gauge and names, and nothing behind it.
class FakeChannel : public Channel {
public:
    EndpointSpec endpoint(Role, std::uint32_t) const override { return {}; }
    ChannelGauge gauge() const override {
        ChannelGauge g;
        g.depth = 42;
        g.waitingSenders = 3;
        g.values = {{"msg_qnum", 7}};
        return g;
    }
    std::uint64_t capacity() const override { return 4096; }
    std::uint64_t capacityInMessages() const override { return 64; }
    std::vector<ManifestObject> objects() const override {
        return {{IpcKind::SysvMsg, 5, 0x1bc50001, {}}};
    }
    std::string objectName(std::uint8_t object) const override {
        return "queue " + std::to_string(object);
    }
};

} // namespace

class TestFrameReader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        m_region = TelemetryRegion::create(2, 1, 0, 10 * kMs, SeenShape{kMinSeenWindow, 16});
        QVERIFY(m_region.valid());
        m_workers = {{{Role::Producer, 0}, 0, 101, {}},
                     {{Role::Producer, 1}, 1, 102, WorkerExitInfo{false, 0, 0, false, 1234}},
                     {{Role::Consumer, 0}, 2, 103, {}}};
    }

    // Two producers (one blocked, one reaped but never said so) and a consumer a few
    // microseconds into a call, read without a channel: depth and waiters from the workers.
    void readsWorkersIntoProcesses() {
        const TelemetryView& v = m_region.view();
        WorkerSlot& p0 = v.slot(0);
        WorkerSlot& p1 = v.slot(1);
        WorkerSlot& c0 = v.slot(2);
        const std::uint64_t now = 2000 * kMs;
        setState(p0, WorkerState::Blocked, CallKind::Msgsnd, 2, now - 300 * kMs);
        p0.messages = 100;
        p0.bytes = 6400;
        p0.blocks = 3;
        p0.errors = 1;
        p0.blockedNs[std::size_t(CallKind::Msgsnd)] = 5 * kMs;
        v.ledger(0).unrecorded = 2;
        setState(p1, WorkerState::Running, CallKind::None, 0, 10 * kMs);
        p1.messages = 50;
        p1.bytes = 3200;
        setState(c0, WorkerState::Blocked, CallKind::Msgrcv, 0, now - 5'000); // 5 µs: working
        c0.messages = 120;
        c0.bytes = 7680;
        c0.corrupted = 1;
        c0.duplicated = 2;
        c0.reordered = 3;
        c0.late = 4;

        FrameReader reader(Mechanism::SysvMsg, nullptr);
        const Frame f = reader.read(v, m_workers, now, false);

        ProcessFrame blocked =
            workerProcess({Role::Producer, 0}, 101, WorkerState::Blocked, CallKind::Msgsnd);
        blocked.waitChannel = 0;
        blocked.object = 2;
        blocked.stateForNs = 300 * kMs;
        blocked.messages = 100;
        blocked.bytes = 6400;
        blocked.errors = 1;
        blocked.blocks = 3;
        blocked.blockedNs[std::size_t(CallKind::Msgsnd)] = 5 * kMs;
        blocked.blockedNowNs = 300 * kMs;
        blocked.unchecked = 2;
        ProcessFrame reaped = workerProcess({Role::Producer, 1}, 102,
                                            WorkerState::Exited); // killed before it could say so
        reaped.stateForNs = now - 10 * kMs;
        reaped.messages = 50;
        reaped.bytes = 3200;
        reaped.exit = m_workers[1].exit;
        ProcessFrame consumer = workerProcess(
            {Role::Consumer, 0}, 103, WorkerState::Running); // under kMinBlockNs: not waiting
        consumer.messages = 120;
        consumer.bytes = 7680;
        consumer.corrupted = 1;
        consumer.duplicated = 2;
        consumer.reordered = 3;
        consumer.late = 4;
        QCOMPARE(f.processes.size(), std::size_t(3));
        QVERIFY(f.processes[0] == blocked);
        QVERIFY(f.processes[1] == reaped);
        QVERIFY(f.processes[2] == consumer);
        QCOMPARE(f.elapsedNs, now);
        QVERIFY(!f.paused);

        QVERIFY((f.totals == Totals{150, 120, 9600, 7680, 0, 2, 1, 3, 2}));

        QCOMPARE(f.channels.size(), std::size_t(1));
        ChannelFrame channel;
        channel.kind = Mechanism::SysvMsg;
        channel.identity = "sysv-msg"; // no objects to name
        channel.unit = "bytes";
        channel.depth = 9600 - 7680; // handed over minus taken out
        channel.waitingSenders = 1;
        channel.waitingReceivers = 0;
        QVERIFY(f.channels[0] == channel);
        QVERIFY(!f.channels[0].capacity); // nothing said what it holds

        // One endpoint per worker, with its exact counters; no rate from a single frame.
        QCOMPARE(f.endpoints.size(), std::size_t(3));
        QVERIFY((f.endpoints[0] ==
                 EndpointFrame{0, 0, EndpointDirection::Send, 100, 6400, 0, 0, false}));
        QVERIFY((f.endpoints[2] ==
                 EndpointFrame{2, 0, EndpointDirection::Receive, 120, 7680, 0, 0, false}));

        // Half a second later: rates over the interval; paused workers are stopped, the reaped
        // one is not.
        p0.messages = 600;
        p0.bytes = 38400;
        c0.messages = 220;
        const Frame g = reader.read(v, m_workers, now + 500 * kMs, true);
        QCOMPARE(g.endpoints[0].messagesPerS, 1000.0);
        QCOMPARE(g.endpoints[0].bytesPerS, 64000.0);
        QCOMPARE(g.endpoints[1].messagesPerS, 0.0);
        QCOMPARE(g.endpoints[2].messagesPerS, 200.0);
        QCOMPARE(g.messagesPerS(0), 1000.0);
        QVERIFY(g.paused && g.processes[0].stopped && !g.processes[1].stopped);
        QCOMPARE(g.processes[0].stateForNs, 800 * kMs);
    }

    // A state begun after the frame's clock was read (a worker throttled while the lab reaped
    // and read the others) is aged when it is read, not shown as 0 ns.
    void stateBegunAfterTheFramesClockIsAgedWhenRead() {
        const std::uint64_t epoch = monotonicNs() - 2000 * kMs;
        TelemetryRegion region =
            TelemetryRegion::create(2, 1, epoch, 10 * kMs, SeenShape{kMinSeenWindow, 16});
        QVERIFY(region.valid());
        const TelemetryView& v = region.view();
        const std::uint64_t since = monotonicNs() - epoch - 300 * kMs / 1000; // 300 µs ago
        setState(v.slot(0), WorkerState::Throttled, CallKind::Throttle, 0, since);
        FrameReader reader(Mechanism::SysvMsg, nullptr);
        const Frame f = reader.read(v, m_workers, since - kMs, false); // clock read before
        QCOMPARE(f.processes[0].state, WorkerState::Throttled);
        QVERIFY2(f.processes[0].stateForNs >= 300 * kMs / 1000 &&
                     f.processes[0].stateForNs < 1000 * kMs,
                 std::to_string(f.processes[0].stateForNs).c_str());
    }

    // Each event once, in order, with its words; events overwritten before they were read and
    // a torn entry are counted as dropped.
    void readsEventsOnceAndCountsTheDropped() {
        const TelemetryView& v = m_region.view();
        WorkerSlot& p0 = v.slot(0);
        WorkerSlot& c0 = v.slot(2);
        writeEvent(p0, EventKind::LongBlock, CallKind::Msgsnd, 50 * kMs, 100 * kMs);
        writeEvent(p0, EventKind::Error, CallKind::Msgsnd, EAGAIN, 110 * kMs);
        // The consumer wrote three more than its ring holds: the first three are gone.
        for (std::size_t i = 0; i < kEventRingSize + 3; ++i) {
            writeEvent(c0, EventKind::Opened, CallKind::None, i, 200 * kMs + i);
        }
        FrameReader reader(Mechanism::SysvMsg, nullptr);
        Frame f = reader.read(v, m_workers, 300 * kMs, false);
        QCOMPARE(f.newEvents.size(), std::size_t(2 + kEventRingSize));
        const RunEvent& wait = f.newEvents[0];
        QCOMPARE(wait.timeNs, 100 * kMs);
        QCOMPARE(wait.worker, 0);
        QCOMPARE(wait.kind, EventKind::LongBlock);
        QCOMPARE(wait.call, CallKind::Msgsnd);
        QCOMPARE(wait.value, 50 * kMs);
        QCOMPARE(wait.text, std::string("producer 0 waited 50.0 ms in msgsnd"));
        QVERIFY2(f.newEvents[1].text.starts_with("producer 0 failed in msgsnd: "),
                 f.newEvents[1].text.c_str());
        QCOMPARE(f.newEvents[2].worker, 2);
        QCOMPARE(f.newEvents[2].value, quint64(3)); // the oldest still in the ring
        QVERIFY2(f.newEvents[2].text.starts_with("consumer 0 opened the channel after 3 ns"),
                 f.newEvents[2].text.c_str());
        QCOMPARE(f.eventsDropped, quint64(3));

        // Nothing new: nothing read again. Then a torn entry (its stamp not yet written).
        f = reader.read(v, m_workers, 310 * kMs, false);
        QVERIFY(f.newEvents.empty());
        writeEvent(p0, EventKind::Closed, CallKind::None, 0, 320 * kMs);
        p0.events[2].stamp.store(0);
        writeEvent(p0, EventKind::Exit, CallKind::None, 0, 330 * kMs);
        f = reader.read(v, m_workers, 340 * kMs, false);
        QCOMPARE(f.newEvents.size(), std::size_t(1));
        QCOMPARE(f.newEvents[0].kind, EventKind::Exit);
        QCOMPARE(f.newEvents[0].text, std::string("producer 0 finished (exit 0)"));
        QCOMPARE(f.eventsDropped, quint64(4));
        QCOMPARE(reader.eventsDropped(), quint64(4));
    }

    // With a channel: its gauge, capacity, identity and object names.
    void readsTheChannelsGauge() {
        const TelemetryView& v = m_region.view();
        setState(v.slot(2), WorkerState::Blocked, CallKind::Msgrcv, 3, 0);
        FakeChannel channel;
        FrameReader reader(Mechanism::SysvMsg, &channel);
        const Frame f = reader.read(v, m_workers, 1000 * kMs, false);
        const ChannelFrame& c = f.channels.at(0);
        QCOMPARE(c.identity, std::string("msqid 5"));
        QCOMPARE(c.capacity, std::optional<std::uint64_t>(4096));
        QCOMPARE(c.depth, quint64(42));
        QVERIFY(c.depthFromKernel);
        QCOMPARE(c.waitingSenders, std::optional<std::uint32_t>(3));   // the kernel's word
        QCOMPARE(c.waitingReceivers, std::optional<std::uint32_t>(1)); // from the states
        QCOMPARE(c.values, (std::vector<std::pair<std::string, long long>>{{"msg_qnum", 7}}));
        QCOMPARE(f.processes[2].objectName, std::string("queue 3"));
        QCOMPARE(f.processes[2].waitChannel, std::optional<std::size_t>(0));
    }

private:
    TelemetryRegion m_region;
    std::vector<FrameReader::Worker> m_workers;
};

QTEST_MAIN(TestFrameReader)
#include "tst_framereader.moc"
