#include "exacttier.h"

#include "kernelview.h"
#include "observer.h"

#include <fstream>
#include <string>

namespace ipcscope {

namespace {

// Alive and not a zombie: /proc/PID/stat's state letter.
bool isRunning(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat;
    if (!std::getline(in, stat)) {
        return false;
    }
    const auto state = stateOfStatLine(stat);
    return state && *state != 'Z' && *state != 'X';
}

} // namespace

ExactTier::ExactTier(const ObserveOptions& options, std::uint64_t ownIpcNamespace,
                     std::uint64_t startNs)
    : m_options(options)
    , m_attributor(ownIpcNamespace, startNs) {}

ExactTier::~ExactTier() = default;

Status ExactTier::fail(Observation& obs, const std::string& sentence) {
    m_client.reset(); // it quits, and its eBPF program goes with it
    m_problem = sentence;
    obs.tier = FlowTier::Estimated;
    if (m_options.exactFlow == ExactFlowMode::Required) {
        obs.tierNote = sentence;
        return Error{sentence};
    }
    obs.tierNote = sentence + "; flow figures are estimates from the kernel's own counters";
    return Ok{};
}

Status ExactTier::update(Observation& obs, const std::vector<pid_t>& selected,
                         bool followChildren) {
    // The observation may be a previous sample's storage: nothing exact stays from it.
    obs.tier = FlowTier::Estimated;
    obs.tierNote.clear();
    obs.wakes.clear();
    obs.lastWakes.clear();
    for (auto& p : obs.processes) {
        p.exact.reset();
        p.exactWaitNsByCall.clear();
    }
    for (auto& c : obs.channels) {
        c.exact.reset();
        for (auto& e : c.ends) {
            e.exact.reset();
        }
    }
    if (m_options.exactFlow == ExactFlowMode::Off) {
        return Ok{};
    }
    if (!m_problem.empty()) { // tried once and failed: not asked again (pkexec would prompt)
        return fail(obs, m_problem);
    }
    if (!m_tried) {
        m_tried = true;
        FlowProbeClientOptions probeOptions;
        probeOptions.launcher = m_options.launcher;
        probeOptions.probePath = m_options.probePath;
        auto client = FlowProbeClient::start(probeOptions);
        if (!client) {
            return fail(obs, client.error().message);
        }
        m_client = std::move(*client);
        const auto threshold = std::uint64_t(m_options.wakeThreshold.count());
        if (auto s = m_client->configure(flowprobe::ConfigCommand{}.minWaitNs, threshold); !s) {
            return fail(obs, s.error().message);
        }
    }
    const std::set<pid_t> wanted(selected.begin(), selected.end());
    for (pid_t pid : wanted) {
        // A selected process that has exited since the selection was read is not watched
        // again: the probe already told its final counters.
        if (!m_watched.contains(pid) && isRunning(pid)) {
            if (auto s = m_client->watch(pid, followChildren); !s) {
                return fail(obs, s.error().message);
            }
            m_watched.insert(pid);
        }
    }
    auto sample = m_client->sample();
    if (!sample) {
        return fail(obs, sample.error().message);
    }
    for (pid_t pid : sample->gone) {
        m_watched.erase(pid); // the probe forgot it; a new process with its pid is watched anew
    }
    // Processes that left the selection alive are unwatched; one that has exited (or is a
    // zombie) stays watched until the probe says it is gone, with its final counters.
    for (auto it = m_watched.begin(); it != m_watched.end();) {
        if (!wanted.contains(*it) && isRunning(*it)) {
            if (auto s = m_client->unwatch(*it); !s) {
                return fail(obs, s.error().message);
            }
            it = m_watched.erase(it);
        } else {
            ++it;
        }
    }
    m_attributor.apply(obs, *sample);
    keepLastWakes(obs);
    obs.tier = FlowTier::Exact;
    obs.tierNote.clear();
    if (sample->droppedCounters > 0 || sample->droppedEvents > 0) {
        obs.warnings.push_back("ipcscope-probe lost " + std::to_string(sample->droppedCounters) +
                               " counter updates (its map was full) and " +
                               std::to_string(sample->droppedEvents) +
                               " wait events (its ring buffer was full): totals may be short");
    }
    return Ok{};
}

// Names each waker by its comm (read once per sample and pid: a waker may be any process, one
// outside the selection included) and keeps each thread's last wake while its process is
// observed.
void ExactTier::keepLastWakes(Observation& obs) {
    std::map<pid_t, std::string> comms;
    for (const auto& p : obs.processes) {
        comms.emplace(p.pid, p.comm);
    }
    for (auto& w : obs.wakes) {
        if (w.wakerPid <= 0) {
            continue;
        }
        auto [it, fresh] = comms.try_emplace(w.wakerPid);
        if (fresh) {
            std::ifstream in("/proc/" + std::to_string(w.wakerPid) + "/comm");
            std::getline(in, it->second);
        }
        w.wakerComm = it->second;
    }
    for (const auto& w : obs.wakes) {
        auto& last = m_lastWakes[w.waiterTid];
        if (w.endedNs >= last.endedNs) {
            last = w;
        }
    }
    std::set<pid_t> present;
    for (const auto& p : obs.processes) {
        present.insert(p.pid);
    }
    std::erase_if(m_lastWakes,
                  [&](const auto& e) { return !present.contains(e.second.waiterPid); });
    for (const auto& [tid, w] : m_lastWakes) {
        obs.lastWakes.push_back(w);
    }
}

std::map<ObjectRef, ExactFlow> ExactTier::totals() const {
    return m_attributor.totals();
}

std::map<pid_t, ExactFlow> ExactTier::processTotals() const {
    return m_attributor.processTotals();
}

} // namespace ipcscope
