#include "notableevents.h"

#include <algorithm>

namespace ipcscope {

bool NotableEvents::isNotable(const RunEvent& e) {
    return !(e.kind == EventKind::Opened || e.kind == EventKind::Closed ||
             (e.kind == EventKind::Exit && e.value == 0));
}

void NotableEvents::add(RunEvent event) {
    if (!isNotable(event) || std::size_t(event.kind) >= kEventKindCount) {
        return;
    }
    ++m_counts[event.kind];
    std::deque<RunEvent>& kept = m_byKind[std::size_t(event.kind)];
    if (kept.size() >= m_keptPerKind) {
        kept.pop_front();
    }
    if (m_keptPerKind > 0) {
        kept.push_back(std::move(event));
    }
}

void NotableEvents::clear() {
    m_counts = {};
    for (auto& kept : m_byKind) {
        kept.clear();
    }
}

std::vector<RunEvent> NotableEvents::kept() const {
    std::vector<RunEvent> out;
    std::size_t n = 0;
    for (const auto& kept : m_byKind) {
        n += kept.size();
    }
    out.reserve(n);
    for (const auto& kept : m_byKind) {
        out.insert(out.end(), kept.begin(), kept.end());
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const RunEvent& a, const RunEvent& b) { return a.timeNs < b.timeNs; });
    return out;
}

} // namespace ipcscope
