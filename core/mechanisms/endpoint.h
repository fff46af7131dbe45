#pragma once

// What every mechanism's worker-side endpoint provides, and the helper that turns one
// call that may wait into an observed operation.
//
// An endpoint is a plain class (no virtual calls in the transfer loop):
//
//   static Result<E> open(const EndpointParams&, Role, Probe&)   // may block (FIFO open)
//   template <class Probe> IoResult send(std::span<const std::byte> msg, const SendMeta&, Probe&)
//   template <class Probe> IoResult receive(std::span<std::byte> buf, ReceiveMode, Probe&)
//
// `send` delivers the whole message or reports why not; `receive` fills the whole buffer (or
// returns Eof / Truncated). Both return Interrupted when a signal arrived before anything was
// transferred, so the loop can look at its stop flags. The kHeadroom bytes before msg.data()
// are scratch space the endpoint may use.

#include "base/result.h"
#include "mechanisms/mechanism.h"
#include "telemetry/telemetry.h"

#include <cerrno>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ipcscope {

enum class IoStatus : std::uint8_t {
    Ok,
    WouldBlock,  // only when draining (ReceiveMode::NoWait)
    Interrupted, // EINTR before any byte moved
    Eof,         // the other side is gone (EOF, EPIPE, queue removed)
    Truncated,   // EOF in the middle of a message
    Malformed,   // a whole message of the wrong size arrived (datagrams, message queues)
    Error,
};

struct IoResult {
    IoStatus status = IoStatus::Ok;
    int err = 0;

    static IoResult ok() { return {}; }
    static IoResult fromErrno(int e) {
        switch (e) {
        case EAGAIN:
            return {IoStatus::WouldBlock, e};
        case EINTR:
            return {IoStatus::Interrupted, e};
        case EPIPE:
        case EIDRM: // System V object removed under us
        case ECONNRESET:
            return {IoStatus::Eof, e};
        default:
            return {IoStatus::Error, e};
        }
    }
};

enum class ReceiveMode : std::uint8_t { Wait, NoWait };

struct SendMeta {
    long type = 1;         // System V message type (>= 1)
    unsigned priority = 0; // POSIX mq priority
};

// The endpoint parameter that makes a pipe's or FIFO's workers send and check the course notes'
// text lines (Scenario::textMessage): "n" or "n+1".
inline constexpr const char* kTextMessageParam = "text_message";

// Everything a worker needs to open its end: inherited descriptors (already at their final
// numbers) and key=value parameters, both prepared by the lab's Channel.
struct EndpointParams {
    std::vector<int> fds;
    std::vector<std::pair<std::string, std::string>> values;
    std::uint32_t messageSize = 0;
    std::uint32_t producerCount = 0;
    long receiveType = 0;

    const std::string* find(std::string_view key) const {
        for (const auto& [k, v] : values) {
            if (k == key) {
                return &v;
            }
        }
        return nullptr;
    }
    Result<long long> number(std::string_view key) const;
    Result<std::string> text(std::string_view key) const;

    bool operator==(const EndpointParams&) const = default;
};

// A call that may wait, observed the way DESIGN.md §3 says: the worker stamps "in CALL since t"
// before it and clears it after, so a worker stuck for minutes shows as stuck, live. The probe
// counts the call as blocked only when it took longer than kMinBlockNs (shorter calls cannot be
// told apart from the call's own work). No extra system call is made: an observed run makes
// exactly the calls a raw one makes, so observation does not change the scheduling it shows.
template <class Probe, class WaitFn>
inline IoResult observedCall(Probe& probe, CallKind call, std::uint8_t object, WaitFn&& wait) {
    if constexpr (Probe::kInstrumented) {
        probe.blockBegin(call, object);
        const IoResult r = wait();
        probe.blockEnd();
        return r;
    } else {
        return wait();
    }
}

} // namespace ipcscope
