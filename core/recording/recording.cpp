#include "recording.h"

#include "lab/report.h"

#include "base/jsonwriter.h"

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
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
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

    std::uint64_t u64(const char* key, bool required = false) {
        return optU64(key, required).value_or(0);
    }
    std::optional<std::uint64_t> optU64(const char* key, bool required = false) {
        const QJsonValue v = value(key, required);
        if (v.isUndefined() || v.isNull()) {
            return std::nullopt;
        }
        if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() != std::floor(v.toDouble())) {
            fail(key, "should be a whole number, 0 or more");
            return std::nullopt;
        }
        // toInteger() keeps all 64 bits of an integer literal; toDouble() would round.
        return std::uint64_t(v.toInteger());
    }
    std::int64_t i64(const char* key, bool required = false) {
        const QJsonValue v = value(key, required);
        if (v.isUndefined()) {
            return 0;
        }
        if (!v.isDouble() || v.toDouble() != std::floor(v.toDouble())) {
            fail(key, "should be a whole number");
            return 0;
        }
        return v.toInteger();
    }
    std::uint32_t u32(const char* key, bool required = false) {
        const std::uint64_t v = u64(key, required);
        if (v > std::numeric_limits<std::uint32_t>::max()) {
            fail(key, "is too large");
            return 0;
        }
        return std::uint32_t(v);
    }
    std::optional<double> optNumber(const char* key, bool required = false) {
        const QJsonValue v = value(key, required);
        if (v.isUndefined() || v.isNull()) {
            return std::nullopt;
        }
        if (!v.isDouble()) {
            fail(key, "should be a number");
            return std::nullopt;
        }
        return v.toDouble();
    }
    double number(const char* key, bool required = false) {
        return optNumber(key, required).value_or(0);
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
        if (!t.isDouble()) {
            f.fail("receive_types", "should hold whole numbers");
            break;
        }
        c.receiveTypes.push_back(long(t.toInteger()));
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
    return t;
}

CallKind readCall(Fields& f, const char* key) {
    return f.named<CallKind>(key, kCallKindCount, callName, CallKind::None);
}

WorkerFrame readWorker(const QJsonValue& v, const std::string& path, std::string& problem) {
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
    w.pid = pid_t(f.i64("pid"));
    w.state =
        f.named<WorkerState>("state", kSmallEnumLimit, stateName, WorkerState::Starting, true);
    w.call = readCall(f, "call");
    const std::uint64_t object = f.u64("object");
    w.object = std::uint8_t(object);
    if (object > 0xff) {
        f.fail("object", "is too large");
    }
    w.objectName = f.string("object_name");
    w.stateForNs = f.u64("state_for_ns");
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
        w.blockedNs[std::size_t(*kind)] = inner.u64(call.c_str());
    }
    w.blockedNowNs = f.u64("blocked_now_ns");
    w.corrupted = f.u64("corrupted");
    w.duplicated = f.u64("duplicated");
    w.reordered = f.u64("reordered");
    if (f.has("exit") && !f.object("exit").isEmpty()) {
        Fields e(f.object("exit"), f.sub("exit"), problem);
        WorkerExitInfo exit;
        exit.signaled = e.boolean("signaled");
        exit.code = int(e.i64("code"));
        exit.signal = int(e.i64("signal"));
        exit.killedByLab = e.boolean("killed_by_lab");
        exit.cpuNs = e.u64("cpu_ns");
        w.exit = exit;
    }
    return w;
}

std::vector<WorkerFrame> readWorkers(Fields& f, const char* key, std::string& problem) {
    std::vector<WorkerFrame> out;
    const QJsonArray workers = f.array(key, true);
    out.reserve(std::size_t(workers.size()));
    for (qsizetype i = 0; i < workers.size() && problem.empty(); ++i) {
        out.push_back(readWorker(workers[i], f.sub(key, std::size_t(i)), problem));
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
    if (const auto n = f.optU64("waiting_senders")) {
        c.waitingSenders = std::uint32_t(*n);
    }
    if (const auto n = f.optU64("waiting_receivers")) {
        c.waitingReceivers = std::uint32_t(*n);
    }
    const QJsonArray values = f.array("values");
    for (const QJsonValue& v : values) {
        const QJsonArray pair = v.toArray();
        if (pair.size() != 2 || !pair[0].isString() || !pair[1].isDouble()) {
            f.fail("values", "should hold [name, number] pairs");
            break;
        }
        c.values.emplace_back(pair[0].toString().toStdString(),
                              static_cast<long long>(pair[1].toInteger()));
    }
    c.problem = f.optString("problem");
    return c;
}

std::vector<RunEvent> readEvents(Fields& f, const char* key, std::string& problem) {
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
        ev.timeNs = e.u64("t_ns", true);
        ev.worker = int(e.i64("worker"));
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

Frame readFrame(const QJsonObject& o, std::string& problem) {
    Fields f(o, {}, problem);
    Frame frame;
    frame.elapsedNs = f.u64("t_ns", true);
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
    frame.workers = readWorkers(f, "workers", problem);
    frame.newEvents = readEvents(f, "events", problem);
    return frame;
}

RunReport readReport(const QJsonObject& o, const RunConfig& config, std::string& problem) {
    Fields f(o, {}, problem);
    RunReport r;
    r.config = config;
    r.durationS = f.number("duration_s", true);
    r.totals = readTotals(f.object("totals", true), f.sub("totals"), problem);
    r.workers = readWorkers(f, "workers", problem);
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
        m.id = int(ob.has("id") ? ob.i64("id") : -1);
        m.key = std::int32_t(ob.i64("key"));
        m.name = ob.string("name");
        r.objects.push_back(std::move(m));
    }
    const QJsonArray warnings = f.array("warnings");
    for (const QJsonValue& w : warnings) {
        r.warnings.push_back(w.toString().toStdString());
    }
    r.events = readEvents(f, "events", problem);
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
                                                const std::optional<RecordingLesson>& lesson) {
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd) {
        return Error::fromErrno("cannot create the recording " + path);
    }
    RecordingWriter writer(path, std::move(fd));
    if (auto s = writer.writeLine(recordingHeaderLine(config, isoNow(), lesson)); !s) {
        return s.error();
    }
    return writer;
}

Status RecordingWriter::append(const Frame& frame) {
    auto s = writeLine(recordingFrameLine(frame));
    if (s) {
        ++m_frames;
    }
    return s;
}

Status RecordingWriter::finish(const RunReport& report) {
    auto s = writeLine(recordingReportLine(report));
    if (s && ::close(m_fd.release()) != 0) {
        return Error::fromErrno("cannot finish the recording " + m_path);
    }
    m_fd.reset();
    return s;
}

Status RecordingWriter::writeLine(std::string line) {
    if (!m_fd) {
        return Error{"the recording " + m_path + " is already finished"};
    }
    line += '\n';
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
    return Ok{};
}

// ---- reader ----

Result<Recording> readRecording(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Error::fromErrno("cannot open the recording " + path);
    }
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) {
        return Error::fromErrno("cannot read the recording " + path);
    }
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
            if (version.toInteger() != kRecordingVersion) {
                return at(lineNo, "format version " + std::to_string(version.toInteger()) +
                                      " is not supported (this ipcscope reads version " +
                                      std::to_string(kRecordingVersion) +
                                      "; a newer ipcscope wrote it?)");
            }
            Fields f(o, {}, problem);
            rec.created = f.string("created");
            rec.config = readConfig(f.object("config", true), "config", problem);
            if (const QJsonValue l = o.value(QLatin1String("lesson")); l.isObject()) {
                const QJsonObject lo = l.toObject();
                rec.lesson = RecordingLesson{
                    lo.value(QLatin1String("id")).toString().toStdString(),
                    lo.value(QLatin1String("variant")).toString().toStdString()};
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
            Frame frame = readFrame(o, problem);
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
