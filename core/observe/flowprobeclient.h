#pragma once

// The observer's side of ipcscope-probe (the eBPF tier, DESIGN.md §7): starts the privileged
// helper as a child (directly when we are root or hold CAP_BPF and CAP_PERFMON, else through
// polkit's pkexec), talks to it over its stdin and stdout (flowprobe/probeprotocol.h), and turns
// every way it can fail into a sentence a person can act on. Qt-free.

#include "flowprobe/probeprotocol.h"

#include "base/result.h"
#include "base/uniquefd.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

namespace ipcscope {

// How the probe is started: as a child (root, or CAP_BPF and CAP_PERFMON), or through polkit's
// pkexec, which asks the desktop user for a password (the GUI).
enum class ProbeLauncher : std::uint8_t { Direct, Pkexec };

struct FlowProbeClientOptions {
    ProbeLauncher launcher = ProbeLauncher::Direct;
    std::string probePath; // empty: next to the running program, else in the install's libexec
    // How long to wait for the probe's `ready`. Loading the eBPF program takes well under a
    // second; through pkexec a person may be typing a password, so that wait is long (two
    // minutes, polkit's own limit is similar) but still bounded.
    std::chrono::milliseconds directReadyTimeout{10'000};
    std::chrono::milliseconds pkexecReadyTimeout{120'000};
    // How long one sample's answer may take (the counter map is read in a few milliseconds).
    std::chrono::milliseconds sampleTimeout{5'000};
};

// One sample's answer: every counter (cumulative since its tgid was watched), the long waits
// that ended since the previous sample, and the watched processes that have gone (their
// counters were told for the last time).
struct ProbeSample {
    std::uint64_t seq = 0;
    std::uint64_t nowNs = 0; // CLOCK_MONOTONIC, the probe's clock
    std::vector<flowprobe::FlowCounter> counters;
    std::vector<flowprobe::WaitEvent> waits;
    std::vector<pid_t> gone;
    std::uint64_t droppedCounters = 0;
    std::uint64_t droppedEvents = 0;
};

// Why the probe cannot be started directly, or empty when it can: not root and without
// CAP_BPF and CAP_PERFMON (or CAP_SYS_ADMIN) in the effective set.
std::string directProbePrivilegeProblem(const std::string& procRoot = "/proc");

class FlowProbeClient {
public:
    // Starts the probe and waits for its `ready`; fails with a sentence.
    static Result<std::unique_ptr<FlowProbeClient>> start(const FlowProbeClientOptions& options);
    // Says `quit`, closes its stdin and reaps it (killed after a short deadline if it will not go).
    ~FlowProbeClient();
    FlowProbeClient(const FlowProbeClient&) = delete;
    FlowProbeClient& operator=(const FlowProbeClient&) = delete;

    pid_t pid() const { return m_pid; }
    const std::string& path() const { return m_path; }

    Status watch(pid_t tgid, bool followChildren);
    Status unwatch(pid_t tgid);
    Status configure(std::uint64_t minWaitNs, std::uint64_t eventThresholdNs);
    // Asks for every counter and reads until the matching `end`.
    Result<ProbeSample> sample();
    // Closes the probe's stdin and waits for it to exit; the sentence says how it ended.
    Status stop();

private:
    FlowProbeClient() = default;
    Status send(const flowprobe::ProbeCommand& command);
    // The next line from the probe, waiting until `deadline`; stderr is drained meanwhile.
    Result<std::string> readLine(std::chrono::steady_clock::time_point deadline,
                                 const std::string& waitingFor);
    // Why the probe stopped talking: its `error` line, pkexec's refusal, or how it exited.
    std::string whyItEnded(const std::string& what);
    void drainStderr();
    void reap(std::chrono::milliseconds grace);

    pid_t m_pid = -1;
    bool m_reaped = false;
    int m_status = 0;
    ProbeLauncher m_launcher = ProbeLauncher::Direct;
    std::string m_path;
    UniqueFd m_stdin;
    UniqueFd m_stdout;
    UniqueFd m_stderr;
    std::string m_pending;                     // read from stdout, not yet a whole line
    std::string m_errorText;                   // what arrived on stderr (pkexec's own complaints)
    std::string m_probeError;                  // the last `error` line
    std::vector<flowprobe::WaitEvent> m_waits; // arrived outside a sample
    std::uint64_t m_seq = 0;
    FlowProbeClientOptions m_options;
};

} // namespace ipcscope
