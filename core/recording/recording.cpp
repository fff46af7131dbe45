#include "recording.h"

#include "lab/report.h"
#include "mechanisms/validate.h"

#include "base/jsonwriter.h"
#include "base/readfile.h"
#include "jsonread/jsonfields.h"
#include "jsonread/runconfigreader.h"

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

// Enums without a Count member: their name functions return "?" past the last value.
constexpr std::size_t kSmallEnumLimit = 32;

constexpr std::uint64_t kMaxRecordedNs = std::uint64_t(kMaxRecordedSpanS) * 1'000'000'000u;
// Linux's PID_MAX_LIMIT (include/linux/threads.h): no pid is larger on any machine.
constexpr std::int64_t kPidMaxLimit = 4 * 1024 * 1024;
// _NSIG - 1: the largest signal number.
constexpr std::int64_t kMaxSignal = 64;

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

// A recording's fields (jsonread/jsonfields.h), whose durations are bounded by
// kMaxRecordedSpanS.
class Fields : public JsonFields {
public:
    using JsonFields::JsonFields;

    // A duration in nanoseconds.
    std::uint64_t ns(const char* key, bool required = false) {
        return u64(key, required, kMaxRecordedNs);
    }
};

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
            JsonFields config = f.child("config", true);
            rec.config = readRunConfig(config, RunConfigSpelling::Recording);
            // The ranges a run accepts (workers per role, rates, sizes, durations), the same
            // as the lab applies, but against the widest kernel limits: the recording may come
            // from a machine whose limits were raised.
            if (problem.empty()) {
                KernelLimits anyKernel;
                anyKernel.mayExceedSoftLimits = true;
                anyKernel.msgmnb = std::numeric_limits<std::int32_t>::max();
                if (auto valid = validateConfig(rec.config, anyKernel); !valid) {
                    config.failHere("is not a run ipcscope makes: " + valid.error().message);
                }
            }
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
