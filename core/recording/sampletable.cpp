#include "sampletable.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace ipcscope {

namespace {

// Column names stay plain identifiers ("depth_bytes"), whatever the unit text holds.
std::string identifier(std::string_view text) {
    std::string out;
    for (char c : text) {
        const bool plain =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        out += plain ? c : '_';
    }
    return out.empty() ? std::string("units") : out;
}

void appendNumber(std::string& out, std::uint64_t v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

// Fixed decimals, always with '.', whatever the locale.
void appendFixed(std::string& out, double v, int decimals) {
    char buf[48];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    out.append(buf, r.ptr);
}

} // namespace

void SampleTable::clear() {
    m_rows = {}; // gives the memory back, too
    m_cells = {};
    m_stride = 1;
    m_framesSeen = 0;
    m_lastIsTail = false;
    m_workers.clear();
    m_unit.clear();
    m_capacity.reset();
}

std::size_t SampleTable::maxRows() const {
    return std::max(kMinRows, kMaxCells / std::max<std::size_t>(1, m_workers.size()));
}

std::span<const SampleTable::Worker> SampleTable::workers(std::size_t row) const {
    return {m_cells.data() + row * m_workers.size(), m_rows[row].workerCount};
}

void SampleTable::store(std::size_t row, const Frame& frame) {
    const std::size_t n = std::min(frame.processes.size(), m_workers.size());
    const ChannelFrame* channel = frame.firstChannel();
    m_rows[row] = {frame.elapsedNs, channel ? channel->depth : 0, std::uint32_t(n)};
    Worker* cells = m_cells.data() + row * m_workers.size();
    for (std::size_t i = 0; i < n; ++i) {
        const ProcessFrame& w = frame.processes[i];
        cells[i] = {w.messages, w.bytes, w.totalBlockedNs(), w.exit ? WorkerState::Exited : w.state,
                    w.state == WorkerState::Blocked || w.state == WorkerState::Throttled
                        ? w.call
                        : CallKind::None};
    }
}

void SampleTable::moveRow(std::size_t from, std::size_t to) {
    if (from == to) {
        return;
    }
    const std::size_t width = m_workers.size();
    m_rows[to] = m_rows[from];
    std::copy_n(m_cells.begin() + std::ptrdiff_t(from * width), width,
                m_cells.begin() + std::ptrdiff_t(to * width));
}

void SampleTable::add(const Frame& frame) {
    if (m_rows.empty()) {
        m_workers.clear();
        for (const auto& w : frame.processes) {
            // "producer0"; a process the lab did not start by its pid: "pid4242".
            m_workers.push_back(w.worker ? std::string(roleName(w.worker->role)) +
                                               std::to_string(w.worker->index)
                                         : "pid" + std::to_string(w.pid));
        }
        // The whole table at once (written, so resident from now on): no allocation per
        // frame and the same memory for the rest of the run.
        m_rows.reserve(maxRows() + 1);
        m_cells.assign((maxRows() + 1) * m_workers.size(), Worker{});
    }
    // The table follows the first channel (a Lab run's only one).
    if (const ChannelFrame* channel = frame.firstChannel()) {
        if (!channel->unit.empty()) {
            m_unit = channel->unit;
        }
        m_capacity = channel->capacity;
    }
    // Frames 0, s, 2s, ... are the table's rows; the latest frame stands in as the last row
    // until the next one of those replaces it.
    const bool onStride = m_framesSeen % m_stride == 0;
    ++m_framesSeen;
    if (!m_lastIsTail) {
        m_rows.emplace_back();
    }
    store(m_rows.size() - 1, frame);
    m_lastIsTail = !onStride;
    if (m_rows.size() > maxRows()) {
        halve();
    }
}

// Keeps the rows of frames 0, 2s, 4s, ... (and the latest frame), and from now on one frame
// in 2s. The rows of the stride are frames k*s in order, so those are the even rows.
void SampleTable::halve() {
    std::size_t regular = m_rows.size() - (m_lastIsTail ? 1 : 0);
    if (!m_lastIsTail && regular % 2 == 0) {
        // The latest frame is an odd row, which goes: it stays on as the last row instead.
        m_lastIsTail = true;
        --regular;
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < regular; i += 2) {
        moveRow(i, kept++);
    }
    if (m_lastIsTail) {
        moveRow(m_rows.size() - 1, kept++);
    }
    m_rows.resize(kept);
    m_stride *= 2;
}

SampleTable SampleTable::fromFrames(const std::vector<Frame>& frames) {
    SampleTable t;
    for (const auto& f : frames) {
        t.add(f);
    }
    return t;
}

std::string SampleTable::toCsv() const {
    const std::string unit = identifier(m_unit);
    std::string out = "elapsed_s";
    for (const std::string& name : m_workers) {
        const std::string prefix = name + "_";
        for (const char* column : {"messages", "bytes", "state", "call", "blocked_ms"}) {
            out += ',';
            out += prefix;
            out += column;
        }
    }
    out += ",depth_" + unit + ",capacity_" + unit + "\n";
    out.reserve(out.size() + m_rows.size() * (24 + m_workers.size() * 48));
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
        const Row& row = m_rows[r];
        const std::span<const Worker> cells = workers(r);
        appendFixed(out, double(row.elapsedNs) / 1e9, 3);
        for (std::size_t i = 0; i < m_workers.size(); ++i) {
            // A frame with fewer workers than the first one leaves their cells empty.
            if (i >= cells.size()) {
                out += ",,,,,";
                continue;
            }
            const Worker& w = cells[i];
            out += ',';
            appendNumber(out, w.messages);
            out += ',';
            appendNumber(out, w.bytes);
            out += ',';
            out += stateName(w.state); // plain words: no quoting needed
            out += ',';
            out += callName(w.call);
            out += ',';
            appendFixed(out, double(w.blockedNs) / 1e6, 3);
        }
        out += ',';
        appendNumber(out, row.depth);
        out += ',';
        if (m_capacity) {
            appendNumber(out, *m_capacity); // an unknown capacity leaves the cell empty
        }
        out += '\n';
    }
    return out;
}

} // namespace ipcscope
