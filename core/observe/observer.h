#pragma once

// Samples the selected processes into Observations, one per interval, and turns each into the
// graph-shaped Frame the Lab's views draw (DESIGN.md §7). Qt-free; the GUI drives it from a
// thread, the CLI from its loop.

#include "flowprobeclient.h"
#include "observation.h"
#include "procscan.h"

#include "base/result.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace ipcscope {

// The eBPF tier (DESIGN.md §7, ipcscope-probe): off, used when it can start (else the /proc
// tier goes on and Observation::tierNote says why), or required (sample() fails without it).
enum class ExactFlowMode : std::uint8_t { Off, Auto, Required };

struct ObserveOptions {
    ProcessSelection selection;
    // false: only channels between the selected processes (one of them can send and another
    // receive, or a selected thread waits on it: a process often holds dozens of unrelated
    // pipes, and a stdout pipe that several write to joins none of them); true: all they hold.
    bool allChannels = false;
    std::chrono::milliseconds interval{100};
    ProcScanOptions scan;
    // msgrcv(MSG_COPY) peeks per queue with a msgrcv waiter, to count its messages by type.
    std::size_t maxPeekedMessages = 4096;
    ExactFlowMode exactFlow = ExactFlowMode::Off;
    ProbeLauncher launcher = ProbeLauncher::Direct;
    std::string probePath; // empty: next to the running program, else in the install's libexec
    // Waits this long are reported one by one with who woke them (Observation::wakes).
    std::chrono::nanoseconds wakeThreshold{std::chrono::milliseconds(1)};
};

class Observer {
public:
    explicit Observer(ObserveOptions options);
    ~Observer();
    Observer(const Observer&) = delete;
    Observer& operator=(const Observer&) = delete;

    const ObserveOptions& options() const;
    // Reads everything now: processes, channels, waits, verdicts.
    Observation sample();
    // The same into `into`, reusing the storage the last sample left there (its processes'
    // strings and vectors): a loop that samples into one Observation allocates far less.
    void sample(Observation& into);
    // The same, failing with the sentence when exactFlow is Required and the eBPF tier cannot
    // run (not built, no privilege, refused, no BTF, the probe died).
    Result<Observation> trySample();
    Status trySample(Observation& into);
    // With the eBPF tier running: per object and per process, everything moved since the
    // observation began, including what processes that have exited moved (empty otherwise).
    std::map<ObjectRef, ExactFlow> exactTotals() const;
    std::map<pid_t, ExactFlow> exactProcessTotals() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// Runs `work` inside the IPC namespace of process `member` (a container's), on a short-lived
// thread that enters it: setns(CLONE_NEWIPC) acts on the calling thread only, so System V calls
// and /proc/sysvipc opened there see that namespace's objects while the rest of the program
// stays where it is. Fails with a sentence when the namespace cannot be entered.
Status inIpcNamespaceOf(pid_t member, const std::function<void()>& work,
                        const std::string& procRoot = "/proc");

// The words a person reads for one wait: "waits in msgrcv for type 3 on sysv-msg 5 · at least
// 4.2 s". Empty when the thread does not wait.
std::string describeWait(const ObservedThread& thread);

// The Frame the views draw: one ProcessFrame per thread (tid set for multi-threaded
// processes), one ChannelFrame per channel, an endpoint per end, deadlocks by index.
Frame observationFrame(const Observation& observation);
// The same into `into`, reusing its vectors and process entries' strings.
void observationFrame(const Observation& observation, Frame& into);

} // namespace ipcscope
