#pragma once

// The numbers of a run per sample time, compact enough to keep for a whole live run, and
// their CSV form (Export Data). A row per kept Frame; a column per worker and quantity.
//
// Bounded: at most maxRows() rows, evenly spaced over the whole run. Every frame is kept until
// the table is full; then every second row goes and from then on only every second frame is
// kept (then every fourth, ...), so memory stays flat however long the run, and the last
// frame added is always the last row. A full-resolution copy of a run is a recording.

#include "lab/frame.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ipcscope {

class SampleTable {
public:
    struct Worker {
        std::uint64_t messages = 0;
        std::uint64_t bytes = 0;
        std::uint64_t blockedNs = 0; // finished waits plus the one in progress, without throttling
        WorkerState state = WorkerState::Starting;
        CallKind call = CallKind::None;
    };
    struct Row {
        std::uint64_t elapsedNs = 0;
        std::uint64_t depth = 0;
        std::vector<Worker> workers;
    };

    // Worker cells (32 bytes each) the table may hold: 4 MiB. 16 workers get 8192 rows (4.5
    // minutes of every 30 Hz frame, a row every 0.5 s after an hour), 64 workers 2048 rows.
    static constexpr std::size_t kMaxCells = std::size_t(1) << 17;
    static constexpr std::size_t kMinRows = 1024; // whatever the number of workers

    void clear();
    void add(const Frame& frame);
    static SampleTable fromFrames(const std::vector<Frame>& frames);

    const std::vector<Row>& rows() const { return m_rows; }
    bool empty() const { return m_rows.empty(); }
    std::size_t maxRows() const;
    std::size_t stride() const { return m_stride; } // frames per row, now

    // Header row, then one line per row. Column names carry their unit:
    // elapsed_s, producer0_messages, producer0_bytes, producer0_state, producer0_call,
    // producer0_blocked_ms, ..., depth_<unit>, capacity_<unit>.
    std::string toCsv() const;

private:
    void halve();

    std::vector<Row> m_rows;
    std::size_t m_stride = 1; // keep one frame in this many
    std::uint64_t m_framesSeen = 0;
    bool m_lastIsTail = false; // the last row is the latest frame, not one of the stride
    std::vector<std::pair<Role, std::uint32_t>> m_workers; // column groups, from the first frame
    std::string m_unit;
    std::uint64_t m_capacity = 0;
};

} // namespace ipcscope
