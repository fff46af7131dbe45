#pragma once

// What an observation of programs ipcscope did not start holds (DESIGN.md §7, /proc tier):
// the selected processes with their threads and what each waits on, the channels that join
// them with who holds each end, and the wait-for verdicts. Plain value structs, Qt-free; the
// scanner fills them from /proc and NETLINK_SOCK_DIAG, the wait-for graph adds the verdicts,
// and observationFrame() turns one into the graph-shaped Frame the views draw.

#include "base/ipckind.h"
#include "lab/frame.h"

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace ipcscope {

// A kernel object a process holds or a thread waits on. Which fields name it depends on the
// kind: System V objects by id (and key), pipes and sockets by inode, FIFOs and POSIX objects
// by name and inode. Ordered so it can key a map.
struct ObjectRef {
    IpcKind kind = IpcKind::Pipe;
    std::optional<int> id;              // System V id
    std::optional<std::int32_t> key;    // System V key (informative, not identity)
    std::string name;                   // POSIX "/name", FIFO path, Unix socket path or "@abstract"
    std::optional<std::uint64_t> inode; // pipe, FIFO, socket, /dev/shm or /dev/mqueue file
    // The IPC namespace (inode of /proc/PID/ns/ipc) when it is not the observer's own: the same
    // System V id or POSIX name means another object there.
    std::optional<std::uint64_t> ipcNamespace;

    // "pipe:[88123]", "sysv-msg 5", "posix-mq /jobs", "fifo /tmp/f", "unix-stream:[9912]".
    std::string text() const;
    // What identifies it: kind with id (System V), inode (pipe, FIFO, socket) or name (POSIX),
    // and the namespace. `key` and the other descriptive fields are left out. Inline and field
    // by field, the cheapest first: the observer sorts and looks up objects thousands of times
    // a sample.
    std::strong_ordering operator<=>(const ObjectRef& other) const {
        if (const auto c = kind <=> other.kind; c != 0) {
            return c;
        }
        if (const auto c = ipcNamespace.value_or(0) <=> other.ipcNamespace.value_or(0); c != 0) {
            return c;
        }
        if (isSysv(kind)) {
            return id.value_or(-1) <=> other.id.value_or(-1);
        }
        if (kind == IpcKind::Pipe || kind == IpcKind::Fifo || isUnixSocket(kind)) {
            return inode.value_or(0) <=> other.inode.value_or(0);
        }
        return std::string_view(name) <=> std::string_view(other.name);
    }
    bool operator==(const ObjectRef& other) const { return (*this <=> other) == 0; }
};

// Exact flow, counted in the kernel by ipcscope-probe (the eBPF tier, DESIGN.md §7): totals
// since the process was first watched, rates over the last sample interval, and the calls that
// waited (lasted at least 20 µs, the lab workers' rule) with their whole duration.
struct ExactFlow {
    std::uint64_t bytesSent = 0;
    std::uint64_t bytesReceived = 0;
    std::uint64_t messagesSent = 0; // one per successful call (a datagram, a System V message)
    std::uint64_t messagesReceived = 0;
    double bytesSentPerS = 0;
    double bytesReceivedPerS = 0;
    double messagesSentPerS = 0;
    double messagesReceivedPerS = 0;
    std::uint64_t calls = 0;
    std::uint64_t waits = 0;
    std::uint64_t waitNs = 0;
    std::uint64_t maxWaitNs = 0;

    ExactFlow& operator+=(const ExactFlow& other);
    bool operator==(const ExactFlow&) const = default;
};

// An open descriptor of a process on an IPC object, with the end it holds.
struct FdUse {
    int fd = -1;
    ObjectRef object;
    EndpointDirection direction = EndpointDirection::Both; // from the fdinfo access mode
    bool operator==(const FdUse&) const = default;
};

// What one thread is doing, from /proc/PID/task/TID/{stat,syscall,wchan,status}.
struct ObservedThread {
    pid_t tid = 0;
    std::string name;  // /proc/PID/task/TID/comm
    char state = '?';  // R running, S sleeping, D uninterruptible, T stopped, Z zombie, ...
    std::string wchan; // kernel function it sleeps in ("" when running or unreadable)
    std::optional<long> syscall; // number, when in a call (absent when running or unreadable)
    std::array<std::uint64_t, 6> args{}; // the call's arguments, as /proc/PID/syscall gives them
    std::string call; // "msgrcv", "read", "futex", ...; "" when not in a call we name
    // What the call waits on, when it is an IPC object we can name; for poll/select/epoll the
    // first object and `also` the others.
    std::optional<ObjectRef> object;
    std::vector<ObjectRef> also;
    std::optional<int> fd;               // the descriptor the call names, when it names one
    std::string detail;                  // "type 3", "semaphore 0: -1", "fds 3, 5", "private futex"
    std::optional<long> msgType;         // msgrcv: the type asked for
    std::uint64_t voluntarySwitches = 0; // status: voluntary_ctxt_switches
    // How long it has been in this call: a lower bound, from consecutive samples with the same
    // call and arguments and no voluntary context switch in between (DESIGN.md §7).
    std::uint64_t waitingNs = 0;

    // Sleeping (or in D) inside a call: the thread waits for something.
    bool waiting() const { return (state == 'S' || state == 'D') && syscall.has_value(); }
    bool operator==(const ObservedThread&) const = default;
};

// Where a shared object is mapped in a process (futex addresses are attributed through these).
struct MappedRange {
    std::uint64_t start = 0, end = 0;
    ObjectRef object;
    bool operator==(const MappedRange&) const = default;
};

struct ObservedProcess {
    pid_t pid = 0;
    pid_t ppid = 0;
    uid_t uid = 0;
    std::string user;             // name of uid, or the number
    std::string comm;             // /proc/PID/comm
    std::string command;          // command line or process title ("postgres: checkpointer")
    std::uint64_t startTicks = 0; // stat field 22: with the pid, identity against pid reuse
    std::uint64_t ipcNamespace = 0;
    std::vector<FdUse> fds;                // IPC descriptors only
    std::vector<ObjectRef> mappings;       // System V segments and /dev/shm files it maps
    std::vector<MappedRange> mappedRanges; // the same, with their addresses
    std::vector<ObservedThread> threads;
    // Set when part of what /proc says could not be read in time or at all ("maps: permission
    // denied", "skipped: /proc/PID/maps took over 100 ms").
    std::vector<std::string> problems;
    // Exact flow (eBPF tier) over all its IPC calls; waitNs is its blocked time.
    std::optional<ExactFlow> exact;
    // Its blocked time (eBPF tier) by system call number, for the views' per-call split.
    std::vector<std::pair<long, std::uint64_t>> exactWaitNsByCall;

    bool operator==(const ObservedProcess&) const = default;
};

// One end of a channel: a process, by descriptor or (fd = -1) by mapping or by having been
// seen operating on it (System V queues and semaphores have no open descriptor).
struct ChannelEnd {
    pid_t pid = 0;
    int fd = -1;
    EndpointDirection direction = EndpointDirection::Both;
    bool seenInCall = false;        // known only from a call it was seen in (or lspid/lrpid/sempid)
    std::optional<ExactFlow> exact; // what this end moved, when the eBPF tier runs
    bool operator==(const ChannelEnd&) const = default;
};

struct ObservedChannel {
    ObjectRef object;
    std::vector<ChannelEnd> ends;

    // Flow where the kernel keeps counters: estimates, never exact (DESIGN.md §7).
    std::optional<std::uint64_t> messages;         // queued now (qnum, mq curmsgs, datagrams)
    std::optional<std::uint64_t> bytes;            // queued now (cbytes, mq size, socket rqueue)
    std::optional<std::uint64_t> capacityBytes;    // msg_qbytes, pipe size
    std::optional<std::uint64_t> capacityMessages; // mq_maxmsg
    std::optional<std::int64_t> lastSendS, lastReceiveS; // epoch seconds (stime, rtime)
    std::optional<pid_t> lastSender, lastReceiver;       // lspid, lrpid, sempid
    // Messages by type, read with msgrcv(MSG_COPY | IPC_NOWAIT) (which removes nothing);
    // `peekProblem` says why not ("MSG_COPY is not in this kernel (ENOSYS)").
    std::vector<std::pair<long, std::uint64_t>> messagesByType;
    std::optional<std::string> peekProblem;
    // System V semaphore sets: value and waiters per semaphore.
    std::vector<int> semaphoreValues;
    // Unix sockets (NETLINK_SOCK_DIAG)
    std::optional<std::uint64_t> peerInode;
    std::string socketState;                         // "listening", "connected", "unconnected", ...
    std::optional<std::uint32_t> pendingConnections; // listening: accept queue length
    // Exact flow (eBPF tier): the sum over its ends.
    std::optional<ExactFlow> exact;

    bool operator==(const ObservedChannel&) const = default;
};

// A cycle of waits: every member waits on an object that only (certain) or also (possible)
// another member could release.
struct Deadlock {
    bool certain = false;
    std::vector<pid_t> pids;        // in cycle order
    std::vector<ObjectRef> objects; // objects[i] is what pids[i] waits on
    std::string text;               // the cycle in words
    bool operator==(const Deadlock&) const = default;
};

// A waiter that no live process can release ("no process holds the write end: this read will
// only end at EOF"), or some other statement about one wait worth a sentence.
struct WaitNote {
    pid_t pid = 0;
    pid_t tid = 0;
    std::string text;
    bool operator==(const WaitNote&) const = default;
};

// A measured edge of the wait-for graph (eBPF tier, sched_waking): a wait longer than the
// threshold ended, and this is who woke the waiter last.
struct WakeEdge {
    pid_t waiterPid = 0;
    pid_t waiterTid = 0;
    pid_t wakerPid = 0; // 0: it ended without a wake-up (a timeout, a signal, data already there)
    pid_t wakerTid = 0;
    std::string wakerComm;           // the waker's /proc/PID/comm when it could be read
    std::string call;                // "read", "msgrcv", ...
    std::optional<ObjectRef> object; // what it waited on, when known
    std::uint64_t durationNs = 0;
    std::uint64_t endedNs = 0; // on the observation's clock (elapsedNs)
    bool operator==(const WakeEdge&) const = default;
};

// Where the flow figures come from: the kernel's own counters (estimates, always there) or
// ipcscope-probe's eBPF program (exact).
enum class FlowTier : std::uint8_t { Estimated, Exact };

struct Observation {
    std::uint64_t elapsedNs = 0; // since the observation started (CLOCK_MONOTONIC)
    std::vector<ObservedProcess> processes;
    std::vector<ObservedChannel> channels;
    std::vector<Deadlock> deadlocks;
    std::vector<WaitNote> notes;
    std::vector<std::string> warnings; // processes skipped, namespaces not entered, ...
    FlowTier tier = FlowTier::Estimated;
    // Why the exact tier is not running and how to get it ("ipcscope-probe needs root: ..."),
    // empty when it runs or was not asked for.
    std::string tierNote;
    std::vector<WakeEdge> wakes; // waits that ended since the previous sample
    // Per thread still observed, the last of its waits that was measured (eBPF tier): who woke
    // it, after how long, on what. Kept across samples, unlike `wakes`.
    std::vector<WakeEdge> lastWakes;

    bool operator==(const Observation&) const = default;
};

} // namespace ipcscope
