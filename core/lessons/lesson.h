#pragma once

// A Classroom lesson, loaded from a JSON file (format: docs/lessons.md; reading them:
// lessonfile.h). Lessons are data: a teacher adds one by dropping a file into a lesson
// directory, without recompiling.
//
// A lesson has texts in English and Simplified Chinese, the C code each role runs (with the
// line to highlight for each state a worker can be in), and one or more variants: a normal
// lesson has one, a pitfall has "broken" (the mistake) and "fixed". Each variant is a run
// configuration plus checks that say what the run must show.

#include "lab/frame.h"
#include "mechanisms/mechanism.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipcscope {

struct LocalizedText {
    std::string en;
    std::string zhCN;
    // "zh_CN" (or any "zh...") picks Chinese, anything else English; falls back to English.
    const std::string& in(std::string_view language) const;
};

struct CodeBlock {
    Role role = Role::Producer;
    std::string variant; // the variant this code is run by; empty: every variant without its own
    LocalizedText title;
    std::vector<std::string> lines;     // English comments
    std::vector<std::string> linesZhCN; // the same code, Chinese comments; empty: as `lines`
    // The code with its comments in `language` (falls back to English, as LocalizedText).
    const std::vector<std::string>& linesIn(std::string_view language) const;
    // State key -> 1-based line: "start", "running", "throttle", "exited", a call name
    // ("write", "semop"), call:object ("semop:empty", P on a semaphore), or a step of the
    // shared-memory ring that is no blocking call: "copy", "V(mutex)" (also "semop:V(mutex)").
    // A worker held in step mode is at the line of the call it makes next.
    std::map<std::string, int> marks;
    // Side notes on single lines (1-based line -> note): a slip in the course notes' own
    // program, said beside the line it is on ("PIPE_BUF is 4096 on Linux: this 255 hides it").
    std::map<int, LocalizedText> notes;

    // The line a worker in this state is at, or 0 when the lesson does not say.
    int lineFor(WorkerState state, CallKind call, std::string_view objectName) const;
};

enum class CheckKind : std::uint8_t {
    Clean,               // every message arrived once, intact, nothing failed
    IntegrityViolations, // lost + duplicated + corrupted >= value (default 1)
    LostAtLeast,         // messages never received >= value
    BlockedFor,          // some worker of `role` stayed in `call` at least `value` seconds at once
    NotBlockedFor,       // no worker of `role` stayed in `call` that long
    EofSeen,             // every worker of `role` saw the other side close
    NoEof,               // no worker of `role` saw the other side close
    Deadlock,            // the lab saw every worker waiting with nothing moving
    ObjectsOutliveWorkers, // the run's kernel objects were still there after every worker died
    DestroyPending,        // the segment, removed while attached, lived on destroy-pending
    ErrorSeen,             // some worker of `role` had `call` (if given) fail with `error`
};

struct LessonCheck {
    CheckKind kind = CheckKind::Clean;
    Role role = Role::Consumer;
    CallKind call = CallKind::None;
    double value = 0;
    int error = 0; // ErrorSeen: the errno value (named in the file: "EBADF")
};

struct LessonVariant {
    std::string id; // "default", "broken", "fixed"
    LocalizedText title;
    LocalizedText explanation; // may be empty
    RunConfig config;          // at speed 1
    double drainPatienceS = 0; // 0 = the lab's default
    std::vector<LessonCheck> checks;
};

struct Lesson {
    std::string id;
    bool pitfall = false;
    int order = 0;
    std::string file; // where it was loaded from
    LocalizedText title;
    LocalizedText summary;
    LocalizedText explanation;
    LocalizedText watch;
    std::vector<CodeBlock> code;
    std::vector<LessonVariant> variants;

    const LessonVariant* variant(std::string_view id) const; // nullptr if unknown
    // The code `role` runs in `variant`: its own block if it has one, else the common one.
    const CodeBlock* codeFor(Role role, std::string_view variant = {}) const;
};

// The variant's run at a given speed: rates times `speed`, delays and durations divided by it
// (a class at 0.5 sees everything twice as slowly; a test at 10 runs it ten times faster).
RunConfig lessonRunConfig(const LessonVariant& variant, double speed = 1.0);
std::string checkDescription(const LessonCheck& check);
std::string errorName(int error); // "EBADF"

} // namespace ipcscope
