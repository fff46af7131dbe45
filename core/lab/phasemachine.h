#pragma once

// A run's phases: running -> stopping -> draining -> finished. It decides when to stop (the
// duration's end, a Stop, no consumer left), when the consumers may drain without waiting, how
// long to wait for workers that ignore the stop before killing them, and it notices what a user
// must be told about the run as a whole (a deadlock, the classroom's crash and
// remove-while-attached). Pauses do not count as run time.
//
// It is driven by frames and a clock value, and acts through a narrow Plant (the workers, the
// channel, a sink for events) and the telemetry header's control flags: tests drive it with
// hand-made frames and a fake plant, with no process started.

#include "base/result.h"
#include "lab/frame.h"
#include "lab/framereader.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ipcscope {

struct TelemetryHeader;

class PhaseMachine {
public:
    // What the machine acts on. Run implements it over its WorkerSet, channel and events.
    class Plant {
    public:
        virtual bool allExited(Role role) const = 0;
        virtual void signalLive(Role role, int sig) = 0;
        virtual void signalEveryLive(int sig) = 0;
        // SIGKILL the live workers of `role`; returns those it killed.
        virtual std::vector<FrameReader::Worker> killLive(Role role) = 0;
        virtual void killEveryLive() = 0;      // the classroom's crash
        virtual void releaseHeldWorkers() = 0; // step mode off: a held worker must see the stop
        virtual Result<std::uint32_t> removeWhileAttached() = 0;
        virtual std::uint32_t objectsAlive() const = 0; // the channel's objects still in the kernel
        // A lab event at `nowNs` about the worker in `slot` (-1: the run as a whole).
        virtual void note(std::uint64_t nowNs, int slot, std::string text) = 0;

    protected:
        ~Plant() = default;
    };

    struct Limits {
        std::uint64_t killDeadlineNs = 0;  // stop (or drain) ignored this long: kill
        std::uint64_t drainPatienceNs = 0; // draining without progress this long: stop waiting
        std::uint64_t stallReportNs = 0;   // nothing moves and all wait this long: deadlock
    };

    // `flags` is the run's telemetry header; it and `plant` must outlive the machine.
    PhaseMachine(const RunConfig& config, Limits limits, std::uint64_t startNs,
                 TelemetryHeader& flags, Plant& plant);

    // One step, after each frame is read: tracks progress and moves the phase on.
    void advance(const Frame& frame, std::uint64_t nowNs);

    // Producers finish, consumers drain without keeping to their rate, then the run ends.
    void requestStop(std::uint64_t nowNs);
    void pause(std::uint64_t nowNs);  // SIGSTOP every live worker; run time stops counting
    void resume(std::uint64_t nowNs); // SIGCONT

    RunPhase phase() const { return m_phase; }
    bool paused() const { return m_paused; }
    bool stopRequested() const { return m_stopRequested; }
    bool drainRequested() const { return m_drainRequested; }
    std::uint64_t runningElapsed(std::uint64_t nowNs) const; // since the start, pauses left out

    // For the report.
    std::optional<double> deadlockAtS() const { return m_deadlockAtS; }
    std::optional<std::uint32_t> objectsOutlivingWorkers() const {
        return m_objectsOutlivingWorkers;
    }
    std::optional<std::uint32_t> attachedWhenRemoved() const { return m_attachedWhenRemoved; }

private:
    void beginStop(std::uint64_t nowNs);
    void trackProgress(const Totals& totals, std::uint64_t nowNs);
    void reportStall(const Frame& frame, std::uint64_t nowNs);
    void stopWhenDue(std::uint64_t nowNs);
    void removeWhileAttachedWhenDue(std::uint64_t nowNs);
    bool crashHold(std::uint64_t nowNs);
    void drain(const Totals& totals, std::uint64_t nowNs);
    void killLive(Role role, std::uint64_t nowNs);
    std::uint64_t drainPatienceNs() const;
    bool due(double afterS, std::uint64_t nowNs) const;

    RunConfig m_config;
    Limits m_limits;
    std::uint64_t m_startNs;
    TelemetryHeader& m_flags;
    Plant& m_plant;

    RunPhase m_phase = RunPhase::Running;
    bool m_stopRequested = false;
    std::uint64_t m_stopAtNs = 0;
    bool m_drainRequested = false;
    std::uint64_t m_drainAtNs = 0;

    std::uint64_t m_lastReceived = 0;
    std::uint64_t m_lastSent = 0;
    std::uint64_t m_lastReceivedAtNs;  // drain patience counts from here
    std::uint64_t m_lastMovedAtNs = 0; // stall report counts from here; 0 until the first frame
    bool m_stallReported = false;
    std::optional<double> m_deadlockAtS; // when every worker was seen waiting, nothing moving

    bool m_crashed = false; // the classroom's crash happened
    std::optional<std::uint32_t> m_objectsOutlivingWorkers;
    bool m_removedWhileAttached = false;
    std::optional<std::uint32_t> m_attachedWhenRemoved;

    bool m_paused = false;
    std::uint64_t m_pausedAtNs = 0;
    std::uint64_t m_pausedTotalNs = 0;
};

} // namespace ipcscope
