#pragma once

// The notable events of a run (long waits, errors, corrupted messages, abnormal exits, the
// lab's own messages), bounded: every one is counted by kind, and only the most recent few of
// each kind are kept. A run that waits 1,400 times a second for an hour keeps the same memory
// as one that waits ten times, and a flood of one kind never pushes out the one worker that was
// killed.

#include "lab/frame.h"

#include <cstddef>
#include <deque>

namespace ipcscope {

class NotableEvents {
public:
    // A report lists at most this many events of each kind. A reader looks at the last few
    // dozen and a program at the counts; 1000 still holds the last 0.6 s of the worst flood
    // measured (64 workers over a pipe: 1,700 long waits a second) and every rare event of a
    // long run, for at most ~0.5 MB (5 kinds x 1000 x ~100 bytes) in memory and in the JSON.
    static constexpr std::size_t kKeptPerKind = 1000;

    explicit NotableEvents(std::size_t keptPerKind = kKeptPerKind)
        : m_keptPerKind(keptPerKind) {}

    // Opening, closing at the end and clean exits are routine; the rest is notable.
    static bool isNotable(const RunEvent& event);

    void add(RunEvent event); // ignores routine events
    void clear();

    const EventCounts& counts() const { return m_counts; }
    // The kept events, in time order (workers' rings are read one after another).
    std::vector<RunEvent> kept() const;
    std::size_t keptPerKind() const { return m_keptPerKind; }

private:
    std::size_t m_keptPerKind;
    EventCounts m_counts;
    std::deque<RunEvent> m_byKind[kEventKindCount];
};

} // namespace ipcscope
