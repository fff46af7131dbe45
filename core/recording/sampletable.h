#pragma once

// The numbers of a run per sample time, compact enough to keep for a whole live run, and
// their CSV form (Export Data). One row per Frame; a column per worker and quantity.

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

    // A live run at 30 Hz reaches this after about 9 hours; beyond it every second row is
    // dropped, so memory stays bounded and the table still covers the whole run.
    static constexpr std::size_t kMaxRows = 1'000'000;

    void clear();
    void add(const Frame& frame);
    static SampleTable fromFrames(const std::vector<Frame>& frames);

    const std::vector<Row>& rows() const { return m_rows; }
    bool empty() const { return m_rows.empty(); }

    // Header row, then one line per row. Column names carry their unit:
    // elapsed_s, producer0_messages, producer0_bytes, producer0_state, producer0_call,
    // producer0_blocked_ms, ..., depth_<unit>, capacity_<unit>.
    std::string toCsv() const;

private:
    std::vector<Row> m_rows;
    std::vector<std::pair<Role, std::uint32_t>> m_workers; // column groups, from the first frame
    std::string m_unit;
    std::uint64_t m_capacity = 0;
};

} // namespace ipcscope
