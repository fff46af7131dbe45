#pragma once

// The producer and consumer loops, written once for every mechanism (Endpoint) and compiled
// twice: with WorkerProbe (observed) and with RawProbe (`--raw`, the benchmark baseline).

#include "base/clock.h"
#include "mechanisms/message.h"
#include "telemetry/seenledger.h"
#include "telemetry/telemetry.h"
#include "workerargs/workerargs.h"

#include <algorithm>
#include <ctime>
#include <span>
#include <vector>

namespace ipcscope {

enum WorkerExit : int {
    kExitOk = 0,
    kExitChannelError = 1, // the channel failed (error event says why)
    kExitUsage = 2,        // bad arguments from the lab: a bug
    kExitPeerGone = 4,     // a producer found no consumer left (EPIPE, queue removed)
};

namespace detail {

// One message's bytes (`size`, none when the run carries no payload), with kMessageHeadroom
// bytes before them for a mechanism that frames the message in place.
struct MessageBuffer {
    explicit MessageBuffer(std::size_t size)
        : storage(kMessageHeadroom + size)
        , bytes(storage.data() + kMessageHeadroom, size) {}
    MessageBuffer(const MessageBuffer&) = delete; // `bytes` points into `storage`
    MessageBuffer& operator=(const MessageBuffer&) = delete;

    std::vector<std::byte> storage;
    std::span<std::byte> bytes;
};

// Sleeps until `deadlineNs` unless a flag asks us to stop; returns false when interrupted.
inline bool sleepUntil(std::uint64_t deadlineNs) {
    timespec ts{time_t(deadlineNs / 1'000'000'000u), long(deadlineNs % 1'000'000'000u)};
    return ::clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == 0;
}

// Keeps a worker at its configured rate, or slower when the classroom's live pace asks for a
// longer interval; the time spent sleeping is shown as "throttled". The next due time is
// derived from the last one with the interval of *now*, so a speed change (the lab nudges
// sleeping workers with SIGUSR1) takes effect at once.
//
// The rate is a ceiling: a worker that fell behind (it waited in a call for data, or had no
// CPU) goes on from now instead of catching up with a burst: a consumer held to 100
// messages/s that waited half a second would otherwise take 50 messages at once, empty the
// channel and show a rate of 200/s. Lateness under a quarter of an interval (timer slack, a
// slow call) keeps the schedule, so the configured rate is still reached on average.
class Pacer {
public:
    explicit Pacer(std::uint64_t intervalNs)
        : m_intervalNs(intervalNs) {}
    bool active(std::uint64_t paceNs = 0) const { return m_intervalNs != 0 || paceNs != 0; }

    // Returns false if the sleep was interrupted (the caller re-checks its flags).
    template <class Probe> bool wait(Probe& probe, std::uint64_t paceNs = 0) {
        const std::uint64_t interval = std::max(m_intervalNs, paceNs);
        const std::uint64_t now = monotonicNs();
        std::uint64_t due = m_lastNs == 0 ? now : m_lastNs + interval;
        if (due + interval / 4 < now) {
            due = now; // fell behind: no burst to catch up
        }
        if (now < due) {
            probe.setState(WorkerState::Throttled, CallKind::Throttle);
            const bool slept = sleepUntil(due);
            probe.countThrottled(monotonicNs() - now);
            probe.setState(WorkerState::Running);
            if (!slept) {
                return false;
            }
        }
        m_lastNs = due;
        return true;
    }

private:
    std::uint64_t m_intervalNs;
    std::uint64_t m_lastNs = 0;
};

// The call a failed send or receive was in, where the endpoint makes one kind of call.
template <class Endpoint> constexpr CallKind sendCall() {
    if constexpr (requires { Endpoint::kSendCall; }) {
        return Endpoint::kSendCall;
    } else {
        return CallKind::None;
    }
}
template <class Endpoint> constexpr CallKind receiveCall() {
    if constexpr (requires { Endpoint::kReceiveCall; }) {
        return Endpoint::kReceiveCall;
    } else {
        return CallKind::None;
    }
}

// What a send's outcome means to a producer's loop: go on, try again (a signal from the lab: look
// at the flags again), or stop with `exitCode` set.
enum class AfterSend { Sent, Retry, Stop };
template <class Endpoint, class Probe>
AfterSend afterSend(const IoResult& r, Probe& probe, int& exitCode) {
    if (r.status == IoStatus::Ok) {
        return AfterSend::Sent;
    }
    if (r.status == IoStatus::Interrupted) {
        return AfterSend::Retry;
    }
    if (r.status == IoStatus::Eof) {
        probe.event(EventKind::Closed, CallKind::None, 0, std::uint64_t(r.err));
        exitCode = kExitPeerGone;
    } else {
        probe.error(sendCall<Endpoint>(), r.err);
        exitCode = kExitChannelError;
    }
    return AfterSend::Stop;
}

inline bool stepping(const TelemetryHeader& header) {
    return header.stepMode.load(std::memory_order_relaxed) != 0;
}

// Every loop's head before its next call. Step mode (classroom) is gated inside the endpoints,
// before every call (WorkerProbe::stepGate): one step is one call of each process, so a
// stepping worker only skips its pacing here. Otherwise the worker keeps its rate or the
// classroom's live pace (Pacer). A consumer is not paced once the lab sets ignoreRate, nor
// while `draining` (only consumers drain): it empties the channel as fast as it can.
// kLiveControls: Step and the live pace are read from the header; a --raw run's binary loops
// leave them out (the benchmark's baseline), the text loops read them in every run.
// Returns false when the pacing sleep was interrupted: the caller looks at its flags again.
template <class Probe, bool kLiveControls = Probe::kInstrumented>
bool waitForTurn(const TelemetryHeader& header, Pacer& pacer, Probe& probe, Role role,
                 bool draining) {
    if (draining) {
        return true;
    }
    bool stepping = false;
    std::uint64_t paceNs = 0;
    if constexpr (kLiveControls) {
        stepping = detail::stepping(header);
        paceNs = header.paceIntervalNs.load(std::memory_order_relaxed);
    }
    if (stepping || !pacer.active(paceNs) ||
        (role == Role::Consumer && header.ignoreRate.load(std::memory_order_relaxed) != 0)) {
        return true;
    }
    return pacer.wait(probe, paceNs);
}

// Scenario::holdFirstMessageWindows: keep a received message unmarked until its producer has sent
// `windows` seen windows more, or the run no longer lets that happen (the producers are done or
// stopping, or we are told to drain). A polling wait on the producer's message counter (live
// only in an instrumented run; producers hold the first slots).
inline void holdUnmarked(const TelemetryView& telemetry, std::uint32_t producer, std::uint64_t seq,
                         std::uint32_t windows) {
    const TelemetryHeader& header = telemetry.header();
    const std::uint64_t until = seq + 1 + std::uint64_t(windows) * header.seenWindow;
    const timespec tick{0, 1'000'000};
    while (telemetry.slot(producer).messages.load(std::memory_order_relaxed) < until &&
           header.stopRequested.load(std::memory_order_acquire) == 0 &&
           header.drainRequested.load(std::memory_order_acquire) == 0 &&
           header.producersFinished.load(std::memory_order_acquire) < header.producerCount) {
        ::nanosleep(&tick, nullptr);
    }
}

} // namespace detail

template <class Endpoint, class Probe>
int runProducer(Endpoint& endpoint, Probe& probe, const TelemetryView& telemetry,
                const WorkerArgs& args, bool carriesPayload) {
    TelemetryHeader& header = telemetry.header();
    detail::MessageBuffer message(carriesPayload ? args.params.messageSize : 0);
    MessageStamper stamper(message.bytes, args.index);
    SeenLedger seen(telemetry, args.index);
    detail::Pacer pacer(args.intervalNs);
    probe.setState(WorkerState::Running);

    int exitCode = kExitOk;
    std::uint64_t seq = 0;
    while (header.stopRequested.load(std::memory_order_relaxed) == 0) {
        if (args.quota != 0 && seq >= args.quota) {
            break;
        }
        if (!detail::waitForTurn(header, pacer, probe, Role::Producer, false)) {
            continue;
        }
        if (carriesPayload) {
            seen.beforeSend(seq);
            stamper.stamp(seq);
        }
        const SendMeta meta{long(1 + seq % args.messageTypes), unsigned(seq % args.messageTypes)};
        const auto next =
            detail::afterSend<Endpoint>(endpoint.send(message.bytes, meta, probe), probe, exitCode);
        if (next == detail::AfterSend::Sent) {
            probe.countMessage(message.bytes.size());
            ++seq;
        } else if (next == detail::AfterSend::Stop) {
            break;
        }
    }
    header.producersFinished.fetch_add(1, std::memory_order_acq_rel);
    return exitCode;
}

template <class Endpoint, class Probe>
int runConsumer(Endpoint& endpoint, Probe& probe, const TelemetryView& telemetry,
                const WorkerArgs& args, bool carriesPayload) {
    TelemetryHeader& header = telemetry.header();
    detail::MessageBuffer received(carriesPayload ? args.params.messageSize : 0);
    const std::uint32_t producers = args.params.producerCount;
    std::vector<std::uint64_t> nextExpected(producers,
                                            0); // per producer: lowest seq not yet passed
    std::vector<SeenLedger> seen;
    seen.reserve(producers);
    for (std::uint32_t p = 0; p < producers; ++p) {
        seen.emplace_back(telemetry, p);
    }
    std::uint32_t holdWindows = args.holdWindows;
    detail::Pacer pacer(args.intervalNs);
    probe.setState(WorkerState::Running);

    int exitCode = kExitOk;
    bool draining = false;
    for (;;) {
        if (!draining && header.drainRequested.load(std::memory_order_acquire) != 0) {
            draining = true;
            probe.setState(WorkerState::Draining);
        }
        if (!detail::waitForTurn(header, pacer, probe, Role::Consumer, draining)) {
            continue;
        }
        const IoResult r = endpoint.receive(
            received.bytes, draining ? ReceiveMode::NoWait : ReceiveMode::Wait, probe);
        if (r.status == IoStatus::Ok) {
            probe.countMessage(received.bytes.size());
            if (!carriesPayload) {
                continue;
            }
            VerifiedMessage m;
            if (!verifyMessage(received.bytes, producers, m)) {
                probe.countCorrupted();
                probe.event(EventKind::Corrupted, CallKind::None, 0, 0);
                continue;
            }
            if (holdWindows != 0) {
                detail::holdUnmarked(telemetry, m.producer, m.seq, holdWindows);
                holdWindows = 0;
            }
            const MarkResult mark = seen[m.producer].mark(m.seq);
            if (mark == MarkResult::Duplicate) {
                probe.countDuplicated();
            } else if (mark == MarkResult::Impossible) {
                probe.countCorrupted();
                probe.event(EventKind::Corrupted, CallKind::None, 0, 0);
                continue;
            } else if (args.checkOrder && m.seq < nextExpected[m.producer]) {
                probe.countReordered();
            }
            if (mark == MarkResult::Late) {
                probe.countLate();
            }
            if (m.seq >= nextExpected[m.producer]) {
                nextExpected[m.producer] = m.seq + 1;
            }
        } else if (r.status == IoStatus::Interrupted) {
            continue;
        } else if (r.status == IoStatus::WouldBlock) {
            break; // draining and nothing left
        } else if (r.status == IoStatus::Eof) {
            probe.event(EventKind::Closed, CallKind::None, 0, 0);
            break;
        } else if (r.status == IoStatus::Truncated) {
            probe.countCorrupted();
            probe.event(EventKind::Corrupted, CallKind::None, 0, 0);
            break;
        } else if (r.status == IoStatus::Malformed) {
            probe.countCorrupted();
            probe.event(EventKind::Corrupted, CallKind::None, 0, 0);
        } else {
            probe.error(detail::receiveCall<Endpoint>(), r.err);
            exitCode = kExitChannelError;
            break;
        }
    }
    return exitCode;
}

} // namespace ipcscope
