#include "objectwaiters.h"

#include "base/clock.h"
#include "base/procfs.h"
#include "kernelview.h"

#include <charconv>
#include <fcntl.h>
#include <set>
#include <unistd.h>

namespace ipcscope {

std::string waiterKey(IpcKind kind, std::optional<int> id, const std::string& name) {
    return std::string(ipcKindName(kind)) + ' ' +
           (isSysv(kind) ? std::to_string(id.value_or(-1)) : name);
}

namespace {

// Numeric entries of a /proc directory.
std::vector<pid_t> numericEntries(const std::string& dir) {
    std::vector<pid_t> out;
    forEachDirEntry(dir, [&](std::string_view name) {
        int n = 0;
        if (std::from_chars(name.data(), name.data() + name.size(), n).ptr ==
                name.data() + name.size() &&
            n > 0) {
            out.push_back(pid_t(n));
        }
    });
    return out;
}

// The call a thread is in, from the first number of /proc/PID/task/TID/syscall.
std::string callOf(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return {};
    }
    char buf[64];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    ::close(fd);
    long number = -1;
    if (n <= 0 || std::from_chars(buf, buf + n, number).ec != std::errc{}) {
        return {}; // "running", or not readable
    }
    return syscallName(number);
}

} // namespace

ObjectWaiters findObjectWaiters(const Inventory& inventory, WaitTracker& tracker,
                                std::chrono::milliseconds budget, std::size_t maxProcesses,
                                std::string* problem, const std::string& procRoot) {
    static const std::set<std::string> ipcCalls = {"msgrcv",     "msgsnd",          "semop",
                                                   "semtimedop", "mq_timedreceive", "mq_timedsend"};
    const std::uint64_t deadline = monotonicNs() + std::uint64_t(budget.count()) * 1'000'000u;
    // A named semaphore's waiter sits in futex: looked for only where one is mapped.
    std::set<pid_t> semaphoreUsers;
    for (const IpcObject& o : inventory.objects) {
        if (o.kind == IpcKind::PosixSem) {
            for (const ProcessUse& u : o.users) {
                semaphoreUsers.insert(u.pid);
            }
        }
    }
    std::vector<pid_t> candidates;
    bool outOfTime = false;
    for (pid_t pid : numericEntries(procRoot)) {
        if (monotonicNs() > deadline) {
            outOfTime = true;
            break;
        }
        const std::string tasks = procRoot + '/' + std::to_string(pid) + "/task";
        for (pid_t tid : numericEntries(tasks)) {
            const std::string call = callOf(tasks + '/' + std::to_string(tid) + "/syscall");
            if (ipcCalls.count(call) != 0 || (call == "futex" && semaphoreUsers.count(pid))) {
                candidates.push_back(pid);
                break;
            }
        }
    }
    if (candidates.size() > maxProcesses) {
        *problem = "waiters looked for in the first " + std::to_string(maxProcesses) + " of " +
                   std::to_string(candidates.size()) + " processes in IPC calls";
        candidates.resize(maxProcesses);
    } else if (outOfTime) {
        *problem = "waiters looked for in part of /proc only (it took over " +
                   std::to_string(budget.count()) + " ms)";
    }
    ProcScanOptions options;
    options.procRoot = procRoot;
    std::vector<ObservedProcess> processes;
    for (pid_t pid : candidates) {
        if (auto p = scanProcess(pid, options)) {
            processes.push_back(std::move(*p));
        }
    }
    tracker.update(processes, monotonicNs());
    ObjectWaiters waiters;
    for (const ObservedProcess& p : processes) {
        for (const ObservedThread& t : p.threads) {
            if (!t.waiting() || !t.object || t.object->ipcNamespace) {
                continue; // another namespace's id names another object
            }
            const ObjectRef& o = *t.object;
            waiters[waiterKey(o.kind, o.id, o.name)].push_back(
                {p.pid, t.tid, p.command.empty() ? p.comm : p.command, t.call, t.detail,
                 t.waitingNs});
        }
    }
    return waiters;
}

} // namespace ipcscope
