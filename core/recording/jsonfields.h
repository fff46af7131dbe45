#pragma once

// Reading one JSON object of a recording field by field, with every number checked against its
// range; shared by the header, frame and report lines (recording.cpp, framelines.cpp).

#include "recording/recording.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>

namespace ipcscope::recordingjson {

// Finds the enum value whose name is `name` among the first `count` values.
template <typename Enum, typename NameFn>
std::optional<Enum> enumByName(std::string_view name, std::size_t count, NameFn nameOf) {
    for (std::size_t i = 0; i < count; ++i) {
        const std::string_view candidate = nameOf(Enum(i));
        if (candidate == name && candidate != "?") {
            return Enum(i);
        }
    }
    return std::nullopt;
}

// Enums without a Count member: their name functions return "?" past the last value.
constexpr std::size_t kSmallEnumLimit = 32;

// The largest whole number a recording holds exactly (JSON integers are read as qint64).
constexpr std::uint64_t kMaxRecordedCount = std::numeric_limits<std::int64_t>::max();
constexpr std::uint64_t kMaxRecordedNs = std::uint64_t(kMaxRecordedSpanS) * 1'000'000'000u;
// Linux's PID_MAX_LIMIT (include/linux/threads.h): no pid is larger on any machine.
constexpr std::int64_t kPidMaxLimit = 4 * 1024 * 1024;
// _NSIG - 1: the largest signal number.
constexpr std::int64_t kMaxSignal = 64;

// The value of a JSON number when it is a whole number a qint64 holds, else nothing.
inline std::optional<std::int64_t> wholeNumber(const QJsonValue& v) {
    if (!v.isDouble()) {
        return std::nullopt;
    }
    const double d = v.toDouble();
    if (!std::isfinite(d) || d != std::floor(d)) {
        return std::nullopt;
    }
    const qint64 i = v.toInteger(); // 0 when it does not fit
    if (i == 0 && d != 0) {
        return std::nullopt;
    }
    return i;
}

// A JSON value as an error message shows it: "1e+300", "-5", "a string".
inline std::string numberText(const QJsonValue& v) {
    if (const auto i = wholeNumber(v)) {
        return std::to_string(*i);
    }
    if (v.isDouble()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.15g", v.toDouble());
        return buf;
    }
    return v.isString()   ? "a string"
           : v.isBool()   ? "true or false"
           : v.isArray()  ? "an array"
           : v.isObject() ? "an object"
                          : "null";
}

// Reads fields of one JSON object; the first problem is kept (with the path of the field) and
// later reads return defaults, so a parse function reads straight through and checks once.
class Fields {
public:
    Fields(const QJsonObject& object, std::string path, std::string& problem)
        : m_o(object)
        , m_path(std::move(path))
        , m_problem(problem) {}

    bool has(const char* key) const { return m_o.contains(QLatin1String(key)); }

    // Whole numbers are checked against their range here: QJsonValue::toInteger() turns a
    // value it cannot represent (1e300, 2^64) into 0, which must never pass silently.
    std::uint64_t u64(const char* key, bool required = false,
                      std::uint64_t max = kMaxRecordedCount) {
        return optU64(key, required, max).value_or(0);
    }
    std::optional<std::uint64_t> optU64(const char* key, bool required = false,
                                        std::uint64_t max = kMaxRecordedCount) {
        const auto v =
            optI64(key, 0, std::int64_t(std::min<std::uint64_t>(max, INT64_MAX)), required);
        return v ? std::optional<std::uint64_t>(std::uint64_t(*v)) : std::nullopt;
    }
    std::int64_t i64(const char* key, std::int64_t min, std::int64_t max, bool required = false) {
        return optI64(key, min, max, required).value_or(0);
    }
    std::optional<std::int64_t> optI64(const char* key, std::int64_t min, std::int64_t max,
                                       bool required = false) {
        const QJsonValue v = value(key, required);
        if (v.isUndefined() || v.isNull()) {
            return std::nullopt;
        }
        const auto i = wholeNumber(v);
        if (!i || *i < min || *i > max) {
            fail(key, "should be a whole number from " + std::to_string(min) + " to " +
                          std::to_string(max) + ", got " + numberText(v));
            return std::nullopt;
        }
        return *i;
    }
    // A duration in nanoseconds: no time in a recording is longer than kMaxRecordedSpanS.
    std::uint64_t ns(const char* key, bool required = false) {
        return u64(key, required, kMaxRecordedNs);
    }
    std::uint32_t u32(const char* key, bool required = false) {
        return std::uint32_t(u64(key, required, std::numeric_limits<std::uint32_t>::max()));
    }
    // Numbers that are not whole (rates, seconds) must still be finite and 0 or more;
    // validateConfig() checks the run's own ranges.
    std::optional<double> optNumber(const char* key, bool required = false,
                                    double max = std::numeric_limits<double>::max()) {
        const QJsonValue v = value(key, required);
        if (v.isUndefined() || v.isNull()) {
            return std::nullopt;
        }
        if (!v.isDouble() || !std::isfinite(v.toDouble()) || v.toDouble() < 0 ||
            v.toDouble() > max) {
            fail(key, (max == std::numeric_limits<double>::max()
                           ? std::string("should be a number, 0 or more")
                           : "should be a number from 0 to " + numberText(QJsonValue(max))) +
                          ", got " + numberText(v));
            return std::nullopt;
        }
        return v.toDouble();
    }
    double number(const char* key, bool required = false,
                  double max = std::numeric_limits<double>::max()) {
        return optNumber(key, required, max).value_or(0);
    }
    bool boolean(const char* key, bool required = false) {
        const QJsonValue v = value(key, required);
        if (v.isUndefined()) {
            return false;
        }
        if (!v.isBool()) {
            fail(key, "should be true or false");
            return false;
        }
        return v.toBool();
    }
    std::optional<std::string> optString(const char* key, bool required = false) {
        const QJsonValue v = value(key, required);
        if (v.isUndefined() || v.isNull()) {
            return std::nullopt;
        }
        if (!v.isString()) {
            fail(key, "should be a string");
            return std::nullopt;
        }
        return v.toString().toStdString();
    }
    std::string string(const char* key, bool required = false) {
        return optString(key, required).value_or(std::string());
    }
    QJsonObject object(const char* key, bool required = false) {
        const QJsonValue v = value(key, required);
        if (!v.isUndefined() && !v.isObject()) {
            fail(key, "should be an object");
        }
        return v.toObject();
    }
    QJsonArray array(const char* key, bool required = false) {
        const QJsonValue v = value(key, required);
        if (!v.isUndefined() && !v.isArray()) {
            fail(key, "should be an array");
        }
        return v.toArray();
    }
    // A name that must be one of an enum's names.
    template <typename Enum, typename NameFn>
    Enum named(const char* key, std::size_t count, NameFn nameOf, Enum fallback,
               bool required = false) {
        const auto text = optString(key, required);
        if (!text) {
            return fallback;
        }
        const auto e = enumByName<Enum>(*text, count, nameOf);
        if (!e) {
            fail(key, "has an unknown value \"" + *text + "\"");
            return fallback;
        }
        return *e;
    }

    std::string sub(const char* key) const { return join(key); }
    std::string sub(const char* key, std::size_t index) const {
        return join(key) + "[" + std::to_string(index) + "]";
    }
    void fail(const char* key, const std::string& what) {
        if (m_problem.empty()) {
            m_problem = "field \"" + join(key) + "\" " + what;
        }
    }

private:
    std::string join(const char* key) const { return m_path.empty() ? key : m_path + "." + key; }
    QJsonValue value(const char* key, bool required) {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() && required) {
            fail(key, "is missing");
        }
        return v;
    }

    QJsonObject m_o;
    std::string m_path;
    std::string& m_problem;
};

} // namespace ipcscope::recordingjson
