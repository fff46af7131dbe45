#include "jsonfields.h"

#include "jsonlocator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ipcscope {

std::optional<std::int64_t> wholeNumber(const QJsonValue& v) {
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

std::string numberText(const QJsonValue& v) {
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

JsonFields::JsonFields(const QJsonObject& object, std::string path, std::string& problem,
                       const JsonSource* source)
    : m_o(object)
    , m_path(std::move(path))
    , m_problem(problem)
    , m_source(source) {}

std::optional<QJsonValue> JsonFields::present(const char* key, bool required, bool nullMeansUnset) {
    const QJsonValue v = value(key);
    if (v.isUndefined() || (v.isNull() && nullMeansUnset && !byPerson())) {
        if (required) {
            fail(key, byPerson() ? "missing" : "is missing");
        }
        return std::nullopt;
    }
    return v;
}

std::optional<std::int64_t> JsonFields::optI64(const char* key, std::int64_t min, std::int64_t max,
                                               bool required) {
    const auto v = present(key, required, true);
    if (!v) {
        return std::nullopt;
    }
    const auto whole = wholeNumber(*v);
    if (whole && *whole >= min && *whole <= max) {
        return whole;
    }
    const std::string range = std::to_string(min) + (byPerson() ? " and " : " to ") +
                              std::to_string(max) + ", got " + numberText(*v);
    if (!byPerson()) {
        fail(key, "should be a whole number from " + range);
    } else if (!v->isDouble() || !std::isfinite(v->toDouble())) {
        fail(key, "must be a number");
    } else if (v->toDouble() < double(min) || v->toDouble() > double(max)) {
        fail(key, "must be between " + range); // 1e300 is out of range before it is whole
    } else {
        fail(key, "must be a whole number between " + range);
    }
    return std::nullopt;
}

std::optional<std::uint64_t> JsonFields::optU64(const char* key, bool required, std::uint64_t max) {
    const auto v = optI64(key, 0, std::int64_t(std::min(max, kMaxJsonWholeNumber)), required);
    return v ? std::optional<std::uint64_t>(std::uint64_t(*v)) : std::nullopt;
}

std::optional<double> JsonFields::optNumber(const char* key, bool required, double max,
                                            double min) {
    const auto v = present(key, required, true);
    if (!v) {
        return std::nullopt;
    }
    const double d = v->toDouble();
    const bool finite = v->isDouble() && std::isfinite(d);
    if (finite && d >= min && d <= max) {
        return d;
    }
    const std::string got = ", got " + numberText(*v);
    if (byPerson()) {
        fail(key, finite ? "must be between " + numberText(min) + " and " + numberText(max) + got
                         : "must be a number");
    } else if (max == std::numeric_limits<double>::max()) {
        fail(key, "should be a number, " + numberText(min) + " or more" + got);
    } else {
        fail(key, "should be a number from " + numberText(min) + " to " + numberText(max) + got);
    }
    return std::nullopt;
}

bool JsonFields::boolean(const char* key, bool required) {
    const auto v = present(key, required, false);
    if (v && !v->isBool()) {
        fail(key, mustBe("true or false"));
        return false;
    }
    return v && v->toBool();
}

std::optional<std::string> JsonFields::optString(const char* key, bool required) {
    const auto v = present(key, required, true);
    if (!v) {
        return std::nullopt;
    }
    if (!v->isString()) {
        fail(key, mustBe("a string"));
        return std::nullopt;
    }
    return v->toString().toStdString();
}

QJsonObject JsonFields::object(const char* key, bool required) {
    const auto v = present(key, required, false);
    if (v && !v->isObject()) {
        fail(key, mustBe("an object"));
    }
    return v ? v->toObject() : QJsonObject();
}

QJsonArray JsonFields::array(const char* key, bool required) {
    const auto v = present(key, required, false);
    if (v && !v->isArray()) {
        fail(key, mustBe("an array"));
    }
    return v ? v->toArray() : QJsonArray();
}

void JsonFields::knownKeys(std::initializer_list<std::string_view> keys) {
    for (auto it = m_o.begin(); it != m_o.end(); ++it) {
        const std::string k = it.key().toStdString();
        if (std::find(keys.begin(), keys.end(), k) == keys.end()) {
            fail(k, byPerson() ? "unknown field" : "is not a field ipcscope writes");
        }
    }
}

std::string JsonFields::sub(std::string_view key) const {
    return m_path.empty() ? std::string(key) : m_path + "." + std::string(key);
}

std::string JsonFields::sub(std::string_view key, std::size_t index) const {
    return sub(key) + "[" + std::to_string(index) + "]";
}

std::string JsonFields::mustBe(std::string_view what) const {
    return (byPerson() ? "must be " : "should be ") + std::string(what);
}

void JsonFields::failAt(const std::string& path, const std::string& what) {
    if (!m_problem.empty()) {
        return;
    }
    if (byPerson()) {
        m_problem = m_source->file + ": line " + std::to_string(jsonLineOf(m_source->text, path)) +
                    ": " + (path.empty() ? "" : path + ": ") + what;
    } else {
        m_problem = "field \"" + path + "\" " + what;
    }
}

} // namespace ipcscope
