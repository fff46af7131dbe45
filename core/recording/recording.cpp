#include "recording.h"

#include "lab/report.h"
#include "mechanisms/validate.h"

#include "base/jsonwriter.h"
#include "base/readfile.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <limits>
#include <sys/stat.h>
#include <unistd.h>

namespace ipcscope {

namespace {

// ---- names of enums: the file stores names so it survives renumbering ----

std::string_view eventKindName(EventKind kind) {
    switch (kind) {
    case EventKind::None:
        return "none";
    case EventKind::LongBlock:
        return "long-block";
    case EventKind::Error:
        return "error";
    case EventKind::Opened:
        return "opened";
    case EventKind::Closed:
        return "closed";
    case EventKind::Corrupted:
        return "corrupted";
    case EventKind::Exit:
        return "exit";
    }
    return "none";
}

// Finds the enum value whose name is `name` among the first `count` values.
template <typename Enum, typename NameFn>
std::optional<Enum> enumByName(std::string_view name, std::size_t count, NameFn nameOf) {
    for (std::size_t i = 0; i < count; ++i) {
        const std::string_view candidate = nameOf(Enum(i));
        if (candidate == name && candidate != "?") {
            return Enum(i);
        }
    }
    return std::nullopt;
}

// Enums without a Count member: their name functions return "?" past the last value.
constexpr std::size_t kSmallEnumLimit = 32;

// The largest whole number a recording holds exactly (JSON integers are read as qint64).
constexpr std::uint64_t kMaxRecordedCount = std::numeric_limits<std::int64_t>::max();
constexpr std::uint64_t kMaxRecordedNs = std::uint64_t(kMaxRecordedSpanS) * 1'000'000'000u;
// Linux's PID_MAX_LIMIT (include/linux/threads.h): no pid is larger on any machine.
constexpr std::int64_t kPidMaxLimit = 4 * 1024 * 1024;
// _NSIG - 1: the largest signal number.
constexpr std::int64_t kMaxSignal = 64;

// The value of a JSON number when it is a whole number a qint64 holds, else nothing.
std::optional<std::int64_t> wholeNumber(const QJsonValue& v) {
    if (!v.isDouble()) {
        return std::nullopt;
    }
    const double d = v.toDouble();
    if (!std::isfinite(d) || d != std::floor(d)) {
        return std::nullopt;
    }
    const qint64 i = v.toInteger(); // 0 when it does not fit
    if (i == 0 && d != 0) {
        return std::nullopt;
    }
    return i;
}

// A JSON value as an error message shows it: "1e+300", "-5", "a string".
std::string numberText(const QJsonValue& v) {
    if (const auto i = wholeNumber(v)) {
        return std::to_string(*i);
    }
    if (v.isDouble()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.15g", v.toDouble());
        return buf;
    }
    return v.isString()   ? "a string"
           : v.isBool()   ? "true or false"
           : v.isArray()  ? "an array"
           : v.isObject() ? "an object"
                          : "null";
}

// ---- writing ----

// Counters that are zero most of the time are left out, which keeps a frame line short.
void nonZero(JsonWriter& j, std::string_view key, std::uint64_t v) {
    if (v != 0) {
        j.field(key, v);
    }
}

void writeWorker(JsonWriter& j, const WorkerFrame& w) {
    j.beginObject();
    j.field("role", roleName(w.role));
    j.field("index", w.index);
    j.field("pid", std::int64_t(w.pid));
    j.field("state", stateName(w.state));
    if (w.call != CallKind::None) {
        j.field("call", callName(w.call));
    }
    nonZero(j, "object", w.object);
    if (!w.objectName.empty()) {
        j.field("object_name", w.objectName);
    }
    nonZero(j, "state_for_ns", w.stateForNs);
    if (w.stopped) {
        j.field("stopped", true);
    }
    j.field("messages", w.messages);
    j.field("bytes", w.bytes);
    nonZero(j, "errors", w.errors);
    nonZero(j, "blocks", w.blocks);
    bool anyBlocked = false;
    for (auto ns : w.blockedNs) {
        anyBlocked = anyBlocked || ns != 0;
    }
    if (anyBlocked) {
        j.key("blocked_ns");
        j.beginObject();
        for (std::size_t i = 1; i < kCallKindCount; ++i) {
            if (w.blockedNs[i] != 0) {
                j.field(callName(CallKind(i)), w.blockedNs[i]);
            }
        }
        j.endObject();
    }
    nonZero(j, "blocked_now_ns", w.blockedNowNs);
    nonZero(j, "corrupted", w.corrupted);
    nonZero(j, "duplicated", w.duplicated);
    nonZero(j, "reordered", w.reordered);
    nonZero(j, "late", w.late);
    nonZero(j, "unchecked", w.unchecked);
    if (w.exit) {
        j.key("exit");
        j.beginObject();
        j.field("signaled", w.exit->signaled);
        j.field("code", w.exit->code);
        j.field("signal", w.exit->signal);
        j.field("killed_by_lab", w.exit->killedByLab);
        j.field("cpu_ns", w.exit->cpuNs);
        j.endObject();
    }
    j.endObject();
}

void writeChannel(JsonWriter& j, const ChannelFrame& c) {
    j.beginObject();
    j.field("capacity", c.capacity);
    j.field("unit", c.unit);
    j.field("depth", c.depth);
    j.field("depth_from_kernel", c.depthFromKernel);
    if (c.waitingSenders) {
        j.field("waiting_senders", *c.waitingSenders);
    }
    if (c.waitingReceivers) {
        j.field("waiting_receivers", *c.waitingReceivers);
    }
    if (!c.values.empty()) {
        j.key("values");
        j.beginArray();
        for (const auto& [name, v] : c.values) {
            j.beginArray();
            j.value(name);
            j.value(std::int64_t(v));
            j.endArray();
        }
        j.endArray();
    }
    if (c.problem) {
        j.field("problem", *c.problem);
    }
    j.endObject();
}

void writeEvents(JsonWriter& j, const std::vector<RunEvent>& events) {
    j.beginArray();
    for (const auto& e : events) {
        j.beginObject();
        j.field("t_ns", e.timeNs);
        j.field("worker", e.worker);
        j.field("kind", eventKindName(e.kind));
        if (e.call != CallKind::None) {
            j.field("call", callName(e.call));
        }
        j.field("value", e.value);
        j.field("text", e.text);
        j.endObject();
    }
    j.endArray();
}

std::string isoNow() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    ::gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// ---- reading ----

// Reads fields of one JSON object; the first problem is kept (with the path of the field) and
// later reads return defaults, so a parse function reads straight through and checks once.
class Fields {
public:
    Fields(const QJsonObject& object, std::string path, std::string& problem)
        : m_o(object)
        , m_path(std::move(path))
        , m_problem(problem) {}

    bool has(const char* key) const { return m_o.contains(QLatin1String(key)); }

    // Whole numbers are checked against their range here: QJsonValue::toInteger() turns a
    // value it cannot represent (1e300, 2^64) into 0, which must never pass silently.
    std::uint64_t u64(const char* key, bool required = false,
                      std::uint64_t max = kMaxRecordedCount) {
        return optU64(key, required, max).value_or(0);
    }
    std::optional<std::uint64_t> optU64(const char* key, bool required = false,
                                        std::uint64_t max = kMaxRecordedCount) {
        const auto v =
            optI64(key, 0, std::int64_t(std::min<std::uint64_t>(max, INT64_MAX)), required);
        return v ? std::optional<std::uint64_t>(std::uint64_t(*v)) : std::nullopt;
    }
    std::int64_t i64(const char* key, std::int64_t min, std::int64_t max, bool required = false) {
        return optI64(key, min, max, required).value_or(0);
    }
    std::optional<std::int64_t> optI64(const char* key, std::int64_t min, std::int64_t max,
                                       bool required = false) {
        const QJsonValue v = value(key, required);
        if (v.isUndefined() || v.isNull()) {
            return std::nullopt;
        }
        const auto i = wholeNumber(v);
        if (!i || *i < min || *i > max) {
            fail(key, "should be a whole number from " + std::to_string(min) + " to " +
                          std::to_string(max) + ", got " + numberText(v));
            return std::nullopt;
        }
        return *i;
    }
    // A duration in nanoseconds: no time in a recording is longer than kMaxRecordedSpanS.
    std::uint64_t ns(const char* key, bool required = false) {
        return u64(key, required, kMaxRecordedNs);
    }
    std::uint32_t u32(const char* key, bool required = false) {
        return std::uint32_t(u64(key, required, std::numeric_limits<std::uint32_t>::max()));
    }
    // Numbers that are not whole (rates, seconds) must still be finite and 0 or more;
    // validateConfig() checks the run's own ranges.
    std::optional<double> optNumber(const char* key, bool required = false,
                                    double max = std::numeric_limits<double>::max()) {
        const QJsonValue v = value(key, required);
        if (v.isUndefined() || v.isNull()) {
            return std::nullopt;
        }
        if (!v.isDouble() || !std::isfinite(v.toDouble()) || v.toDouble() < 0 ||
            v.toDouble() > max) {
            fail(key, (max == std::numeric_limits<double>::max()
                           ? std::string("should be a number, 0 or more")
                           : "should be a number from 0 to " + numberText(QJsonValue(max))) +
                          ", got " + numberText(v));
            return std::nullopt;
        }
        return v.toDouble();
    }
    double number(const char* key, bool required = false,
                  double max = std::numeric_limits<double>::max()) {
        return optNumber(key, required, max).value_or(0);
    }
    bool boolean(const char* key, bool required = false) {
        const QJsonValue v = value(key, required);
        if (v.isUndefined()) {
            return false;
        }
        if (!v.isBool()) {
            fail(key, "should be true or false");
            return false;
        }
        return v.toBool();
    }
    std::optional<std::string> optString(const char* key, bool required = false) {
        const QJsonValue v = value(key, required);
        if (v.isUndefined() || v.isNull()) {
            return std::nullopt;
        }
        if (!v.isString()) {
            fail(key, "should be a string");
            return std::nullopt;
        }
        return v.toString().toStdString();
    }
    std::string string(const char* key, bool required = false) {
        return optString(key, required).value_or(std::string());
    }
    QJsonObject object(const char* key, bool required = false) {
        const QJsonValue v = value(key, required);
        if (!v.isUndefined() && !v.isObject()) {
            fail(key, "should be an object");
        }
        return v.toObject();
    }
    QJsonArray array(const char* key, bool required = false) {
        const QJsonValue v = value(key, required);
        if (!v.isUndefined() && !v.isArray()) {
            fail(key, "should be an array");
        }
        return v.toArray();
    }
    // A name that must be one of an enum's names.
    template <typename Enum, typename NameFn>
    Enum named(const char* key, std::size_t count, NameFn nameOf, Enum fallback,
               bool required = false) {
        const auto text = optString(key, required);
        if (!text) {
            return fallback;
        }
        const auto e = enumByName<Enum>(*text, count, nameOf);
        if (!e) {
            fail(key, "has an unknown value \"" + *text + "\"");
            return fallback;
        }
        return *e;
    }

    std::string sub(const char* key) const { return join(key); }
    std::string sub(const char* key, std::size_t index) const {
        return join(key) + "[" + std::to_string(index) + "]";
    }
    void fail(const char* key, const std::string& what) {
        if (m_problem.empty()) {
            m_problem = "field \"" + join(key) + "\" " + what;
        }
    }

private:
    std::string join(const char* key) const { return m_path.empty() ? key : m_path + "." + key; }
    QJsonValue value(const char* key, bool required) {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() && required) {
            fail(key, "is missing");
        }
        return v;
    }

    QJsonObject m_o;
    std::string m_path;
    std::string& m_problem;
};

RunConfig readConfig(const QJsonObject& o, const std::string& path, std::string& problem) {
    Fields f(o, path, problem);
    RunConfig c;
    const std::string mechanism = f.string("mechanism", true);
    if (problem.empty()) {
        if (const auto m = parseMechanism(mechanism)) {
            c.mechanism = *m;
        } else {
            f.fail("mechanism", "has an unknown mechanism \"" + mechanism + "\"");
        }
    }
    c.producers = f.u32("producers", true);
    c.consumers = f.u32("consumers", true);
    c.messageSize = f.u32("message_size", true);
    c.producerRate = f.number("rate");
    c.consumerRate = f.number("consumer_rate");
    c.capacity = f.optU64("capacity");
    c.durationS = f.optNumber("duration_s");
    c.messages = f.optU64("messages");
    c.messageTypes = f.has("message_types") ? f.u32("message_types") : 1;
    const QJsonArray types = f.array("receive_types");
    for (const QJsonValue& t : types) {
        const auto type = wholeNumber(t);
        if (!type) {
            f.fail("receive_types", "should hold whole numbers, got " + numberText(t));
            break;
        }
        c.receiveTypes.push_back(long(*type)); // long is 64 bits on Linux's 64-bit ABIs
    }
    c.raw = f.boolean("raw");
    Fields s(f.object("scenario"), f.sub("scenario"), problem);
    c.scenario.readerKeepsWriteEnd = s.boolean("reader_keeps_write_end");
    c.scenario.ringWithoutMutex = s.boolean("ring_without_mutex");
    c.scenario.emptyStartsAtZero = s.boolean("empty_starts_at_zero");
    c.scenario.producerStartDelayS = s.number("producer_start_delay_s");
    c.scenario.crashAfterS = s.number("crash_after_s");
    c.scenario.removeWhileAttachedS = s.number("remove_while_attached_s");
    c.paceIntervalNs = f.u64("pace_interval_ns");
    c.startInStepMode = f.boolean("start_in_step_mode");
    // The ranges a run accepts (workers per role, rates, sizes, durations), the same as the
    // lab applies, but against the widest kernel limits: the recording may come from a
    // machine whose limits were raised.
    if (problem.empty()) {
        KernelLimits anyKernel;
        anyKernel.mayExceedSoftLimits = true;
        anyKernel.msgmnb = std::numeric_limits<std::int32_t>::max();
        if (auto valid = validateConfig(c, anyKernel); !valid) {
            problem =
                "field \"" + path + "\" is not a run ipcscope makes: " + valid.error().message;
        }
    }
    return c;
}

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

CallKind readCall(Fields& f, const char* key) {
    return f.named<CallKind>(key, kCallKindCount, callName, CallKind::None);
}

// How many workers of `role` the recorded run had.
std::uint32_t workersOf(const RunConfig& config, Role role) {
    return role == Role::Producer ? config.producers : config.consumers;
}

WorkerFrame readWorker(const QJsonValue& v, const std::string& path, const RunConfig& config,
                       std::string& problem) {
    WorkerFrame w;
    if (!v.isObject()) {
        if (problem.empty()) {
            problem = "field \"" + path + "\" should be an object";
        }
        return w;
    }
    Fields f(v.toObject(), path, problem);
    w.role = f.named<Role>("role", 2, roleName, Role::Producer, true);
    w.index = f.u32("index", true);
    if (problem.empty() && w.index >= workersOf(config, w.role)) {
        const std::uint32_t n = workersOf(config, w.role);
        f.fail("index", "is " + std::to_string(w.index) + ", but the run had " + std::to_string(n) +
                            " " + std::string(roleName(w.role)) + (n == 1 ? "" : "s"));
    }
    w.pid = pid_t(f.i64("pid", 0, kPidMaxLimit));
    w.state =
        f.named<WorkerState>("state", kSmallEnumLimit, stateName, WorkerState::Starting, true);
    w.call = readCall(f, "call");
    w.object = std::uint8_t(f.u64("object", false, 0xff));
    w.objectName = f.string("object_name");
    w.stateForNs = f.ns("state_for_ns");
    w.stopped = f.boolean("stopped");
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
std::vector<WorkerFrame> readWorkers(Fields& f, const char* key, const RunConfig& config,
                                     std::string& problem) {
    std::vector<WorkerFrame> out;
    const QJsonArray workers = f.array(key, true);
    const std::size_t most = std::size_t(config.producers) + config.consumers;
    if (std::size_t(workers.size()) > most) {
        f.fail(key, "lists " + std::to_string(workers.size()) + " workers, but the run had " +
                        std::to_string(most));
        return out;
    }
    out.reserve(std::size_t(workers.size()));
    for (qsizetype i = 0; i < workers.size() && problem.empty(); ++i) {
        WorkerFrame w = readWorker(workers[i], f.sub(key, std::size_t(i)), config, problem);
        for (const WorkerFrame& earlier : out) {
            if (problem.empty() && earlier.role == w.role && earlier.index == w.index) {
                problem = "field \"" + f.sub(key, std::size_t(i)) + "\" is " +
                          std::string(roleName(w.role)) + " " + std::to_string(w.index) +
                          " a second time";
            }
        }
        out.push_back(std::move(w));
    }
    return out;
}

ChannelFrame readChannel(const QJsonObject& o, const std::string& path, std::string& problem) {
    Fields f(o, path, problem);
    ChannelFrame c;
    c.capacity = f.u64("capacity", true);
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

std::optional<RunPhase> phaseByName(std::string_view name) {
    for (RunPhase p :
         {RunPhase::Running, RunPhase::Stopping, RunPhase::Draining, RunPhase::Finished}) {
        if (phaseName(p) == name) {
            return p;
        }
    }
    return std::nullopt;
}

Frame readFrame(const QJsonObject& o, const RunConfig& config, std::string& problem) {
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
    frame.totals = readTotals(f.object("totals", true), f.sub("totals"), problem);
    frame.channel = readChannel(f.object("channel", true), f.sub("channel"), problem);
    frame.workers = readWorkers(f, "workers", config, problem);
    frame.newEvents = readEvents(f, "events", config, problem);
    return frame;
}

RunReport readReport(const QJsonObject& o, const RunConfig& config, std::string& problem) {
    Fields f(o, {}, problem);
    RunReport r;
    r.config = config;
    r.durationS = f.number("duration_s", true, kMaxRecordedSpanS);
    r.totals = readTotals(f.object("totals", true), f.sub("totals"), problem);
    r.workers = readWorkers(f, "workers", config, problem);
    r.channel = readChannel(f.object("channel", true), f.sub("channel"), problem);
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

} // namespace

// ---- lines ----

std::string recordingHeaderLine(const RunConfig& config, const std::string& created,
                                const std::optional<RecordingLesson>& lesson) {
    JsonWriter j;
    j.beginObject();
    j.field("format", kRecordingFormat);
    j.field("version", kRecordingVersion);
    j.field("created", created);
    j.field("mechanism", mechanismInfo(config.mechanism).name);
    j.key("config");
    writeRunConfigJson(j, config);
    if (lesson) {
        j.key("lesson");
        j.beginObject();
        j.field("id", lesson->id);
        j.field("variant", lesson->variant);
        j.endObject();
    }
    j.endObject();
    return j.str();
}

std::string recordingFrameLine(const Frame& f) {
    JsonWriter j;
    j.beginObject();
    j.field("type", "frame");
    j.field("t_ns", f.elapsedNs);
    j.field("phase", phaseName(f.phase));
    j.field("paused", f.paused);
    j.field("events_dropped", f.eventsDropped);
    j.key("totals");
    writeTotalsJson(j, f.totals);
    j.key("channel");
    writeChannel(j, f.channel);
    j.key("workers");
    j.beginArray();
    for (const auto& w : f.workers) {
        writeWorker(j, w);
    }
    j.endArray();
    if (!f.newEvents.empty()) {
        j.key("events");
        writeEvents(j, f.newEvents);
    }
    j.endObject();
    return j.str();
}

std::string recordingReportLine(const RunReport& r) {
    JsonWriter j;
    j.beginObject();
    j.field("type", "report");
    j.field("duration_s", r.durationS);
    j.key("totals");
    writeTotalsJson(j, r.totals);
    j.key("workers");
    j.beginArray();
    for (const auto& w : r.workers) {
        writeWorker(j, w);
    }
    j.endArray();
    j.key("channel");
    writeChannel(j, r.channel);
    j.field("max_depth", r.maxDepth);
    j.key("objects");
    j.beginArray();
    for (const auto& o : r.objects) {
        j.beginObject();
        j.field("kind", ipcKindName(o.kind));
        if (o.id >= 0) {
            j.field("id", o.id);
            j.field("key", o.key);
        }
        if (!o.name.empty()) {
            j.field("name", o.name);
        }
        j.endObject();
    }
    j.endArray();
    j.key("warnings");
    j.beginArray();
    for (const auto& w : r.warnings) {
        j.value(w);
    }
    j.endArray();
    j.key("events");
    writeEvents(j, r.events);
    j.field("events_dropped", r.eventsDropped);
    j.endObject();
    return j.str();
}

// ---- writer ----

Result<RecordingWriter> RecordingWriter::create(const std::string& path, const RunConfig& config,
                                                const std::optional<RecordingLesson>& lesson,
                                                std::size_t maxBytes) {
    // O_NONBLOCK: a FIFO planted at the path must not hang the lab in open(); it is refused
    // below, as is anything else that is not a regular file.
    UniqueFd fd(::open(path.c_str(),
                       O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0644));
    if (!fd) {
        return Error::fromErrno("cannot create the recording " + path);
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
        return Error::fromErrno("cannot create the recording " + path);
    }
    if (!S_ISREG(st.st_mode)) {
        return Error{"cannot record to " + path + ": it is not a regular file"};
    }
    RecordingWriter writer(path, std::move(fd), maxBytes);
    if (auto s = writer.writeLine(recordingHeaderLine(config, isoNow(), lesson), maxBytes); !s) {
        return s.error();
    }
    return writer;
}

Status RecordingWriter::append(const Frame& frame) {
    // Frames leave a sixteenth of the limit for the report line.
    auto s = writeLine(recordingFrameLine(frame), m_maxBytes - m_maxBytes / 16);
    if (s) {
        ++m_frames;
    }
    return s;
}

Status RecordingWriter::finish(const RunReport& report) {
    auto s = writeLine(recordingReportLine(report), m_maxBytes);
    if (s && ::close(m_fd.release()) != 0) {
        return Error::fromErrno("cannot finish the recording " + m_path);
    }
    m_fd.reset();
    return s;
}

Status RecordingWriter::writeLine(std::string line, std::size_t limit) {
    if (!m_fd) {
        return Error{"the recording " + m_path + " is already finished"};
    }
    line += '\n';
    if (m_bytes + line.size() > limit) {
        // Stop before the file grows past what readRecording() accepts: every recording
        // ipcscope writes can be replayed, up to the point where it stopped.
        m_fd.reset();
        return Error{"the recording " + m_path + " has reached the " + formatByteLimit(m_maxBytes) +
                     " a recording may have; it stops here and replays up to this point"};
    }
    // One write per line: a reader (or a crash) never sees two lines interleaved.
    std::size_t done = 0;
    while (done < line.size()) {
        const ssize_t n = ::write(m_fd.get(), line.data() + done, line.size() - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return Error::fromErrno("cannot write to the recording " + m_path);
        }
        done += std::size_t(n);
    }
    m_bytes += done;
    return Ok{};
}

// ---- reader ----

Result<Recording> readRecording(const std::string& path, std::size_t maxBytes) {
    auto read = readSmallFile(path, maxBytes, "a recording");
    if (!read) {
        return read.error();
    }
    const std::string& text = *read;
    const auto at = [&path](std::size_t line, const std::string& what) {
        return Error{path + ", line " + std::to_string(line) + ": " + what + "."};
    };
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        return at(1, "the file is empty, but an ipcscope recording starts with a header line");
    }

    Recording rec;
    bool haveHeader = false;
    std::size_t lineNo = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        ++lineNo;
        std::size_t end = text.find('\n', pos);
        const bool terminated = end != std::string::npos;
        if (!terminated) {
            end = text.size();
        }
        const std::string_view line(text.data() + pos, end - pos);
        pos = end + 1;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
            continue;
        }
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(
            QByteArray::fromRawData(line.data(), qsizetype(line.size())), &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            // The writer ends every line with a newline; an unterminated last line that does
            // not parse was being written when the lab died.
            if (!terminated && haveHeader) {
                rec.truncated = true;
                break;
            }
            const std::string why = parseError.error != QJsonParseError::NoError
                                        ? parseError.errorString().toStdString() + " at column " +
                                              std::to_string(parseError.offset + 1)
                                        : "a JSON object was expected";
            return at(lineNo, "not valid JSON (" + why + ")");
        }
        const QJsonObject o = doc.object();
        std::string problem;
        if (!haveHeader) {
            if (o.value(QLatin1String("format")).toString().toStdString() != kRecordingFormat) {
                return at(lineNo, "not an ipcscope recording (the first line must have "
                                  "\"format\": \"" +
                                      std::string(kRecordingFormat) + "\")");
            }
            const QJsonValue version = o.value(QLatin1String("version"));
            if (!version.isDouble()) {
                return at(lineNo, "the header has no format version");
            }
            if (wholeNumber(version) != kRecordingVersion) {
                return at(lineNo, "format version " + numberText(version) +
                                      " is not supported (this ipcscope reads version " +
                                      std::to_string(kRecordingVersion) +
                                      "; a newer ipcscope wrote it?)");
            }
            Fields f(o, {}, problem);
            rec.created = f.string("created");
            rec.config = readConfig(f.object("config", true), "config", problem);
            if (f.has("lesson")) {
                Fields l(f.object("lesson"), f.sub("lesson"), problem);
                rec.lesson = RecordingLesson{l.string("id", true), l.string("variant", true)};
            }
            if (!problem.empty()) {
                return at(lineNo, problem);
            }
            haveHeader = true;
            continue;
        }
        if (rec.report) {
            return at(lineNo, "more data after the final report");
        }
        const std::string type = o.value(QLatin1String("type")).toString().toStdString();
        if (type == "frame") {
            Frame frame = readFrame(o, rec.config, problem);
            if (!problem.empty()) {
                return at(lineNo, problem);
            }
            if (!rec.frames.empty() && frame.elapsedNs < rec.frames.back().elapsedNs) {
                return at(lineNo, "time goes backwards (" +
                                      std::to_string(double(frame.elapsedNs) / 1e9) + " s after " +
                                      std::to_string(double(rec.frames.back().elapsedNs) / 1e9) +
                                      " s)");
            }
            rec.frames.push_back(std::move(frame));
        } else if (type == "report") {
            RunReport report = readReport(o, rec.config, problem);
            if (!problem.empty()) {
                return at(lineNo, problem);
            }
            rec.report = std::move(report);
        } else {
            return at(lineNo, type.empty() ? "the line has no \"type\" (frame or report)"
                                           : "unknown line type \"" + type + "\"");
        }
    }
    return rec;
}

} // namespace ipcscope
