#pragma once

// The eBPF tier inside the Observer (DESIGN.md §7): starts ipcscope-probe at the first sample,
// keeps its watch list equal to the selection, and fills each observation's exact fields.
// Kept out of observer.cpp so the /proc tier reads on its own.

#include "exactflow.h"
#include "flowprobeclient.h"
#include "observation.h"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ipcscope {

struct ObserveOptions;

class ExactTier {
public:
    ExactTier(const ObserveOptions& options, std::uint64_t ownIpcNamespace, std::uint64_t startNs);
    ~ExactTier();

    // Watches `selected` (following children when the selection names trees), samples the
    // probe and fills `obs`: tier and tierNote always, exact fields when the probe runs.
    // Fails only in Required mode, with the sentence that says why.
    Status update(Observation& obs, const std::vector<pid_t>& selected, bool followChildren);

    std::map<ObjectRef, ExactFlow> totals() const;
    std::map<pid_t, ExactFlow> processTotals() const;

private:
    Status fail(Observation& obs, const std::string& sentence);
    void keepLastWakes(Observation& obs);

    const ObserveOptions& m_options;
    std::unique_ptr<FlowProbeClient> m_client;
    ExactFlowAttributor m_attributor;
    std::set<pid_t> m_watched;
    std::map<pid_t, WakeEdge> m_lastWakes; // by waiting thread
    bool m_tried = false;
    std::string m_problem; // why the tier is not running, once it has failed
};

} // namespace ipcscope
