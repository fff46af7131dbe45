#pragma once

// Two real processes that ping-pong one byte over a pair of pipes, each pausing 2 ms before it
// answers: each one's read waits about that long and is woken by the other's write, so the eBPF
// tier measures wake-ups in both directions. For tests of measured wake edges (root only).
// Killed and reaped when the object goes; both die with the test (PR_SET_PDEATHSIG).

#include <array>
#include <csignal>
#include <ctime>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace testsupport {

class PingPong {
public:
    PingPong() {
        int ab[2], ba[2];
        if (::pipe(ab) != 0 || ::pipe(ba) != 0) {
            return;
        }
        m_pids[0] = start(ba[0], ab[1], true, {ab[0], ba[1]});
        m_pids[1] = start(ab[0], ba[1], false, {ba[0], ab[1]});
        for (int fd : {ab[0], ab[1], ba[0], ba[1]}) {
            ::close(fd);
        }
    }
    ~PingPong() {
        for (pid_t pid : m_pids) {
            if (pid > 0) {
                ::kill(pid, SIGKILL);
                ::waitpid(pid, nullptr, 0);
            }
        }
    }
    PingPong(const PingPong&) = delete;
    PingPong& operator=(const PingPong&) = delete;

    bool ok() const { return m_pids[0] > 0 && m_pids[1] > 0; }
    pid_t first() const { return m_pids[0]; }
    pid_t second() const { return m_pids[1]; }

private:
    // Reads `in`, pauses, writes `out`, forever; `serves` writes first.
    static pid_t start(int in, int out, bool serves, std::array<int, 2> others) {
        const pid_t parent = ::getpid();
        const pid_t pid = ::fork();
        if (pid != 0) {
            return pid;
        }
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) {
            ::_exit(1);
        }
        for (int fd : others) {
            ::close(fd);
        }
        const timespec pause{0, 2'000'000}; // the stimulus: the other side waits this long
        char c = 'p';
        if (serves && ::write(out, &c, 1) != 1) {
            ::_exit(2);
        }
        for (;;) {
            if (::read(in, &c, 1) != 1) {
                ::_exit(0);
            }
            ::nanosleep(&pause, nullptr);
            if (::write(out, &c, 1) != 1) {
                ::_exit(0);
            }
        }
    }

    std::array<pid_t, 2> m_pids{-1, -1};
};

} // namespace testsupport
