#pragma once

// Attribution of ipcscope-probe's counters (keyed by tgid and descriptor, System V id or futex
// address) to the observation's channels, ends and processes (DESIGN.md §7, eBPF tier). Pure:
// counters and observations in, exact fields out; tested without privilege.

#include "flowprobeclient.h"
#include "observation.h"

#include <map>
#include <optional>
#include <vector>

namespace ipcscope {

class ExactFlowAttributor {
public:
    // `ownIpcNamespace`: the observer's IPC namespace (objects of processes in another one carry
    // theirs in ObjectRef::ipcNamespace). `startNs`: the observation's start, CLOCK_MONOTONIC,
    // to place wake-ups on its clock.
    ExactFlowAttributor(std::uint64_t ownIpcNamespace, std::uint64_t startNs);

    // Fills ChannelEnd::exact, ObservedChannel::exact, ObservedProcess::exact and
    // Observation::wakes from one sample (cumulative counters); rates are the change since the
    // previous sample over the probe's own interval. An end that moved data on an object but was
    // not among its ends (a System V queue user never seen inside a call) becomes one; a System V
    // object the observation does not hold becomes a channel.
    void apply(Observation& obs, const ProbeSample& sample);

    // Per object, everything moved since the observation began: the live ends' totals and the
    // final totals of ends whose process has exited (told by the probe once it is gone, and
    // attributed through that process's last descriptor table).
    std::map<ObjectRef, ExactFlow> totals() const;
    // The same per process (pid), exited ones included.
    std::map<pid_t, ExactFlow> processTotals() const;

private:
    // What a process's keys mean: descriptors and mappings as last read.
    struct Table {
        std::uint64_t ipcNamespace = 0;
        std::map<int, ObjectRef> fds;
        std::vector<MappedRange> ranges;
    };
    std::optional<ObjectRef> resolve(const Table& table, const flowprobe::FlowKey& key) const;

    std::uint64_t m_ownNs = 0;
    std::uint64_t m_startNs = 0;
    std::map<pid_t, Table> m_tables;
    std::map<flowprobe::FlowKey, flowprobe::FlowCounts> m_previous;
    std::uint64_t m_previousNs = 0;
    std::map<ObjectRef, ExactFlow> m_live, m_departed;
    std::map<pid_t, ExactFlow> m_liveProcesses, m_departedProcesses;
};

} // namespace ipcscope
