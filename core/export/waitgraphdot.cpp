#include "waitgraphdot.h"

#include "base/format.h"
#include "frametext.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

namespace ipcscope {

namespace {

// A DOT quoted string: quotes and backslashes escaped, line breaks as DOT's "\n" (centred
// lines), other control characters as spaces.
std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
        }
    }
    return out + "\"";
}

// Long command lines ("postgres: checkpointer ...") would stretch a box across the page.
std::string shortened(const std::string& text, std::size_t max = 48) {
    if (text.size() <= max) {
        return text;
    }
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut; // not inside a UTF-8 sequence
    }
    return text.substr(0, cut) + "…";
}

// One box per process, whatever number of threads the frame lists for it.
std::string processNode(const ProcessFrame& p, std::size_t index) {
    return p.pid > 0 ? "p" + std::to_string(p.pid) : "w" + std::to_string(index);
}

std::string channelNode(std::size_t index) {
    return "c" + std::to_string(index);
}

// "read · pipe:[88123] · 3.2 s", what a box says of each waiting thread.
std::string waitLine(const Frame& frame, const ProcessFrame& p) {
    std::string line;
    if (p.tid != 0 && p.tid != p.pid) {
        line = "thread " + std::to_string(p.tid) + ": ";
    }
    line += waitCallName(p);
    if (const std::string object = waitObjectName(frame, p); !object.empty()) {
        line += " · " + object;
    }
    if (!p.waitDetail.empty()) {
        line += " · " + p.waitDetail;
    }
    return line + " · " + (p.stateForAtLeast ? "≥ " : "") + formatDurationNs(p.stateForNs);
}

struct Edge {
    std::string from;
    std::string to;
    bool operator<(const Edge& o) const { return std::tie(from, to) < std::tie(o.from, o.to); }
};

class DotWriter {
public:
    explicit DotWriter(const Frame& frame)
        : m_frame(frame) {}
    std::string write();

private:
    void deadlockEdges();
    void processes();
    void channels();
    void waitsAndReleasers();
    void holdings();
    void line(const std::string& text) { m_out += "    " + text + ";\n"; }

    const Frame& m_frame;
    std::string m_out;
    std::set<Edge> m_inDeadlock; // wait and release edges on a deadlock's cycle
    std::set<Edge> m_drawn;
    std::set<std::string> m_deadlocked; // process nodes
};

void DotWriter::deadlockEdges() {
    const auto& ps = m_frame.processes;
    for (const DeadlockFrame& d : m_frame.deadlocks) {
        const std::size_t n = std::min(d.processes.size(), d.channels.size());
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t waiter = d.processes[i];
            const std::size_t releaser = d.processes[(i + 1) % n];
            if (waiter >= ps.size() || releaser >= ps.size() ||
                d.channels[i] >= m_frame.channels.size()) {
                continue;
            }
            const std::string channel = channelNode(d.channels[i]);
            m_inDeadlock.insert({processNode(ps[waiter], waiter), channel});
            m_inDeadlock.insert({channel, processNode(ps[releaser], releaser)});
            m_deadlocked.insert(processNode(ps[waiter], waiter));
        }
    }
}

void DotWriter::processes() {
    // Threads of one process in one box, in the frame's order.
    std::vector<std::string> order;
    std::map<std::string, std::vector<std::size_t>> entries;
    for (std::size_t i = 0; i < m_frame.processes.size(); ++i) {
        const std::string node = processNode(m_frame.processes[i], i);
        if (!entries.count(node)) {
            order.push_back(node);
        }
        entries[node].push_back(i);
    }
    for (const std::string& node : order) {
        const ProcessFrame& first = m_frame.processes[entries[node].front()];
        std::string label = shortened(processName(first));
        if (first.pid > 0) {
            label += "\npid " + std::to_string(first.pid);
        }
        bool waiting = false;
        for (std::size_t i : entries[node]) {
            const ProcessFrame& p = m_frame.processes[i];
            if (p.state == WorkerState::Blocked) {
                waiting = true;
                label += "\n" + waitLine(m_frame, p);
            } else if (p.state == WorkerState::Exited) {
                label += "\n" + std::string(p.exit ? p.exit->describe() : "exited");
            }
        }
        std::string attributes = "shape=box, label=" + quoted(label);
        if (waiting) {
            attributes += ", color=red, fontcolor=red";
        }
        if (m_deadlocked.count(node)) {
            attributes += ", penwidth=2.5";
        }
        line(node + " [" + attributes + "]");
    }
}

void DotWriter::channels() {
    for (std::size_t i = 0; i < m_frame.channels.size(); ++i) {
        const ChannelFrame& c = m_frame.channels[i];
        std::string label = channelName(c);
        const std::string unit = c.unit.empty() ? "" : " " + c.unit;
        if (c.capacity) {
            label += "\n" + std::to_string(c.depth) + " / " + std::to_string(*c.capacity) + unit;
        } else if (c.depth > 0 || c.depthFromKernel) {
            label += "\n" + std::to_string(c.depth) + unit;
        }
        if (c.problem) {
            label += "\n" + *c.problem;
        }
        line(channelNode(i) + " [shape=ellipse, label=" + quoted(label) + "]");
    }
}

// A waiting process points at what it waits on; that points at who could release it: the
// other processes on the channel at the end that frees the wait (readers free a writer,
// writers a reader; for a semaphore or a poll, anyone else on it).
void DotWriter::waitsAndReleasers() {
    const auto& ps = m_frame.processes;
    for (std::size_t i = 0; i < ps.size(); ++i) {
        const ProcessFrame& p = ps[i];
        if (p.state != WorkerState::Blocked || !p.waitChannel ||
            *p.waitChannel >= m_frame.channels.size()) {
            continue;
        }
        const std::size_t channel = *p.waitChannel;
        const Edge wait{processNode(p, i), channelNode(channel)};
        if (m_drawn.insert(wait).second) {
            const bool red = m_inDeadlock.count(wait) > 0;
            line(wait.from + " -> " + wait.to + " [style=bold, label=" + quoted(waitCallName(p)) +
                 (red ? ", color=red, penwidth=2.5" : "") + "]");
        }
        WaitSide side = waitSide(p);
        for (const EndpointFrame& own : m_frame.endpoints) {
            if (side == WaitSide::Any && own.process == i && own.channel == channel &&
                own.direction != EndpointDirection::Both) {
                side = own.sends() ? WaitSide::Send : WaitSide::Receive; // its peers' end
            }
        }
        for (const EndpointFrame& e : m_frame.endpoints) {
            if (e.channel != channel || e.process >= ps.size() || ps[e.process].pid == p.pid ||
                (side == WaitSide::Send && !e.receives()) ||
                (side == WaitSide::Receive && !e.sends())) {
                continue;
            }
            const Edge release{channelNode(channel), processNode(ps[e.process], e.process)};
            if (m_drawn.insert(release).second) {
                const bool red = m_inDeadlock.count(release) > 0;
                line(release.from + " -> " + release.to + " [style=dashed" +
                     (red ? ", color=red, penwidth=2.5" : "") + "]");
            }
        }
    }
}

// Every other end a process holds, thin and grey, in the direction data flows.
void DotWriter::holdings() {
    const auto& ps = m_frame.processes;
    for (const EndpointFrame& e : m_frame.endpoints) {
        if (e.process >= ps.size() || e.channel >= m_frame.channels.size()) {
            continue;
        }
        const std::string process = processNode(ps[e.process], e.process);
        const std::string channel = channelNode(e.channel);
        if (m_drawn.count({process, channel}) || m_drawn.count({channel, process})) {
            continue;
        }
        m_drawn.insert({process, channel});
        const std::string dir = e.direction == EndpointDirection::Both   ? "both"
                                : e.direction == EndpointDirection::Send ? "forward"
                                                                         : "back";
        line(process + " -> " + channel +
             " [style=dotted, color=gray50, arrowsize=0.6, dir=" + dir + "]");
    }
}

std::string DotWriter::write() {
    deadlockEdges();
    m_out = "digraph waitgraph {\n";
    line("graph [rankdir=LR, fontname=\"sans-serif\"]");
    line("node [fontname=\"sans-serif\", fontsize=11]");
    line("edge [fontname=\"sans-serif\", fontsize=9]");
    if (!m_frame.deadlocks.empty()) {
        std::string label;
        for (const DeadlockFrame& d : m_frame.deadlocks) {
            label += (label.empty() ? "" : "\n") + d.text;
        }
        line("graph [labelloc=t, fontcolor=red, label=" + quoted(label) + "]");
    }
    processes();
    channels();
    waitsAndReleasers();
    holdings();
    m_out += "}\n";
    return m_out;
}

} // namespace

std::string waitGraphDot(const Frame& frame) {
    return DotWriter(frame).write();
}

} // namespace ipcscope
