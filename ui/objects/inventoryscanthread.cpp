#include "objects/inventoryscanthread.h"

#include "observe/kernelview.h"

#include <QMetaObject>

#include <dirent.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <charconv>
#include <set>

namespace ipcscope {

std::string waiterKey(IpcKind kind, std::optional<int> id, const std::string& name) {
    return std::string(ipcKindName(kind)) + ' ' +
           (isSysv(kind) ? std::to_string(id.value_or(-1)) : name);
}

namespace {

std::uint64_t monotonicNs() {
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::uint64_t(ts.tv_sec) * 1'000'000'000u + std::uint64_t(ts.tv_nsec);
}

// Numeric entries of a /proc directory.
std::vector<pid_t> numericEntries(const std::string& dir) {
    std::vector<pid_t> out;
    if (DIR* d = ::opendir(dir.c_str())) {
        while (const dirent* e = ::readdir(d)) {
            int n = 0;
            const char* end = e->d_name + std::char_traits<char>::length(e->d_name);
            if (std::from_chars(e->d_name, end, n).ptr == end && n > 0) {
                out.push_back(pid_t(n));
            }
        }
        ::closedir(d);
    }
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

class InventoryScanThread::Worker : public QObject {
public:
    explicit Worker(InventoryOptions options)
        : m_scanner(std::move(options)) {}
    Inventory scan() { return m_scanner.scan(); }
    // Only with users scanned (the System objects page): a process list that reads only the
    // objects does not look for waiters either.
    std::optional<ObjectWaiters> waiters(Inventory& inventory) {
        if (!m_scanner.options().users || !m_scanner.options().live) {
            return std::nullopt;
        }
        std::string problem;
        ObjectWaiters w = findObjectWaiters(inventory, m_tracker, std::chrono::milliseconds(100),
                                            64, &problem, m_scanner.options().procRoot);
        if (!problem.empty()) {
            inventory.warnings.push_back(problem);
        }
        return w;
    }

private:
    InventoryScanner m_scanner;
    WaitTracker m_tracker; // "waits … · 4 min" grows from scan to scan
};

InventoryScanThread::InventoryScanThread(InventoryOptions options, QObject* parent)
    : QObject(parent)
    , m_worker(new Worker(std::move(options))) {
    qRegisterMetaType<ipcscope::Inventory>();
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("inventory scan"));
    m_thread.start(QThread::LowPriority);
}

InventoryScanThread::~InventoryScanThread() {
    m_thread.quit();
    m_thread.wait();
}

void InventoryScanThread::scan() {
    if (m_busy) {
        return;
    }
    m_busy = true;
    QMetaObject::invokeMethod(m_worker, [this] {
        Inventory inventory = m_worker->scan(); // on the scan thread
        std::optional<ObjectWaiters> waiters = m_worker->waiters(inventory);
        QMetaObject::invokeMethod(
            this, [this, inventory = std::move(inventory), waiters = std::move(waiters)] {
                m_busy = false;
                if (waiters) {
                    Q_EMIT waitersScanned(*waiters);
                }
                Q_EMIT scanned(inventory);
            });
    });
}

} // namespace ipcscope
