#include "framelines.h"

#include "lab/report.h"

#include "base/jsonwriter.h"

namespace ipcscope {

using recordingjson::eventKindName;

namespace {

// ---- writing ----

// Counters that are zero most of the time are left out, which keeps a frame line short.
void nonZero(JsonWriter& j, std::string_view key, std::uint64_t v) {
    if (v != 0) {
        j.field(key, v);
    }
}

void writeWake(JsonWriter& j, const WakeFrame& w) {
    j.beginObject();
    j.field("ended_ns", w.endedNs);
    j.field("waited_ns", w.waitedNs);
    j.field("wakee_pid", std::int64_t(w.wakeePid));
    j.field("wakee_tid", std::int64_t(w.wakeeTid));
    j.field("waker_pid", std::int64_t(w.wakerPid));
    j.field("waker_tid", std::int64_t(w.wakerTid));
    if (!w.wakerCommand.empty()) {
        j.field("waker_command", w.wakerCommand);
    }
    j.field("call", w.call);
    if (!w.objectName.empty()) {
        j.field("object_name", w.objectName);
    }
    j.endObject();
}

void writeProcess(JsonWriter& j, const ProcessFrame& w) {
    j.beginObject();
    if (w.worker) {
        j.field("role", roleName(w.worker->role));
        j.field("index", w.worker->index);
    }
    j.field("pid", std::int64_t(w.pid));
    if (w.tid != 0) {
        j.field("tid", std::int64_t(w.tid));
    }
    if (!w.command.empty()) {
        j.field("command", w.command);
    }
    if (!w.callName.empty()) {
        j.field("call_name", w.callName);
    }
    if (!w.waitDetail.empty()) {
        j.field("wait_detail", w.waitDetail);
    }
    j.field("state", stateName(w.state));
    if (w.call != CallKind::None) {
        j.field("call", callName(w.call));
    }
    if (w.waitChannel) {
        j.field("wait_channel", std::uint64_t(*w.waitChannel));
    }
    nonZero(j, "object", w.object);
    if (!w.objectName.empty()) {
        j.field("object_name", w.objectName);
    }
    nonZero(j, "state_for_ns", w.stateForNs);
    if (w.stateForAtLeast) {
        j.field("state_for_at_least", true);
    }
    if (w.stopped) {
        j.field("stopped", true);
    }
    if (w.lastWake) {
        j.key("last_wake");
        writeWake(j, *w.lastWake);
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
    // A Lab channel by its mechanism, an observed one by its kind of kernel object.
    j.field(std::holds_alternative<Mechanism>(c.kind) ? "mechanism" : "kind",
            channelKindName(c.kind));
    j.field("identity", c.identity);
    if (c.capacity) {
        j.field("capacity", *c.capacity);
    }
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

// An endpoint's counters are left out when they are its process's (a Lab worker's one
// endpoint); its rates when they are exact: the reader measures them again over the frames, as
// the lab did (measureEndpointRates), which keeps a Lab run's lines short.
void writeEndpoint(JsonWriter& j, const EndpointFrame& e, const std::vector<ProcessFrame>& ps) {
    j.beginObject();
    j.field("process", std::uint64_t(e.process));
    j.field("channel", std::uint64_t(e.channel));
    j.field("direction", directionName(e.direction));
    const ProcessFrame* p = e.process < ps.size() ? &ps[e.process] : nullptr;
    if (!p || p->messages != e.messages || p->bytes != e.bytes) {
        j.field("messages", e.messages);
        j.field("bytes", e.bytes);
    }
    if (e.estimated) {
        j.field("estimated", true);
        j.field("messages_per_s", e.messagesPerS);
        j.field("bytes_per_s", e.bytesPerS);
    }
    j.endObject();
}

// A Lab run's endpoints: one per worker on its one channel, with the worker's counters and
// exact rates. A frame line leaves them out; the reader makes them again (addLabEndpoints).
bool labEndpoints(const Frame& f) {
    if (f.channels.size() != 1 || f.endpoints.size() != f.processes.size()) {
        return false;
    }
    for (std::size_t i = 0; i < f.endpoints.size(); ++i) {
        const EndpointFrame& e = f.endpoints[i];
        const ProcessFrame& p = f.processes[i];
        const auto direction =
            p.isWorker(Role::Consumer) ? EndpointDirection::Receive : EndpointDirection::Send;
        if (!p.worker || e.process != i || e.channel != 0 || e.direction != direction ||
            e.messages != p.messages || e.bytes != p.bytes || e.estimated) {
            return false;
        }
    }
    return true;
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

} // namespace

namespace recordingjson {

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

} // namespace recordingjson

// ---- lines ----

std::string recordingFrameLine(const Frame& f) {
    JsonWriter j;
    j.beginObject();
    j.field("type", "frame");
    j.field("t_ns", f.elapsedNs);
    j.field("phase", phaseName(f.phase));
    j.field("paused", f.paused);
    j.field("events_dropped", f.eventsDropped);
    if (f.control != FrameControl{}) { // a Classroom run's pace or step mode, so a replay shows it
        j.key("control");
        j.beginObject();
        j.field("step_mode", f.control.stepMode);
        j.field("pace_interval_ns", f.control.paceIntervalNs);
        j.field("steps", f.control.steps);
        j.endObject();
    }
    j.key("totals");
    writeTotalsJson(j, f.totals);
    j.key("channels");
    j.beginArray();
    for (const auto& c : f.channels) {
        writeChannel(j, c);
    }
    j.endArray();
    j.key("processes");
    j.beginArray();
    for (const auto& p : f.processes) {
        writeProcess(j, p);
    }
    j.endArray();
    if (!labEndpoints(f)) {
        j.key("endpoints");
        j.beginArray();
        for (const auto& e : f.endpoints) {
            writeEndpoint(j, e, f.processes);
        }
        j.endArray();
    }
    if (!f.newEvents.empty()) {
        j.key("events");
        writeEvents(j, f.newEvents);
    }
    if (!f.deadlocks.empty()) {
        j.key("deadlocks");
        j.beginArray();
        for (const auto& d : f.deadlocks) {
            j.beginObject();
            j.field("certain", d.certain);
            const auto indices = [&j](std::string_view key, const std::vector<std::size_t>& v) {
                j.key(key);
                j.beginArray();
                for (std::size_t i : v) {
                    j.value(std::uint64_t(i));
                }
                j.endArray();
            };
            indices("processes", d.processes);
            indices("channels", d.channels);
            j.field("text", d.text);
            j.endObject();
        }
        j.endArray();
    }
    if (!f.waitNotes.empty()) {
        j.key("wait_notes");
        j.beginArray();
        for (const auto& n : f.waitNotes) {
            j.value(n);
        }
        j.endArray();
    }
    if (!f.flowNote.empty()) { // observations: exact (eBPF) or why only estimates
        j.field("flow_note", f.flowNote);
    }
    if (!f.wakes.empty()) { // observations, eBPF tier: measured wake-ups
        j.key("wakes");
        j.beginArray();
        for (const auto& w : f.wakes) {
            writeWake(j, w);
        }
        j.endArray();
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
        writeProcess(j, w);
    }
    j.endArray();
    j.key("channel");
    writeChannel(j, r.channel);
    j.field("max_depth", r.maxDepth);
    j.key("objects");
    j.beginArray();
    for (const auto& o : r.objects) {
        writeManifestObjectJson(j, o, JsonKey::Number);
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

} // namespace ipcscope
