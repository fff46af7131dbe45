// The shared telemetry region: layout, packing, the event ring, and visibility across a real
// fork (the worker's writes appear in the lab's mapping without any system call).

#include "base/clock.h"
#include "telemetry/seenledger.h"
#include "telemetry/telemetry.h"
#include "telemetry/workerprobe.h"

#include <QtTest>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <random>
#include <thread>

#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace ipcscope;

Q_DECLARE_METATYPE(ipcscope::MarkResult)

namespace {

constexpr std::uint64_t kWindow = kMinSeenWindow; // 1024: laps come quickly
constexpr std::uint64_t kHalf = kWindow / 2;

const char* markName(MarkResult r) {
    switch (r) {
    case MarkResult::First:
        return "first";
    case MarkResult::Late:
        return "late";
    case MarkResult::Duplicate:
        return "duplicate";
    case MarkResult::Unchecked:
        return "unchecked";
    case MarkResult::Impossible:
        return "impossible";
    }
    return "?";
}

// One producer's side by hand: prepares every sequence number up to `end` (exclusive) and the
// consumer marks each at once, except those in `held`, which stay in flight.
void sendAndMark(SeenLedger& producer, SeenLedger& consumer, std::uint64_t begin, std::uint64_t end,
                 const std::vector<std::uint64_t>& held = {}) {
    for (std::uint64_t seq = begin; seq < end; ++seq) {
        producer.beforeSend(seq);
        if (std::find(held.begin(), held.end(), seq) == held.end()) {
            QCOMPARE(markName(consumer.mark(seq)), markName(MarkResult::First));
        }
    }
}

} // namespace

namespace QTest {
template <> inline char* toString(const MarkResult& r) {
    return qstrdup(markName(r));
}
} // namespace QTest

class TestTelemetry : public QObject {
    Q_OBJECT

    static TelemetryRegion ledgerRegion(std::uint64_t holeCapacity = kDefaultHoleCapacity) {
        return TelemetryRegion::create(1, 2, monotonicNs(), 0, SeenShape{kWindow, holeCapacity});
    }

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

    // A wait is counted from the call's start to its end: an injected 30 ms stall inside the
    // call is covered.
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

    // The worker's own work before a call is not a wait: 5 ms of computing after the last stamp,
    // then a call that returns at once, counts no blocked time (the eBPF tier times the call
    // from its entry into the kernel, and the two must agree).
    void workBeforeACallIsNotBlockedTime() {
        TelemetryRegion region = TelemetryRegion::create(1, 1, monotonicNs(), 1'000'000'000);
        WorkerProbe probe(region.view(), 0);
        probe.setState(WorkerState::Running);
        const std::uint64_t busyUntil = monotonicNs() + 5'000'000;
        volatile std::uint64_t spins = 0;
        while (monotonicNs() < busyUntil) {
            spins = spins + 1;
        }
        probe.blockBegin(CallKind::Read);
        probe.blockEnd();
        const WorkerSlot& slot = region.view().slot(0);
        QCOMPARE(slot.blockedNs[std::size_t(CallKind::Read)].load(), std::uint64_t(0));
        QCOMPARE(slot.blocks.load(), std::uint64_t(0));
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

    void seenShapeIsChecked() {
        QVERIFY(!TelemetryRegion::create(1, 1, 0, 0, SeenShape{3000, 16}).valid()); // not 2^n
        QCOMPARE(errno, EINVAL);
        QVERIFY(!TelemetryRegion::create(1, 1, 0, 0, SeenShape{kMinSeenWindow / 2, 16}).valid());
        QVERIFY(!TelemetryRegion::create(1, 1, 0, 0, SeenShape{kWindow, 0}).valid());
        TelemetryRegion region = ledgerRegion(16);
        QVERIFY(region.valid());
        TelemetryRegion attached = TelemetryRegion::attach(::dup(region.fd()));
        QVERIFY(attached.valid());
        QCOMPARE(attached.view().layout().seen.window, kWindow);
        QCOMPARE(attached.view().layout().seen.holeCapacity, std::uint64_t(16));
    }

    // Inside the window: a second reception of the same number is a duplicate.
    void duplicateInsideTheWindow() {
        TelemetryRegion region = ledgerRegion();
        SeenLedger producer(region.view(), 0);
        SeenLedger consumer(region.view(), 0);
        sendAndMark(producer, consumer, 0, 100);
        QCOMPARE(consumer.mark(42), MarkResult::Duplicate);
        QCOMPARE(consumer.mark(99), MarkResult::Duplicate);
        QCOMPARE(consumer.mark(0), MarkResult::Duplicate);
        QCOMPARE(region.view().ledger(0).highWater.load(), std::uint64_t(0)); // no hole needed
    }

    // Outside the window: the word has moved to later laps, the number is in no hole (it was
    // marked before the word moved on): still a duplicate, however late it comes back.
    void duplicateOutsideTheWindow() {
        TelemetryRegion region = ledgerRegion();
        SeenLedger producer(region.view(), 0);
        SeenLedger consumer(region.view(), 0);
        sendAndMark(producer, consumer, 0, 5 * kWindow + 7);
        for (std::uint64_t seq : {std::uint64_t(0), std::uint64_t(31), kWindow + 5, kWindow * 3}) {
            QCOMPARE(consumer.mark(seq), MarkResult::Duplicate);
        }
        QCOMPARE(region.view().ledger(0).recorded.load(), std::uint64_t(0));
        QCOMPARE(region.view().ledger(0).unrecorded.load(), std::uint64_t(0));
    }

    // A message held for laps (a stopped consumer): its word moves on twice without it, its
    // number waits in the hole table, its reception is the first one (late), and a second copy
    // of it is a duplicate (a straggler duplicate). Its neighbours, in the same word, are fine.
    void heldMessageIsLateThenDuplicate() {
        TelemetryRegion region = ledgerRegion();
        SeenLedger producer(region.view(), 0);
        SeenLedger consumer(region.view(), 0);
        SeenLedger other(region.view(), 0); // a second consumer
        const std::uint64_t held = 37;      // word 1, bit 5, lap 0
        sendAndMark(producer, consumer, 0, 3 * kWindow, {held});
        const LedgerHeader& ledger = region.view().ledger(0);
        QCOMPARE(ledger.recorded.load(), std::uint64_t(1));
        QCOMPARE(ledger.highWater.load(), std::uint64_t(1));
        QCOMPARE(consumer.mark(held), MarkResult::Late);
        QCOMPARE(ledger.claimed.load(), std::uint64_t(1));
        QCOMPARE(other.mark(held), MarkResult::Duplicate);
        QCOMPARE(consumer.mark(held), MarkResult::Duplicate);
        QCOMPARE(consumer.mark(held + 1), MarkResult::Duplicate);
        // The numbers that share its word in later laps were not touched by the late mark.
        QCOMPARE(consumer.mark(held + 2 * kWindow), MarkResult::Duplicate);
        sendAndMark(producer, consumer, 3 * kWindow, 4 * kWindow);
        // The freed entry is reused: the table stays as small as the holes held at once.
        sendAndMark(producer, consumer, 4 * kWindow, 6 * kWindow, {4 * kWindow + 3});
        QCOMPARE(ledger.highWater.load(), std::uint64_t(1));
        QCOMPARE(consumer.mark(4 * kWindow + 3), MarkResult::Late);
    }

    // A message held while its word is current is an ordinary first reception, even when the
    // producer is about to recycle the word.
    void heldWithinHalfAWindowNeedsNoHole() {
        TelemetryRegion region = ledgerRegion();
        SeenLedger producer(region.view(), 0);
        SeenLedger consumer(region.view(), 0);
        sendAndMark(producer, consumer, 0, kHalf, {3});
        QCOMPARE(consumer.mark(3), MarkResult::First);
        QCOMPARE(region.view().ledger(0).recorded.load(), std::uint64_t(0));
    }

    // A full hole table: what does not fit is counted as unchecked, never guessed; a straggler
    // not found is then "unchecked", not "duplicate"; the ones that fit are still exact.
    void fullHoleTableIsCountedNotGuessed() {
        TelemetryRegion region = ledgerRegion(4);
        SeenLedger producer(region.view(), 0);
        SeenLedger consumer(region.view(), 0);
        const std::vector<std::uint64_t> held{1, 2, 3, 4, 5, 6}; // one word: 4 fit, 2 do not
        sendAndMark(producer, consumer, 0, kWindow, held);
        const LedgerHeader& ledger = region.view().ledger(0);
        QCOMPARE(ledger.recorded.load(), std::uint64_t(4));
        QCOMPARE(ledger.unrecorded.load(), std::uint64_t(2));
        int late = 0;
        int unchecked = 0;
        for (std::uint64_t seq : held) {
            const MarkResult r = consumer.mark(seq);
            QVERIFY2(r == MarkResult::Late || r == MarkResult::Unchecked, markName(r));
            (r == MarkResult::Late ? late : unchecked)++;
        }
        QCOMPARE(late, 4);
        QCOMPARE(unchecked, 2);
        // Claimed entries make room again.
        sendAndMark(producer, consumer, kWindow, 2 * kWindow, {kWindow + 9});
        QCOMPARE(ledger.unrecorded.load(), std::uint64_t(2));
        QCOMPARE(consumer.mark(kWindow + 9), MarkResult::Late);
    }

    // A number the producer has not prepared (ahead of its window) is not what it claims.
    void numberAheadOfTheProducerIsImpossible() {
        TelemetryRegion region = ledgerRegion();
        SeenLedger producer(region.view(), 0);
        SeenLedger consumer(region.view(), 0);
        sendAndMark(producer, consumer, 0, 10);
        QCOMPARE(consumer.mark(3 * kWindow + 1), MarkResult::Impossible);
    }

    // The races, with real threads on one region: a producer, a bounded "channel", and two
    // consumers that now and then keep a message aside for a few thousand others (so the
    // producer recycles words while consumers mark them). Every number is received exactly
    // once, so nothing may be called a duplicate; afterwards every second copy is one.
    void concurrentMarksAndRecyclesAreExact() {
        TelemetryRegion region = ledgerRegion();
        constexpr std::uint64_t kCount = 400'000;
        constexpr std::size_t kCapacity = 64;
        std::mutex lock;
        std::condition_variable changed;
        std::deque<std::uint64_t> channel;
        bool done = false;
        std::atomic<std::uint64_t> first{0}, late{0}, wrong{0};
        std::thread producerThread([&] {
            SeenLedger producer(region.view(), 0);
            for (std::uint64_t seq = 0; seq < kCount; ++seq) {
                producer.beforeSend(seq);
                std::unique_lock l(lock);
                changed.wait(l, [&] { return channel.size() < kCapacity; });
                channel.push_back(seq);
                changed.notify_all();
            }
            std::lock_guard l(lock);
            done = true;
            changed.notify_all();
        });
        auto consume = [&](unsigned seed) {
            SeenLedger consumer(region.view(), 0);
            std::mt19937 random(seed);
            std::vector<std::pair<std::uint64_t, std::uint64_t>> aside; // (seq, mark after)
            std::uint64_t taken = 0;
            auto markOne = [&](std::uint64_t seq) {
                const MarkResult r = consumer.mark(seq);
                (r == MarkResult::First ? first : r == MarkResult::Late ? late : wrong)++;
            };
            for (;;) {
                std::uint64_t seq;
                {
                    std::unique_lock l(lock);
                    changed.wait(l, [&] { return !channel.empty() || done; });
                    if (channel.empty()) {
                        break;
                    }
                    seq = channel.front();
                    channel.pop_front();
                    changed.notify_all();
                }
                ++taken;
                if (random() % 500 == 0) {
                    aside.emplace_back(seq, taken + 500 + random() % (4 * kWindow));
                } else {
                    markOne(seq);
                }
                for (std::size_t i = 0; i < aside.size();) {
                    if (aside[i].second <= taken) {
                        markOne(aside[i].first);
                        aside.erase(aside.begin() + std::ptrdiff_t(i));
                    } else {
                        ++i;
                    }
                }
            }
            for (const auto& [seq, when] : aside) {
                markOne(seq);
            }
        };
        std::thread c1(consume, 1);
        std::thread c2(consume, 2);
        producerThread.join();
        c1.join();
        c2.join();
        QCOMPARE(wrong.load(), std::uint64_t(0));
        QCOMPARE(first.load() + late.load(), kCount);
        QVERIFY2(late.load() > 0, "no message was held past half a window: nothing was tested");
        const LedgerHeader& ledger = region.view().ledger(0);
        QCOMPARE(ledger.recorded.load(), ledger.claimed.load()); // every hole was claimed
        QCOMPARE(ledger.unrecorded.load(), std::uint64_t(0));
        SeenLedger again(region.view(), 0);
        for (std::uint64_t seq = 0; seq < kCount; seq += 997) {
            QCOMPARE(again.mark(seq), MarkResult::Duplicate);
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
