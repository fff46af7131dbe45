#include "lesson.h"

#include <cmath>
#include <cstdio>
#include <cstring>

namespace ipcscope {

const std::string& LocalizedText::in(std::string_view language) const {
    if (language.starts_with("zh") && !zhCN.empty()) {
        return zhCN;
    }
    return en;
}

const std::vector<std::string>& CodeBlock::linesIn(std::string_view language) const {
    return language.starts_with("zh") && !linesZhCN.empty() ? linesZhCN : lines;
}

int CodeBlock::lineFor(WorkerState state, CallKind call, std::string_view objectName) const {
    const auto at = [&](const std::string& key) {
        const auto it = marks.find(key);
        return it == marks.end() ? 0 : it->second;
    };
    switch (state) {
    case WorkerState::Starting:
        return at("start");
    case WorkerState::Blocked:
    case WorkerState::Held: { // held: at the call it makes on the next step
        const std::string name(call == CallKind::None ? "" : callName(call));
        const std::string object(objectName);
        for (const std::string& key :
             {name.empty() || object.empty() ? "" : name + ":" + object, object, name}) {
            if (const int line = key.empty() ? 0 : at(key)) {
                return line;
            }
        }
        return at("running");
    }
    case WorkerState::Throttled:
        if (const int line = at("throttle")) {
            return line;
        }
        return at("running");
    case WorkerState::Running:
    case WorkerState::Draining:
        return at("running");
    case WorkerState::Exited:
        return at("exited");
    }
    return 0;
}

const LessonVariant* Lesson::variant(std::string_view wanted) const {
    for (const auto& v : variants) {
        if (v.id == wanted) {
            return &v;
        }
    }
    return nullptr;
}

const CodeBlock* Lesson::codeFor(Role role, std::string_view variant) const {
    const CodeBlock* common = nullptr;
    for (const auto& c : code) {
        if (c.role != role) {
            continue;
        }
        if (!variant.empty() && c.variant == variant) {
            return &c;
        }
        if (c.variant.empty() && !common) {
            common = &c;
        }
    }
    return common;
}

RunConfig lessonRunConfig(const LessonVariant& variant, double speed) {
    RunConfig c = variant.config;
    if (!(speed > 0) || !std::isfinite(speed)) {
        speed = 1;
    }
    c.producerRate *= speed;
    c.consumerRate *= speed;
    if (c.durationS) {
        *c.durationS /= speed;
    }
    c.scenario.producerStartDelayS /= speed;
    c.scenario.crashAfterS /= speed;
    c.scenario.removeWhileAttachedS /= speed;
    return c;
}

std::string errorName(int error) {
    const char* name = ::strerrorname_np(error);
    return name ? name : "error " + std::to_string(error);
}

std::string checkDescription(const LessonCheck& c) {
    const std::string role(roleName(c.role));
    const std::string call(callName(c.call));
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%g s", c.value);
    switch (c.kind) {
    case CheckKind::Clean:
        return "every message arrives once and intact";
    case CheckKind::IntegrityViolations:
        return "messages are lost, duplicated or corrupted";
    case CheckKind::LostAtLeast:
        return "at least " + std::to_string(std::uint64_t(c.value)) +
               " message(s) are never received";
    case CheckKind::BlockedFor:
        return "a " + role + " waits in " + call + " for at least " + seconds + " at a stretch";
    case CheckKind::NotBlockedFor:
        return "no " + role + " waits in " + call + " for " + seconds + " at a stretch";
    case CheckKind::EofSeen:
        return "every " + role + " sees the other side close (EOF)";
    case CheckKind::NoEof:
        return "no " + role + " ever sees EOF";
    case CheckKind::Deadlock:
        return "every worker waits for another and nothing moves (deadlock)";
    case CheckKind::ObjectsOutliveWorkers:
        return "the kernel objects outlive every process that used them";
    case CheckKind::DestroyPending:
        return "the segment, removed while attached, lives on destroy-pending";
    case CheckKind::ErrorSeen:
        return "a " + role + "'s " + (c.call == CallKind::None ? std::string("call") : call) +
               " fails with " + errorName(c.error);
    }
    return "?";
}

} // namespace ipcscope
