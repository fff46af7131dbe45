#include "lessonsession.h"

#include "base/jsonwriter.h"

#include <algorithm>
#include <ctime>

namespace ipcscope {

bool LessonVerdict::passed() const {
    return std::all_of(checks.begin(), checks.end(), [](const CheckResult& c) { return c.passed; });
}

LessonSession::LessonSession(const Lesson& lesson, const LessonVariant& variant, double speed)
    : m_lessonId(lesson.id)
    , m_variant(variant)
    , m_speed(speed) {}

RunConfig LessonSession::runConfig() const {
    return lessonRunConfig(m_variant, m_speed);
}

LabOptions LessonSession::labOptions(LabOptions base) const {
    if (m_variant.drainPatienceS > 0) {
        base.drainPatienceNs = std::uint64_t(m_variant.drainPatienceS / m_speed * 1e9);
    }
    base.stallReportNs = std::min<std::uint64_t>(
        base.stallReportNs, std::max<std::uint64_t>(200'000'000, std::uint64_t(2e9 / m_speed)));
    return base;
}

void LessonSession::add(const Frame& frame) {
    m_observer.add(frame);
}

void LessonSession::restart() {
    m_observer = LessonObserver{};
}

LessonVerdict LessonSession::verdict(const RunReport& report) const {
    return {evaluateChecks(m_variant, report, m_observer, m_speed)};
}

void LessonSession::writeVerdict(JsonWriter& j, const LessonVerdict& verdict) const {
    j.key("lesson");
    j.beginObject();
    j.field("id", m_lessonId);
    j.field("variant", m_variant.id);
    j.field("speed", m_speed);
    j.field("passed", verdict.passed());
    j.key("checks");
    j.beginArray();
    for (const auto& c : verdict.checks) {
        j.beginObject();
        j.field("check", checkDescription(c.check));
        j.field("passed", c.passed);
        j.field("detail", c.detail);
        j.endObject();
    }
    j.endArray();
    j.endObject();
}

Result<LessonRunResult> runLessonHeadless(const Lesson& lesson, const LessonVariant& variant,
                                          double speed, const LabOptions& base,
                                          const std::function<void(const Frame&)>& onFrame) {
    LessonSession session(lesson, variant, speed);
    auto run = Run::start(session.runConfig(), session.labOptions(base));
    if (!run) {
        return run.error();
    }
    for (;;) {
        const Frame f = (*run)->sample();
        session.add(f);
        if (onFrame) {
            onFrame(f);
        }
        if ((*run)->finished()) {
            break;
        }
        const timespec tick{0, 20'000'000};
        ::nanosleep(&tick, nullptr);
    }
    LessonRunResult result{(*run)->report(), {}};
    result.verdict = session.verdict(result.report);
    return result;
}

} // namespace ipcscope
