#pragma once

// The course notes' FIFO programs' messages (Scenario::textMessage): instead of stamped binary
// messages the producer writes the notes' text line, `n = sprintf(buf, "write info : %d sends
// %s", getpid(), ctime(&tp))`, as n bytes or, as the notes do, as n + 1 (its terminating NUL
// too); the consumer reads what is there, as the notes' reader does (read(fd, buf, PIPE_BUF)),
// and takes every line apart: each must be a producer's (its pid), end in '\n', and carry a NUL
// exactly when the run sends n + 1. Bytes and messages are counted per line on both sides, so
// the lab's check (bytes received equal bytes sent) stays exact. Only pipes and FIFOs
// (validateConfig); the binary loops (transferloop.h) are untouched by this mode.

#include "transferloop.h"

#include "mechanisms/endpoint.h"

#include <cstdio>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <unistd.h>

namespace ipcscope {

namespace detail {

inline constexpr std::string_view kNotesPrefix = "write info : ";
inline constexpr std::string_view kNotesSends = " sends ";
inline constexpr std::size_t kNotesBufSize = 256;   // the notes' BUFES
inline constexpr std::size_t kNotesReadSize = 4096; // the reader's PIPE_BUF

// Writes the notes' line into `buf` and returns n, its length without the NUL.
inline std::size_t notesLine(char (&buf)[kNotesBufSize]) {
    const time_t tp = ::time(nullptr);
    char when[64] = "?\n";
    tm local{};
    if (::localtime_r(&tp, &local)) {
        std::strftime(when, sizeof when, "%a %b %e %H:%M:%S %Y\n", &local); // ctime()'s form
    }
    const int n = std::snprintf(buf, sizeof buf, "write info : %d sends %s", int(::getpid()), when);
    return n < 0 ? 0 : std::min(std::size_t(n), sizeof buf - 1);
}

// The length of the notes' line at the start of `bytes` (with its NUL when `withNul`), from the
// producer whose pid `isProducer` accepts: 0 when more bytes are needed, nullopt when it is not
// such a line.
template <class IsProducer>
std::optional<std::size_t> notesLineAt(std::string_view bytes, bool withNul,
                                       IsProducer&& isProducer) {
    const std::size_t have = std::min(bytes.size(), kNotesPrefix.size());
    if (bytes.substr(0, have) != kNotesPrefix.substr(0, have)) {
        return std::nullopt;
    }
    const std::size_t eol = bytes.find('\n');
    if (eol == std::string_view::npos) {
        return bytes.size() < kNotesBufSize ? std::optional<std::size_t>(0) : std::nullopt;
    }
    const std::size_t sends = bytes.find(kNotesSends, kNotesPrefix.size());
    if (sends == std::string_view::npos || sends > eol) {
        return std::nullopt;
    }
    const std::string_view pid = bytes.substr(kNotesPrefix.size(), sends - kNotesPrefix.size());
    std::uint32_t value = 0;
    if (pid.empty() || pid.size() > 9 ||
        pid.find_first_not_of("0123456789") != std::string_view::npos) {
        return std::nullopt;
    }
    for (char c : pid) {
        value = value * 10 + std::uint32_t(c - '0');
    }
    if (!isProducer(value)) {
        return std::nullopt;
    }
    if (!withNul) {
        // No NUL may follow: the next byte, if any, starts the next line.
        return eol + 1 < bytes.size() && bytes[eol + 1] == '\0' ? std::nullopt
                                                                : std::optional(eol + 1);
    }
    if (eol + 1 >= bytes.size()) {
        return 0; // its NUL is still to come
    }
    return bytes[eol + 1] == '\0' ? std::optional(eol + 2) : std::nullopt;
}

} // namespace detail

template <class Endpoint, class Probe>
int runTextProducer(Endpoint& endpoint, Probe& probe, const TelemetryView& telemetry,
                    const WorkerArgs& args, bool withNul) {
    TelemetryHeader& header = telemetry.header();
    WorkerSlot& slot = telemetry.slot(args.slot);
    detail::Pacer pacer(args.intervalNs);
    probe.setState(WorkerState::Running);
    char buf[detail::kNotesBufSize];
    int exitCode = kExitOk;
    std::uint64_t sent = 0;
    while (header.stopRequested.load(std::memory_order_relaxed) == 0 &&
           (args.quota == 0 || sent < args.quota)) {
        if (!detail::waitForTurn<Probe, /*kLiveControls=*/true>(header, pacer, probe,
                                                                Role::Producer, false)) {
            continue;
        }
        const std::size_t n = detail::notesLine(buf);
        const std::span<const std::byte> message(reinterpret_cast<const std::byte*>(buf),
                                                 withNul ? n + 1 : n); // write(fd, buf, n + 1)
        const auto next =
            detail::afterSend<Endpoint>(endpoint.send(message, SendMeta{}, probe), probe, exitCode);
        if (next == detail::AfterSend::Sent) {
            probe.countMessage(message.size());
            if constexpr (Probe::kInstrumented) {
                publishLastMessage(slot, message);
            }
            ++sent;
        } else if (next == detail::AfterSend::Stop) {
            break;
        }
    }
    header.producersFinished.fetch_add(1, std::memory_order_acq_rel);
    return exitCode;
}

template <class Endpoint, class Probe>
int runTextConsumer(Endpoint& endpoint, Probe& probe, const TelemetryView& telemetry,
                    const WorkerArgs& args, bool withNul) {
    TelemetryHeader& header = telemetry.header();
    WorkerSlot& slot = telemetry.slot(args.slot);
    const auto isProducer = [&](std::uint32_t pid) {
        for (std::uint32_t p = 0; p < args.params.producerCount; ++p) {
            if (pid != 0 && telemetry.slot(p).pid.load(std::memory_order_relaxed) == pid) {
                return true;
            }
        }
        return false;
    };
    detail::Pacer pacer(args.intervalNs);
    probe.setState(WorkerState::Running);
    std::vector<std::byte> buf(detail::kNotesReadSize);
    std::string pending; // read, not yet a whole line
    const auto corrupted = [&] {
        probe.countCorrupted();
        probe.event(EventKind::Corrupted, CallKind::None, 0, 0);
    };
    int exitCode = kExitOk;
    bool draining = false;
    for (;;) {
        if (!draining && header.drainRequested.load(std::memory_order_acquire) != 0) {
            draining = true;
            probe.setState(WorkerState::Draining);
        }
        if (!detail::waitForTurn<Probe, /*kLiveControls=*/true>(header, pacer, probe,
                                                                Role::Consumer, draining)) {
            continue;
        }
        std::size_t got = 0;
        const IoResult r = endpoint.receiveSome(
            buf, draining ? ReceiveMode::NoWait : ReceiveMode::Wait, probe, got);
        if (r.status == IoStatus::Ok && got > 0) {
            pending.append(reinterpret_cast<const char*>(buf.data()), got);
            for (;;) {
                const auto line = detail::notesLineAt(pending, withNul, isProducer);
                if (!line) {
                    corrupted();
                    pending.clear(); // no way to find the next line's start in a stream
                    break;
                }
                if (*line == 0) {
                    break; // the rest comes with the next read
                }
                const std::string_view bytes(pending.data(), *line);
                probe.countMessage(bytes.size());
                if constexpr (Probe::kInstrumented) {
                    publishLastMessage(slot, std::as_bytes(std::span(bytes)));
                }
                pending.erase(0, *line);
            }
        } else if (r.status == IoStatus::Ok || r.status == IoStatus::WouldBlock) {
            if (r.status == IoStatus::Ok) { // end of file
                probe.event(EventKind::Closed, CallKind::None, 0, 0);
            }
            if (!pending.empty()) {
                corrupted(); // a line cut short
            }
            break;
        } else if (r.status == IoStatus::Interrupted) {
            continue;
        } else {
            probe.error(detail::receiveCall<Endpoint>(), r.err);
            exitCode = kExitChannelError;
            break;
        }
    }
    return exitCode;
}

} // namespace ipcscope
