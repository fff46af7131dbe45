#pragma once

// Watching a lesson's run and judging it: the observer follows the live frames (what a final
// report cannot tell: how long a worker stayed in one call at a stretch, who saw EOF), and
// the checks compare that and the report with what the lesson promises to show. A lesson run
// puts them together in a LessonSession (lessonsession.h).

#include "lab/run.h"
#include "lessons/lesson.h"

namespace ipcscope {

struct WorkerObservation {
    Role role = Role::Producer;
    std::uint32_t index = 0;
    std::array<std::uint64_t, kCallKindCount> longestBlockNs{}; // longest single wait per call
    bool sawEof = false;
    struct Failure {
        CallKind call = CallKind::None;
        int error = 0;
        std::uint64_t timeNs = 0; // since the run started
    };
    std::vector<Failure> failures; // the calls that failed, with their errno
};

class LessonObserver {
public:
    void add(const Frame& frame);
    const std::vector<WorkerObservation>& workers() const { return m_workers; }

private:
    std::vector<WorkerObservation> m_workers; // by slot
};

struct CheckResult {
    LessonCheck check;
    bool passed = false;
    std::string detail; // what was seen, in words (English, for the CLI)
    // What was seen, as numbers, for a GUI to word in its own language:
    //   Clean, IntegrityViolations, LostAtLeast: sent, received, lost, duplicated, corrupted
    //   BlockedFor, NotBlockedFor: the longest wait in ns
    //   EofSeen, NoEof: workers that saw EOF, workers of the role
    //   Deadlock: seconds into the run (absent: none); ObjectsOutliveWorkers, DestroyPending: count
    //   ErrorSeen: workers whose call failed so; the first failure's ns into the run, its
    //   CallKind and worker index
    std::vector<double> seen;
};

// Durations in checks are lesson seconds: at `speed` 10 a 3 s wait must last 0.3 s.
std::vector<CheckResult> evaluateChecks(const LessonVariant& variant, const RunReport& report,
                                        const LessonObserver& observer, double speed = 1.0);

} // namespace ipcscope
