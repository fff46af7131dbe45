#pragma once

// The line protocol between ipcscope-probe (privileged, owns the eBPF program) and the observer
// that started it: text, one message per line, so that it reads in a terminal, survives pkexec
// and needs no shared structure layout. The numbers are those of ipcflow.h.
//
//   client → probe: watch TGID FLAGS | unwatch TGID | config MIN_WAIT_NS EVENT_THRESHOLD_NS |
//                   sample SEQ | quit
//   probe → client: ready VERSION | error SENTENCE | flow ... | wait ... | gone TGID |
//                   end SEQ NOW_NS DROPPED_COUNTERS DROPPED_EVENTS
//
// A sample's answer is every counter (`flow` lines, cumulative since the tgid was watched), then
// `end`. `wait` lines (waits longer than the threshold) come whenever they happen.

#include "base/result.h"

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <variant>

namespace ipcscope::flowprobe {

inline constexpr int kProtocolVersion = 1;

enum class FlowKind : std::uint32_t { Fd = 1, SysvMsq = 2, SysvSem = 3, Futex = 4, Call = 5 };

struct FlowKey {
    pid_t tgid = 0;
    FlowKind kind = FlowKind::Fd;
    std::uint64_t id = 0;  // fd, msqid, semid, futex address, epoll fd
    std::uint64_t sub = 0; // message type (System V queues)
    std::uint32_t nr = 0;  // system call number
    auto operator<=>(const FlowKey&) const = default;
};

struct FlowCounts {
    std::uint64_t bytesIn = 0;
    std::uint64_t bytesOut = 0;
    std::uint64_t messagesIn = 0;
    std::uint64_t messagesOut = 0;
    std::uint64_t calls = 0;
    std::uint64_t errors = 0;
    std::uint64_t waits = 0;
    std::uint64_t waitNs = 0;
    std::uint64_t maxWaitNs = 0;

    FlowCounts& operator+=(const FlowCounts& other);
    bool operator==(const FlowCounts&) const = default;
};

struct FlowCounter {
    FlowKey key;
    FlowCounts counts;
    bool operator==(const FlowCounter&) const = default;
};

// A wait that lasted longer than the threshold, told when it ended.
struct WaitEvent {
    pid_t tgid = 0;
    pid_t tid = 0;
    std::uint32_t nr = 0;
    FlowKind kind = FlowKind::Fd;
    std::uint64_t id = 0;
    std::uint64_t sub = 0;
    std::uint64_t startNs = 0; // CLOCK_MONOTONIC
    std::uint64_t durationNs = 0;
    std::int64_t ret = 0; // the call's return value (negative errno)
    pid_t wakerTgid = 0;  // who woke it last; 0 when unknown
    pid_t wakerTid = 0;
    bool slept = false;
    bool operator==(const WaitEvent&) const = default;
};

struct Ready {
    int version = 0;
    bool operator==(const Ready&) const = default;
};
struct ProbeError {
    std::string sentence;
    bool operator==(const ProbeError&) const = default;
};
struct Gone {
    pid_t tgid = 0;
    bool operator==(const Gone&) const = default;
};
struct SampleEnd {
    std::uint64_t seq = 0;
    std::uint64_t nowNs = 0;
    std::uint64_t droppedCounters = 0;
    std::uint64_t droppedEvents = 0;
    bool operator==(const SampleEnd&) const = default;
};
using ProbeMessage = std::variant<Ready, ProbeError, FlowCounter, WaitEvent, Gone, SampleEnd>;

struct WatchCommand {
    pid_t tgid = 0;
    std::uint32_t flags = 0; // IPCFLOW_FOLLOW_CHILDREN
    bool operator==(const WatchCommand&) const = default;
};
struct UnwatchCommand {
    pid_t tgid = 0;
    bool operator==(const UnwatchCommand&) const = default;
};
struct ConfigCommand {
    std::uint64_t minWaitNs = 20'000;
    std::uint64_t eventThresholdNs = 1'000'000;
    bool operator==(const ConfigCommand&) const = default;
};
struct SampleCommand {
    std::uint64_t seq = 0;
    bool operator==(const SampleCommand&) const = default;
};
struct QuitCommand {
    bool operator==(const QuitCommand&) const = default;
};
using ProbeCommand =
    std::variant<WatchCommand, UnwatchCommand, ConfigCommand, SampleCommand, QuitCommand>;

// One line, ending in '\n'.
std::string formatMessage(const ProbeMessage& message);
std::string formatCommand(const ProbeCommand& command);
// A line without its '\n'; an error names what is wrong with it.
Result<ProbeMessage> parseMessage(std::string_view line);
Result<ProbeCommand> parseCommand(std::string_view line);

std::string_view flowKindName(FlowKind kind); // "fd", "sysv-msq", ...

} // namespace ipcscope::flowprobe
