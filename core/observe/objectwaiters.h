#pragma once

// Who waits on the System V and POSIX objects an inventory lists: what "Used by" adds to the
// holders in the System objects page and in `ipcscope-cli ls --users`.

#include "inventory/inventory.h"
#include "procscan.h"

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace ipcscope {

// A thread waiting in a call on a System V or POSIX object: what "Used by" adds to the holders
// (a queue's receivers attach nothing, so they hold nothing /proc lists per object).
struct ObjectWaiter {
    pid_t pid = 0;
    pid_t tid = 0;
    std::string command;
    std::string call;            // "msgrcv", "semop", "mq_timedreceive", "sem_wait"
    std::string detail;          // "type 3", "semaphore 0: -1"
    std::uint64_t waitingNs = 0; // at least this long (seen since an earlier scan)
    bool operator==(const ObjectWaiter&) const = default;
};
// By waiterKey(): the object's kind and System V id or POSIX name.
using ObjectWaiters = std::map<std::string, std::vector<ObjectWaiter>>;
std::string waiterKey(IpcKind kind, std::optional<int> id, const std::string& name);

// Who waits on the inventory's System V queues and semaphore sets, POSIX queues and named
// semaphores: a light pass over every thread's /proc/PID/task/TID/syscall for the calls that
// wait on them (futex only in processes that map a named semaphore), then a full scan of those
// few processes to name the object. Bounded: at most `maxProcesses` scanned and `budget` spent;
// `problem` says what was left out. `tracker` keeps how long each wait has gone on across passes.
ObjectWaiters findObjectWaiters(const Inventory& inventory, WaitTracker& tracker,
                                std::chrono::milliseconds budget, std::size_t maxProcesses,
                                std::string* problem, const std::string& procRoot = "/proc");

} // namespace ipcscope
