#include "runhistory.h"

#include <algorithm>

namespace ipcscope {

void RunHistory::clear() {
    m_nowS = 0;
    m_capacity = 0;
    m_workers.clear();
    m_depth.clear();
}

void RunHistory::add(const Frame& frame) {
    m_nowS = double(frame.elapsedNs) / 1e9;
    m_capacity = frame.channel.capacity;
    if (m_workers.size() != frame.workers.size()) {
        m_workers.assign(frame.workers.size(), WorkerHistory{});
        for (std::size_t i = 0; i < frame.workers.size(); ++i) {
            m_workers[i].role = frame.workers[i].role;
            m_workers[i].index = frame.workers[i].index;
        }
    }
    for (std::size_t i = 0; i < frame.workers.size(); ++i) {
        const WorkerFrame& w = frame.workers[i];
        WorkerHistory& h = m_workers[i];
        // Rates over a fixed interval: a 30 Hz frame rate would otherwise show scheduler noise.
        if (h.lastTimeS < 0) {
            h.lastTimeS = m_nowS;
            h.lastMessages = w.messages;
            h.lastBytes = w.bytes;
        } else if (m_nowS - h.lastTimeS >= m_rateIntervalS) {
            const double dt = m_nowS - h.lastTimeS;
            h.rates.push_back({m_nowS, double(w.messages - h.lastMessages) / dt,
                               double(w.bytes - h.lastBytes) / dt});
            h.lastTimeS = m_nowS;
            h.lastMessages = w.messages;
            h.lastBytes = w.bytes;
        }
        const WorkerState state = w.exit ? WorkerState::Exited : w.state;
        const CallKind call = state == WorkerState::Blocked || state == WorkerState::Throttled
                                  ? w.call
                                  : CallKind::None;
        if (!h.segments.empty() && h.segments.back().state == state &&
            h.segments.back().call == call && h.segments.back().stopped == w.stopped) {
            h.segments.back().endS = m_nowS;
        } else {
            // The new state began when the worker says it did (it may predate this frame).
            const double began = std::max(h.segments.empty() ? 0.0 : h.segments.back().startS,
                                          m_nowS - double(w.stateForNs) / 1e9);
            if (!h.segments.empty()) {
                h.segments.back().endS = std::max(h.segments.back().startS, began);
            }
            h.segments.push_back({began, m_nowS, state, call, w.stopped});
        }
    }
    m_depth.push_back({m_nowS, double(frame.channel.depth)});
    trim();
}

void RunHistory::trim() {
    const double oldest = m_nowS - m_windowS;
    for (auto& h : m_workers) {
        while (!h.rates.empty() && h.rates.front().timeS < oldest) {
            h.rates.pop_front();
        }
        while (h.segments.size() > 1 && h.segments.front().endS < oldest) {
            h.segments.pop_front();
        }
    }
    while (!m_depth.empty() && m_depth.front().timeS < oldest) {
        m_depth.pop_front();
    }
}

double RunHistory::maxMessagesPerS() const {
    double m = 0;
    for (const auto& h : m_workers) {
        for (const auto& p : h.rates) {
            m = std::max(m, p.messagesPerS);
        }
    }
    return m;
}

double RunHistory::maxBytesPerS() const {
    double m = 0;
    for (const auto& h : m_workers) {
        for (const auto& p : h.rates) {
            m = std::max(m, p.bytesPerS);
        }
    }
    return m;
}

std::size_t RunHistory::pointCount() const {
    std::size_t n = m_depth.size();
    for (const auto& h : m_workers) {
        n += h.rates.size() + h.segments.size();
    }
    return n;
}

} // namespace ipcscope
