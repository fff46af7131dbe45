#include "report.h"

#include "base/format.h"
#include "base/jsonwriter.h"
#include "mechanisms/manifest.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace ipcscope {

namespace {

// The kinds a report counts (routine openings, closings and clean exits are not notable),
// with their key in the JSON report (`event_counts`, `events[].kind`) and their words in the text.
struct NotableKind {
    EventKind kind;
    std::string_view key;
    std::string_view words;
};
constexpr NotableKind kNotableKinds[] = {
    {EventKind::LongBlock, "long_wait", "long waits"},
    {EventKind::Error, "error", "errors"},
    {EventKind::Corrupted, "corrupted", "corrupted messages"},
    {EventKind::Exit, "exit", "abnormal exits"},
    {EventKind::None, "lab", "lab messages"},
};

std::string_view eventKindKey(EventKind kind) {
    for (const NotableKind& k : kNotableKinds) {
        if (k.kind == kind) {
            return k.key;
        }
    }
    return "routine"; // never in a report's list
}

} // namespace

void writeTotalsJson(JsonWriter& j, const Totals& t) {
    j.beginObject();
    j.field("messages_sent", t.messagesSent);
    j.field("messages_received", t.messagesReceived);
    j.field("bytes_sent", t.bytesSent);
    j.field("bytes_received", t.bytesReceived);
    j.field("lost", t.lost);
    j.field("duplicated", t.duplicated);
    j.field("corrupted", t.corrupted);
    j.field("reordered", t.reordered);
    j.field("unchecked", t.unchecked);
    j.endObject();
}

void writeRunConfigJson(JsonWriter& j, const RunConfig& c) {
    j.beginObject();
    j.field("mechanism", mechanismInfo(c.mechanism).name);
    j.field("producers", c.producers);
    j.field("consumers", c.consumers);
    j.field("message_size", c.messageSize);
    j.field("rate", c.producerRate);
    j.field("consumer_rate", c.consumerRate);
    j.key("capacity");
    c.capacity ? j.value(*c.capacity) : j.null();
    j.key("duration_s");
    c.messages ? j.null() : j.value(c.effectiveDurationS());
    j.key("messages");
    c.messages ? j.value(*c.messages) : j.null();
    j.field("message_types", c.messageTypes);
    j.key("receive_types");
    j.beginArray();
    for (long t : c.receiveTypes) {
        j.value(std::int64_t(t));
    }
    j.endArray();
    j.field("raw", c.raw);
    j.key("scenario"); // the classroom's deliberate mistakes: all false/0 in a normal run
    j.beginObject();
    j.field("reader_keeps_write_end", c.scenario.readerKeepsWriteEnd);
    j.field("ring_without_mutex", c.scenario.ringWithoutMutex);
    j.field("empty_starts_at_zero", c.scenario.emptyStartsAtZero);
    j.field("writer_compares_fd", c.scenario.writerComparesFd);
    j.field("text_message", textMessageName(c.scenario.textMessage));
    j.field("producer_start_delay_s", c.scenario.producerStartDelayS);
    j.field("crash_after_s", c.scenario.crashAfterS);
    j.field("remove_while_attached_s", c.scenario.removeWhileAttachedS);
    j.endObject();
    j.field("pace_interval_ns", c.paceIntervalNs);
    j.field("start_in_step_mode", c.startInStepMode);
    j.endObject();
}

std::string reportToJson(const RunReport& r, const std::function<void(JsonWriter&)>& extra) {
    JsonWriter j;
    const RunConfig& c = r.config;
    const MechanismInfo& info = mechanismInfo(c.mechanism);
    j.beginObject();
    j.field("mechanism", info.name);
    j.key("config");
    writeRunConfigJson(j, c);
    j.field("duration_s", r.durationS);
    j.key("totals");
    writeTotalsJson(j, r.totals);
    j.field("clean", r.totals.clean() && !r.workersFailed());
    j.key("workers");
    j.beginArray();
    for (const auto& w : r.workers) {
        const WorkerId id = w.worker.value_or(WorkerId{}); // a report lists the lab's workers
        j.beginObject();
        j.field("role", roleName(id.role));
        j.field("index", id.index);
        j.field("pid", std::int64_t(w.pid));
        j.field("messages", w.messages);
        j.field("bytes", w.bytes);
        j.field("blocked_ns", w.totalBlockedNs());
        j.field("blocks", w.blocks);
        j.key("blocked_by_call");
        j.beginObject();
        for (std::size_t i = 1; i < kCallKindCount; ++i) {
            if (w.blockedNs[i] != 0 && CallKind(i) != CallKind::Throttle) {
                j.field(callName(CallKind(i)), w.blockedNs[i]);
            }
        }
        j.endObject();
        j.field("throttled_ns", w.blockedNs[std::size_t(CallKind::Throttle)]);
        j.field("cpu_ns", w.exit ? w.exit->cpuNs : std::uint64_t(0));
        j.field("errors", w.errors);
        if (id.role == Role::Consumer) {
            j.field("corrupted", w.corrupted);
            j.field("duplicated", w.duplicated);
            j.field("reordered", w.reordered);
            j.field("late", w.late);
        } else {
            j.field("unchecked", w.unchecked);
        }
        if (w.lastMessageSize != 0) {
            // A text-message run: the last line as it went through the channel.
            j.key("last_message");
            j.beginObject();
            j.field("size", std::uint64_t(w.lastMessageSize));
            j.field("text", cEscaped(w.lastMessage));
            j.field("hex", hexBytes(w.lastMessage));
            j.field("ends_with_nul", !w.lastMessage.empty() && w.lastMessage.back() == '\0' &&
                                         w.lastMessage.size() == w.lastMessageSize);
            j.endObject();
        }
        j.key("exit");
        j.beginObject();
        if (!w.exit) {
            j.field("unknown", true);
        } else if (w.exit->signaled) {
            j.field("signal", w.exit->signal);
            j.field("signal_name", w.exit->describe());
            j.field("killed_by_lab", w.exit->killedByLab);
        } else {
            j.field("code", w.exit->code);
        }
        j.endObject();
        j.endObject();
    }
    j.endArray();
    j.key("channel");
    j.beginObject();
    j.key("capacity");
    r.channel.capacity ? j.value(*r.channel.capacity) : j.null(); // a Lab run always knows it
    j.field("unit", r.channel.unit);
    j.field("max_depth", r.maxDepth);
    j.field("depth_source", r.channel.depthFromKernel ? "kernel" : "workers");
    j.key("objects");
    j.beginArray();
    for (const auto& o : r.objects) {
        writeManifestObjectJson(j, o, JsonKey::Hex);
    }
    j.endArray();
    j.endObject();
    j.key("warnings");
    j.beginArray();
    for (const auto& w : r.warnings) {
        j.value(w);
    }
    j.endArray();
    j.key("events");
    j.beginArray();
    for (const auto& e : r.events) {
        j.beginObject();
        j.field("time_s", double(e.timeNs) / 1e9);
        j.field("worker", e.worker);
        j.field("kind", eventKindKey(e.kind));
        j.field("text", e.text);
        j.endObject();
    }
    j.endArray();
    j.field("events_omitted", r.eventsOmitted);
    j.field("events_kept_per_kind", r.eventsKeptPerKind);
    j.key("event_counts");
    j.beginObject();
    for (const NotableKind& k : kNotableKinds) {
        j.field(k.key, r.eventCounts[k.kind]);
    }
    j.endObject();
    j.field("events_dropped", r.eventsDropped);
    j.key("deadlock_at_s");
    r.deadlockAtS ? j.value(*r.deadlockAtS) : j.null();
    if (r.objectsOutlivingWorkers) {
        j.field("objects_outliving_workers", *r.objectsOutlivingWorkers);
    }
    if (r.attachedWhenRemoved) {
        j.field("attached_when_removed", *r.attachedWhenRemoved);
    }
    j.field("exit_status", r.exitStatus());
    if (extra) {
        extra(j);
    }
    j.endObject();
    return j.str() + "\n";
}

std::string reportToText(const RunReport& r) {
    std::ostringstream out;
    const RunConfig& c = r.config;
    const MechanismInfo& info = mechanismInfo(c.mechanism);
    const Totals& t = r.totals;
    const double secs = r.durationS > 0 ? r.durationS : 1;
    out << info.title << " — " << c.producers << " producer(s) × " << c.consumers
        << " consumer(s), " << formatBytes(c.messageSize) << " messages, "
        << formatDurationNs(std::uint64_t(r.durationS * 1e9)) << "\n";
    out << "  sent      " << formatCount(double(t.messagesSent)) << " messages, "
        << formatBytes(double(t.bytesSent)) << " (" << formatRate(double(t.bytesSent) / secs)
        << ")\n";
    out << "  received  " << formatCount(double(t.messagesReceived)) << " messages, "
        << formatBytes(double(t.bytesReceived)) << " ("
        << formatRate(double(t.bytesReceived) / secs) << ")\n";
    out << "  integrity " << (t.clean() ? "clean" : "VIOLATED") << ": lost " << t.lost
        << ", duplicated " << t.duplicated << ", corrupted " << t.corrupted << ", reordered "
        << t.reordered << "\n";
    if (t.unchecked != 0) {
        out << "            " << t.unchecked
            << " messages could not be checked for duplicates (more were unreceived at once than "
               "the check can follow)\n";
    }
    out << "  channel   capacity "
        << (r.channel.capacity ? std::to_string(*r.channel.capacity) : std::string("unknown"))
        << " " << r.channel.unit << ", max depth " << r.maxDepth << " ("
        << (r.channel.depthFromKernel ? "from the kernel" : "from the workers' counters") << ")\n";
    out << "  workers\n";
    for (const auto& w : r.workers) {
        const WorkerId id = w.worker.value_or(WorkerId{});
        char line[256];
        const double blockedPct =
            100.0 * double(w.totalBlockedNs()) / (r.durationS * 1e9 > 0 ? r.durationS * 1e9 : 1);
        std::snprintf(line, sizeof line,
                      "    %-8s %2u  pid %-7d %10s msgs  %10s  blocked %9s (%4.1f%%)  %s\n",
                      std::string(roleName(id.role)).c_str(), id.index, int(w.pid),
                      formatCount(double(w.messages)).c_str(), formatBytes(double(w.bytes)).c_str(),
                      formatDurationNs(w.totalBlockedNs()).c_str(), blockedPct,
                      w.exit ? w.exit->describe().c_str() : "?");
        out << line;
        for (std::size_t i = 1; i < kCallKindCount; ++i) {
            if (w.blockedNs[i] != 0 && CallKind(i) != CallKind::Throttle) {
                out << "               in " << callName(CallKind(i)) << ": "
                    << formatDurationNs(w.blockedNs[i]) << "\n";
            }
        }
    }
    for (const auto& w : r.warnings) {
        out << "  warning: " << w << "\n";
    }
    if (const std::uint64_t total = r.eventCounts.total(); total > 0) {
        out << "  events    " << total << " notable:";
        const char* sep = " ";
        for (const NotableKind& k : kNotableKinds) {
            if (r.eventCounts[k.kind] != 0) {
                out << sep << r.eventCounts[k.kind] << " " << k.words;
                sep = ", ";
            }
        }
        out << "\n";
    }
    if (r.eventsOmitted) {
        // The list holds the most recent ones: what is left out came before it.
        out << "  … and " << r.eventsOmitted << " more, older (the list keeps the most recent "
            << r.eventsKeptPerKind << " of each kind)\n";
    }
    for (const auto& e : r.events) {
        char ts[32];
        std::snprintf(ts, sizeof ts, "%7.3f s", double(e.timeNs) / 1e9);
        out << "  " << ts << "  " << e.text << "\n";
    }
    if (r.eventsDropped) {
        out << "  (" << r.eventsDropped << " events were dropped: the event ring overflowed)\n";
    }
    return out.str();
}

std::string progressLine(const Frame& f, const RunConfig& c) {
    std::ostringstream out;
    char elapsed[32];
    std::snprintf(elapsed, sizeof elapsed, "%6.1f s", double(f.elapsedNs) / 1e9);
    out << elapsed << "  " << phaseName(f.phase) << (f.paused ? " (paused)" : "") << "  sent "
        << formatCount(double(f.totals.messagesSent)) << "  received "
        << formatCount(double(f.totals.messagesReceived));
    if (const ChannelFrame* ch = f.firstChannel()) {
        out << "  depth " << ch->depth << "/"
            << (ch->capacity ? std::to_string(*ch->capacity) : std::string("?")) << " " << ch->unit;
    }
    int blocked = 0;
    for (const auto& w : f.processes) {
        if (w.state == WorkerState::Blocked && !w.exit) {
            ++blocked;
        }
    }
    out << "  blocked " << blocked << "/" << (c.producers + c.consumers);
    return out.str();
}

} // namespace ipcscope
