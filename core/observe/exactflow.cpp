#include "exactflow.h"

#include "kernelview.h"

#include <algorithm>
#include <set>

namespace ipcscope {

namespace fp = flowprobe;

namespace {

ExactFlow flowOf(const fp::FlowCounts& now, const fp::FlowCounts* before, double intervalS) {
    ExactFlow f;
    f.bytesSent = now.bytesOut;
    f.bytesReceived = now.bytesIn;
    f.messagesSent = now.messagesOut;
    f.messagesReceived = now.messagesIn;
    f.calls = now.calls;
    f.waits = now.waits;
    f.waitNs = now.waitNs;
    f.maxWaitNs = now.maxWaitNs;
    if (intervalS > 0) {
        // A key not seen before began within the interval: all of it is new.
        const fp::FlowCounts zero;
        const fp::FlowCounts& b = before ? *before : zero;
        const auto rate = [&](std::uint64_t a, std::uint64_t z) {
            return a >= z ? double(a - z) / intervalS : 0.0;
        };
        f.bytesSentPerS = rate(now.bytesOut, b.bytesOut);
        f.bytesReceivedPerS = rate(now.bytesIn, b.bytesIn);
        f.messagesSentPerS = rate(now.messagesOut, b.messagesOut);
        f.messagesReceivedPerS = rate(now.messagesIn, b.messagesIn);
    }
    return f;
}

ExactFlow withoutRates(ExactFlow f) {
    f.bytesSentPerS = f.bytesReceivedPerS = f.messagesSentPerS = f.messagesReceivedPerS = 0;
    return f;
}

EndpointDirection directionOf(const ExactFlow& f) {
    const bool sends = f.bytesSent > 0 || f.messagesSent > 0;
    const bool receives = f.bytesReceived > 0 || f.messagesReceived > 0;
    return sends && !receives   ? EndpointDirection::Send
           : receives && !sends ? EndpointDirection::Receive
                                : EndpointDirection::Both;
}

} // namespace

ExactFlowAttributor::ExactFlowAttributor(std::uint64_t ownIpcNamespace, std::uint64_t startNs)
    : m_ownNs(ownIpcNamespace)
    , m_startNs(startNs) {}

std::optional<ObjectRef> ExactFlowAttributor::resolve(const Table& table,
                                                      const fp::FlowKey& key) const {
    const auto sysv = [&](IpcKind kind) {
        ObjectRef ref;
        ref.kind = kind;
        ref.id = int(key.id);
        if (table.ipcNamespace != 0 && table.ipcNamespace != m_ownNs) {
            ref.ipcNamespace = table.ipcNamespace;
        }
        return ref;
    };
    switch (key.kind) {
    case fp::FlowKind::Fd:
        // By the descriptor table of this sample: a descriptor closed and reused for another
        // object since the previous one has its whole count (cumulative per descriptor number)
        // attributed to the object it names now. Rare for IPC channels, and the kernel keeps no
        // history that would tell them apart.
        if (auto it = table.fds.find(int(key.id)); it != table.fds.end()) {
            return it->second;
        }
        return std::nullopt; // a regular file, a terminal: not IPC
    case fp::FlowKind::SysvMsq:
        return sysv(IpcKind::SysvMsg);
    case fp::FlowKind::SysvSem:
        return sysv(IpcKind::SysvSem);
    case fp::FlowKind::Futex:
        for (const auto& r : table.ranges) {
            if (key.id >= r.start && key.id < r.end) {
                return r.object; // a POSIX semaphore or a futex in shared memory
            }
        }
        return std::nullopt; // shared anonymous memory, or a mapping already gone
    case fp::FlowKind::Call:
        return std::nullopt; // poll, select, epoll: waits on many descriptors at once
    }
    return std::nullopt;
}

void ExactFlowAttributor::apply(Observation& obs, const ProbeSample& sample) {
    const double intervalS = m_previousNs != 0 && sample.nowNs > m_previousNs
                                 ? double(sample.nowNs - m_previousNs) / 1e9
                                 : 0.0;
    // Descriptor tables as read in this sample; a process whose descriptors could not be read
    // now (a zombie, gone) keeps its last table, so its final counters still find their objects.
    std::set<pid_t> present;
    for (const auto& p : obs.processes) {
        present.insert(p.pid);
        Table& t = m_tables[p.pid];
        t.ipcNamespace = p.ipcNamespace;
        if (!p.fds.empty() || !p.mappedRanges.empty() || t.fds.empty()) {
            t.fds.clear();
            for (const auto& fd : p.fds) {
                t.fds[fd.fd] = fd.object;
            }
            t.ranges = p.mappedRanges;
        }
    }
    const std::set<pid_t> gone(sample.gone.begin(), sample.gone.end());

    std::map<fp::FlowKey, fp::FlowCounts> current;
    std::map<ObjectRef, ExactFlow> live;
    std::map<pid_t, ExactFlow> liveProcesses;
    // Per (pid, object): what that process moved on it, all its descriptors together, and per
    // (pid, fd) for descriptor ends.
    std::map<std::pair<pid_t, ObjectRef>, ExactFlow> byProcessObject;
    std::map<std::pair<pid_t, int>, ExactFlow> byFd;
    std::map<pid_t, ExactFlow> byProcess;
    std::map<pid_t, std::map<long, std::uint64_t>> waitByCall;
    std::map<pid_t, ExactFlow> finalProcesses;
    for (const auto& c : sample.counters) {
        current[c.key] = c.counts;
        const auto before = m_previous.find(c.key);
        const ExactFlow f =
            flowOf(c.counts, before == m_previous.end() ? nullptr : &before->second, intervalS);
        const auto table = m_tables.find(c.key.tgid);
        if (table == m_tables.end()) {
            continue; // not in the observation (yet): its counts are cumulative, nothing is lost
        }
        const auto object = resolve(table->second, c.key);
        if (!object && c.key.kind != fp::FlowKind::Call) {
            continue;
        }
        // The probe tells a gone process's counters once more, for the last time; a process
        // absent from this observation but not gone (between scans) is told again later.
        const bool final = gone.contains(c.key.tgid);
        if (!final && !present.contains(c.key.tgid)) {
            continue;
        }
        ExactFlow& processFlow = final ? finalProcesses[c.key.tgid] : byProcess[c.key.tgid];
        processFlow +=
            object ? f
                   : ExactFlow{
                         0, 0,       0,       0,        0,          0, 0,
                         0, f.calls, f.waits, f.waitNs, f.maxWaitNs}; // poll, epoll: only its waits
        if (!final) {
            waitByCall[c.key.tgid][long(c.key.nr)] += c.counts.waitNs;
        }
        if (!object) {
            continue;
        }
        if (final) {
            m_departed[*object] += withoutRates(f); // stays in the objects' totals
            continue;
        }
        live[*object] += f;
        byProcessObject[{c.key.tgid, *object}] += f;
        if (c.key.kind == fp::FlowKind::Fd) {
            byFd[{c.key.tgid, int(c.key.id)}] += f;
        }
    }
    for (pid_t pid : gone) {
        m_tables.erase(pid);
        m_liveProcesses.erase(pid);
        if (auto it = finalProcesses.find(pid); it != finalProcesses.end()) {
            m_departedProcesses[pid] = withoutRates(it->second);
        }
    }
    m_previous = std::move(current);
    m_previousNs = sample.nowNs;
    m_live = live;
    for (const auto& [pid, f] : byProcess) {
        m_liveProcesses[pid] = f;
    }

    // Ends: a descriptor end gets its descriptor's flow; a System V or mapping end (fd -1) what
    // its process moved on the object other than through descriptors.
    std::set<std::pair<pid_t, ObjectRef>> placed;
    for (auto& c : obs.channels) {
        for (auto& e : c.ends) {
            if (e.fd >= 0) {
                if (auto it = byFd.find({e.pid, e.fd}); it != byFd.end()) {
                    e.exact = it->second;
                } else {
                    e.exact = ExactFlow{};
                }
                placed.insert({e.pid, c.object});
            }
        }
        for (auto& e : c.ends) {
            if (e.fd < 0) {
                const std::pair<pid_t, ObjectRef> key{e.pid, c.object};
                auto it = byProcessObject.find(key);
                e.exact =
                    it != byProcessObject.end() && !placed.contains(key) ? it->second : ExactFlow{};
                placed.insert(key);
            }
        }
    }
    // Objects moved on by a process that is not one of their ends yet.
    for (const auto& [key, f] : byProcessObject) {
        if (placed.contains(key)) {
            continue;
        }
        auto channel =
            std::find_if(obs.channels.begin(), obs.channels.end(),
                         [&](const ObservedChannel& c) { return c.object == key.second; });
        if (channel == obs.channels.end()) {
            if (!key.second.id) {
                continue; // a descriptor's object is always a channel already, unless filtered out
            }
            ObservedChannel fresh;
            fresh.object = key.second;
            obs.channels.push_back(std::move(fresh));
            channel = std::prev(obs.channels.end());
        }
        ChannelEnd end;
        end.pid = key.first;
        end.direction = directionOf(f);
        end.seenInCall = true;
        end.exact = f;
        channel->ends.push_back(end);
    }
    for (auto& c : obs.channels) {
        ExactFlow sum;
        for (const auto& e : c.ends) {
            if (e.exact) {
                sum += *e.exact;
            }
        }
        if (auto it = m_departed.find(c.object); it != m_departed.end()) {
            sum += it->second; // ends that exited: their totals, not their rates
        }
        c.exact = sum;
    }
    for (auto& p : obs.processes) {
        auto it = byProcess.find(p.pid);
        p.exact = it != byProcess.end() ? it->second : ExactFlow{};
        p.exactWaitNsByCall.clear();
        if (auto w = waitByCall.find(p.pid); w != waitByCall.end()) {
            for (const auto& [nr, ns] : w->second) {
                if (ns > 0) {
                    p.exactWaitNsByCall.emplace_back(nr, ns);
                }
            }
        }
    }

    // Long waits with who woke them: measured edges of the wait-for graph.
    for (const auto& w : sample.waits) {
        WakeEdge edge;
        edge.waiterPid = w.tgid;
        edge.waiterTid = w.tid;
        edge.wakerPid = w.wakerTgid;
        edge.wakerTid = w.wakerTid;
        edge.call = syscallName(long(w.nr));
        if (edge.call.empty()) {
            edge.call = "syscall " + std::to_string(w.nr);
        }
        if (auto t = m_tables.find(w.tgid); t != m_tables.end()) {
            edge.object = resolve(t->second, fp::FlowKey{w.tgid, w.kind, w.id, w.sub, w.nr});
        }
        edge.durationNs = w.durationNs;
        const std::uint64_t ended = w.startNs + w.durationNs;
        edge.endedNs = ended > m_startNs ? ended - m_startNs : 0;
        obs.wakes.push_back(std::move(edge));
    }
}

std::map<ObjectRef, ExactFlow> ExactFlowAttributor::totals() const {
    std::map<ObjectRef, ExactFlow> out;
    for (const auto& [ref, f] : m_live) {
        out[ref] += withoutRates(f);
    }
    for (const auto& [ref, f] : m_departed) {
        out[ref] += f;
    }
    return out;
}

std::map<pid_t, ExactFlow> ExactFlowAttributor::processTotals() const {
    std::map<pid_t, ExactFlow> out = m_departedProcesses;
    for (const auto& [pid, f] : m_liveProcesses) {
        out[pid] = withoutRates(f);
    }
    return out;
}

} // namespace ipcscope
