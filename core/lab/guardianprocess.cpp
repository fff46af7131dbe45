#include "guardianprocess.h"

#include "lab/spawn.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace ipcscope {

Status GuardianProcess::start(const std::string& workerPath, const std::string& runDir,
                              pid_t labPid) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        return Error::fromErrno("cannot create the guardian's pipe");
    }
    UniqueFd readEnd(fds[0]);
    m_lifeline.reset(fds[1]);
    SpawnRequest req{
        workerPath, {"--guardian", runDir, std::to_string(labPid)}, {readEnd.get()}, false, true};
    auto pid = spawnProcess(req);
    if (!pid) {
        m_lifeline.reset();
        return pid.error();
    }
    m_pid = *pid;
    // A pidfd lets stop() wait for the exit with a timeout (no SIGCHLD handling needed).
    m_pidfd.reset(int(::syscall(SYS_pidfd_open, m_pid, 0)));
    return Ok{};
}

void GuardianProcess::stop() {
    m_lifeline.reset();
    if (m_pid <= 0) {
        return;
    }
    if (m_pidfd) {
        pollfd p{m_pidfd.get(), POLLIN, 0};
        while (::poll(&p, 1, 2000) < 0 && errno == EINTR) {
        }
    }
    int status;
    if (::waitpid(m_pid, &status, WNOHANG) == 0) {
        ::kill(m_pid, SIGKILL);
        while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
        }
    }
    m_pid = 0;
    m_pidfd.reset();
}

} // namespace ipcscope
