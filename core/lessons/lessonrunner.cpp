#include "lessonrunner.h"

#include "base/format.h"

#include <algorithm>
#include <cstring>

namespace ipcscope {

void LessonObserver::add(const Frame& frame) {
    if (m_workers.size() < frame.processes.size()) {
        m_workers.resize(frame.processes.size());
    }
    for (std::size_t i = 0; i < frame.processes.size(); ++i) {
        const ProcessFrame& w = frame.processes[i];
        WorkerObservation& o = m_workers[i];
        if (w.worker) { // a lesson's run: every process is one of its workers
            o.role = w.worker->role;
            o.index = w.worker->index;
        }
        if (w.state == WorkerState::Blocked && w.call != CallKind::None) {
            auto& longest = o.longestBlockNs[std::size_t(w.call)];
            longest = std::max(longest, w.stateForNs);
        }
    }
    for (const RunEvent& e : frame.newEvents) {
        if (e.kind == EventKind::Closed && e.worker >= 0 &&
            std::size_t(e.worker) < m_workers.size()) {
            m_workers[std::size_t(e.worker)].sawEof = true;
        }
        if (e.kind == EventKind::Error && e.worker >= 0 &&
            std::size_t(e.worker) < m_workers.size()) {
            m_workers[std::size_t(e.worker)].failures.push_back({e.call, int(e.value), e.timeNs});
        }
        if (e.kind == EventKind::LongBlock && e.worker >= 0 &&
            std::size_t(e.worker) < m_workers.size()) {
            // The exact length of a finished wait, in case no frame caught its end.
            auto& longest = m_workers[std::size_t(e.worker)].longestBlockNs[std::size_t(e.call)];
            longest = std::max(longest, e.value);
        }
    }
}

namespace {

// A check that passes when the run counted one or more of something; `count` is unset when the
// run never came to the point of counting (the detail then says `notReached`).
void judgeCount(CheckResult& out, const std::optional<std::uint32_t>& count,
                const char* countedWhat, const char* notReached) {
    out.passed = count.value_or(0) > 0;
    out.seen = {double(count.value_or(0))};
    out.detail = count ? std::to_string(*count) + countedWhat : notReached;
}

CheckResult judge(const LessonCheck& c, const RunReport& r, const LessonObserver& obs,
                  double speed) {
    CheckResult out{c, false, {}, {}};
    const Totals& t = r.totals;
    const std::vector<double> totals{double(t.messagesSent), double(t.messagesReceived),
                                     double(t.lost), double(t.duplicated), double(t.corrupted)};
    switch (c.kind) {
    case CheckKind::Clean:
        out.passed = t.clean() && t.messagesReceived == t.messagesSent && !r.workersFailed();
        out.seen = totals;
        out.detail = std::to_string(t.messagesSent) + " sent, " +
                     std::to_string(t.messagesReceived) + " received, " + std::to_string(t.lost) +
                     " lost, " + std::to_string(t.duplicated) + " duplicated, " +
                     std::to_string(t.corrupted) + " corrupted";
        break;
    case CheckKind::IntegrityViolations: {
        const std::uint64_t bad = t.lost + t.duplicated + t.corrupted;
        out.passed = double(bad) >= c.value;
        out.seen = totals;
        out.detail = std::to_string(t.lost) + " lost, " + std::to_string(t.duplicated) +
                     " duplicated, " + std::to_string(t.corrupted) + " corrupted of " +
                     std::to_string(t.messagesSent) + " sent";
        break;
    }
    case CheckKind::LostAtLeast:
        out.passed = double(t.lost) >= c.value;
        out.seen = totals;
        out.detail =
            std::to_string(t.lost) + " of " + std::to_string(t.messagesSent) + " never received";
        break;
    case CheckKind::BlockedFor:
    case CheckKind::NotBlockedFor: {
        std::uint64_t longest = 0;
        for (const auto& w : obs.workers()) {
            if (w.role == c.role) {
                longest = std::max(longest, w.longestBlockNs[std::size_t(c.call)]);
            }
        }
        const bool long_ = double(longest) >= c.value / speed * 1e9;
        out.passed = c.kind == CheckKind::BlockedFor ? long_ : !long_;
        out.seen = {double(longest)};
        out.detail = "longest wait of a " + std::string(roleName(c.role)) + " in " +
                     std::string(callName(c.call)) + ": " + formatDurationNs(longest);
        break;
    }
    case CheckKind::EofSeen:
    case CheckKind::NoEof: {
        int seen = 0, total = 0;
        for (const auto& w : obs.workers()) {
            if (w.role == c.role) {
                ++total;
                seen += w.sawEof ? 1 : 0;
            }
        }
        out.passed = c.kind == CheckKind::EofSeen ? total > 0 && seen == total : seen == 0;
        out.seen = {double(seen), double(total)};
        out.detail = std::to_string(seen) + " of " + std::to_string(total) + " " +
                     std::string(roleName(c.role)) + "(s) saw EOF";
        break;
    }
    case CheckKind::Deadlock:
        out.passed = r.deadlockAtS.has_value();
        if (r.deadlockAtS) {
            out.seen = {*r.deadlockAtS};
        }
        out.detail = r.deadlockAtS ? "every worker was waiting " +
                                         formatDurationNs(std::uint64_t(*r.deadlockAtS * 1e9)) +
                                         " into the run, with nothing moving"
                                   : "no deadlock was seen";
        break;
    case CheckKind::DestroyPending:
        judgeCount(out, r.attachedWhenRemoved,
                   " process(es) attached when IPC_RMID marked it destroy-pending",
                   "the segment was not removed while attached");
        break;
    case CheckKind::ErrorSeen: {
        int workers = 0;
        std::optional<std::uint64_t> first;
        std::string where;
        CallKind firstCall = CallKind::None;
        std::uint32_t firstIndex = 0;
        for (const auto& w : obs.workers()) {
            if (w.role != c.role) {
                continue;
            }
            for (const auto& f : w.failures) {
                if (f.error == c.error && (c.call == CallKind::None || f.call == c.call)) {
                    ++workers;
                    if (!first || f.timeNs < *first) {
                        first = f.timeNs;
                        firstCall = f.call;
                        firstIndex = w.index;
                        where = std::string(roleName(w.role)) + " " + std::to_string(w.index) +
                                ": " +
                                std::string(f.call == CallKind::None ? "a call" : callName(f.call));
                    }
                    break;
                }
            }
        }
        out.passed = workers > 0;
        out.seen = {double(workers)};
        if (first) {
            out.seen.insert(out.seen.end(),
                            {double(*first), double(firstCall), double(firstIndex)});
        }
        out.detail =
            first ? where + " failed with " + errorName(c.error) + " (" + std::strerror(c.error) +
                        ") " + formatDurationNs(*first) + " into the run"
                  : "no " + std::string(roleName(c.role)) + " failed with " + errorName(c.error);
        break;
    }
    case CheckKind::ObjectsOutliveWorkers:
        judgeCount(out, r.objectsOutlivingWorkers,
                   " object(s) still in the kernel after every worker died",
                   "the workers did not all die before the run ended");
        break;
    }
    return out;
}

} // namespace

std::vector<CheckResult> evaluateChecks(const LessonVariant& variant, const RunReport& report,
                                        const LessonObserver& observer, double speed) {
    std::vector<CheckResult> out;
    for (const auto& c : variant.checks) {
        out.push_back(judge(c, report, observer, speed));
    }
    return out;
}

} // namespace ipcscope
