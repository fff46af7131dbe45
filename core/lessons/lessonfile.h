#pragma once

// Reading lessons: one lesson file (JSON, format: docs/lessons.md) into a Lesson, and every
// lesson file of the lesson directories into a library, with a sentence for each file that
// did not load.

#include "base/result.h"
#include "lessons/lesson.h"

#include <string>
#include <string_view>
#include <vector>

namespace ipcscope {

struct KernelLimits;

// The largest lesson file loadLessons() reads (the built-in ones have under 10 KiB).
inline constexpr std::size_t kMaxLessonBytes = std::size_t(1) << 20;
// "order" is a whole number from 0 to this (the run's own bounds: jsonread/runconfigreader.h).
inline constexpr int kMaxLessonOrder = 1'000'000;

// Parses one lesson file's contents; errors say what is wrong and where in the file: the
// file, the line and the field ("FILE: line 12: variants[0].run.producers: must be ...").
Result<Lesson> parseLesson(const std::string& json, const std::string& file,
                           const KernelLimits* limits = nullptr);

struct LessonLibrary {
    std::vector<Lesson> lessons; // sorted: lessons first, then pitfalls, by order
    // For each file that did not load, a sentence naming it and its problem: "FILE: line N:
    // FIELD: ...", "FILE is a FIFO, not a regular file", "cannot open FILE: ...".
    std::vector<std::string> errors;

    const Lesson* find(std::string_view id) const;
};

// Where lessons are looked for, first match of an id wins: $IPCSCOPE_LESSONS_PATH (colon-
// separated), ~/.local/share/ipcscope/lessons, the install's share/ipcscope/lessons next to
// the running binary, then the source tree's resources/lessons (a build run from its tree).
std::vector<std::string> lessonDirectories();
LessonLibrary loadLessons(const std::vector<std::string>& directories = lessonDirectories());

} // namespace ipcscope
