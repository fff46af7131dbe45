#include "spawn.h"

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef IPCSCOPE_LIBEXEC_RELATIVE
#define IPCSCOPE_LIBEXEC_RELATIVE "../libexec/ipcscope"
#endif

namespace ipcscope {

namespace {

[[noreturn]] void childFail(int errorFd, int err) {
    // write(2) and _exit(2) are async-signal-safe.
    [[maybe_unused]] const auto n = ::write(errorFd, &err, sizeof err);
    ::_exit(127);
}

bool isExecutable(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
           ::access(path.c_str(), X_OK) == 0;
}

} // namespace

Result<std::string> findHelperExecutable(const std::string& name) {
    char self[PATH_MAX];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        return Error::fromErrno("cannot find the running executable (/proc/self/exe)");
    }
    self[n] = '\0';
    std::string dir(self);
    dir.erase(dir.rfind('/'));
    for (const std::string& candidate :
         {dir + "/" + name, dir + "/" + IPCSCOPE_LIBEXEC_RELATIVE + "/" + name}) {
        if (isExecutable(candidate)) {
            return candidate;
        }
    }
    return Error{"cannot find " + name + " next to " + std::string(self) + " or in " + dir + "/" +
                 IPCSCOPE_LIBEXEC_RELATIVE + "; is the installation complete?"};
}

Result<std::string> findWorkerExecutable() {
    return findHelperExecutable("ipcscope-worker");
}

Result<pid_t> spawnProcess(const SpawnRequest& request) {
    // Everything the child needs is prepared before fork(): after fork() in a threaded program
    // only async-signal-safe functions may run.
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(request.path.c_str()));
    for (const auto& a : request.args) {
        argv.push_back(const_cast<char*>(a.c_str()));
    }
    argv.push_back(nullptr);
    const int fdCount = int(request.fds.size());

    int errorPipe[2];
    if (::pipe2(errorPipe, O_CLOEXEC) != 0) {
        return Error::fromErrno("cannot create a pipe to start a process");
    }
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        const int err = errno;
        ::close(errorPipe[0]);
        ::close(errorPipe[1]);
        return Error::fromErrno("cannot start a process (fork)", err);
    }
    if (pid == 0) {
        int errorFd = ::fcntl(errorPipe[1], F_DUPFD_CLOEXEC, 100);
        if (errorFd < 0) {
            childFail(errorPipe[1], errno);
        }
        if (request.newSession) {
            ::setsid();
        }
        if (request.dieWithParent) {
            if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) {
                childFail(errorFd, errno);
            }
            if (::getppid() != parent) {
                ::_exit(127); // the lab died before we could ask to die with it
            }
        }
        // Start with only SIGUSR1 blocked: the lab's "look at your flags" nudge may come before
        // the worker has installed its handler, and its default action would kill it. The
        // worker unblocks it once the handler is in place; a pending nudge is delivered then.
        sigset_t mask;
        sigemptyset(&mask);
        sigaddset(&mask, SIGUSR1);
        ::sigprocmask(SIG_SETMASK, &mask, nullptr);
        struct sigaction dfl {};
        dfl.sa_handler = SIG_DFL;
        for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGCHLD}) {
            ::sigaction(sig, &dfl, nullptr);
        }
        // The standard streams first: the descriptors below are moved above 100 before use.
        const int stdio[3] = {request.stdinFd, request.stdoutFd, request.stderrFd};
        for (int i = 0; i < 3; ++i) {
            if (stdio[i] >= 0 && stdio[i] != i && ::dup2(stdio[i], i) < 0) {
                childFail(errorFd, errno);
            }
        }
        // Move the inherited descriptors out of the way first, then into place at 3, 4, ...
        int moved[16];
        for (int i = 0; i < fdCount && i < 16; ++i) {
            moved[i] = ::fcntl(request.fds[std::size_t(i)], F_DUPFD_CLOEXEC, 100);
            if (moved[i] < 0) {
                childFail(errorFd, errno);
            }
        }
        for (int i = 0; i < fdCount && i < 16; ++i) {
            if (::dup2(moved[i], 3 + i) < 0) { // dup2 clears FD_CLOEXEC on the new descriptor
                childFail(errorFd, errno);
            }
        }
        // Nothing else leaks into the child, whatever the GUI or libraries have open.
        ::close_range(unsigned(3 + fdCount), ~0u, CLOSE_RANGE_CLOEXEC);
        ::execv(request.path.c_str(), argv.data());
        childFail(errorFd, errno);
    }
    ::close(errorPipe[1]);
    int childErr = 0;
    ssize_t n;
    do {
        n = ::read(errorPipe[0], &childErr, sizeof childErr);
    } while (n < 0 && errno == EINTR);
    ::close(errorPipe[0]);
    if (n > 0) {
        int status;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        return Error::fromErrno("cannot start " + request.path, childErr);
    }
    return pid;
}

} // namespace ipcscope
