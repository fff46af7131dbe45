#include "workerset.h"

#include "lab/spawn.h"
#include "mechanisms/channel.h"
#include "workerargs/workerargs.h"

#include <cerrno>
#include <csignal>
#include <sys/resource.h>
#include <sys/wait.h>

namespace ipcscope {

namespace {

std::uint64_t cpuNs(const rusage& usage) {
    return std::uint64_t(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1'000'000'000u +
           std::uint64_t(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1'000u;
}

} // namespace

Status WorkerSet::start(const std::string& workerPath, const RunConfig& config,
                        const Channel& channel, int telemetryFd) {
    m_workers.clear();
    for (std::uint32_t slot = 0; slot < config.producers + config.consumers; ++slot) {
        const Role role = slot < config.producers ? Role::Producer : Role::Consumer;
        const std::uint32_t index = role == Role::Producer ? slot : slot - config.producers;
        m_workers.push_back({{role, index}, slot, 0, {}});
    }
    m_killedByLab.assign(m_workers.size(), false);
    for (const Role role : {Role::Consumer, Role::Producer}) {
        for (Worker& w : m_workers) {
            if (w.id.role != role) {
                continue;
            }
            const EndpointSpec spec = channel.endpoint(w.id.role, w.id.index);
            SpawnRequest req;
            req.path = workerPath;
            req.args = writeWorkerArgs(workerArgsFor(config, w.id.role, w.id.index, w.slot, spec));
            req.fds.push_back(telemetryFd);
            req.fds.insert(req.fds.end(), spec.fds.begin(), spec.fds.end());
            auto pid = spawnProcess(req);
            if (!pid) {
                return pid.error();
            }
            w.pid = *pid;
        }
    }
    return Ok{};
}

std::vector<WorkerSet::Worker> WorkerSet::reap() {
    std::vector<Worker> killedBySignal;
    for (Worker& w : m_workers) {
        if (!live(w)) {
            continue;
        }
        int status = 0;
        rusage usage{};
        const pid_t r = ::wait4(w.pid, &status, WNOHANG, &usage);
        if (r == 0) {
            continue;
        }
        WorkerExitInfo info;
        if (r < 0) {
            info.code = -1; // someone else reaped it: nothing more is known
        } else if (WIFSIGNALED(status)) {
            info.signaled = true;
            info.signal = WTERMSIG(status);
        } else {
            info.code = WEXITSTATUS(status);
        }
        info.killedByLab = m_killedByLab[w.slot];
        if (r > 0) {
            info.cpuNs = cpuNs(usage);
        }
        w.exit = info;
        if (info.signaled && !info.killedByLab) {
            killedBySignal.push_back(w);
        }
    }
    return killedBySignal;
}

void WorkerSet::signalLive(Role role, int sig) {
    for (const Worker& w : m_workers) {
        if (w.id.role == role && live(w)) {
            ::kill(w.pid, sig);
        }
    }
}

void WorkerSet::signalEveryLive(int sig) {
    for (const Worker& w : m_workers) {
        if (live(w)) {
            ::kill(w.pid, sig);
        }
    }
}

void WorkerSet::sigkill(pid_t pid) {
    ::kill(pid, SIGCONT);
    ::kill(pid, SIGKILL);
}

std::vector<WorkerSet::Worker> WorkerSet::killLive(Role role) {
    std::vector<Worker> killed;
    for (const Worker& w : m_workers) {
        if (w.id.role == role && live(w)) {
            m_killedByLab[w.slot] = true;
            sigkill(w.pid);
            killed.push_back(w);
        }
    }
    return killed;
}

void WorkerSet::killEveryLive() {
    for (const Worker& w : m_workers) {
        if (live(w)) {
            sigkill(w.pid);
        }
    }
}

bool WorkerSet::allExited(Role role) const {
    for (const Worker& w : m_workers) {
        if (w.id.role == role && !w.exit) {
            return false;
        }
    }
    return true;
}

void WorkerSet::killRemaining() {
    for (Worker& w : m_workers) {
        if (!live(w)) {
            continue;
        }
        sigkill(w.pid);
        int status;
        while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
        }
        w.exit = WorkerExitInfo{true, 0, SIGKILL, true};
    }
}

std::vector<pid_t> WorkerSet::pids() const {
    std::vector<pid_t> out;
    out.reserve(m_workers.size());
    for (const Worker& w : m_workers) {
        out.push_back(w.pid);
    }
    return out;
}

} // namespace ipcscope
