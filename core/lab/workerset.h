#pragma once

// The run's worker processes: who they are (role, index, telemetry slot, pid), starting them,
// reaping them, signalling and killing them, and making sure none outlives the run.
//
// The set knows processes, not the run: what its calls mean to the user (a worker killed by a
// signal, one the lab had to kill) comes back as the workers concerned, and the caller says it.

#include "base/result.h"
#include "lab/framereader.h"

#include <span>
#include <string>
#include <vector>

namespace ipcscope {

class Channel;

class WorkerSet {
public:
    using Worker = FrameReader::Worker;

    WorkerSet() = default;
    ~WorkerSet() { killRemaining(); }
    WorkerSet(const WorkerSet&) = delete;
    WorkerSet& operator=(const WorkerSet&) = delete;

    // Starts the workers of `config` over `channel`, consumers first so that they are ready (or
    // waiting) before the first message is sent. Each inherits the telemetry descriptor and its
    // channel ends. On failure the ones already started stay in the set (killRemaining() ends
    // them).
    Status start(const std::string& workerPath, const RunConfig& config, const Channel& channel,
                 int telemetryFd);

    // Reaps the workers that have exited (never blocks) and records how, with their CPU time.
    // Returns the newly reaped ones that a signal killed without the lab asking: a crash, or a
    // kill from outside.
    std::vector<Worker> reap();

    void signalLive(Role role, int sig);
    void signalEveryLive(int sig);
    // SIGKILLs the live workers of `role` (they ignored the stop) and marks them killed by the
    // lab; returns them.
    std::vector<Worker> killLive(Role role);
    // SIGKILLs every live worker as a crash would: not marked as killed by the lab.
    void killEveryLive();
    bool allExited(Role role) const;

    // Kills what still runs and waits for it (teardown): no worker outlives the set.
    void killRemaining();

    // Slot order (producers, then consumers): the table FrameReader reads.
    std::span<const Worker> table() const { return m_workers; }
    std::vector<pid_t> pids() const;

private:
    static bool live(const Worker& w) { return !w.exit && w.pid > 0; }
    static void sigkill(pid_t pid); // also SIGCONT, so a paused worker dies now

    std::vector<Worker> m_workers;
    std::vector<bool> m_killedByLab; // per slot
};

} // namespace ipcscope
