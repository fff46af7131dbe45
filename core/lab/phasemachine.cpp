#include "phasemachine.h"

#include "base/format.h"
#include "telemetry/telemetry.h"

#include <algorithm>
#include <csignal>

namespace ipcscope {

PhaseMachine::PhaseMachine(const RunConfig& config, Limits limits, std::uint64_t startNs,
                           TelemetryHeader& flags, Plant& plant)
    : m_config(config)
    , m_limits(limits)
    , m_startNs(startNs)
    , m_flags(flags)
    , m_plant(plant)
    , m_lastReceivedAtNs(startNs) {}

std::uint64_t PhaseMachine::runningElapsed(std::uint64_t nowNs) const {
    const std::uint64_t paused = m_pausedTotalNs + (m_paused ? nowNs - m_pausedAtNs : 0);
    return nowNs - m_startNs - paused;
}

bool PhaseMachine::due(double afterS, std::uint64_t nowNs) const {
    return double(runningElapsed(nowNs)) >= afterS * 1e9;
}

// How long the drain may see no progress before giving up on the rest: a deliberately slow
// consumer (a lesson at one message every few seconds) gets time for a few messages.
std::uint64_t PhaseMachine::drainPatienceNs() const {
    const double perMessageNs = m_config.consumerRate > 0 ? 1e9 / m_config.consumerRate : 0;
    return std::max(m_limits.drainPatienceNs, std::uint64_t(3 * perMessageNs));
}

void PhaseMachine::pause(std::uint64_t nowNs) {
    if (m_paused || m_phase == RunPhase::Finished) {
        return;
    }
    m_plant.signalEveryLive(SIGSTOP);
    m_paused = true;
    m_pausedAtNs = nowNs;
}

void PhaseMachine::resume(std::uint64_t nowNs) {
    if (!m_paused) {
        return;
    }
    m_plant.signalEveryLive(SIGCONT);
    m_pausedTotalNs += nowNs - m_pausedAtNs;
    m_paused = false;
}

void PhaseMachine::requestStop(std::uint64_t nowNs) {
    if (m_phase != RunPhase::Finished) {
        beginStop(nowNs);
    }
}

// Every stop is a fast one: consumers stop keeping to their rate and drain what is queued, so
// Stop (or the duration's end) is not followed by minutes of a slow consumer's backlog.
void PhaseMachine::beginStop(std::uint64_t nowNs) {
    resume(nowNs); // a stopped worker cannot see the stop
    m_plant.releaseHeldWorkers();
    if (!m_stopRequested) {
        m_stopRequested = true;
        m_stopAtNs = nowNs;
        m_flags.stopRequested.store(1, std::memory_order_release);
        if (m_phase == RunPhase::Running) {
            m_phase = RunPhase::Stopping;
        }
        m_flags.ignoreRate.store(1, std::memory_order_release);
        m_plant.signalLive(Role::Consumer, SIGUSR1);
    }
    m_plant.signalLive(Role::Producer, SIGUSR1); // wakes a producer sleeping to keep its rate
}

void PhaseMachine::killLive(Role role, std::uint64_t nowNs) {
    for (const FrameReader::Worker& w : m_plant.killLive(role)) {
        m_plant.note(nowNs, int(w.slot),
                     w.id.name() + " did not stop within " +
                         formatDurationNs(m_limits.killDeadlineNs) + "; killed it");
    }
}

void PhaseMachine::advance(const Frame& f, std::uint64_t nowNs) {
    if (m_phase == RunPhase::Finished || m_paused) {
        return;
    }
    trackProgress(f.totals, nowNs);
    reportStall(f, nowNs);
    stopWhenDue(nowNs);
    removeWhileAttachedWhenDue(nowNs);
    if (m_config.scenario.crashAfterS > 0 && !m_stopRequested && crashHold(nowNs)) {
        return; // the crashed run's objects stay until Stop or the duration's end
    }
    if (m_phase == RunPhase::Stopping) {
        // Repeated: a nudge can land just before a blocking call and be missed.
        m_plant.signalLive(Role::Producer, SIGUSR1);
        if (nowNs - m_stopAtNs > m_limits.killDeadlineNs) {
            killLive(Role::Producer, nowNs);
        }
    }
    if ((m_phase == RunPhase::Running || m_phase == RunPhase::Stopping) &&
        m_plant.allExited(Role::Producer)) {
        m_phase = RunPhase::Draining;
        m_lastReceivedAtNs = nowNs;
    }
    if (m_phase == RunPhase::Draining) {
        drain(f.totals, nowNs);
    }
}

void PhaseMachine::trackProgress(const Totals& t, std::uint64_t nowNs) {
    const bool moved = t.messagesReceived != m_lastReceived || t.messagesSent != m_lastSent;
    if (t.messagesReceived != m_lastReceived) {
        m_lastReceivedAtNs = nowNs;
    }
    if (moved || m_lastMovedAtNs == 0) {
        m_lastMovedAtNs = nowNs;
        m_stallReported = false;
    }
    m_lastReceived = t.messagesReceived;
    m_lastSent = t.messagesSent;
}

void PhaseMachine::stopWhenDue(std::uint64_t nowNs) {
    if (m_phase != RunPhase::Running) {
        return;
    }
    const double duration = m_config.effectiveDurationS();
    if (duration > 0 && due(duration, nowNs)) {
        beginStop(nowNs);
    } else if (!m_crashed && m_plant.allExited(Role::Consumer) &&
               !m_plant.allExited(Role::Producer)) {
        // Nobody left to receive: producers would wait forever. (After the classroom's crash
        // every worker is dying anyway, and the run holds its objects instead.)
        m_plant.note(nowNs, -1, "every consumer has exited; stopping the producers");
        beginStop(nowNs);
    }
}

void PhaseMachine::removeWhileAttachedWhenDue(std::uint64_t nowNs) {
    if (m_config.scenario.removeWhileAttachedS <= 0 || m_removedWhileAttached ||
        m_phase != RunPhase::Running || !due(m_config.scenario.removeWhileAttachedS, nowNs)) {
        return;
    }
    m_removedWhileAttached = true;
    if (auto attached = m_plant.removeWhileAttached(); attached) {
        m_attachedWhenRemoved = *attached;
        m_plant.note(nowNs, -1,
                     "the segment was removed (IPC_RMID) while " + std::to_string(*attached) +
                         " processes are attached: it is destroy-pending and lives on until the "
                         "last one detaches");
    } else {
        m_plant.note(nowNs, -1, attached.error().message);
    }
}

// The classroom's crash: every worker is killed at crashAfterS, as if the programs had crashed;
// the lab keeps the objects (as nobody would remove them) until the run is stopped. Returns
// true while the run holds.
bool PhaseMachine::crashHold(std::uint64_t nowNs) {
    if (!m_crashed) {
        if (!due(m_config.scenario.crashAfterS, nowNs)) {
            return false;
        }
        m_crashed = true;
        m_plant.killEveryLive();
        m_plant.note(nowNs, -1, "every worker was killed with SIGKILL, as in a crash");
    }
    if (!m_objectsOutlivingWorkers && m_plant.allExited(Role::Producer) &&
        m_plant.allExited(Role::Consumer)) {
        const std::uint32_t alive = m_plant.objectsAlive();
        m_objectsOutlivingWorkers = alive;
        m_plant.note(nowNs, -1,
                     std::to_string(alive) +
                         " kernel object(s) of the run outlive every process that used them; "
                         "they stay until someone removes them (Stop removes them)");
    }
    return true;
}

void PhaseMachine::drain(const Totals& t, std::uint64_t nowNs) {
    const std::uint64_t delivered = t.delivered();
    // A reader that keeps a write end open (the classroom's pitfall) never sees EOF: it is left
    // waiting, as the real program would be, until the patience runs out.
    const bool allDelivered = delivered >= t.messagesSent && !m_config.scenario.readerKeepsWriteEnd;
    if (!m_drainRequested &&
        (m_stopRequested || allDelivered || nowNs - m_lastReceivedAtNs > drainPatienceNs() ||
         m_plant.allExited(Role::Consumer))) {
        m_drainRequested = true;
        m_drainAtNs = nowNs;
        m_flags.drainRequested.store(1, std::memory_order_release);
        m_flags.ignoreRate.store(1, std::memory_order_release);
    }
    if (m_drainRequested) {
        m_plant.signalLive(Role::Consumer, SIGUSR1);
        if (nowNs - m_drainAtNs > m_limits.killDeadlineNs) {
            killLive(Role::Consumer, nowNs);
        }
    }
    if (m_plant.allExited(Role::Consumer)) {
        m_phase = RunPhase::Finished;
    }
}

// Nothing moves and every live worker waits in a call: say so once, in words. Deadlocks are a
// lesson, so the run is not ended: Stop (or the duration) ends it cleanly.
void PhaseMachine::reportStall(const Frame& f, std::uint64_t nowNs) {
    if (m_stallReported || nowNs - m_lastMovedAtNs < m_limits.stallReportNs) {
        return;
    }
    int live = 0;
    for (const ProcessFrame& w : f.processes) {
        if (w.exit) {
            continue;
        }
        ++live;
        if (w.state != WorkerState::Blocked) {
            return;
        }
    }
    if (live == 0) {
        return;
    }
    m_stallReported = true;
    m_deadlockAtS = double(nowNs - m_startNs) / 1e9;
    m_plant.note(nowNs, -1,
                 "no message has moved for " + formatDurationNs(nowNs - m_lastMovedAtNs) +
                     " and every worker is waiting in a call: this run is deadlocked (Stop ends "
                     "it)");
}

} // namespace ipcscope
