#pragma once

// The recent past of a run, for charts: throughput per process, state segments per process
// (the blocking timeline) and depth per channel. Bounded to a time window, so a GUI left
// running for hours keeps flat memory. Plain data, no Qt Widgets: tested on its own.

#include "lab/frame.h"

#include <array>
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
    std::string callName; // an observed call CallKind cannot name ("epoll_wait")
    bool stopped = false; // paused by the lab
    bool atLeast = false; // observed: began no later than startS (a lower bound)
};

struct DepthPoint {
    double timeS = 0;
    double depth = 0;
};

// One process of the frames, followed by who it is (a worker, or a pid).
struct ProcessHistory {
    std::optional<WorkerId> worker;
    pid_t pid = 0;
    pid_t tid = 0; // an observed thread's lane (0: the process as a whole)
    std::string command;
    bool sends = false; // on a send endpoint (a producer): for the charts' colours
    std::deque<RatePoint> rates;
    std::deque<StateSegment> segments;
    RateMeter meter; // over the cumulative counters
    // The latest frame's view of this process, to end a wait where its counters say it ended.
    double lastSeenS = 0;
    double lastSinceS = 0; // when the state it was in then began
    std::array<std::uint64_t, kCallKindCount> lastBlockedNs{};
};

struct ChannelHistory {
    ChannelKind kind;
    std::string identity;
    std::string unit;
    std::optional<std::uint64_t> capacity; // the latest frame's
    // False for an observed pipe or FIFO: only a holder can ask its fill level (no points).
    bool levelKnown = true;
    std::deque<DepthPoint> depth;
};

class RunHistory {
public:
    explicit RunHistory(double windowS = 60.0, double rateIntervalS = RateMeter::kIntervalS)
        : m_windowS(windowS)
        , m_rateIntervalS(rateIntervalS) {}

    void clear();
    void add(const Frame& frame);

    double windowS() const { return m_windowS; }
    double nowS() const { return m_nowS; }
    // In the order of the latest frame's processes and channels.
    const std::vector<ProcessHistory>& processes() const { return m_processes; }
    const std::vector<ChannelHistory>& channels() const { return m_channels; }
    // Largest rate in the window, for the charts' axes.
    double maxMessagesPerS() const;
    double maxBytesPerS() const;
    std::size_t pointCount() const; // everything held, to check memory stays bounded

private:
    void matchProcesses(const Frame& frame);
    void matchChannels(const Frame& frame);
    static void endSegment(ProcessHistory& h, const ProcessFrame& w, double next);
    void trim();

    double m_windowS;
    double m_rateIntervalS;
    double m_nowS = 0;
    std::vector<ProcessHistory> m_processes;
    std::vector<ChannelHistory> m_channels;
};

} // namespace ipcscope
