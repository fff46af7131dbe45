#pragma once

// How the GUI words a lesson, in the GUI's language: its explanation, its checks and what a
// run showed (the CLI prints core's English: checkDescription() and CheckResult::detail).

#include "lessons/lessonsession.h"

#include <QCoreApplication>
#include <QString>

namespace ipcscope {

class LessonWording {
    Q_DECLARE_TR_FUNCTIONS(LessonWording)

public:
    // Title, summary, explanation, the variant's own, and what to watch (rich text).
    static QString explanation(const Lesson& lesson, const LessonVariant* variant,
                               const std::string& language);
    // When no lesson loaded: where lesson files are read from (rich text).
    static QString noLessons(const std::vector<std::string>& directories);

    static QString check(const LessonCheck& check); // what a check promises
    static QString seen(const CheckResult& result); // what the run showed
    // Before the run: "This run should show: ..." (rich text).
    static QString expectation(const LessonVariant& variant);
    // After it: whether it showed its point, then each check with what was seen (rich text).
    static QString verdict(const LessonVerdict& verdict);
};

} // namespace ipcscope
