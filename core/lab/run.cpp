#include "run.h"

#include "lab/framereader.h"
#include "lab/notableevents.h"
#include "lab/spawn.h"

#include "base/clock.h"
#include "base/format.h"
#include "base/naming.h"
#include "base/privatedir.h"
#include "base/uniquefd.h"
#include "mechanisms/validate.h"
#include "workerargs/workerargs.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace ipcscope {

namespace {

std::atomic<std::uint32_t> g_nextRunId{1};

int pidfdOpen(pid_t pid) {
    return int(::syscall(SYS_pidfd_open, pid, 0));
}

} // namespace

struct Run::Impl {
    struct Worker {
        Role role = Role::Producer;
        std::uint32_t index = 0;
        std::uint32_t slot = 0;
        pid_t pid = 0;
        std::optional<WorkerExitInfo> exit;
        bool killedByLab = false;
    };

    RunConfig config;
    LabOptions options;
    KernelLimits limits;
    std::vector<std::string> warnings;
    RunContext context;
    bool runDirCreated = false;
    pid_t guardian = 0;
    UniqueFd guardianPidfd;
    UniqueFd lifeline; // write end; the guardian acts when it closes without a clean finish
    std::unique_ptr<Channel> channel;
    TelemetryRegion telemetry;
    std::vector<Worker> workers;
    std::optional<FrameReader> reader; // once the channel and the telemetry exist

    std::uint64_t startNs = 0;
    RunPhase phase = RunPhase::Running;
    bool stopRequested = false;
    std::uint64_t stopAtNs = 0;
    bool fastDrain = false;
    bool drainRequested = false;
    std::uint64_t drainAtNs = 0;
    std::uint64_t lastReceived = 0;
    std::uint64_t lastProgressNs = 0;
    std::uint64_t lastSent = 0;
    std::uint64_t lastAnyProgressNs = 0;
    bool stallReported = false;
    std::optional<double> deadlockAtS; // when every worker was seen waiting with nothing moving
    bool crashed = false;              // the classroom's crash happened
    std::optional<std::uint32_t> objectsOutlivingWorkers;
    bool removedWhileAttached = false;
    std::optional<std::uint32_t> attachedWhenRemoved;
    bool isPaused = false;
    std::uint64_t pausedAtNs = 0;
    std::uint64_t pausedTotalNs = 0;
    std::uint64_t stepsGranted = 0; // Step presses that let the workers go on
    std::uint64_t maxDepth = 0;
    NotableEvents notableEvents;
    std::vector<RunEvent> pendingLabEvents; // for the next frame's newEvents
    Frame lastFrame;
    std::optional<RunReport> report;
    bool cleanedUp = false;

    ~Impl() { teardown(); }

    std::string manifestPath() const { return context.runDir + "/manifest"; }

    Status writeRunManifest() {
        RunManifest m;
        m.labPid = context.labPid;
        m.labStartTime = processStartTime(context.labPid).value_or(0);
        if (channel) {
            m.objects = channel->objects();
        }
        return writeManifest(manifestPath(), m);
    }

    Status startGuardian(const std::string& workerPath) {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) {
            return Error::fromErrno("cannot create the guardian's pipe");
        }
        UniqueFd readEnd(fds[0]);
        lifeline.reset(fds[1]);
        SpawnRequest req{workerPath,
                         {"--guardian", context.runDir, std::to_string(context.labPid)},
                         {readEnd.get()},
                         false,
                         true};
        auto pid = spawnProcess(req);
        if (!pid) {
            lifeline.reset();
            return pid.error();
        }
        guardian = *pid;
        guardianPidfd.reset(pidfdOpen(guardian));
        return Ok{};
    }

    void signalLive(Role role, int sig) {
        for (const auto& w : workers) {
            if (w.role == role && !w.exit && w.pid > 0) {
                ::kill(w.pid, sig);
            }
        }
    }

    void killLive(Role role) {
        for (auto& w : workers) {
            if (w.role == role && !w.exit && w.pid > 0) {
                w.killedByLab = true;
                ::kill(w.pid, SIGCONT);
                ::kill(w.pid, SIGKILL);
                addLabEvent(monotonicNs(), int(w.slot),
                            std::string(roleName(w.role)) + " " + std::to_string(w.index) +
                                " did not stop within " + formatDurationNs(options.killDeadlineNs) +
                                "; killed it");
            }
        }
    }

    bool allExited(Role role) const {
        for (const auto& w : workers) {
            if (w.role == role && !w.exit) {
                return false;
            }
        }
        return true;
    }

    void addLabEvent(std::uint64_t nowNs, int slot, std::string text) {
        RunEvent e;
        e.timeNs = nowNs - startNs;
        e.worker = slot;
        e.text = std::move(text);
        notableEvents.add(e);
        pendingLabEvents.push_back(std::move(e));
    }

    void reap(std::uint64_t nowNs) {
        for (auto& w : workers) {
            if (w.exit || w.pid <= 0) {
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
            info.killedByLab = w.killedByLab;
            if (r > 0) {
                info.cpuNs =
                    std::uint64_t(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1'000'000'000u +
                    std::uint64_t(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1'000u;
            }
            w.exit = info;
            if (info.signaled && !w.killedByLab) {
                addLabEvent(nowNs, int(w.slot),
                            std::string(roleName(w.role)) + " " + std::to_string(w.index) +
                                " (pid " + std::to_string(w.pid) + ") was " + info.describe());
            }
        }
    }

    Frame buildFrame(std::uint64_t nowNs) {
        std::vector<FrameReader::Worker> table;
        table.reserve(workers.size());
        for (const auto& w : workers) {
            table.push_back({{w.role, w.index}, w.slot, w.pid, w.exit});
        }
        Frame f = reader->read(telemetry.view(), table, nowNs - startNs, isPaused);
        f.phase = phase;
        for (const RunEvent& e : f.newEvents) {
            notableEvents.add(e); // counted; the report keeps the most recent of each kind
        }
        maxDepth = std::max(maxDepth, f.channels.front().depth);
        return f;
    }

    // How long the drain may see no progress before giving up on the rest: a deliberately slow
    // consumer (a lesson at one message every few seconds) gets time for a few messages.
    std::uint64_t drainPatienceNs() const {
        const double perMessageNs = config.consumerRate > 0 ? 1e9 / config.consumerRate : 0;
        return std::max(options.drainPatienceNs, std::uint64_t(3 * perMessageNs));
    }

    std::uint64_t runningElapsed(std::uint64_t nowNs) const {
        const std::uint64_t paused = pausedTotalNs + (isPaused ? nowNs - pausedAtNs : 0);
        return nowNs - startNs - paused;
    }

    void beginStop(std::uint64_t nowNs, bool fast) {
        if (isPaused) {
            resumeWorkers(nowNs);
        }
        setStepMode(false); // a held worker must see the stop
        if (!stopRequested) {
            stopRequested = true;
            stopAtNs = nowNs;
            telemetry.view().header().stopRequested.store(1, std::memory_order_release);
            if (phase == RunPhase::Running) {
                phase = RunPhase::Stopping;
            }
        }
        if (fast && !fastDrain) {
            fastDrain = true;
            telemetry.view().header().ignoreRate.store(1, std::memory_order_release);
            signalLive(Role::Consumer, SIGUSR1);
        }
        signalLive(Role::Producer, SIGUSR1);
    }

    void setStepMode(bool on) {
        if (!telemetry.valid()) {
            return;
        }
        const TelemetryView& view = telemetry.view();
        view.header().stepMode.store(on ? 1 : 0, std::memory_order_release);
        if (!on) {
            for (const auto& w : workers) {
                futexWakeAll(view.slot(w.slot).stepsGranted);
            }
        }
    }

    void resumeWorkers(std::uint64_t nowNs) {
        if (!isPaused) {
            return;
        }
        signalLive(Role::Producer, SIGCONT);
        signalLive(Role::Consumer, SIGCONT);
        pausedTotalNs += nowNs - pausedAtNs;
        isPaused = false;
    }

    void advance(const Frame& f, std::uint64_t nowNs) {
        if (phase == RunPhase::Finished || isPaused) {
            return;
        }
        const Totals& t = f.totals;
        const bool moved = t.messagesReceived != lastReceived || t.messagesSent != lastSent;
        if (t.messagesReceived != lastReceived) {
            lastProgressNs = nowNs;
        }
        if (moved || lastAnyProgressNs == 0) {
            lastAnyProgressNs = nowNs;
            stallReported = false;
        }
        lastReceived = t.messagesReceived;
        lastSent = t.messagesSent;
        reportStall(f, nowNs);
        if (phase == RunPhase::Running) {
            const double duration = config.effectiveDurationS();
            if (duration > 0 && double(runningElapsed(nowNs)) >= duration * 1e9) {
                beginStop(nowNs, true);
            } else if (!crashed && allExited(Role::Consumer) && !allExited(Role::Producer)) {
                // Nobody left to receive: producers would wait forever. (After the classroom's
                // crash every worker is dying anyway, and the run holds its objects instead.)
                addLabEvent(nowNs, -1, "every consumer has exited; stopping the producers");
                beginStop(nowNs, true);
            }
        }
        if (config.scenario.removeWhileAttachedS > 0 && !removedWhileAttached && channel &&
            phase == RunPhase::Running &&
            double(runningElapsed(nowNs)) >= config.scenario.removeWhileAttachedS * 1e9) {
            removedWhileAttached = true;
            if (auto attached = channel->removeWhileAttached(); attached) {
                attachedWhenRemoved = *attached;
                addLabEvent(nowNs, -1,
                            "the segment was removed (IPC_RMID) while " +
                                std::to_string(*attached) +
                                " processes are attached: it is destroy-pending and lives on "
                                "until the last one detaches");
            } else {
                addLabEvent(nowNs, -1, attached.error().message);
            }
        }
        if (config.scenario.crashAfterS > 0 && !stopRequested && crashHold(nowNs)) {
            return; // the crashed run's objects stay until Stop or the duration's end
        }
        if (phase == RunPhase::Stopping) {
            signalLive(Role::Producer,
                       SIGUSR1); // repeated: a nudge can land just before a blocking call
            if (nowNs - stopAtNs > options.killDeadlineNs) {
                killLive(Role::Producer);
            }
        }
        if ((phase == RunPhase::Running || phase == RunPhase::Stopping) &&
            allExited(Role::Producer)) {
            phase = RunPhase::Draining;
            lastProgressNs = nowNs;
        }
        if (phase == RunPhase::Draining) {
            const std::uint64_t delivered =
                t.messagesReceived >= t.duplicated ? t.messagesReceived - t.duplicated : 0;
            // A reader that keeps a write end open (the classroom's pitfall) never sees EOF:
            // it is left waiting, as the real program would be, until the patience runs out.
            const bool allDelivered =
                delivered >= t.messagesSent && !config.scenario.readerKeepsWriteEnd;
            if (!drainRequested &&
                (fastDrain || allDelivered || nowNs - lastProgressNs > drainPatienceNs() ||
                 allExited(Role::Consumer))) {
                drainRequested = true;
                drainAtNs = nowNs;
                telemetry.view().header().drainRequested.store(1, std::memory_order_release);
                telemetry.view().header().ignoreRate.store(1, std::memory_order_release);
            }
            if (drainRequested) {
                signalLive(Role::Consumer, SIGUSR1);
                if (nowNs - drainAtNs > options.killDeadlineNs) {
                    killLive(Role::Consumer);
                }
            }
            if (allExited(Role::Consumer)) {
                phase = RunPhase::Finished;
            }
        }
    }

    // The classroom's crash: every worker is killed at crashAfterS, as if the programs had
    // crashed; the lab keeps the objects (as nobody would remove them) until the run is stopped.
    // Returns true while the run holds.
    bool crashHold(std::uint64_t nowNs) {
        if (!crashed) {
            if (double(runningElapsed(nowNs)) < config.scenario.crashAfterS * 1e9) {
                return false;
            }
            crashed = true;
            for (const auto& w : workers) {
                if (!w.exit && w.pid > 0) {
                    ::kill(w.pid, SIGCONT);
                    ::kill(w.pid, SIGKILL);
                }
            }
            addLabEvent(nowNs, -1, "every worker was killed with SIGKILL, as in a crash");
        }
        if (!objectsOutlivingWorkers && allExited(Role::Producer) && allExited(Role::Consumer) &&
            channel) {
            std::uint32_t alive = 0;
            for (const ManifestObject& o : channel->objects()) {
                alive += manifestObjectExists(o) ? 1 : 0;
            }
            objectsOutlivingWorkers = alive;
            addLabEvent(nowNs, -1,
                        std::to_string(alive) +
                            " kernel object(s) of the run outlive every process that used them; "
                            "they stay until someone removes them (Stop removes them)");
        }
        return true;
    }

    // Nothing moves and every live worker waits in a call: say so once, in words. Deadlocks are
    // a lesson, so the run is not ended: Stop (or the duration) ends it cleanly.
    void reportStall(const Frame& f, std::uint64_t nowNs) {
        if (stallReported || nowNs - lastAnyProgressNs < options.stallReportNs) {
            return;
        }
        int live = 0;
        for (const auto& w : f.processes) {
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
        stallReported = true;
        deadlockAtS = double(nowNs - startNs) / 1e9;
        addLabEvent(
            nowNs, -1,
            "no message has moved for " + formatDurationNs(nowNs - lastAnyProgressNs) +
                " and every worker is waiting in a call: this run is deadlocked (Stop ends it)");
    }

    void finalize(const Frame& f) {
        RunReport r;
        r.config = config;
        r.durationS = double(f.elapsedNs) / 1e9;
        r.totals = f.totals;
        const std::uint64_t delivered = f.totals.messagesReceived >= f.totals.duplicated
                                            ? f.totals.messagesReceived - f.totals.duplicated
                                            : 0;
        r.totals.lost = f.totals.messagesSent > delivered ? f.totals.messagesSent - delivered : 0;
        r.workers = f.processes;
        r.channel = f.channels.front();
        r.maxDepth = maxDepth;
        r.objects = channel ? channel->objects() : std::vector<ManifestObject>{};
        r.warnings = warnings;
        r.events = notableEvents.kept();
        r.eventCounts = notableEvents.counts();
        r.eventsOmitted = r.eventCounts.total() - r.events.size();
        r.eventsKeptPerKind = notableEvents.keptPerKind();
        notableEvents.clear();
        r.eventsDropped = reader->eventsDropped();
        r.deadlockAtS = deadlockAtS;
        r.objectsOutlivingWorkers = objectsOutlivingWorkers;
        r.attachedWhenRemoved = attachedWhenRemoved;
        report = std::move(r);
        teardown();
    }

    // Kills what still runs, reaps everything, removes every object and file of the run.
    void teardown() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        for (auto& w : workers) {
            if (!w.exit && w.pid > 0) {
                ::kill(w.pid, SIGCONT);
                ::kill(w.pid, SIGKILL);
                int status;
                while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
                }
                w.exit = WorkerExitInfo{true, 0, SIGKILL, true};
            }
        }
        channel.reset(); // removes the kernel objects
        if (runDirCreated) {
            ::unlink(manifestPath().c_str());
            ::rmdir(context.runDir.c_str());
        }
        lifeline.reset(); // the guardian finds no manifest and exits
        if (guardian > 0) {
            if (guardianPidfd) {
                pollfd p{guardianPidfd.get(), POLLIN, 0};
                while (::poll(&p, 1, 2000) < 0 && errno == EINTR) {
                }
            }
            int status;
            if (::waitpid(guardian, &status, WNOHANG) == 0) {
                ::kill(guardian, SIGKILL);
                while (::waitpid(guardian, &status, 0) < 0 && errno == EINTR) {
                }
            }
            guardian = 0;
        }
        telemetry = TelemetryRegion{};
    }
};

Run::Run(std::unique_ptr<Impl> impl)
    : d(std::move(impl)) {}
Run::~Run() = default;

Result<std::unique_ptr<Run>> Run::start(const RunConfig& config, const LabOptions& options) {
    auto d = std::make_unique<Impl>();
    d->config = config;
    d->options = options;
    d->limits = options.limits ? *options.limits : KernelLimits::read();
    d->notableEvents = NotableEvents(options.eventsKeptPerKind);
    auto warnings = validateConfig(config, d->limits);
    if (!warnings) {
        return warnings.error();
    }
    d->warnings = std::move(*warnings);
    if (!options.seen.valid()) {
        return Error{"the duplicate check's window must be a power of two from " +
                     std::to_string(kMinSeenWindow) + " to " + std::to_string(kMaxSeenWindow) +
                     " sequence numbers, and its hole table 1 to " +
                     std::to_string(kMaxHoleCapacity) + " entries"};
    }

    Result<std::string> workerPath =
        options.workerPath ? Result<std::string>(*options.workerPath) : findWorkerExecutable();
    if (!workerPath) {
        return workerPath.error();
    }

    d->context.labPid = ::getpid();
    d->context.runId = g_nextRunId.fetch_add(1);
    d->context.limits = d->limits;
    const std::string base = options.runtimeDir.value_or(runtimeBaseDir());
    // Refuses a directory planted by someone else (or a symlink) in a shared /tmp.
    if (auto dir = createPrivateDir(base); !dir) {
        return dir.error();
    }
    d->context.runDir =
        base + "/run-" + std::to_string(d->context.labPid) + "-" + std::to_string(d->context.runId);
    if (::mkdir(d->context.runDir.c_str(), 0700) != 0) {
        return Error::fromErrno("cannot create the run directory " + d->context.runDir);
    }
    d->runDirCreated = true;
    if (auto s = d->writeRunManifest(); !s) {
        return s.error();
    }
    if (auto s = d->startGuardian(*workerPath); !s) {
        return s.error();
    }

    auto channel = createChannel(config, d->context);
    if (!channel) {
        return channel.error();
    }
    d->channel = std::move(*channel);
    if (auto s = d->writeRunManifest(); !s) {
        return s.error();
    }
    // The duplicate check is exact whatever is in flight (seenledger.h); only more unreceived
    // messages of one producer than its hole table holds could leave some unchecked.
    if (const std::uint64_t held = d->channel->capacityInMessages() + config.consumers;
        held > options.seen.holeCapacity) {
        d->warnings.push_back(
            "the channel can hold " + std::to_string(held - config.consumers) +
            " messages (and each consumer one more): more than the " +
            std::to_string(options.seen.holeCapacity) +
            " unreceived messages per producer the duplicate check can follow; if that many are "
            "ever waiting at once, the report counts the excess as not checked for duplicates");
    }

    d->startNs = monotonicNs();
    d->lastProgressNs = d->startNs;
    d->telemetry = TelemetryRegion::create(config.producers, config.consumers, d->startNs,
                                           options.longBlockThresholdNs, options.seen);
    if (!d->telemetry.valid()) {
        return Error::fromErrno("cannot create the run's telemetry region");
    }
    d->reader.emplace(config.mechanism, d->channel.get());
    d->telemetry.view().header().paceIntervalNs.store(config.paceIntervalNs);
    d->telemetry.view().header().stepMode.store(config.startInStepMode ? 1 : 0);

    for (std::uint32_t slot = 0; slot < config.producers + config.consumers; ++slot) {
        Impl::Worker w;
        w.role = slot < config.producers ? Role::Producer : Role::Consumer;
        w.index = w.role == Role::Producer ? slot : slot - config.producers;
        w.slot = slot;
        d->workers.push_back(w);
    }
    // Consumers first: they are ready (or waiting) before the first message is sent.
    for (int pass = 0; pass < 2; ++pass) {
        const Role role = pass == 0 ? Role::Consumer : Role::Producer;
        for (auto& w : d->workers) {
            if (w.role != role) {
                continue;
            }
            const EndpointSpec spec = d->channel->endpoint(w.role, w.index);
            SpawnRequest req;
            req.path = *workerPath;
            req.args = writeWorkerArgs(workerArgsFor(d->config, w.role, w.index, w.slot, spec));
            req.fds.push_back(d->telemetry.fd());
            req.fds.insert(req.fds.end(), spec.fds.begin(), spec.fds.end());
            auto pid = spawnProcess(req);
            if (!pid) {
                return pid.error(); // ~Impl kills the ones already started and removes everything
            }
            w.pid = *pid;
        }
    }
    d->channel->releaseWorkerEnds();
    return std::unique_ptr<Run>(new Run(std::move(d)));
}

Frame Run::sample() {
    if (d->report) {
        return d->lastFrame;
    }
    const std::uint64_t now = monotonicNs();
    d->reap(now);
    Frame f = d->buildFrame(now);
    d->advance(f, now);
    for (auto& e : d->pendingLabEvents) {
        f.newEvents.push_back(std::move(e));
    }
    d->pendingLabEvents.clear();
    f.phase = d->phase;
    f.paused = d->isPaused;
    f.control = control();
    if (d->phase == RunPhase::Finished) {
        d->finalize(f);
    }
    d->lastFrame = f;
    d->lastFrame.newEvents.clear();
    return f;
}

void Run::pause() {
    if (d->isPaused || d->phase == RunPhase::Finished) {
        return;
    }
    d->signalLive(Role::Producer, SIGSTOP);
    d->signalLive(Role::Consumer, SIGSTOP);
    d->isPaused = true;
    d->pausedAtNs = monotonicNs();
}

void Run::resume() {
    d->resumeWorkers(monotonicNs());
}

void Run::setPace(std::uint64_t minIntervalNs) {
    if (d->report) {
        return;
    }
    d->config.paceIntervalNs = minIntervalNs;
    d->telemetry.view().header().paceIntervalNs.store(minIntervalNs, std::memory_order_release);
    // Wake sleepers so a faster pace takes effect now, not after the old interval.
    d->signalLive(Role::Producer, SIGUSR1);
    d->signalLive(Role::Consumer, SIGUSR1);
}

void Run::setStepMode(bool on) {
    if (d->report || d->stopRequested) {
        return;
    }
    d->config.startInStepMode = on;
    d->setStepMode(on);
}

bool Run::stepMode() const {
    return !d->report && d->telemetry.valid() &&
           d->telemetry.view().header().stepMode.load(std::memory_order_relaxed) != 0;
}

FrameControl Run::control() const {
    return {stepMode(), d->config.paceIntervalNs, d->stepsGranted};
}

void Run::step() {
    if (!stepMode()) {
        return;
    }
    const TelemetryView& view = d->telemetry.view();
    ++d->stepsGranted;
    for (const auto& w : d->workers) {
        if (w.exit) {
            continue;
        }
        WorkerSlot& slot = view.slot(w.slot);
        // One more than it has done, not one more than before: pressing Step while a worker is
        // still inside its last operation does not queue up a second one.
        slot.stepsGranted.store(slot.stepsUsed.load(std::memory_order_acquire) + 1,
                                std::memory_order_release);
        futexWakeAll(slot.stepsGranted);
    }
}

void Run::requestStop() {
    if (d->phase != RunPhase::Finished) {
        d->beginStop(monotonicNs(), true);
    }
}

bool Run::finished() const {
    return d->report.has_value();
}

bool Run::paused() const {
    return d->isPaused;
}

const RunConfig& Run::config() const {
    return d->config;
}

const std::vector<std::string>& Run::warnings() const {
    return d->warnings;
}

std::vector<pid_t> Run::workerPids() const {
    std::vector<pid_t> pids;
    for (const auto& w : d->workers) {
        pids.push_back(w.pid);
    }
    return pids;
}

pid_t Run::guardianPid() const {
    return d->guardian;
}

const std::string& Run::runDirectory() const {
    return d->context.runDir;
}

std::vector<ManifestObject> Run::objects() const {
    return d->channel ? d->channel->objects() : std::vector<ManifestObject>{};
}

const RunReport& Run::report() const {
    return *d->report;
}

} // namespace ipcscope
