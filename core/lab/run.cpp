#include "run.h"

#include "lab/framereader.h"
#include "lab/guardianprocess.h"
#include "lab/notableevents.h"
#include "lab/phasemachine.h"
#include "lab/spawn.h"
#include "lab/workerset.h"

#include "base/clock.h"
#include "base/naming.h"
#include "base/privatedir.h"
#include "mechanisms/validate.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace ipcscope {

namespace {

std::atomic<std::uint32_t> g_nextRunId{1};

} // namespace

// The run's state, and the plant its phase machine acts on.
struct Run::Impl final : PhaseMachine::Plant {
    RunConfig config; // as started, then as the controls change it (pace, step mode)
    std::vector<std::string> warnings;
    RunContext context;
    bool runDirCreated = false;
    GuardianProcess guardian;
    std::unique_ptr<Channel> channel;
    TelemetryRegion telemetry;
    WorkerSet workers;
    std::optional<FrameReader> reader;  // once the channel and the telemetry exist
    std::optional<PhaseMachine> phases; // once the workers run

    std::uint64_t startNs = 0;
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

    // PhaseMachine::Plant
    bool allExited(Role role) const override { return workers.allExited(role); }
    void signalLive(Role role, int sig) override { workers.signalLive(role, sig); }
    void signalEveryLive(int sig) override { workers.signalEveryLive(sig); }
    std::vector<FrameReader::Worker> killLive(Role role) override { return workers.killLive(role); }
    void killEveryLive() override { workers.killEveryLive(); }
    void releaseHeldWorkers() override { setStepMode(false); }
    Result<std::uint32_t> removeWhileAttached() override { return channel->removeWhileAttached(); }
    std::uint32_t objectsAlive() const override {
        std::uint32_t alive = 0;
        for (const ManifestObject& o : channel->objects()) {
            alive += manifestObjectExists(o) ? 1 : 0;
        }
        return alive;
    }
    void note(std::uint64_t nowNs, int slot, std::string text) override {
        RunEvent e;
        e.timeNs = nowNs - startNs;
        e.worker = slot;
        e.text = std::move(text);
        notableEvents.add(e);
        pendingLabEvents.push_back(std::move(e));
    }

    void reap(std::uint64_t nowNs) {
        for (const WorkerSet::Worker& w : workers.reap()) {
            note(nowNs, int(w.slot),
                 w.id.name() + " (pid " + std::to_string(w.pid) + ") was " + w.exit->describe());
        }
    }

    Frame buildFrame(std::uint64_t nowNs) {
        Frame f =
            reader->read(telemetry.view(), workers.table(), nowNs - startNs, phases->paused());
        for (const RunEvent& e : f.newEvents) {
            notableEvents.add(e); // counted; the report keeps the most recent of each kind
        }
        maxDepth = std::max(maxDepth, f.channels.front().depth);
        return f;
    }

    void setStepMode(bool on) {
        if (!telemetry.valid()) {
            return;
        }
        const TelemetryView& view = telemetry.view();
        view.header().stepMode.store(on ? 1 : 0, std::memory_order_release);
        if (!on) {
            for (const WorkerSet::Worker& w : workers.table()) {
                futexWakeAll(view.slot(w.slot).stepsGranted);
            }
        }
    }

    void finalize(const Frame& f) {
        RunReport r;
        r.config = config;
        r.durationS = double(f.elapsedNs) / 1e9;
        r.totals = f.totals;
        const std::uint64_t delivered = f.totals.delivered();
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
        r.deadlockAtS = phases->deadlockAtS();
        r.objectsOutlivingWorkers = phases->objectsOutlivingWorkers();
        r.attachedWhenRemoved = phases->attachedWhenRemoved();
        report = std::move(r);
        teardown();
    }

    // Kills what still runs, reaps everything, removes every object and file of the run.
    void teardown() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        workers.killRemaining(); // before the objects go: no worker sees its channel vanish
        channel.reset();         // removes the kernel objects
        if (runDirCreated) {
            ::unlink(manifestPath().c_str());
            ::rmdir(context.runDir.c_str());
        }
        guardian.stop(); // it finds no manifest and exits
        // The phase machine keeps a reference to the header, but a finished machine never
        // writes it again, and teardown comes with the Finished phase or the Run's end.
        telemetry = TelemetryRegion{};
    }
};

Run::Run(std::unique_ptr<Impl> impl)
    : d(std::move(impl)) {}
Run::~Run() = default;

Result<std::unique_ptr<Run>> Run::start(const RunConfig& config, const LabOptions& options) {
    auto d = std::make_unique<Impl>();
    d->config = config;
    d->notableEvents = NotableEvents(options.eventsKeptPerKind);
    const KernelLimits limits = options.limits ? *options.limits : KernelLimits::read();
    auto warnings = validateConfig(config, limits);
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
    d->context.limits = limits;
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
    if (auto s = d->guardian.start(*workerPath, d->context.runDir, d->context.labPid); !s) {
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
    d->telemetry = TelemetryRegion::create(config.producers, config.consumers, d->startNs,
                                           options.longBlockThresholdNs, options.seen);
    if (!d->telemetry.valid()) {
        return Error::fromErrno("cannot create the run's telemetry region");
    }
    d->reader.emplace(config.mechanism, d->channel.get());
    TelemetryHeader& header = d->telemetry.view().header();
    header.paceIntervalNs.store(config.paceIntervalNs);
    header.stepMode.store(config.startInStepMode ? 1 : 0);
    d->phases.emplace(config,
                      PhaseMachine::Limits{options.killDeadlineNs, options.drainPatienceNs,
                                           options.stallReportNs},
                      d->startNs, header, *d);

    if (auto s = d->workers.start(*workerPath, config, *d->channel, d->telemetry.fd()); !s) {
        return s.error(); // ~Impl kills the ones already started and removes everything
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
    d->phases->advance(f, now);
    for (auto& e : d->pendingLabEvents) {
        f.newEvents.push_back(std::move(e));
    }
    d->pendingLabEvents.clear();
    f.phase = d->phases->phase();
    f.paused = d->phases->paused();
    f.control = control();
    if (f.phase == RunPhase::Finished) {
        d->finalize(f);
    }
    d->lastFrame = f;
    d->lastFrame.newEvents.clear();
    return f;
}

void Run::pause() {
    d->phases->pause(monotonicNs());
}

void Run::resume() {
    d->phases->resume(monotonicNs());
}

void Run::setPace(std::uint64_t minIntervalNs) {
    if (d->report) {
        return;
    }
    d->config.paceIntervalNs = minIntervalNs;
    d->telemetry.view().header().paceIntervalNs.store(minIntervalNs, std::memory_order_release);
    // Wake sleepers so a faster pace takes effect now, not after the old interval.
    d->workers.signalEveryLive(SIGUSR1);
}

void Run::setStepMode(bool on) {
    if (d->report || d->phases->stopRequested()) {
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
    // One more than each has done, not one more than before: pressing Step while a worker is
    // still inside its last operation does not queue up a second one. Every count is read
    // before any grant is stored: granted first, the consumer could V(mutex) and its blocked
    // producer reach the next gate before its own count is read, and one press would move it
    // through two calls.
    std::vector<std::pair<WorkerSlot*, std::uint32_t>> grants;
    for (const WorkerSet::Worker& w : d->workers.table()) {
        if (!w.exit) {
            WorkerSlot& slot = view.slot(w.slot);
            grants.emplace_back(&slot, slot.stepsUsed.load(std::memory_order_acquire) + 1);
        }
    }
    for (const auto& [slot, granted] : grants) {
        slot->stepsGranted.store(granted, std::memory_order_release);
    }
    for (const auto& [slot, granted] : grants) {
        futexWakeAll(slot->stepsGranted);
    }
}

void Run::requestStop() {
    d->phases->requestStop(monotonicNs());
}

bool Run::finished() const {
    return d->report.has_value();
}

bool Run::paused() const {
    return d->phases->paused();
}

const RunConfig& Run::config() const {
    return d->config;
}

const std::vector<std::string>& Run::warnings() const {
    return d->warnings;
}

std::vector<pid_t> Run::workerPids() const {
    return d->workers.pids();
}

pid_t Run::guardianPid() const {
    return d->guardian.pid();
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
