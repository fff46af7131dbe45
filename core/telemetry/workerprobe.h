#pragma once

// The worker's side of telemetry: what the transfer loops call around every operation.
//
// Two probes with the same interface let the loops be compiled twice: WorkerProbe writes the
// shared slot (the normal, observed run), RawProbe only keeps local totals and publishes them
// once at exit (`--raw`, the baseline of the overhead benchmark). Loops test
// `Probe::kInstrumented` with `if constexpr`, so the raw build carries no telemetry code.

#include "base/clock.h"
#include "telemetry/telemetry.h"

namespace ipcscope {

namespace detail {
// Single-writer increment: a plain load and store, no locked read-modify-write.
inline void bump(std::atomic<std::uint64_t>& counter, std::uint64_t by = 1) {
    counter.store(counter.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
}
} // namespace detail

class WorkerProbe {
public:
    static constexpr bool kInstrumented = true;

    WorkerProbe(const TelemetryView& view, std::size_t workerIndex)
        : m_header(view.header())
        , m_slot(view.slot(workerIndex))
        , m_epochNs(m_header.epochNs)
        , m_threshold(m_header.longBlockThresholdNs)
        , m_tscAtEpoch(m_header.tscAtEpoch)
        , m_tscMult(m_header.tscMult) {}

    void setState(WorkerState state, CallKind call = CallKind::None, std::uint8_t object = 0) {
        m_slot.state.store(StateWord{state, call, object, nowRel()}.pack(),
                           std::memory_order_release);
    }

    void countMessage(std::uint64_t bytes) {
        detail::bump(m_slot.messages);
        detail::bump(m_slot.bytes, bytes);
    }
    void countCorrupted() { detail::bump(m_slot.corrupted); }
    void countDuplicated() { detail::bump(m_slot.duplicated); }
    void countReordered() { detail::bump(m_slot.reordered); }
    void countLate() { detail::bump(m_slot.late); }

    // Around every call that may wait: the state says "in CALL since t" while it runs. The
    // interval is read right before the call and right after it (TSC, or the vDSO's
    // CLOCK_MONOTONIC: no system call), so it holds the call and nothing of the worker's own work
    // or of a preemption between calls: the same interval the kernel sees from the call's entry
    // to its exit (what the eBPF tier measures), give or take the few hundred nanoseconds of
    // entering and leaving the kernel.
    void blockBegin(CallKind call, std::uint8_t object = 0) {
        m_blockStartRel = nowRel();
        m_blockCall = call;
        m_blockObject = object;
        m_slot.state.store(StateWord{WorkerState::Blocked, call, object, m_blockStartRel}.pack(),
                           std::memory_order_release);
    }
    void blockEnd() {
        const std::uint64_t end = nowRel();
        const std::uint64_t waited = end - m_blockStartRel;
        if (waited >= kMinBlockNs) {
            detail::bump(m_slot.blockedNs[std::size_t(m_blockCall)], waited);
            detail::bump(m_slot.blocks);
        }
        m_slot.state.store(StateWord{WorkerState::Running, CallKind::None, 0, end}.pack(),
                           std::memory_order_release);
        if (waited >= m_threshold && waited >= kMinBlockNs) {
            event(EventKind::LongBlock, m_blockCall, m_blockObject, waited);
        }
    }

    // Time spent sleeping to keep to a rate (not a wait for the channel).
    void countThrottled(std::uint64_t ns) {
        detail::bump(m_slot.blockedNs[std::size_t(CallKind::Throttle)], ns);
    }

    void error(CallKind call, int err) {
        detail::bump(m_slot.errors);
        event(EventKind::Error, call, 0, std::uint64_t(err));
    }

    void event(EventKind kind, CallKind call, std::uint8_t object, std::uint64_t value) {
        const std::uint64_t index = m_slot.eventsWritten.load(std::memory_order_relaxed);
        EventRingEntry& e = m_slot.events[index % kEventRingSize];
        e.stamp.store(0, std::memory_order_relaxed); // mark torn while rewriting
        std::atomic_thread_fence(std::memory_order_release);
        e.timeRelNs = nowRel();
        e.value = value;
        e.kind = std::uint8_t(kind);
        e.call = std::uint8_t(call);
        e.object = object;
        e.stamp.store(index + 1, std::memory_order_release);
        m_slot.eventsWritten.store(index + 1, std::memory_order_release);
    }

    // Step mode (classroom): called before every IPC call (and a shared-memory copy), so one
    // step is one call of each process. Not stepping, it costs one relaxed load of a header
    // word the lab rarely writes (it stays in every worker's cache), a predicted branch and a
    // store to this (local) probe: the call about to be made counts as a step taken, so a
    // worker blocked in a call when Step mode begins has that call as its step, and a Step
    // pressed meanwhile does not let it make a second one.
    void stepGate(CallKind call, std::uint8_t object = 0) {
        if (m_header.stepMode.load(std::memory_order_relaxed) == 0) [[likely]] {
            m_stepTaken = true;
            return;
        }
        holdForStep(call, object);
    }

    // Nothing to publish: every counter is already in the shared slot.
    void publish() {}

private:
    // Waits until the lab has granted one more step than this worker has used. The call that
    // passed the previous gate is counted as used only now, once it has returned: a Step
    // pressed while a worker is still inside a call (blocked in P(empty)) gives it nothing
    // extra, it stays in that call. The state says which call comes next while held.
    [[gnu::noinline, gnu::cold]] void holdForStep(CallKind call, std::uint8_t object) {
        if (m_stepTaken) {
            m_slot.stepsUsed.store(m_slot.stepsUsed.load(std::memory_order_relaxed) + 1,
                                   std::memory_order_release);
            m_stepTaken = false;
        }
        const std::uint32_t used = m_slot.stepsUsed.load(std::memory_order_relaxed);
        bool held = false;
        while (m_header.stepMode.load(std::memory_order_acquire) != 0 &&
               m_header.stopRequested.load(std::memory_order_acquire) == 0 &&
               m_header.drainRequested.load(std::memory_order_acquire) == 0) {
            const std::uint32_t granted = m_slot.stepsGranted.load(std::memory_order_acquire);
            if (std::int32_t(granted - used) > 0) {
                m_stepTaken = true;
                break;
            }
            if (!held) {
                setState(WorkerState::Held, call, object);
                held = true;
            }
            futexWait(m_slot.stepsGranted, granted, 250'000'000);
        }
        if (held) {
            setState(WorkerState::Running);
        }
    }

    std::uint64_t nowRel() const {
        return m_tscMult != 0 ? tscToRelNs(readTsc(), m_tscAtEpoch, m_tscMult)
                              : monotonicNs() - m_epochNs;
    }

    TelemetryHeader& m_header;
    WorkerSlot& m_slot;
    std::uint64_t m_epochNs;
    std::uint64_t m_threshold;
    std::uint64_t m_tscAtEpoch;
    std::uint64_t m_tscMult;
    std::uint64_t m_blockStartRel = 0;
    CallKind m_blockCall = CallKind::None;
    std::uint8_t m_blockObject = 0;
    bool m_stepTaken = false; // a call passed its gate; counted as a used step at the next one
};

// `--raw`: the same loops with every telemetry store compiled out; totals are kept in
// registers and written to the slot once, at the end, so the run can still report them.
class RawProbe {
public:
    static constexpr bool kInstrumented = false;

    RawProbe(const TelemetryView& view, std::size_t workerIndex)
        : m_slot(view.slot(workerIndex)) {}

    void setState(WorkerState, CallKind = CallKind::None, std::uint8_t = 0) {}
    void countMessage(std::uint64_t bytes) {
        ++m_messages;
        m_bytes += bytes;
    }
    void countCorrupted() { ++m_corrupted; }
    void countDuplicated() { ++m_duplicated; }
    void countReordered() { ++m_reordered; }
    void countLate() { ++m_late; }
    void blockBegin(CallKind, std::uint8_t = 0) {}
    void blockEnd() {}
    void countThrottled(std::uint64_t) {}
    void error(CallKind, int) { ++m_errors; }
    void event(EventKind, CallKind, std::uint8_t, std::uint64_t) {}
    void stepGate(CallKind, std::uint8_t = 0) {}

    void publish() {
        m_slot.messages.store(m_messages, std::memory_order_relaxed);
        m_slot.bytes.store(m_bytes, std::memory_order_relaxed);
        m_slot.corrupted.store(m_corrupted, std::memory_order_relaxed);
        m_slot.duplicated.store(m_duplicated, std::memory_order_relaxed);
        m_slot.reordered.store(m_reordered, std::memory_order_relaxed);
        m_slot.late.store(m_late, std::memory_order_relaxed);
        m_slot.errors.store(m_errors, std::memory_order_relaxed);
    }

private:
    WorkerSlot& m_slot;
    std::uint64_t m_messages = 0;
    std::uint64_t m_bytes = 0;
    std::uint64_t m_corrupted = 0;
    std::uint64_t m_duplicated = 0;
    std::uint64_t m_reordered = 0;
    std::uint64_t m_late = 0;
    std::uint64_t m_errors = 0;
};

} // namespace ipcscope
