#pragma once

// Plain value structs that carry a run's state out of the lab: one Frame per sample, one
// RunReport at the end. Models and views own presentation; these own nothing.

#include "mechanisms/channel.h"
#include "mechanisms/mechanism.h"
#include "telemetry/telemetry.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace ipcscope {

enum class RunPhase : std::uint8_t {
    Running,
    Stopping, // producers told to finish
    Draining, // producers done; consumers emptying the channel
    Finished,
};
std::string_view phaseName(RunPhase phase);

struct WorkerExitInfo {
    bool signaled = false;
    int code = 0;             // exit status when !signaled
    int signal = 0;           // terminating signal when signaled
    bool killedByLab = false; // the lab had to SIGKILL it (did not stop in time)
    std::uint64_t cpuNs = 0;  // user + system CPU time of the whole process (wait4 rusage)

    std::string describe() const; // "exit 0", "killed by SIGKILL"
};

struct WorkerFrame {
    Role role = Role::Producer;
    std::uint32_t index = 0;
    pid_t pid = 0;
    WorkerState state = WorkerState::Starting;
    CallKind call = CallKind::None; // when blocked or throttled
    std::uint8_t object = 0;        // which object of the channel it waits on
    std::string objectName;         // e.g. "empty", "queue 5"
    std::uint64_t stateForNs = 0;   // how long it has been in this state, live
    bool stopped = false;           // paused by the lab (SIGSTOP)
    std::uint64_t messages = 0;
    std::uint64_t bytes = 0;
    std::uint64_t errors = 0;
    std::uint64_t blocks = 0;
    std::array<std::uint64_t, kCallKindCount> blockedNs{}; // finished waits, per call
    std::uint64_t blockedNowNs = 0;                        // the wait in progress, if any
    std::uint64_t corrupted = 0;
    std::uint64_t duplicated = 0;
    std::uint64_t reordered = 0;
    std::uint64_t late = 0;      // consumer: first receptions found in the hole table
    std::uint64_t unchecked = 0; // producer: messages that could not be checked for duplicates
    std::optional<WorkerExitInfo> exit;

    std::uint64_t totalBlockedNs() const {
        std::uint64_t sum = blockedNowNs;
        for (std::size_t i = 0; i < kCallKindCount; ++i) {
            if (CallKind(i) != CallKind::Throttle) {
                sum += blockedNs[i];
            }
        }
        return sum;
    }
};

struct ChannelFrame {
    std::uint64_t capacity = 0; // in the mechanism's capacity unit
    std::string unit;
    std::uint64_t depth = 0; // in the same unit
    bool depthFromKernel = false;
    std::optional<std::uint32_t> waitingSenders;
    std::optional<std::uint32_t> waitingReceivers;
    std::vector<std::pair<std::string, long long>> values;
    std::optional<std::string> problem;
};

struct Totals {
    std::uint64_t messagesSent = 0;
    std::uint64_t messagesReceived = 0;
    std::uint64_t bytesSent = 0;
    std::uint64_t bytesReceived = 0;
    std::uint64_t lost = 0;
    std::uint64_t duplicated = 0;
    std::uint64_t corrupted = 0;
    std::uint64_t reordered = 0;
    // Messages that could not be checked for duplicates (a producer's hole table was full; see
    // telemetry/seenledger.h): clean() is then true only as far as could be checked.
    std::uint64_t unchecked = 0;

    bool clean() const { return lost == 0 && duplicated == 0 && corrupted == 0 && reordered == 0; }
};

struct RunEvent {
    std::uint64_t timeNs = 0; // since the run started
    int worker = -1;          // slot, -1 for the lab itself
    EventKind kind = EventKind::None;
    CallKind call = CallKind::None;
    std::uint64_t value = 0;
    std::string text; // ready to show
};

// EventKind runs from None to Exit (core/telemetry/telemetry.h).
inline constexpr std::size_t kEventKindCount = std::size_t(EventKind::Exit) + 1;

// How many notable events of each kind a run had, whether or not its report lists them.
// EventKind::None counts the lab's own messages (a worker killed, a deadlock seen).
struct EventCounts {
    std::array<std::uint64_t, kEventKindCount> byKind{};

    std::uint64_t& operator[](EventKind kind) { return byKind[std::size_t(kind)]; }
    std::uint64_t operator[](EventKind kind) const { return byKind[std::size_t(kind)]; }
    std::uint64_t total() const {
        std::uint64_t sum = 0;
        for (std::uint64_t n : byKind) {
            sum += n;
        }
        return sum;
    }
};

// The run's classroom controls as they stood at a sample: step mode, pace, steps granted.
struct FrameControl {
    bool stepMode = false;
    std::uint64_t paceIntervalNs = 0; // at least this long between one worker's operations
    std::uint64_t steps = 0;          // steps granted so far
    bool operator==(const FrameControl&) const = default;
};

struct Frame {
    std::uint64_t elapsedNs = 0; // wall time since start
    RunPhase phase = RunPhase::Running;
    bool paused = false;
    std::vector<WorkerFrame> workers;
    ChannelFrame channel;
    Totals totals;
    std::vector<RunEvent> newEvents; // since the previous frame
    std::uint64_t eventsDropped = 0; // overwritten in a worker's ring before the lab read them
    FrameControl control;
};

struct RunReport {
    RunConfig config;
    double durationS = 0;
    Totals totals;
    std::vector<WorkerFrame> workers; // final counters, with exit info
    ChannelFrame channel;
    std::uint64_t maxDepth = 0; // sampled
    std::vector<ManifestObject> objects;
    std::vector<std::string> warnings;
    std::vector<RunEvent> events;        // the most recent notable ones of each kind, in time order
    EventCounts eventCounts;             // every notable event, listed or not
    std::uint64_t eventsOmitted = 0;     // notable events not in `events` (older ones)
    std::uint64_t eventsKeptPerKind = 0; // the bound `events` was kept to
    std::uint64_t eventsDropped = 0;
    std::optional<double> deadlockAtS; // every live worker waited, nothing moved (seconds in)
    std::optional<std::uint32_t> objectsOutlivingWorkers; // crash scenario: objects still there
    std::optional<std::uint32_t> attachedWhenRemoved;     // remove-while-attached: destroy pending

    bool workersFailed() const;
    // 0 clean, 3 integrity violations, 1 other failure (a worker failed or was killed).
    int exitStatus() const;
};

} // namespace ipcscope
