#include "runviews/runhistory.h"

#include <algorithm>

namespace ipcscope {

void RunHistory::clear() {
    m_nowS = 0;
    m_processes.clear();
    m_channels.clear();
}

namespace {

// Keeps each item's history at its place in the frame: an item that stays keeps its past, one
// that comes starts empty (made by `fresh`), one that went is dropped. A Lab run's processes
// and channel never change, so this costs a comparison per item and frame.
template <typename History, typename Item, typename Same, typename Fresh>
void follow(std::vector<History>& histories, const std::vector<Item>& items, Same same,
            Fresh fresh) {
    bool unchanged = histories.size() == items.size();
    for (std::size_t i = 0; unchanged && i < items.size(); ++i) {
        unchanged = same(histories[i], items[i]);
    }
    if (unchanged) {
        return;
    }
    std::vector<History> next;
    next.reserve(items.size());
    for (const Item& item : items) {
        const auto old = std::find_if(histories.begin(), histories.end(),
                                      [&](const History& h) { return same(h, item); });
        next.push_back(old != histories.end() ? std::move(*old) : fresh(item));
    }
    histories = std::move(next);
}

} // namespace

void RunHistory::matchProcesses(const Frame& frame) {
    follow(
        m_processes, frame.processes,
        [](const ProcessHistory& h, const ProcessFrame& p) {
            return h.worker == p.worker && h.pid == p.pid && h.tid == p.tid;
        },
        [this](const ProcessFrame& p) {
            ProcessHistory h;
            h.worker = p.worker;
            h.pid = p.pid;
            h.tid = p.tid;
            h.command = p.command;
            h.meter = RateMeter(m_rateIntervalS);
            return h;
        });
    for (const EndpointFrame& e : frame.endpoints) {
        if (e.process < m_processes.size() && e.sends()) {
            m_processes[e.process].sends = true;
        }
    }
}

void RunHistory::matchChannels(const Frame& frame) {
    follow(
        m_channels, frame.channels,
        [](const ChannelHistory& h, const ChannelFrame& c) {
            return h.kind == c.kind && h.identity == c.identity;
        },
        [](const ChannelFrame& c) {
            ChannelHistory h;
            h.kind = c.kind;
            h.identity = c.identity;
            return h;
        });
}

// Ends the last segment before a state that began at `next`. What happened between the frame
// that last saw it and `next` is not sampled; a wait or a throttle then lasted no longer than
// the time the worker counted for that call since (its own stamps, exact): the wait seen last
// began at lastSinceS, and the counter grew by its whole length, plus any later waits in the
// same call. The rest, up to `next`, the worker was running. Without that bound a consumer
// seen for a moment inside msgrcv would be drawn waiting until it next slept, beside producers
// waiting in msgsnd on the same full queue.
void RunHistory::endSegment(ProcessHistory& h, const ProcessFrame& w, double next) {
    StateSegment& last = h.segments.back();
    double end = std::max(last.startS, next);
    const bool timed = last.state == WorkerState::Blocked || last.state == WorkerState::Throttled;
    const auto call = std::size_t(last.call);
    if (w.worker && timed && !last.stopped && call < kCallKindCount &&
        w.blockedNs[call] >= h.lastBlockedNs[call]) {
        const double counted = double(w.blockedNs[call] - h.lastBlockedNs[call]) / 1e9;
        const double bound = std::max({last.startS, h.lastSeenS, h.lastSinceS + counted});
        if (bound < end) {
            last.endS = bound;
            StateSegment running;
            running.startS = bound;
            running.endS = end;
            running.state = WorkerState::Running;
            h.segments.push_back(running);
            return;
        }
    }
    last.endS = end;
}

void RunHistory::add(const Frame& frame) {
    m_nowS = double(frame.elapsedNs) / 1e9;
    matchProcesses(frame);
    matchChannels(frame);
    for (std::size_t i = 0; i < frame.processes.size(); ++i) {
        const ProcessFrame& w = frame.processes[i];
        ProcessHistory& h = m_processes[i];
        // Rates over a fixed interval: a 30 Hz frame rate would otherwise show scheduler noise.
        if (h.meter.update(m_nowS, w.messages, w.bytes)) {
            h.rates.push_back({m_nowS, h.meter.messagesPerS(), h.meter.bytesPerS()});
        }
        const WorkerState state = w.exit ? WorkerState::Exited : w.state;
        const bool inCall = state == WorkerState::Blocked || state == WorkerState::Throttled;
        const CallKind call = inCall ? w.call : CallKind::None;
        const std::string& name = inCall ? w.callName : std::string();
        if (!h.segments.empty() && h.segments.back().state == state &&
            h.segments.back().call == call && h.segments.back().callName == name &&
            h.segments.back().stopped == w.stopped) {
            h.segments.back().endS = m_nowS;
        } else {
            // The new state began when the worker says it did (it may predate this frame).
            const double began = std::max(h.segments.empty() ? 0.0 : h.segments.back().startS,
                                          m_nowS - double(w.stateForNs) / 1e9);
            if (!h.segments.empty()) {
                endSegment(h, w, began);
            }
            h.segments.push_back({began, m_nowS, state, call, name, w.stopped, w.stateForAtLeast});
        }
        h.lastSeenS = m_nowS;
        h.lastSinceS = m_nowS - double(w.stateForNs) / 1e9;
        h.lastBlockedNs = w.blockedNs;
    }
    for (std::size_t i = 0; i < frame.channels.size(); ++i) {
        const ChannelFrame& c = frame.channels[i];
        ChannelHistory& h = m_channels[i];
        h.unit = c.unit;
        h.capacity = c.capacity;
        // An observed pipe's fill level is unknown (only a holder can ask): no point, not 0.
        h.levelKnown = !std::holds_alternative<IpcKind>(c.kind) || c.depthFromKernel;
        // A gauge that could not be read (c.problem) leaves a gap: the fill is unknown then,
        // and a line drawn through a made-up value would contradict the other views.
        if (h.levelKnown && !c.problem) {
            h.depth.push_back({m_nowS, double(c.depth)});
        }
    }
    trim();
}

void RunHistory::trim() {
    const double oldest = m_nowS - m_windowS;
    for (auto& h : m_processes) {
        while (!h.rates.empty() && h.rates.front().timeS < oldest) {
            h.rates.pop_front();
        }
        while (h.segments.size() > 1 && h.segments.front().endS < oldest) {
            h.segments.pop_front();
        }
    }
    for (auto& h : m_channels) {
        while (!h.depth.empty() && h.depth.front().timeS < oldest) {
            h.depth.pop_front();
        }
    }
}

double RunHistory::maxMessagesPerS() const {
    double m = 0;
    for (const auto& h : m_processes) {
        for (const auto& p : h.rates) {
            m = std::max(m, p.messagesPerS);
        }
    }
    return m;
}

double RunHistory::maxBytesPerS() const {
    double m = 0;
    for (const auto& h : m_processes) {
        for (const auto& p : h.rates) {
            m = std::max(m, p.bytesPerS);
        }
    }
    return m;
}

std::size_t RunHistory::pointCount() const {
    std::size_t n = 0;
    for (const auto& h : m_channels) {
        n += h.depth.size();
    }
    for (const auto& h : m_processes) {
        n += h.rates.size() + h.segments.size();
    }
    return n;
}

} // namespace ipcscope
