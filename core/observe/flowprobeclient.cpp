#include "flowprobeclient.h"

#include "lab/spawn.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace ipcscope {

namespace fp = flowprobe;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kProbeName = "ipcscope-probe";
constexpr const char* kPkexec = "/usr/bin/pkexec";
constexpr const char* kRootHint = "run as root or use the GUI, which asks through pkexec";

// Effective capabilities of this process, from /proc/self/status's CapEff (hexadecimal).
std::uint64_t effectiveCapabilities(const std::string& procRoot) {
    std::ifstream status(procRoot + "/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with("CapEff:")) {
            return std::strtoull(line.c_str() + 7, nullptr, 16);
        }
    }
    return 0;
}

std::string exitText(int status) {
    if (WIFEXITED(status)) {
        return "exit status " + std::to_string(WEXITSTATUS(status));
    }
    if (WIFSIGNALED(status)) {
        return std::string("killed by signal ") + ::sigabbrev_np(WTERMSIG(status));
    }
    return "ended";
}

// A write to a probe that has died must fail with EPIPE, not kill us with SIGPIPE: SIGPIPE is
// blocked for this thread around the write and a pending one taken away.
ssize_t writeNoSigpipe(int fd, const void* data, std::size_t size) {
    sigset_t pipeOnly, old;
    sigemptyset(&pipeOnly);
    sigaddset(&pipeOnly, SIGPIPE);
    ::pthread_sigmask(SIG_BLOCK, &pipeOnly, &old);
    ssize_t n;
    do {
        n = ::write(fd, data, size);
    } while (n < 0 && errno == EINTR);
    const int err = errno;
    if (n < 0 && err == EPIPE) {
        const timespec zero{0, 0};
        ::sigtimedwait(&pipeOnly, nullptr, &zero);
    }
    ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
    errno = err;
    return n;
}

} // namespace

std::string directProbePrivilegeProblem(const std::string& procRoot) {
    if (::geteuid() == 0) {
        return {};
    }
    constexpr int capSysAdmin = 21, capPerfmon = 38, capBpf = 39;
    const std::uint64_t caps = effectiveCapabilities(procRoot);
    const auto has = [&](int cap) { return (caps >> cap) & 1u; };
    if (has(capSysAdmin) || (has(capBpf) && has(capPerfmon))) {
        return {};
    }
    return std::string("exact flow needs ipcscope-probe, which loads an eBPF program: that takes "
                       "root or the CAP_BPF and CAP_PERFMON capabilities, and this process has "
                       "neither (") +
           kRootHint + ")";
}

Result<std::unique_ptr<FlowProbeClient>>
FlowProbeClient::start(const FlowProbeClientOptions& options) {
    std::string path = options.probePath;
    if (path.empty()) {
        auto found = findHelperExecutable(kProbeName);
        if (!found) {
            return Error{found.error().message +
                         " (ipcscope-probe is only built where clang, bpftool, libbpf-dev and "
                         "/sys/kernel/btf/vmlinux are present: see scripts/deps.sh)"};
        }
        path = *found;
    } else if (::access(path.c_str(), X_OK) != 0) {
        return Error::fromErrno("cannot run the probe " + path);
    }
    if (options.launcher == ProbeLauncher::Direct) {
        if (auto problem = directProbePrivilegeProblem(); !problem.empty()) {
            return Error{problem};
        }
    } else if (::access(kPkexec, X_OK) != 0) {
        return Error{"exact flow needs administrator rights, asked for through polkit's pkexec, "
                     "which is not installed (install the polkit package, or run as root)"};
    }

    int in[2], out[2], err[2];
    if (::pipe2(in, O_CLOEXEC) != 0) {
        return Error::fromErrno("cannot create a pipe to the probe");
    }
    UniqueFd inRead(in[0]), inWrite(in[1]);
    if (::pipe2(out, O_CLOEXEC) != 0) {
        return Error::fromErrno("cannot create a pipe from the probe");
    }
    UniqueFd outRead(out[0]), outWrite(out[1]);
    if (::pipe2(err, O_CLOEXEC) != 0) {
        return Error::fromErrno("cannot create a pipe from the probe");
    }
    UniqueFd errRead(err[0]), errWrite(err[1]);

    SpawnRequest request;
    if (options.launcher == ProbeLauncher::Pkexec) {
        request.path = kPkexec;
        request.args = {path};
    } else {
        request.path = path;
    }
    // PR_SET_PDEATHSIG in the child; the probe sets its own as well, since pkexec's set-user-ID
    // exec clears the one set here.
    request.dieWithParent = true;
    // Out of the terminal's process group, so Ctrl-C stops the observer, which then ends the
    // probe in order; pkexec needs the terminal to ask for a password there.
    request.newSession = options.launcher == ProbeLauncher::Direct;
    request.stdinFd = inRead.get();
    request.stdoutFd = outWrite.get();
    request.stderrFd = errWrite.get();
    auto pid = spawnProcess(request);
    if (!pid) {
        return Error{pid.error().message};
    }
    std::unique_ptr<FlowProbeClient> client(new FlowProbeClient);
    client->m_pid = *pid;
    client->m_launcher = options.launcher;
    client->m_path = path;
    client->m_options = options;
    client->m_stdin = std::move(inWrite);
    client->m_stdout = std::move(outRead);
    client->m_stderr = std::move(errRead);
    inRead.reset();
    outWrite.reset();
    errWrite.reset();
    ::fcntl(client->m_stderr.get(), F_SETFL, O_NONBLOCK);

    const auto timeout = options.launcher == ProbeLauncher::Pkexec ? options.pkexecReadyTimeout
                                                                   : options.directReadyTimeout;
    const auto deadline = Clock::now() + timeout;
    const std::string waitingFor = options.launcher == ProbeLauncher::Pkexec
                                       ? "the probe to start through pkexec (waited " +
                                             std::to_string(timeout.count() / 1000) +
                                             " s for the password dialog to be answered)"
                                       : "the probe to load its eBPF program (waited " +
                                             std::to_string(timeout.count() / 1000) + " s)";
    for (;;) {
        auto line = client->readLine(deadline, waitingFor);
        if (!line) {
            return Error{line.error().message};
        }
        auto message = fp::parseMessage(*line);
        if (!message) {
            return Error{message.error().message};
        }
        if (const auto* ready = std::get_if<fp::Ready>(&*message)) {
            if (ready->version != fp::kProtocolVersion) {
                return Error{path + " speaks protocol " + std::to_string(ready->version) +
                             ", this ipcscope " + std::to_string(fp::kProtocolVersion) +
                             ": install matching versions"};
            }
            return client;
        }
        if (const auto* e = std::get_if<fp::ProbeError>(&*message)) {
            client->m_probeError = e->sentence;
        }
    }
}

FlowProbeClient::~FlowProbeClient() {
    if (m_pid > 0 && !m_reaped) {
        if (m_stdin) {
            const std::string quit = fp::formatCommand(fp::QuitCommand{});
            writeNoSigpipe(m_stdin.get(), quit.data(), quit.size());
        }
        reap(std::chrono::milliseconds(2000));
    }
}

Status FlowProbeClient::stop() {
    if (m_reaped) {
        return Ok{};
    }
    reap(std::chrono::milliseconds(2000));
    if (WIFEXITED(m_status) && WEXITSTATUS(m_status) == 0) {
        return Ok{};
    }
    return Error{"ipcscope-probe ended with " + exitText(m_status)};
}

void FlowProbeClient::reap(std::chrono::milliseconds grace) {
    m_stdin.reset(); // EOF: the probe exits, and with it everything it attached
    const auto deadline = Clock::now() + grace;
    while (!m_reaped) {
        const pid_t r = ::waitpid(m_pid, &m_status, WNOHANG);
        if (r == m_pid || (r < 0 && errno == ECHILD)) {
            m_reaped = true;
            break;
        }
        if (Clock::now() >= deadline) {
            // Through pkexec the probe is root's and this may be refused; its stdin's EOF and
            // its parent-death signal end it anyway.
            ::kill(m_pid, SIGKILL);
            while (::waitpid(m_pid, &m_status, 0) < 0 && errno == EINTR) {
            }
            m_reaped = true;
            break;
        }
        // Wait for output or hang-up on stdout (the probe closing it as it exits), briefly.
        pollfd p{m_stdout.get(), POLLIN, 0};
        if (::poll(&p, m_stdout ? 1 : 0, 10) > 0 && (p.revents & (POLLIN | POLLHUP))) {
            char sink[4096];
            if (::read(m_stdout.get(), sink, sizeof sink) <= 0) {
                m_stdout.reset();
            }
        }
    }
}

void FlowProbeClient::drainStderr() {
    char buffer[1024];
    ssize_t n;
    while (m_stderr && (n = ::read(m_stderr.get(), buffer, sizeof buffer)) > 0) {
        if (m_errorText.size() < 4096) {
            m_errorText.append(buffer, std::size_t(n));
        }
    }
}

std::string FlowProbeClient::whyItEnded(const std::string& what) {
    drainStderr();
    reap(std::chrono::milliseconds(2000));
    if (!m_probeError.empty()) {
        return m_probeError;
    }
    std::string stderrText = m_errorText;
    while (!stderrText.empty() && (stderrText.back() == '\n' || stderrText.back() == ' ')) {
        stderrText.pop_back();
    }
    if (m_launcher == ProbeLauncher::Pkexec && WIFEXITED(m_status)) {
        const int code = WEXITSTATUS(m_status);
        if (code == 126) {
            return "exact flow needs administrator rights, and the request through pkexec was "
                   "refused or dismissed (the /proc tier goes on)";
        }
        if (code == 127) {
            return "pkexec could not ask for administrator rights (no polkit authentication "
                   "agent running, or the password was wrong)" +
                   (stderrText.empty() ? std::string() : ": " + stderrText);
        }
    }
    return "ipcscope-probe (" + m_path + ") stopped " + what + " (" + exitText(m_status) + ")" +
           (stderrText.empty() ? std::string() : ": " + stderrText);
}

Result<std::string> FlowProbeClient::readLine(Clock::time_point deadline,
                                              const std::string& waitingFor) {
    for (;;) {
        if (const auto newline = m_pending.find('\n'); newline != std::string::npos) {
            std::string line = m_pending.substr(0, newline);
            m_pending.erase(0, newline + 1);
            return line;
        }
        if (!m_stdout) {
            return Error{whyItEnded("while ipcscope waited for " + waitingFor)};
        }
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) {
            return Error{"gave up waiting for " + waitingFor};
        }
        pollfd fds[2] = {{m_stdout.get(), POLLIN, 0}, {m_stderr.get(), POLLIN, 0}};
        const int ready =
            ::poll(fds, m_stderr ? 2 : 1, int(std::min<long long>(left.count(), 250)));
        if (ready < 0 && errno != EINTR) {
            return Error::fromErrno("cannot wait for the probe");
        }
        if (m_stderr && (fds[1].revents & (POLLIN | POLLHUP))) {
            drainStderr();
            if (fds[1].revents & POLLHUP && !(fds[1].revents & POLLIN)) {
                m_stderr.reset();
            }
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            char buffer[16384];
            const ssize_t n = ::read(m_stdout.get(), buffer, sizeof buffer);
            if (n > 0) {
                m_pending.append(buffer, std::size_t(n));
            } else if (n == 0 || errno != EINTR) {
                m_stdout.reset();
            }
        }
    }
}

Status FlowProbeClient::send(const fp::ProbeCommand& command) {
    if (m_reaped || !m_stdin) {
        return Error{whyItEnded("earlier in this observation")};
    }
    const std::string line = fp::formatCommand(command);
    if (writeNoSigpipe(m_stdin.get(), line.data(), line.size()) != ssize_t(line.size())) {
        return Error{whyItEnded("in the middle of the observation")};
    }
    return Ok{};
}

Status FlowProbeClient::watch(pid_t tgid, bool followChildren) {
    return send(fp::WatchCommand{tgid, followChildren ? 1u : 0u});
}

Status FlowProbeClient::unwatch(pid_t tgid) {
    return send(fp::UnwatchCommand{tgid});
}

Status FlowProbeClient::configure(std::uint64_t minWaitNs, std::uint64_t eventThresholdNs) {
    return send(fp::ConfigCommand{minWaitNs, eventThresholdNs});
}

Result<ProbeSample> FlowProbeClient::sample() {
    ProbeSample s;
    s.seq = ++m_seq;
    if (auto sent = send(fp::SampleCommand{s.seq}); !sent) {
        return Error{sent.error().message};
    }
    const auto deadline = Clock::now() + m_options.sampleTimeout;
    const std::string waitingFor = "the probe's counters (sample " + std::to_string(s.seq) + ")";
    s.waits = std::move(m_waits);
    m_waits.clear();
    for (;;) {
        auto line = readLine(deadline, waitingFor);
        if (!line) {
            return Error{line.error().message};
        }
        auto message = fp::parseMessage(*line);
        if (!message) {
            return Error{message.error().message};
        }
        if (auto* c = std::get_if<fp::FlowCounter>(&*message)) {
            s.counters.push_back(*c);
        } else if (auto* w = std::get_if<fp::WaitEvent>(&*message)) {
            s.waits.push_back(*w);
        } else if (auto* g = std::get_if<fp::Gone>(&*message)) {
            s.gone.push_back(g->tgid);
        } else if (auto* e = std::get_if<fp::ProbeError>(&*message)) {
            return Error{"ipcscope-probe: " + e->sentence};
        } else if (auto* end = std::get_if<fp::SampleEnd>(&*message)) {
            if (end->seq != s.seq) {
                return Error{"the probe answered sample " + std::to_string(end->seq) +
                             " when sample " + std::to_string(s.seq) + " was asked for"};
            }
            s.nowNs = end->nowNs;
            s.droppedCounters = end->droppedCounters;
            s.droppedEvents = end->droppedEvents;
            return s;
        }
    }
}

} // namespace ipcscope
