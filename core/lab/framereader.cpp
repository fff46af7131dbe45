#include "framereader.h"

#include "base/clock.h"
#include "base/format.h"
#include "mechanisms/channel.h"

#include <atomic>
#include <cstring>

namespace ipcscope {

std::string channelIdentity(Mechanism mechanism, const std::vector<ManifestObject>& objects) {
    std::string out;
    for (const ManifestObject& o : objects) {
        if (!out.empty()) {
            out += " + ";
        }
        switch (o.kind) {
        case IpcKind::SysvMsg:
            out += "msqid " + std::to_string(o.id);
            break;
        case IpcKind::SysvShm:
            out += "shmid " + std::to_string(o.id);
            break;
        case IpcKind::SysvSem:
            out += "semid " + std::to_string(o.id);
            break;
        default:
            out += o.name;
            break;
        }
    }
    return out.empty() ? std::string(mechanismInfo(mechanism).name) : out;
}

FrameReader::FrameReader(Mechanism mechanism, const Channel* channel)
    : m_mechanism(mechanism)
    , m_channel(channel)
    , m_identity(channelIdentity(mechanism,
                                 channel ? channel->objects() : std::vector<ManifestObject>{})) {}

std::string FrameReader::eventText(WorkerId who, const Event& e) {
    const std::string name = who.name();
    switch (e.kind) {
    case EventKind::LongBlock:
        return name + " waited " + formatDurationNs(e.value) + " in " +
               std::string(callName(e.call));
    case EventKind::Error:
        return name + " failed" +
               (e.call != CallKind::None ? " in " + std::string(callName(e.call)) : "") + ": " +
               std::strerror(int(e.value));
    case EventKind::Opened:
        return name + " opened the channel after " + formatDurationNs(e.value);
    case EventKind::Closed:
        return name + " saw the other side close";
    case EventKind::Corrupted:
        return name + " received a corrupted message";
    case EventKind::Exit:
        return name + " finished (exit " + std::to_string(e.value) + ")";
    case EventKind::None:
        break;
    }
    return name + ": unknown event";
}

void FrameReader::readEvents(const Worker& w, const WorkerSlot& slot, std::vector<RunEvent>& out) {
    if (m_eventsRead.size() <= w.slot) {
        m_eventsRead.resize(w.slot + 1, 0);
    }
    std::uint64_t& read = m_eventsRead[w.slot];
    const std::uint64_t written = slot.eventsWritten.load(std::memory_order_acquire);
    if (written - read > kEventRingSize) {
        m_eventsDropped += written - read - kEventRingSize;
        read = written - kEventRingSize;
    }
    for (; read < written; ++read) {
        const EventRingEntry& entry = slot.events[read % kEventRingSize];
        if (entry.stamp.load(std::memory_order_acquire) != read + 1) {
            ++m_eventsDropped;
            continue;
        }
        Event e{entry.timeRelNs, entry.value, EventKind(entry.kind), CallKind(entry.call),
                entry.object};
        std::atomic_thread_fence(std::memory_order_acquire);
        if (entry.stamp.load(std::memory_order_relaxed) != read + 1) {
            ++m_eventsDropped; // overwritten while we copied it
            continue;
        }
        out.push_back({e.timeRelNs, int(w.slot), e.kind, e.call, e.value, eventText(w.id, e)});
    }
}

ProcessFrame FrameReader::readProcess(const TelemetryView& view, const Worker& w,
                                      std::uint64_t elapsedNs, bool paused) const {
    const WorkerSlot& s = view.slot(w.slot);
    ProcessFrame p;
    p.worker = w.id;
    p.pid = w.pid;
    const StateWord st = StateWord::unpack(s.state.load(std::memory_order_acquire));
    p.state = st.state;
    p.call = st.call;
    p.object = st.object;
    std::uint64_t readAtNs = elapsedNs;
    if (st.sinceRelNs > readAtNs) {
        // Begun after the frame's clock was read (reaping and reading many workers take a
        // while): aged now, not shown as "0 ns" (7 % of the throttled states of an 8×8 run).
        const std::uint64_t epochNs = view.header().epochNs;
        const std::uint64_t nowNs = monotonicNs();
        readAtNs = nowNs > epochNs ? nowNs - epochNs : 0;
    }
    p.stateForNs = readAtNs > st.sinceRelNs ? readAtNs - st.sinceRelNs : 0;
    if (p.state == WorkerState::Blocked && p.stateForNs < kMinBlockNs) {
        // Inside a call for a few microseconds: working, not (yet) waiting.
        p.state = WorkerState::Running;
        p.call = CallKind::None;
        p.stateForNs = 0;
    }
    if (w.exit && p.state != WorkerState::Exited) {
        p.state = WorkerState::Exited; // killed before it could say so
        p.call = CallKind::None;
    }
    p.stopped = paused && !w.exit;
    p.messages = s.messages.load(std::memory_order_relaxed);
    p.bytes = s.bytes.load(std::memory_order_relaxed);
    p.errors = s.errors.load(std::memory_order_relaxed);
    p.blocks = s.blocks.load(std::memory_order_relaxed);
    for (std::size_t i = 0; i < kCallKindCount; ++i) {
        p.blockedNs[i] = s.blockedNs[i].load(std::memory_order_relaxed);
    }
    if (p.state == WorkerState::Blocked) {
        p.blockedNowNs = p.stateForNs;
        p.waitChannel = 0; // a Lab run has one channel
    }
    if ((p.state == WorkerState::Blocked || p.state == WorkerState::Held) && m_channel) {
        p.objectName = m_channel->objectName(p.object); // held: the call it will make next
    }
    p.corrupted = s.corrupted.load(std::memory_order_relaxed);
    p.duplicated = s.duplicated.load(std::memory_order_relaxed);
    p.reordered = s.reordered.load(std::memory_order_relaxed);
    p.late = s.late.load(std::memory_order_relaxed);
    if (w.id.role == Role::Producer) {
        p.unchecked = view.ledger(w.id.index).unrecorded.load(std::memory_order_relaxed);
    }
    p.exit = w.exit;
    for (int attempt = 0; attempt < 3 && s.lastMessageSize.load(std::memory_order_relaxed) != 0;
         ++attempt) {
        if (auto m = readLastMessage(s)) { // else the worker was writing it: read again
            p.lastMessageSize = m->size;
            p.lastMessage = std::move(m->bytes);
            break;
        }
    }
    return p;
}

namespace {

// A worker stamps "blocked in CALL" before a call that may wait and clears it when the call
// returns, so a worker that was woken (or never had to wait) but has not had the CPU back yet
// still says "blocked". The gauge is read just after the workers' states: where the kernel's
// state then allows no wait (a sender on a queue with room, a receiver on one with data), the
// worker is running inside its call, not waiting for the channel.
void dropImpossibleWaits(std::vector<ProcessFrame>& processes, const ChannelGauge& gauge) {
    for (ProcessFrame& p : processes) {
        if (p.state != WorkerState::Blocked || p.exit || !p.worker ||
            p.object >= gauge.waitsPossible.size()) {
            continue;
        }
        const ChannelGauge::Waits& w = gauge.waitsPossible[p.object];
        const std::optional<bool> possible =
            p.worker->role == Role::Producer ? w.sender : w.receiver;
        if (possible == false) {
            p.state = WorkerState::Running;
            p.call = CallKind::None;
            p.stateForNs = 0;
            p.blockedNowNs = 0;
            p.waitChannel.reset();
            p.object = 0;
            p.objectName.clear();
        }
    }
}

} // namespace

ChannelFrame FrameReader::readChannel(Frame& f) const {
    ChannelFrame c;
    c.kind = m_mechanism;
    c.identity = m_identity;
    c.unit = std::string(mechanismInfo(m_mechanism).capacityUnit);
    if (m_channel) {
        ChannelGauge g = m_channel->gauge();
        dropImpossibleWaits(f.processes, g);
        c.capacity = m_channel->capacity();
        c.waitingSenders = g.waitingSenders;
        c.waitingReceivers = g.waitingReceivers;
        c.values = std::move(g.values);
        c.problem = std::move(g.problem);
        if (g.depth) {
            c.depth = *g.depth;
            c.depthFromKernel = true;
        }
    }
    if (!c.depthFromKernel) {
        // What producers have handed over minus what consumers have taken out.
        const Totals& t = f.totals;
        const bool inBytes = c.unit == "bytes";
        const std::uint64_t in = inBytes ? t.bytesSent : t.messagesSent;
        const std::uint64_t out = inBytes ? t.bytesReceived : t.messagesReceived;
        c.depth = in > out ? in - out : 0;
    }
    if (!c.waitingSenders || !c.waitingReceivers) {
        std::uint32_t senders = 0, receivers = 0;
        for (const auto& p : f.processes) {
            if (p.state == WorkerState::Blocked && !p.exit) {
                (p.isWorker(Role::Producer) ? senders : receivers)++;
            }
        }
        if (!c.waitingSenders) {
            c.waitingSenders = senders;
        }
        if (!c.waitingReceivers) {
            c.waitingReceivers = receivers;
        }
    }
    return c;
}

Frame FrameReader::read(const TelemetryView& view, std::span<const Worker> workers,
                        std::uint64_t elapsedNs, bool paused) {
    Frame f;
    f.elapsedNs = elapsedNs;
    f.paused = paused;
    f.processes.reserve(workers.size());
    for (const Worker& w : workers) {
        ProcessFrame p = readProcess(view, w, elapsedNs, paused);
        readEvents(w, view.slot(w.slot), f.newEvents);
        Totals& t = f.totals;
        if (w.id.role == Role::Producer) {
            t.messagesSent += p.messages;
            t.bytesSent += p.bytes;
            t.unchecked += p.unchecked;
        } else {
            t.messagesReceived += p.messages;
            t.bytesReceived += p.bytes;
            t.corrupted += p.corrupted;
            t.duplicated += p.duplicated;
            t.reordered += p.reordered;
        }
        f.processes.push_back(std::move(p));
    }
    f.eventsDropped = m_eventsDropped;
    f.channels.push_back(readChannel(f));
    addLabEndpoints(f);
    measureEndpointRates(f, m_rates);
    return f;
}

} // namespace ipcscope
