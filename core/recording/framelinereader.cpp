#include "framelines.h"

#include "jsonfields.h"
#include "lab/framereader.h"

namespace ipcscope {

using namespace recordingjson;

namespace {

// ---- reading ----

Totals readTotals(const QJsonObject& o, const std::string& path, std::string& problem) {
    Fields f(o, path, problem);
    Totals t;
    t.messagesSent = f.u64("messages_sent", true);
    t.messagesReceived = f.u64("messages_received", true);
    t.bytesSent = f.u64("bytes_sent", true);
    t.bytesReceived = f.u64("bytes_received", true);
    t.lost = f.u64("lost");
    t.duplicated = f.u64("duplicated");
    t.corrupted = f.u64("corrupted");
    t.reordered = f.u64("reordered");
    t.unchecked = f.u64("unchecked");
    return t;
}

// A measured wake-up (an observation's, eBPF tier).
WakeFrame readWake(Fields& f) {
    WakeFrame w;
    w.endedNs = f.ns("ended_ns", true);
    w.waitedNs = f.ns("waited_ns", true);
    w.wakeePid = pid_t(f.i64("wakee_pid", 0, kPidMaxLimit));
    w.wakeeTid = pid_t(f.i64("wakee_tid", 0, kPidMaxLimit));
    w.wakerPid = pid_t(f.i64("waker_pid", 0, kPidMaxLimit));
    w.wakerTid = pid_t(f.i64("waker_tid", 0, kPidMaxLimit));
    w.wakerCommand = f.string("waker_command");
    w.call = f.string("call", true);
    w.objectName = f.string("object_name");
    return w;
}

CallKind readCall(Fields& f, const char* key) {
    return f.named<CallKind>(key, kCallKindCount, callName, CallKind::None);
}

// How many workers of `role` the recorded run had.
std::uint32_t workersOf(const RunConfig& config, Role role) {
    return role == Role::Producer ? config.producers : config.consumers;
}

// What a process line is read against: the run, the format, and (version 2) how many channels
// the frame has for its wait_channel.
struct ProcessContext {
    const RunConfig& config;
    int version;
    std::size_t channels;
    bool observation = false; // processes ipcscope did not start: no workers to count against
};

ProcessFrame readProcess(const QJsonValue& v, const std::string& path, const ProcessContext& ctx,
                         std::string& problem) {
    ProcessFrame w;
    if (!v.isObject()) {
        if (problem.empty()) {
            problem = "field \"" + path + "\" should be an object";
        }
        return w;
    }
    Fields f(v.toObject(), path, problem);
    // Version 1 lists only the lab's workers; version 2 also processes it did not start.
    if (ctx.version == 1 || f.has("role")) {
        WorkerId id;
        id.role = f.named<Role>("role", 2, roleName, Role::Producer, true);
        id.index = f.u32("index", true);
        if (problem.empty() && id.index >= workersOf(ctx.config, id.role)) {
            const std::uint32_t n = workersOf(ctx.config, id.role);
            f.fail("index", "is " + std::to_string(id.index) + ", but the run had " +
                                std::to_string(n) + " " + std::string(roleName(id.role)) +
                                (n == 1 ? "" : "s"));
        }
        w.worker = id;
    }
    w.pid = pid_t(f.i64("pid", 0, kPidMaxLimit));
    w.tid = pid_t(f.i64("tid", 0, kPidMaxLimit));
    w.command = f.string("command");
    w.callName = f.string("call_name");
    w.waitDetail = f.string("wait_detail");
    w.state =
        f.named<WorkerState>("state", kSmallEnumLimit, stateName, WorkerState::Starting, true);
    w.call = readCall(f, "call");
    if (ctx.version == 1) {
        // One channel: a blocked worker waits on it.
        w.waitChannel =
            w.state == WorkerState::Blocked ? std::optional<std::size_t>(0) : std::nullopt;
    } else if (ctx.channels > 0) {
        if (const auto c = f.optU64("wait_channel", false, ctx.channels - 1)) {
            w.waitChannel = std::size_t(*c);
        }
    } else if (f.has("wait_channel")) {
        f.fail("wait_channel", "names a channel, but the frame has none");
    }
    w.object = std::uint8_t(f.u64("object", false, 0xff));
    w.objectName = f.string("object_name");
    w.stateForNs = f.ns("state_for_ns");
    w.stateForAtLeast = f.boolean("state_for_at_least");
    w.stopped = f.boolean("stopped");
    if (f.has("last_wake")) {
        Fields wake(f.object("last_wake"), f.sub("last_wake"), problem);
        w.lastWake = readWake(wake);
    }
    w.messages = f.u64("messages", true);
    w.bytes = f.u64("bytes", true);
    w.errors = f.u64("errors");
    w.blocks = f.u64("blocks");
    const QJsonObject blocked = f.object("blocked_ns");
    for (auto it = blocked.begin(); it != blocked.end(); ++it) {
        const std::string call = it.key().toStdString();
        const auto kind = enumByName<CallKind>(call, kCallKindCount, callName);
        if (!kind || *kind == CallKind::None) {
            f.fail("blocked_ns", "names an unknown call \"" + call + "\"");
            break;
        }
        Fields inner(blocked, f.sub("blocked_ns"), problem);
        w.blockedNs[std::size_t(*kind)] = inner.ns(call.c_str());
    }
    w.blockedNowNs = f.ns("blocked_now_ns");
    w.corrupted = f.u64("corrupted");
    w.duplicated = f.u64("duplicated");
    w.reordered = f.u64("reordered");
    w.late = f.u64("late");
    w.unchecked = f.u64("unchecked");
    if (f.has("exit") && !f.object("exit").isEmpty()) {
        Fields e(f.object("exit"), f.sub("exit"), problem);
        WorkerExitInfo exit;
        exit.signaled = e.boolean("signaled");
        exit.code = int(e.i64("code", 0, 255)); // an exit status is 8 bits
        exit.signal = int(e.i64("signal", 0, kMaxSignal));
        exit.killedByLab = e.boolean("killed_by_lab");
        exit.cpuNs = e.ns("cpu_ns");
        w.exit = exit;
    }
    return w;
}

// A frame or report lists each worker of the run once: at most producers + consumers.
std::vector<ProcessFrame> readProcesses(Fields& f, const char* key, const ProcessContext& ctx,
                                        std::string& problem) {
    std::vector<ProcessFrame> out;
    const QJsonArray list = f.array(key, true);
    const std::size_t most = ctx.observation
                                 ? kMaxObservedEntries
                                 : std::size_t(ctx.config.producers) + ctx.config.consumers;
    if (ctx.observation && std::size_t(list.size()) > most) {
        f.fail(key, "lists " + std::to_string(list.size()) + " processes, more than the " +
                        std::to_string(most) + " an observation's frame may have");
        return out;
    }
    if (std::size_t(list.size()) > most) {
        f.fail(key, "lists " + std::to_string(list.size()) + " " +
                        (ctx.version == 1 ? "workers" : "processes") + ", but the run had " +
                        std::to_string(most) + (ctx.version == 1 ? "" : " workers"));
        return out;
    }
    out.reserve(std::size_t(list.size()));
    for (qsizetype i = 0; i < list.size() && problem.empty(); ++i) {
        ProcessFrame w = readProcess(list[i], f.sub(key, std::size_t(i)), ctx, problem);
        for (const ProcessFrame& earlier : out) {
            if (problem.empty() && w.worker && earlier.worker == w.worker) {
                problem = "field \"" + f.sub(key, std::size_t(i)) + "\" is " + w.worker->name() +
                          " a second time";
            }
        }
        out.push_back(std::move(w));
    }
    return out;
}

ChannelFrame readChannel(const QJsonObject& o, const std::string& path, int version,
                         const RunConfig& config, std::string& problem) {
    Fields f(o, path, problem);
    ChannelFrame c;
    if (version == 1) {
        c.kind = config.mechanism; // a Lab run's one channel, not named in version 1
        c.identity = channelIdentity(config.mechanism, {});
        c.capacity = f.u64("capacity", true);
    } else {
        if (f.has("mechanism")) {
            c.kind = f.named<Mechanism>(
                "mechanism", allMechanisms().size(),
                [](Mechanism m) { return mechanismInfo(m).name; }, Mechanism::Pipe);
        } else {
            c.kind =
                f.named<IpcKind>("kind", std::size(kAllIpcKinds), ipcKindName, IpcKind::Pipe, true);
        }
        c.identity = f.string("identity");
        c.capacity = f.optU64("capacity");
    }
    c.unit = f.string("unit");
    c.depth = f.u64("depth", true);
    c.depthFromKernel = f.boolean("depth_from_kernel");
    constexpr std::uint64_t kU32Max = std::numeric_limits<std::uint32_t>::max();
    if (const auto n = f.optU64("waiting_senders", false, kU32Max)) {
        c.waitingSenders = std::uint32_t(*n);
    }
    if (const auto n = f.optU64("waiting_receivers", false, kU32Max)) {
        c.waitingReceivers = std::uint32_t(*n);
    }
    const QJsonArray values = f.array("values");
    for (const QJsonValue& v : values) {
        const QJsonArray pair = v.toArray();
        const auto number = pair.size() == 2 ? wholeNumber(pair[1]) : std::nullopt;
        if (pair.size() != 2 || !pair[0].isString() || !number) {
            f.fail("values", "should hold [name, whole number] pairs");
            break;
        }
        c.values.emplace_back(pair[0].toString().toStdString(), static_cast<long long>(*number));
    }
    c.problem = f.optString("problem");
    return c;
}

std::vector<ChannelFrame> readChannels(Fields& f, const RunConfig& config, std::string& problem) {
    std::vector<ChannelFrame> out;
    const QJsonArray list = f.array("channels", true);
    for (qsizetype i = 0; i < list.size() && problem.empty(); ++i) {
        if (!list[i].isObject()) {
            f.fail("channels", "should hold objects");
            break;
        }
        out.push_back(
            readChannel(list[i].toObject(), f.sub("channels", std::size_t(i)), 2, config, problem));
    }
    return out;
}

std::vector<EndpointFrame> readEndpoints(Fields& f, const Frame& frame, std::string& problem) {
    std::vector<EndpointFrame> out;
    const QJsonArray list = f.array("endpoints");
    for (qsizetype i = 0; i < list.size() && problem.empty(); ++i) {
        const std::string path = f.sub("endpoints", std::size_t(i));
        if (!list[i].isObject()) {
            problem = "field \"" + path + "\" should be an object";
            break;
        }
        Fields e(list[i].toObject(), path, problem);
        EndpointFrame ep;
        if (frame.processes.empty() || frame.channels.empty()) {
            e.fail("process", "joins a process to a channel, but the frame lacks one of them");
            break;
        }
        ep.process = std::size_t(e.u64("process", true, frame.processes.size() - 1));
        ep.channel = std::size_t(e.u64("channel", true, frame.channels.size() - 1));
        ep.direction = e.named<EndpointDirection>("direction", 3, directionName,
                                                  EndpointDirection::Send, true);
        const ProcessFrame& p = frame.processes[ep.process];
        ep.messages = e.optU64("messages").value_or(p.messages);
        ep.bytes = e.optU64("bytes").value_or(p.bytes);
        ep.estimated = e.boolean("estimated");
        if (ep.estimated) { // exact ones: readRecording() measures them over the frames
            ep.messagesPerS = e.number("messages_per_s", true);
            ep.bytesPerS = e.number("bytes_per_s", true);
        }
        out.push_back(ep);
    }
    return out;
}

std::vector<RunEvent> readEvents(Fields& f, const char* key, const RunConfig& config,
                                 std::string& problem) {
    // A worker's slot, or -1 for the lab itself.
    const std::int64_t lastSlot = std::int64_t(config.producers) + config.consumers - 1;
    std::vector<RunEvent> out;
    const QJsonArray events = f.array(key);
    for (qsizetype i = 0; i < events.size() && problem.empty(); ++i) {
        const std::string path = f.sub(key, std::size_t(i));
        if (!events[i].isObject()) {
            problem = "field \"" + path + "\" should be an object";
            break;
        }
        Fields e(events[i].toObject(), path, problem);
        RunEvent ev;
        ev.timeNs = e.ns("t_ns", true);
        ev.worker = int(e.i64("worker", -1, lastSlot));
        ev.kind = e.named<EventKind>("kind", kSmallEnumLimit, eventKindName, EventKind::None);
        ev.call = readCall(e, "call");
        ev.value = e.u64("value");
        ev.text = e.string("text");
        out.push_back(std::move(ev));
    }
    return out;
}

// Indices into the frame's processes or channels, each in range.
std::vector<std::size_t> readIndices(Fields& f, const char* key, std::size_t count) {
    std::vector<std::size_t> out;
    const QJsonArray list = f.array(key, true);
    for (const QJsonValue& v : list) {
        const auto n = wholeNumber(v);
        if (!n || *n < 0 || std::size_t(*n) >= count) {
            f.fail(key, "should hold indices from 0 to " +
                            (count == 0 ? std::string("nothing (the frame has none)")
                                        : std::to_string(count - 1)));
            break;
        }
        out.push_back(std::size_t(*n));
    }
    return out;
}

void readDeadlocks(Fields& f, Frame& frame, std::string& problem) {
    const QJsonArray list = f.array("deadlocks");
    for (qsizetype i = 0; i < list.size() && problem.empty(); ++i) {
        const std::string path = f.sub("deadlocks", std::size_t(i));
        if (!list[i].isObject()) {
            problem = "field \"" + path + "\" should be an object";
            break;
        }
        Fields d(list[i].toObject(), path, problem);
        DeadlockFrame df;
        df.certain = d.boolean("certain");
        df.processes = readIndices(d, "processes", frame.processes.size());
        df.channels = readIndices(d, "channels", frame.channels.size());
        df.text = d.string("text");
        if (problem.empty() && df.processes.size() != df.channels.size()) {
            d.fail("channels", "should name one channel per process of the cycle");
        }
        frame.deadlocks.push_back(std::move(df));
    }
}

std::optional<RunPhase> phaseByName(std::string_view name) {
    for (RunPhase p :
         {RunPhase::Running, RunPhase::Stopping, RunPhase::Draining, RunPhase::Finished}) {
        if (phaseName(p) == name) {
            return p;
        }
    }
    return std::nullopt;
}

} // namespace

namespace recordingjson {

Frame readFrameLine(const QJsonObject& o, int version, const RunConfig& config,
                    std::string& problem, bool observation) {
    Fields f(o, {}, problem);
    Frame frame;
    frame.elapsedNs = f.ns("t_ns", true);
    const std::string phase = f.string("phase", true);
    if (problem.empty()) {
        if (const auto p = phaseByName(phase)) {
            frame.phase = *p;
        } else {
            f.fail("phase", "has an unknown value \"" + phase + "\"");
        }
    }
    frame.paused = f.boolean("paused");
    frame.eventsDropped = f.u64("events_dropped");
    if (f.has("control")) { // left out while the controls are at rest
        Fields c(f.object("control"), f.sub("control"), problem);
        frame.control.stepMode = c.boolean("step_mode");
        frame.control.paceIntervalNs = c.ns("pace_interval_ns");
        frame.control.steps = c.u64("steps");
    }
    frame.totals = readTotals(f.object("totals", true), f.sub("totals"), problem);
    if (version == 1) {
        frame.channels = {
            readChannel(f.object("channel", true), f.sub("channel"), 1, config, problem)};
        frame.processes = readProcesses(f, "workers", {config, 1, 1}, problem);
        addLabEndpoints(frame);
    } else {
        frame.channels = readChannels(f, config, problem);
        frame.processes = readProcesses(
            f, "processes", {config, version, frame.channels.size(), observation}, problem);
        if (!f.has("endpoints")) {
            addLabEndpoints(frame); // a Lab run's (labEndpoints)
        } else if (problem.empty()) {
            frame.endpoints = readEndpoints(f, frame, problem);
        }
    }
    frame.newEvents = readEvents(f, "events", config, problem);
    if (version >= 3) {
        readDeadlocks(f, frame, problem);
        const QJsonArray notes = f.array("wait_notes");
        for (const QJsonValue& n : notes) {
            if (!n.isString()) {
                f.fail("wait_notes", "should hold strings");
                break;
            }
            frame.waitNotes.push_back(n.toString().toStdString());
        }
        if (f.has("flow_note")) {
            frame.flowNote = f.string("flow_note");
        }
        const QJsonArray wakes = f.array("wakes");
        for (int i = 0; i < wakes.size(); ++i) {
            if (!wakes[i].isObject()) {
                f.fail("wakes", "should hold objects");
                break;
            }
            Fields wake(wakes[i].toObject(), f.sub("wakes", std::size_t(i)), problem);
            frame.wakes.push_back(readWake(wake));
        }
    }
    return frame;
}

RunReport readReportLine(const QJsonObject& o, int version, const RunConfig& config,
                         std::string& problem) {
    Fields f(o, {}, problem);
    RunReport r;
    r.config = config;
    r.durationS = f.number("duration_s", true, kMaxRecordedSpanS);
    r.totals = readTotals(f.object("totals", true), f.sub("totals"), problem);
    r.workers = readProcesses(f, "workers", {config, version, 1}, problem);
    r.channel = readChannel(f.object("channel", true), f.sub("channel"), version, config, problem);
    r.maxDepth = f.u64("max_depth");
    const QJsonArray objects = f.array("objects");
    for (qsizetype i = 0; i < objects.size() && problem.empty(); ++i) {
        Fields ob(objects[i].toObject(), f.sub("objects", std::size_t(i)), problem);
        const std::string kind = ob.string("kind", true);
        ManifestObject m{};
        if (const auto k = parseIpcKind(kind)) {
            m.kind = *k;
        } else if (problem.empty()) {
            ob.fail("kind", "has an unknown value \"" + kind + "\"");
        }
        constexpr std::int32_t kIntMax = std::numeric_limits<std::int32_t>::max();
        m.id = int(ob.has("id") ? ob.i64("id", 0, kIntMax) : -1); // a System V id is an int
        m.key = std::int32_t(ob.i64("key", std::numeric_limits<std::int32_t>::min(), kIntMax));
        m.name = ob.string("name");
        r.objects.push_back(std::move(m));
    }
    const QJsonArray warnings = f.array("warnings");
    for (const QJsonValue& w : warnings) {
        if (!w.isString()) {
            f.fail("warnings", "should hold strings");
            break;
        }
        r.warnings.push_back(w.toString().toStdString());
    }
    r.events = readEvents(f, "events", config, problem);
    r.eventsDropped = f.u64("events_dropped");
    return r;
}

} // namespace recordingjson

} // namespace ipcscope
