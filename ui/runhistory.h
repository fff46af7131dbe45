#pragma once

// The recent past of a run, for charts: throughput per worker, state segments per worker
// (the blocking timeline) and channel depth. Bounded to a time window, so a GUI left running
// for hours keeps flat memory. Plain data, no Qt Widgets: tested on its own.

#include "lab/frame.h"

#include <cstdint>
#include <deque>
#include <vector>

namespace ipcscope {

struct RatePoint {
    double timeS = 0;
    double messagesPerS = 0;
    double bytesPerS = 0;
};

struct StateSegment {
    double startS = 0;
    double endS = 0;
    WorkerState state = WorkerState::Starting;
    CallKind call = CallKind::None;
    bool stopped = false; // paused by the lab
};

struct DepthPoint {
    double timeS = 0;
    double depth = 0;
};

struct WorkerHistory {
    Role role = Role::Producer;
    std::uint32_t index = 0;
    std::deque<RatePoint> rates;
    std::deque<StateSegment> segments;
    // Previous cumulative counters, for rates.
    double lastTimeS = -1;
    std::uint64_t lastMessages = 0;
    std::uint64_t lastBytes = 0;
};

class RunHistory {
public:
    explicit RunHistory(double windowS = 60.0, double rateIntervalS = 0.25)
        : m_windowS(windowS)
        , m_rateIntervalS(rateIntervalS) {}

    void clear();
    void add(const Frame& frame);

    double windowS() const { return m_windowS; }
    double nowS() const { return m_nowS; }
    std::uint64_t capacity() const { return m_capacity; }
    const std::vector<WorkerHistory>& workers() const { return m_workers; }
    const std::deque<DepthPoint>& depth() const { return m_depth; }
    // Largest rate in the window, for the charts' axes.
    double maxMessagesPerS() const;
    double maxBytesPerS() const;
    std::size_t pointCount() const; // everything held, to check memory stays bounded

private:
    void trim();

    double m_windowS;
    double m_rateIntervalS;
    double m_nowS = 0;
    std::uint64_t m_capacity = 0;
    std::vector<WorkerHistory> m_workers;
    std::deque<DepthPoint> m_depth;
};

} // namespace ipcscope
