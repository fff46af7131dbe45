#include "runconfigreader.h"

#include "mechanisms/validate.h"

#include <limits>

namespace ipcscope {

namespace {

// What a lesson may ask for, beyond which a run stops being a lesson (validateConfig() allows
// more).
constexpr double kMaxLessonRate = 1e7;
constexpr std::int64_t kMaxLessonCount = 1'000'000'000'000; // messages, capacity
constexpr double kMinLessonDurationS = 0.1;
constexpr double kMaxLessonScenarioS = 3600; // delays and crash times

std::optional<std::uint64_t> unsignedCount(std::optional<std::int64_t> n) {
    return n ? std::optional<std::uint64_t>(std::uint64_t(*n)) : std::nullopt;
}

void readScenario(JsonFields& s, bool lesson, Scenario& out) {
    if (lesson) {
        s.knownKeys({"reader_keeps_write_end", "ring_without_mutex", "empty_starts_at_zero",
                     "producer_start_delay_s", "crash_after_s", "remove_while_attached_s",
                     "writer_compares_fd", "text_message"});
    }
    out.readerKeepsWriteEnd = s.boolean("reader_keeps_write_end");
    out.ringWithoutMutex = s.boolean("ring_without_mutex");
    out.emptyStartsAtZero = s.boolean("empty_starts_at_zero");
    out.writerComparesFd = s.boolean("writer_compares_fd");
    out.textMessage = s.named<TextMessage>("text_message", 3, textMessageName, TextMessage::None);
    const double most = lesson ? kMaxLessonScenarioS : std::numeric_limits<double>::max();
    out.producerStartDelayS = s.number("producer_start_delay_s", false, most);
    out.crashAfterS = s.number("crash_after_s", false, most);
    out.removeWhileAttachedS = s.number("remove_while_attached_s", false, most);
}

} // namespace

RunConfig readRunConfig(JsonFields& f, RunConfigSpelling spelling) {
    const bool lesson = spelling == RunConfigSpelling::Lesson;
    if (lesson) {
        f.knownKeys({"mechanism", "producers", "consumers", "size", "rate", "consumer_rate",
                     "capacity", "messages", "duration_s", "message_types", "receive_types",
                     "scenario"});
    }
    RunConfig c;
    const std::string mechanism = f.string("mechanism", true);
    if (const auto m = parseMechanism(mechanism)) {
        c.mechanism = *m;
    } else if (f.ok()) {
        f.fail("mechanism", "names an unknown mechanism '" + mechanism +
                                "' (ipcscope-cli mechanisms lists them)");
    }
    constexpr std::int64_t kU32Max = std::numeric_limits<std::uint32_t>::max();
    if (lesson) {
        c.producers = std::uint32_t(f.optI64("producers", 1, kMaxWorkersPerRole).value_or(1));
        c.consumers = std::uint32_t(f.optI64("consumers", 1, kMaxWorkersPerRole).value_or(1));
        c.messageSize = std::uint32_t(f.optI64("size", 1, kMaxMessageSize).value_or(64));
        c.messageTypes =
            std::uint32_t(f.optI64("message_types", 1, kMaxFileMessageTypes).value_or(1));
    } else {
        c.producers = f.u32("producers", true);
        c.consumers = f.u32("consumers", true);
        c.messageSize = f.u32("message_size", true);
        c.messageTypes = std::uint32_t(f.optI64("message_types", 0, kU32Max).value_or(1));
    }
    const double maxRate = lesson ? kMaxLessonRate : std::numeric_limits<double>::max();
    c.producerRate = f.number("rate", false, maxRate);
    c.consumerRate = f.number("consumer_rate", false, maxRate);
    const std::int64_t fewest = lesson ? 1 : 0;
    const std::int64_t most = lesson ? kMaxLessonCount : std::numeric_limits<std::int64_t>::max();
    c.capacity = unsignedCount(f.optI64("capacity", fewest, most));
    c.messages = unsignedCount(f.optI64("messages", fewest, most));
    c.durationS = lesson ? f.optNumber("duration_s", false, kMaxDurationS, kMinLessonDurationS)
                         : f.optNumber("duration_s");
    if (lesson && f.ok() && c.messages && c.durationS) {
        f.failHere("give either messages or duration_s, not both");
    }
    if (lesson && f.ok() && !c.messages && !c.durationS) {
        f.failHere("a lesson's run needs messages or duration_s, so it ends by itself");
    }
    // A lesson names System V types and POSIX priorities; a recording holds what msgrcv takes.
    const std::int64_t maxType = lesson ? kMaxFileMessageTypes : std::numeric_limits<long>::max();
    const QJsonArray types = f.array("receive_types");
    for (qsizetype i = 0; i < types.size(); ++i) {
        const auto type = wholeNumber(types[i]);
        if (type && *type >= -maxType && *type <= maxType) {
            c.receiveTypes.push_back(long(*type));
            continue;
        }
        if (lesson) {
            f.fail("receive_types[" + std::to_string(i) + "]",
                   "must be a whole number between -" + std::to_string(maxType) + " and " +
                       std::to_string(maxType));
        } else {
            f.fail("receive_types", "should hold whole numbers, got " + numberText(types[i]));
        }
        break;
    }
    JsonFields scenario = f.child("scenario");
    readScenario(scenario, lesson, c.scenario);
    if (!lesson) { // the lab's own controls, which a lesson sets through the Classroom
        c.raw = f.boolean("raw");
        c.paceIntervalNs = f.u64("pace_interval_ns");
        c.startInStepMode = f.boolean("start_in_step_mode");
    }
    return c;
}

} // namespace ipcscope
