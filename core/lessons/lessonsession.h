#pragma once

// One run of a lesson's variant, assembled in one place for the CLI, the GUI and the headless
// runner: the run's configuration and lab options at a speed, the observer that follows its
// frames, and at the end the checks and the verdict. The session does not own the run (the
// GUI's controller or the CLI's loop drives it); it takes the frames and the final report.

#include "lessons/lessonrunner.h"

#include <functional>

namespace ipcscope {

class JsonWriter;

struct LessonVerdict {
    std::vector<CheckResult> checks; // one per check of the variant, in its order
    bool passed() const;             // every check passed: the run showed its point
};

class LessonSession {
public:
    // `speed` scales the lesson's time: at 2 it runs twice as fast, its rates, delays, the
    // checks' durations and the lab's patience together (a class at 0.5 sees it all slower).
    LessonSession(const Lesson& lesson, const LessonVariant& variant, double speed = 1.0);

    const std::string& lessonId() const { return m_lessonId; }
    const LessonVariant& variant() const { return m_variant; }
    double speed() const { return m_speed; }

    RunConfig runConfig() const;
    // `base` with what the variant asks for: its patience with a stuck reader, and a deadlock
    // named while the class still looks at it.
    LabOptions labOptions(LabOptions base = {}) const;

    void add(const Frame& frame); // every frame of the run, in order
    void restart();               // the frames come again from the first (a new run, a seek)
    const LessonObserver& observer() const { return m_observer; }

    // What the run showed against what the variant promises, once `report` ends it.
    LessonVerdict verdict(const RunReport& report) const;
    // The "lesson" member of `run --lesson --json`.
    void writeVerdict(JsonWriter& json, const LessonVerdict& verdict) const;

private:
    std::string m_lessonId;
    LessonVariant m_variant; // a copy: the session outlives a reload of the lesson files
    double m_speed;
    LessonObserver m_observer;
};

struct LessonRunResult {
    RunReport report;
    LessonVerdict verdict;
};

// Runs a variant to its end without a GUI (tests, tools), sampling every 20 ms.
Result<LessonRunResult> runLessonHeadless(const Lesson& lesson, const LessonVariant& variant,
                                          double speed, const LabOptions& base = {},
                                          const std::function<void(const Frame&)>& onFrame = {});

} // namespace ipcscope
