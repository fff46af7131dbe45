#pragma once

// The numbers of a run per sample time, compact enough to keep for a whole live run, and
// their CSV form (Export Data). A row per kept Frame; a column per worker and quantity.
//
// Bounded: at most maxRows() rows, evenly spaced over the whole run. Every frame is kept until
// the table is full; then every second row goes and from then on only every second frame is
// kept (then every fourth, ...), so the table covers the whole run and the last frame added is
// always the last row. Its cells are one block taken at the first frame, so its memory is the
// same after a second or a day (a full-resolution copy of a run is a recording).

#include "lab/frame.h"

#include <cstdint>
#include <optional>
#include <span>
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
        std::uint32_t workerCount = 0; // cells of this row (a frame may have fewer workers)
    };

    // Worker cells (32 bytes each) the table holds: 2 MiB. 16 workers get 4096 rows (2.3
    // minutes of every 30 Hz frame; after an hour a row every 0.9-1.8 s), 64 workers 1024.
    static constexpr std::size_t kMaxCells = std::size_t(1) << 16;
    static constexpr std::size_t kMinRows = 1024; // whatever the number of workers

    void clear();
    void add(const Frame& frame);
    static SampleTable fromFrames(const std::vector<Frame>& frames);

    const std::vector<Row>& rows() const { return m_rows; }
    std::span<const Worker> workers(std::size_t row) const; // the cells of rows()[row]
    bool empty() const { return m_rows.empty(); }
    std::size_t maxRows() const;
    std::size_t stride() const { return m_stride; } // frames per row, now

    // Header row, then one line per row. Column names carry their unit:
    // elapsed_s, producer0_messages, producer0_bytes, producer0_state, producer0_call,
    // producer0_blocked_ms, ..., depth_<unit>, capacity_<unit>.
    std::string toCsv() const;

private:
    void store(std::size_t row, const Frame& frame);
    void moveRow(std::size_t from, std::size_t to);
    void halve();

    std::vector<Row> m_rows;
    std::vector<Worker> m_cells; // maxRows() + 1 rows of m_workers.size() cells, from the start
    std::size_t m_stride = 1;    // keep one frame in this many
    std::uint64_t m_framesSeen = 0;
    bool m_lastIsTail = false;          // the last row is the latest frame, not one of the stride
    std::vector<std::string> m_workers; // column groups ("producer0"), from the first frame
    std::string m_unit;
    std::optional<std::uint64_t> m_capacity;
};

} // namespace ipcscope
