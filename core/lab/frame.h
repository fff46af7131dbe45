#pragma once

// Plain value structs that carry a run's state out of the lab: one Frame per sample, one
// RunReport at the end. Models and views own presentation; these own nothing.
//
// A Frame is a graph (DESIGN.md §7): processes, channels, and endpoints joining a process to a
// channel. A Lab run is the case of one channel and N workers of our own, each on one endpoint;
// an observation of programs ipcscope did not start has many of each, a process on several
// channels, channels without a known capacity and counters that are only estimates.

#include "base/ipckind.h"
#include "mechanisms/channel.h"
#include "mechanisms/manifest.h"
#include "mechanisms/mechanism.h"
#include "telemetry/telemetry.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <variant>
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
    bool operator==(const WorkerExitInfo&) const = default;
};

// Which of the lab's own workers a process is ("producer 2").
struct WorkerId {
    Role role = Role::Producer;
    std::uint32_t index = 0;
    std::string name() const; // "producer 2", as the lab's messages name it
    bool operator==(const WorkerId&) const = default;
};

// A wake-up measured in the kernel (the eBPF tier's sched_waking): a thread's wait ended because
// another thread made it runnable. A measured edge of the wait-for graph, unlike the edges the
// /proc tier infers from who could release a wait.
struct WakeFrame {
    std::uint64_t endedNs = 0;  // when the woken call returned, on the frames' clock (elapsedNs)
    std::uint64_t waitedNs = 0; // how long the call waited
    pid_t wakeePid = 0;
    pid_t wakeeTid = 0;
    pid_t wakerPid = 0; // 0: no wake-up was seen (a timeout, a signal, data already there)
    pid_t wakerTid = 0;
    std::string wakerCommand; // its comm; empty when it could not be read
    std::string call;         // the call that waited: "read", "msgrcv", ...
    std::string objectName;   // what it waited on ("pipe:[88123]"); empty when not known
    bool operator==(const WakeFrame&) const = default;
};

struct ProcessFrame {
    pid_t pid = 0;
    // Set for the lab's own workers (named by role and index); absent for a process ipcscope
    // did not start, which is named by its command. An optional rather than a Role that can
    // say "other": lab-only code (reports, lesson checks) then cannot mistake one for a worker.
    std::optional<WorkerId> worker;
    std::string command; // command line or process title; empty for lab workers
    // An observed process is drawn as one entry per thread (the timeline has a lane per thread):
    // `tid` is the thread, 0 for the process as a whole (lab workers, single-threaded ones).
    pid_t tid = 0;
    // The call an observed thread is in when CallKind cannot name it ("epoll_wait", "accept"),
    // and what more is known about the wait ("type 3", "semaphore 0: -1").
    std::string callName;
    std::string waitDetail;
    WorkerState state = WorkerState::Starting;
    CallKind call = CallKind::None;         // when blocked or throttled
    std::optional<std::size_t> waitChannel; // index in Frame::channels of what it waits on
    std::uint8_t object = 0;                // which object of that channel it waits on
    std::string objectName;                 // e.g. "empty", "queue 5"
    std::uint64_t stateForNs = 0;           // how long it has been in this state, live
    // stateForNs is only a lower bound (seen in that state since the first of consecutive
    // samples, DESIGN.md §7); false for lab workers, which stamp the start themselves.
    bool stateForAtLeast = false;
    bool stopped = false; // paused by the lab (SIGSTOP)
    // Observations with the eBPF tier: the last measured wake-up of this thread (of the process's
    // threads, the latest, for an entry with tid 0).
    std::optional<WakeFrame> lastWake;
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
    // Text-message runs (Scenario::textMessage): the last message this worker sent or received,
    // byte for byte (its first kLastMessageBytes), and its whole length (0: none yet).
    std::string lastMessage;
    std::uint32_t lastMessageSize = 0;

    std::uint64_t totalBlockedNs() const {
        std::uint64_t sum = blockedNowNs;
        for (std::size_t i = 0; i < kCallKindCount; ++i) {
            if (CallKind(i) != CallKind::Throttle) {
                sum += blockedNs[i];
            }
        }
        return sum;
    }
    bool isWorker(Role role) const { return worker && worker->role == role; }
    bool operator==(const ProcessFrame&) const = default;
};

// What a channel is: a Lab run knows its mechanism (a pipe, or System V shared memory with the
// semaphores that guard it, ...); an observation sees kernel objects one by one, by kind.
// Both name a flow unit and a title, and neither enum can stand for the other.
using ChannelKind = std::variant<Mechanism, IpcKind>;
std::string_view channelKindName(const ChannelKind& kind); // "sysv-msg", as in JSON

struct ChannelFrame {
    ChannelKind kind = Mechanism::Pipe;
    std::string identity;                  // "pipe", "msqid 5", "/ipcscope.1.2.mq", a FIFO path
    std::optional<std::uint64_t> capacity; // in `unit`; absent when not known
    std::string unit;
    std::uint64_t depth = 0; // in the same unit
    bool depthFromKernel = false;
    std::optional<std::uint32_t> waitingSenders;
    std::optional<std::uint32_t> waitingReceivers;
    std::vector<std::pair<std::string, long long>> values;
    std::optional<std::string> problem;

    bool operator==(const ChannelFrame&) const = default;
};

enum class EndpointDirection : std::uint8_t { Send, Receive, Both };
std::string_view directionName(EndpointDirection direction); // "send", "receive", "both"
// Which way a system call moves data, by its name: Send for write, send*, msgsnd, mq_timedsend
// and their kin, Receive for read, recv*, msgrcv, mq_timedreceive and theirs; nullopt for any
// other call (semop, poll, accept, ...). One list for the observer, the wait-for graph and the
// exports.
std::optional<EndpointDirection> dataDirectionOfCall(std::string_view call);

// A process's end of a channel, with what moved through it.
struct EndpointFrame {
    std::size_t process = 0; // index in Frame::processes
    std::size_t channel = 0; // index in Frame::channels
    EndpointDirection direction = EndpointDirection::Send;
    std::uint64_t messages = 0; // cumulative
    std::uint64_t bytes = 0;
    double messagesPerS = 0; // recent (over RateMeter::kIntervalS)
    double bytesPerS = 0;
    bool estimated = false; // from kernel counters; a lab worker's own counters are exact

    bool sends() const { return direction != EndpointDirection::Receive; }
    bool receives() const { return direction != EndpointDirection::Send; }
    bool operator==(const EndpointFrame&) const = default;
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
    // Messages received once each: a duplicate is received but not delivered again.
    std::uint64_t delivered() const {
        return messagesReceived >= duplicated ? messagesReceived - duplicated : 0;
    }
    bool operator==(const Totals&) const = default;
};

struct RunEvent {
    std::uint64_t timeNs = 0; // since the run started
    int worker = -1;          // index in Frame::processes (a worker's slot), -1 for the lab
    EventKind kind = EventKind::None;
    CallKind call = CallKind::None;
    std::uint64_t value = 0;
    std::string text; // ready to show

    bool operator==(const RunEvent&) const = default;
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
    bool operator==(const EventCounts&) const = default;
};

// A cycle of waits in an observation (core/observe/waitgraph.h): the processes in cycle order,
// the channel each waits on, and the verdict in words.
struct DeadlockFrame {
    bool certain = false;               // every object in it has one possible releaser
    std::vector<std::size_t> processes; // indices in Frame::processes
    std::vector<std::size_t>
        channels; // indices in Frame::channels; channels[i] blocks processes[i]
    std::string text;
    bool operator==(const DeadlockFrame&) const = default;
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
    std::vector<ProcessFrame> processes;
    std::vector<ChannelFrame> channels;
    std::vector<EndpointFrame> endpoints;
    Totals totals;
    std::vector<RunEvent> newEvents;      // since the previous frame
    std::uint64_t eventsDropped = 0;      // overwritten in a worker's ring before the lab read them
    FrameControl control;                 // step mode, pace, steps granted: the classroom controls
    std::vector<DeadlockFrame> deadlocks; // observations: wait cycles found in this sample
    std::vector<std::string> waitNotes;   // observations: lone waits said in words
    // Observations: where the flow figures come from, in words ("exact, counted in the kernel
    // by ipcscope-probe" or why only estimates: "ipcscope-probe needs root: ..."); empty for
    // Lab runs, whose workers count exactly.
    std::string flowNote;
    std::vector<WakeFrame> wakes; // observations, eBPF tier: wake-ups since the previous frame

    // The channel of a Lab run (its only one); nullptr in an empty frame.
    const ChannelFrame* firstChannel() const {
        return channels.empty() ? nullptr : &channels.front();
    }
    // How fast a process moves messages: the larger of what it sends and what it receives per
    // second, over its endpoints (a filter between two channels moves each message once).
    double messagesPerS(std::size_t process) const;
    bool operator==(const Frame&) const = default;
};

// Messages and bytes per second from cumulative counters, measured over at least kIntervalS:
// a 30 Hz frame rate would otherwise show scheduler noise. Between measurements the last rate
// stands.
class RateMeter {
public:
    static constexpr double kIntervalS = 0.25;
    explicit RateMeter(double intervalS = kIntervalS)
        : m_intervalS(intervalS) {}

    // True when a new rate was measured at `timeS`.
    bool update(double timeS, std::uint64_t messages, std::uint64_t bytes);
    double messagesPerS() const { return m_messagesPerS; }
    double bytesPerS() const { return m_bytesPerS; }

private:
    double m_intervalS;
    double m_lastTimeS = -1;
    std::uint64_t m_lastMessages = 0;
    std::uint64_t m_lastBytes = 0;
    double m_messagesPerS = 0;
    double m_bytesPerS = 0;
};

// Fills each exact endpoint's rates from its cumulative counters, one meter per endpoint (a new
// set of endpoints starts the meters again). The same frames give the same rates: recordings
// leave them out and measure them again.
void measureEndpointRates(Frame& frame, std::vector<RateMeter>& meters);

// The frame of a Lab run from its workers and its one channel: one endpoint per worker
// (producers send, consumers receive) carrying the worker's exact counters.
void addLabEndpoints(Frame& frame);

struct RunReport {
    RunConfig config;
    double durationS = 0;
    Totals totals;
    std::vector<ProcessFrame> workers; // final counters, with exit info (lab-shaped: its JSON)
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
    bool operator==(const RunReport&) const = default;
};

} // namespace ipcscope
