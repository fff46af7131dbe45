#pragma once

// Reading one process for an observation (DESIGN.md §7, /proc tier): its name, its IPC
// descriptors and mappings, and for each thread the call it is in and the object that call
// waits on. Only what /proc hands out without side effects: no ptrace attach, no descriptor
// taken, nothing opened that is not /proc's own (process_vm_readv, where allowed, reads a
// semop's sembuf or a poll's fd list without stopping the process).

#include "observation.h"

#include <array>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <sys/types.h>
#include <unordered_map>
#include <vector>

namespace ipcscope {

class UnixSocketTable;

// A line of the process picker: who a process is and whether it holds any IPC object.
struct ProcessSummary {
    pid_t pid = 0;
    pid_t ppid = 0;
    uid_t uid = 0;
    std::string user;
    std::string comm;
    std::string command;  // command line or process title
    bool usesIpc = false; // holds a pipe, FIFO, Unix socket, POSIX queue or shared mapping
    bool operator==(const ProcessSummary&) const = default;
};

struct ProcScanOptions {
    std::string procRoot = "/proc";
    std::string shmRoot = "/dev/shm";
    std::string mqueueRoot = "/dev/mqueue";
    // A process whose /proc files take longer than this (a held mmap lock, a hung mount) is
    // skipped for this sample and said so, rather than stalling the whole scan.
    std::chrono::milliseconds perProcessBudget{100};
    const UnixSocketTable* sockets = nullptr; // resolves socket:[inode]; null: sockets skipped
    // When `sockets` is null: asked for the table only once a process holds a socket (on the
    // caller's thread), so a scan of processes without sockets never reads it.
    std::function<const UnixSocketTable*()> socketTable;
    // Each thread's voluntary context switches, from its status file (which the kernel is slow
    // to format); the Observer counts runs from the small schedstat file instead.
    bool readContextSwitches = true;
};

// Every process the user may see, for the picker.
std::vector<ProcessSummary> listProcesses(const ProcScanOptions& options = {});

// Who is selected: pids, command names, process trees, users of objects, or everyone.
struct ProcessSelection {
    std::vector<pid_t> pids;
    std::vector<std::string> commands; // matches comm or argv[0]'s base name
    std::vector<pid_t> trees;          // a process and all its descendants
    std::vector<ObjectRef> objects;    // every process holding, mapping or waiting on one
    bool all = false;
    bool empty() const {
        return pids.empty() && commands.empty() && trees.empty() && objects.empty() && !all;
    }
};

// The pids selected now (a tree grows as children start; a command matches new processes).
std::vector<pid_t> selectPids(const ProcessSelection& selection, const ProcScanOptions& options);

// One process, threads and all. nullopt when it has gone; problems are listed in the result.
std::optional<ObservedProcess> scanProcess(pid_t pid, const ProcScanOptions& options);

// Several, in order, with one handover to the reading thread for them all (a sample's way):
// gone ones are left out; one whose /proc took over the budget is there with its pid and a
// problem ("skipped: /proc/42/maps took over 100 ms") and nothing else.
std::vector<ObservedProcess> scanProcesses(const std::vector<pid_t>& pids,
                                           const ProcScanOptions& options);

// Keeps each thread's "waiting since": the same call with the same arguments and no voluntary
// context switch since the previous sample means the same wait goes on; otherwise it started
// at most one interval ago (a lower bound, DESIGN.md §7).
class WaitTracker {
public:
    void update(std::vector<ObservedProcess>& processes, std::uint64_t nowNs);

private:
    struct Seen {
        std::optional<long> syscall;
        std::array<std::uint64_t, 6> args{};
        std::uint64_t voluntarySwitches = 0;
        std::uint64_t sinceNs = 0;
        std::uint64_t lastSeenNs = 0;
    };
    std::unordered_map<pid_t, Seen> m_threads; // by tid
};

} // namespace ipcscope
