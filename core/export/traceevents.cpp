#include "traceevents.h"

#include "base/jsonwriter.h"
#include "frametext.h"

#include <algorithm>
#include <cstdlib>
#include <numeric>
#include <optional>
#include <set>
#include <utility>

namespace ipcscope {

namespace {

double micros(std::uint64_t ns) {
    return double(ns) / 1e3;
}

// A track: one thread of one process (tid = pid for a single-threaded one or a Lab worker).
using TrackId = std::pair<pid_t, pid_t>;

TrackId trackOf(const ProcessFrame& p) {
    return {p.pid, p.tid != 0 ? p.tid : p.pid};
}

// Two sightings of a thread blocked in the same call on the same object are one wait when
// they start at the same time: the Lab stamps the start exactly, an observation keeps the
// first sample's lower bound for as long as the wait lasts.
constexpr std::uint64_t kSameStartToleranceNs = 1'000'000;

// A wait seen in consecutive frames, not yet written.
struct OpenWait {
    std::string name;
    std::string call;
    std::string object;
    std::string detail;
    std::optional<std::size_t> channel;
    std::uint8_t objectIndex = 0;
    std::uint64_t startNs = 0;
    bool startKnown = false; // from stateForNs, rather than the first frame that showed it
    bool lowerBound = false;
    bool beganBefore = false; // before elapsedNs 0: the slice starts at 0
    std::uint64_t lastSeenNs = 0;
};

class TraceWriter {
public:
    TraceWriter(const std::vector<Frame>& frames, const TraceExportInfo& info)
        : m_frames(frames)
        , m_info(info) {}

    std::string write();

private:
    void names();
    void waits(const Frame& frame);
    void closeWait(const TrackId& track, const OpenWait& wait);
    void counters(const Frame& frame);
    void deadlocks(const Frame& frame);
    void wakeUps();
    void eventHead(std::string_view name, std::string_view phase, std::uint64_t timeNs, pid_t pid,
                   pid_t tid);
    template <typename T>
    void metadata(std::string_view name, pid_t pid, std::optional<pid_t> tid, std::string_view key,
                  const T& value);

    const std::vector<Frame>& m_frames;
    const TraceExportInfo& m_info;
    std::vector<std::size_t> m_order; // frames by time
    JsonWriter m_json;
    std::map<TrackId, OpenWait> m_open;
    std::map<std::string, std::uint64_t> m_depths; // by channel name: last written
    std::map<std::pair<pid_t, std::string>, std::pair<double, double>> m_rates;
    std::set<std::string> m_deadlocksNow; // texts of the previous frame's deadlocks
};

void TraceWriter::eventHead(std::string_view name, std::string_view phase, std::uint64_t timeNs,
                            pid_t pid, pid_t tid) {
    m_json.beginObject();
    m_json.field("name", name);
    m_json.field("ph", phase);
    m_json.field("ts", micros(timeNs));
    m_json.field("pid", pid);
    m_json.field("tid", tid);
}

template <typename T>
void TraceWriter::metadata(std::string_view name, pid_t pid, std::optional<pid_t> tid,
                           std::string_view key, const T& value) {
    m_json.beginObject();
    m_json.field("name", name);
    m_json.field("ph", "M");
    m_json.field("pid", pid);
    if (tid) {
        m_json.field("tid", *tid);
    }
    m_json.key("args");
    m_json.beginObject();
    m_json.field(key, value);
    m_json.endObject();
    m_json.endObject();
}

// process_name and thread_name for every process and thread any frame holds, named as the
// first frame that holds it names it.
void TraceWriter::names() {
    std::map<pid_t, std::string> processes;
    std::map<TrackId, std::string> threads;
    for (std::size_t i : m_order) {
        for (const ProcessFrame& p : m_frames[i].processes) {
            if (p.pid <= 0) {
                continue; // a worker not started yet
            }
            const TrackId track = trackOf(p);
            processes.try_emplace(p.pid, processName(p));
            std::string thread = processName(p);
            if (track.second != p.pid) {
                thread += " · thread " + std::to_string(track.second);
            }
            threads.try_emplace(track, std::move(thread));
        }
    }
    for (auto& [pid, name] : processes) {
        const auto given = m_info.processNames.find(pid);
        metadata("process_name", pid, std::nullopt, "name",
                 given != m_info.processNames.end() ? given->second : name);
    }
    for (auto& [track, name] : threads) {
        const auto given = m_info.threadNames.find(track.second);
        metadata("thread_name", track.first, track.second, "name",
                 given != m_info.threadNames.end() ? given->second : name);
    }
    bool anyChannel = false;
    for (const Frame& f : m_frames) {
        anyChannel = anyChannel || !f.channels.empty();
    }
    if (anyChannel) {
        metadata("process_name", kChannelsTrackPid, std::nullopt, "name", std::string("channels"));
        // Below the processes, in Perfetto and in chrome://tracing.
        metadata("process_sort_index", kChannelsTrackPid, std::nullopt, "sort_index",
                 std::int64_t(1) << 30);
    }
}

void TraceWriter::closeWait(const TrackId& track, const OpenWait& wait) {
    eventHead(wait.name, "X", wait.startNs, track.first, track.second);
    m_json.field("cat", "wait");
    m_json.field("dur", micros(wait.lastSeenNs - wait.startNs));
    m_json.key("args");
    m_json.beginObject();
    m_json.field("call", wait.call);
    if (!wait.object.empty()) {
        m_json.field("object", wait.object);
    }
    if (!wait.detail.empty()) {
        m_json.field("detail", wait.detail);
    }
    // The start is a lower bound (an observation), or only the first frame that showed it.
    m_json.field("start", wait.beganBefore   ? "before the trace began"
                          : !wait.startKnown ? "first frame that showed it"
                          : wait.lowerBound  ? "at the latest"
                                             : "exact");
    m_json.endObject();
    m_json.endObject();
}

void TraceWriter::waits(const Frame& frame) {
    std::set<TrackId> seen;
    for (const ProcessFrame& p : frame.processes) {
        if (p.pid <= 0) {
            continue;
        }
        const TrackId track = trackOf(p);
        seen.insert(track);
        const auto open = m_open.find(track);
        if (p.state != WorkerState::Blocked) {
            if (open != m_open.end()) {
                closeWait(track, open->second);
                m_open.erase(open);
            }
            continue;
        }
        OpenWait now;
        now.name = waitName(frame, p);
        now.call = waitCallName(p);
        now.object = waitObjectName(frame, p);
        now.detail = p.waitDetail;
        now.channel = p.waitChannel;
        now.objectIndex = p.object;
        // A wait that began before the first frame starts the trace (no negative times).
        now.startKnown = p.stateForNs > 0;
        now.startNs = frame.elapsedNs > p.stateForNs ? frame.elapsedNs - p.stateForNs : 0;
        now.beganBefore = p.stateForNs > frame.elapsedNs;
        now.lowerBound = p.stateForAtLeast;
        now.lastSeenNs = frame.elapsedNs;
        if (open != m_open.end()) {
            OpenWait& was = open->second;
            const bool sameWait =
                was.name == now.name && was.channel == now.channel &&
                was.objectIndex == now.objectIndex &&
                (!now.startKnown || !was.startKnown ||
                 std::llabs(std::int64_t(now.startNs) - std::int64_t(was.startNs)) <=
                     std::int64_t(kSameStartToleranceNs));
            if (sameWait) {
                was.lastSeenNs = now.lastSeenNs;
                if (now.startKnown && !was.startKnown && now.startNs < was.startNs) {
                    was.startNs = now.startNs; // a later frame knew when it began
                    was.startKnown = true;
                    was.lowerBound = now.lowerBound;
                    was.beganBefore = now.beganBefore;
                }
                continue;
            }
            closeWait(track, was);
            m_open.erase(open);
        }
        m_open.emplace(track, std::move(now));
    }
    // A thread no longer in the frame (it exited, or left the observation) waits no more.
    for (auto it = m_open.begin(); it != m_open.end();) {
        if (seen.count(it->first)) {
            ++it;
            continue;
        }
        closeWait(it->first, it->second);
        it = m_open.erase(it);
    }
}

// Counters are written when they change (and the first time): a counter holds its value until
// the next event.
void TraceWriter::counters(const Frame& frame) {
    for (const ChannelFrame& c : frame.channels) {
        const std::string name = channelName(c);
        const auto last = m_depths.find(name);
        if (last != m_depths.end() && last->second == c.depth) {
            continue;
        }
        m_depths[name] = c.depth;
        eventHead("depth of " + name, "C", frame.elapsedNs, kChannelsTrackPid, 0);
        m_json.key("args");
        m_json.beginObject();
        m_json.field(c.unit.empty() ? std::string_view("depth") : std::string_view(c.unit),
                     c.depth);
        m_json.endObject();
        m_json.endObject();
    }
    for (const EndpointFrame& e : frame.endpoints) {
        if (e.process >= frame.processes.size() || e.channel >= frame.channels.size() ||
            frame.processes[e.process].pid <= 0) {
            continue;
        }
        const pid_t pid = frame.processes[e.process].pid;
        const std::string way = e.direction == EndpointDirection::Send      ? "sent to "
                                : e.direction == EndpointDirection::Receive ? "received from "
                                                                            : "through ";
        const std::string name = way + channelName(frame.channels[e.channel]);
        const auto rates = std::pair(e.bytesPerS, e.messagesPerS);
        const auto key = std::pair(pid, name);
        const auto last = m_rates.find(key);
        if (last != m_rates.end() && last->second == rates) {
            continue;
        }
        m_rates[key] = rates;
        eventHead(name, "C", frame.elapsedNs, pid, pid);
        m_json.key("args");
        m_json.beginObject();
        m_json.field("bytes/s", e.bytesPerS);
        m_json.field("messages/s", e.messagesPerS);
        m_json.endObject();
        m_json.endObject();
    }
}

// An instant where a deadlock is first found (again, if it went away in between).
void TraceWriter::deadlocks(const Frame& frame) {
    std::set<std::string> now;
    for (const DeadlockFrame& d : frame.deadlocks) {
        now.insert(d.text);
        if (m_deadlocksNow.count(d.text)) {
            continue;
        }
        const bool known = !d.processes.empty() && d.processes.front() < frame.processes.size();
        const ProcessFrame* first = known ? &frame.processes[d.processes.front()] : nullptr;
        eventHead(d.certain ? "deadlock" : "possible deadlock", "i", frame.elapsedNs,
                  first ? first->pid : kChannelsTrackPid, first ? trackOf(*first).second : 0);
        m_json.field("s", "g");
        m_json.field("cat", "deadlock");
        m_json.key("args");
        m_json.beginObject();
        m_json.field("text", d.text);
        m_json.key("pids");
        m_json.beginArray();
        for (std::size_t i : d.processes) {
            if (i < frame.processes.size()) {
                m_json.value(frame.processes[i].pid);
            }
        }
        m_json.endArray();
        m_json.endObject();
        m_json.endObject();
    }
    m_deadlocksNow = std::move(now);
}

// Flow arrows from waker to wakee, only for wake-ups that were measured: the /proc tier
// infers who could release a wait but never sees who did, and an arrow drawn from that
// inference would claim what nobody saw.
void TraceWriter::wakeUps() {
    std::vector<WakeUp> all = m_info.wakeUps;
    for (std::size_t i : m_order) {
        for (const WakeFrame& w : m_frames[i].wakes) {
            if (w.wakerPid <= 0) {
                continue; // ended without a wake-up (a timeout, a signal): no arrow
            }
            all.push_back({w.endedNs, w.wakerPid, w.wakerTid, w.wakeePid, w.wakeeTid, w.waitedNs,
                           w.call, w.objectName});
        }
    }
    std::uint64_t id = 0;
    for (const WakeUp& w : all) {
        ++id;
        const pid_t wakerTrack = w.wakerTid ? w.wakerTid : w.wakerPid;
        const pid_t wakeeTrack = w.wakeeTid ? w.wakeeTid : w.wakeePid;
        // A flow binds to a slice around it on each end: a mark of no length on both tracks.
        eventHead("wakes " + std::to_string(w.wakeePid), "X", w.timeNs, w.wakerPid, wakerTrack);
        m_json.field("cat", "wakeup");
        m_json.field("dur", 0);
        m_json.endObject();
        eventHead("wake-up", "s", w.timeNs, w.wakerPid, wakerTrack);
        m_json.field("cat", "wakeup");
        m_json.field("id", id);
        m_json.endObject();
        eventHead("woken by " + std::to_string(w.wakerPid), "X", w.timeNs, w.wakeePid, wakeeTrack);
        m_json.field("cat", "wakeup");
        m_json.field("dur", 0);
        m_json.key("args");
        m_json.beginObject();
        if (w.waitedNs != 0) {
            m_json.field("waited_us", double(w.waitedNs) / 1e3);
        }
        if (!w.call.empty()) {
            m_json.field("call", w.call);
        }
        if (!w.objectName.empty()) {
            m_json.field("object", w.objectName);
        }
        m_json.endObject();
        m_json.endObject();
        eventHead("wake-up", "f", w.timeNs, w.wakeePid, wakeeTrack);
        m_json.field("cat", "wakeup");
        m_json.field("id", id);
        m_json.field("bp", "e"); // binds to the wait it ends
        m_json.endObject();
    }
}

std::string TraceWriter::write() {
    m_order.resize(m_frames.size());
    std::iota(m_order.begin(), m_order.end(), std::size_t(0));
    std::stable_sort(m_order.begin(), m_order.end(), [this](std::size_t a, std::size_t b) {
        return m_frames[a].elapsedNs < m_frames[b].elapsedNs;
    });
    m_json.beginObject();
    m_json.key("traceEvents");
    m_json.beginArray();
    names();
    for (std::size_t i : m_order) {
        const Frame& f = m_frames[i];
        waits(f);
        counters(f);
        deadlocks(f);
    }
    for (const auto& [track, wait] : m_open) {
        closeWait(track, wait); // still waiting at the last frame: the slice ends there
    }
    wakeUps();
    m_json.endArray();
    m_json.field("displayTimeUnit", "ms");
    m_json.key("otherData");
    m_json.beginObject();
    m_json.field("title", m_info.title);
    if (!m_info.startTime.empty()) {
        m_json.field("start_time", m_info.startTime);
    }
    m_json.field("exporter", "ipcscope");
    m_json.endObject();
    m_json.endObject();
    return m_json.str();
}

} // namespace

std::string traceEventJson(const std::vector<Frame>& frames, const TraceExportInfo& info) {
    return TraceWriter(frames, info).write();
}

} // namespace ipcscope
