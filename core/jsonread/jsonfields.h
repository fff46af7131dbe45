#pragma once

// Reading a JSON document field by field: lesson files (written by a teacher) and recordings
// (written by ipcscope) both go through JsonFields, so every whole number is checked against
// its range (QJsonValue::toInteger() turns 1e300 or 2^64 into 0, which must never pass),
// every enum is read by name, and every error names the field.
//
// The first problem met is kept and later reads return defaults, so a parse function reads
// straight through and checks once, at the end.

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace ipcscope {

// Who wrote a document decides how a problem is worded.
//   Program (a recording's line, written by ipcscope): the field that should have been
//     something else, 'field "t_ns" should be a whole number from 0 to 604800000000000, got
//     1e+300'; the caller adds the file and the line. null stands for a value left unset.
//   Person (a lesson file): where and what the field must be, for the person to edit it,
//     "FILE: line 12: variants[0].run.size: must be a whole number between 1 and 16777216,
//     got 1.5". null is not a value.
struct JsonSource {
    enum class Author : std::uint8_t { Program, Person };
    Author author = Author::Program;
    std::string file;      // a person's document: named at the start of every message
    std::string_view text; // and its text, where the line of a field is found
};

// The largest whole number a document holds exactly (QtCore reads JSON integers as qint64).
inline constexpr std::uint64_t kMaxJsonWholeNumber = std::numeric_limits<std::int64_t>::max();

// The value of a JSON number when it is a whole number a qint64 holds, else nothing.
std::optional<std::int64_t> wholeNumber(const QJsonValue& v);
// A JSON value as an error message shows it: "1e+300", "-5", "a string".
std::string numberText(const QJsonValue& v);
inline std::string numberText(double d) {
    return numberText(QJsonValue(d));
}

// The enum value whose name is `name` among the first `count` values ("?" is no name: name
// functions return it past the last value).
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

class JsonFields {
public:
    // The fields of `object`, which sits at `path` in the document ("" for the top level).
    // Every reader of one document shares `problem`, which receives the first problem met
    // (worded for `source`'s author: a program's when there is no source), and `source`,
    // which must outlive them.
    JsonFields(const QJsonObject& object, std::string path, std::string& problem,
               const JsonSource* source = nullptr);

    bool ok() const { return m_problem.empty(); }
    bool has(const char* key) const { return m_o.contains(QLatin1String(key)); }
    // The raw value, for a field with rules of its own (report its problems with fail()).
    QJsonValue value(const char* key) const { return m_o.value(QLatin1String(key)); }

    // Whole numbers in [min, max]; absent is nothing (or "missing" when required).
    std::optional<std::int64_t> optI64(const char* key, std::int64_t min, std::int64_t max,
                                       bool required = false);
    std::int64_t i64(const char* key, std::int64_t min, std::int64_t max, bool required = false) {
        return optI64(key, min, max, required).value_or(0);
    }
    std::optional<std::uint64_t> optU64(const char* key, bool required = false,
                                        std::uint64_t max = kMaxJsonWholeNumber);
    std::uint64_t u64(const char* key, bool required = false,
                      std::uint64_t max = kMaxJsonWholeNumber) {
        return optU64(key, required, max).value_or(0);
    }
    std::uint32_t u32(const char* key, bool required = false) {
        return std::uint32_t(u64(key, required, std::numeric_limits<std::uint32_t>::max()));
    }
    // Numbers that need not be whole (rates, seconds): finite and in [min, max].
    std::optional<double> optNumber(const char* key, bool required = false,
                                    double max = std::numeric_limits<double>::max(),
                                    double min = 0);
    double number(const char* key, bool required = false,
                  double max = std::numeric_limits<double>::max(), double min = 0) {
        return optNumber(key, required, max, min).value_or(0);
    }
    bool boolean(const char* key, bool required = false);
    std::optional<std::string> optString(const char* key, bool required = false);
    std::string string(const char* key, bool required = false) {
        return optString(key, required).value_or(std::string());
    }
    QJsonObject object(const char* key, bool required = false);
    QJsonArray array(const char* key, bool required = false);
    // The object at `key`, read by a JsonFields of its own (empty when absent).
    JsonFields child(const char* key, bool required = false) {
        return JsonFields(object(key, required), sub(key), m_problem, m_source);
    }
    // Element `index` of the array at `key`, an object read by a JsonFields of its own.
    JsonFields item(const char* key, std::size_t index) const {
        return JsonFields(value(key).toArray().at(qsizetype(index)).toObject(), sub(key, index),
                          m_problem, m_source);
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
    // Refuses a field not among `keys`: a misspelt field in a hand-written file must not be
    // ignored without a word.
    void knownKeys(std::initializer_list<std::string_view> keys);

    // Paths of fields below this object, for messages and child readers.
    std::string sub(std::string_view key) const;
    std::string sub(std::string_view key, std::size_t index) const;
    // Reports a problem with the field `key` (a path below this object, "a[2]" included), or
    // with this object itself; only the document's first problem is kept.
    void fail(std::string_view key, const std::string& what) { failAt(sub(key), what); }
    void failHere(const std::string& what) { failAt(m_path, what); }

    // "must be" for a person, "should be" for a program: the start of most complaints.
    std::string mustBe(std::string_view what) const;

private:
    bool byPerson() const { return m_source && m_source->author == JsonSource::Author::Person; }
    // The value at `key`, nothing when absent (a "missing" problem when required). In a
    // program's document null means unset where `nullMeansUnset`.
    std::optional<QJsonValue> present(const char* key, bool required, bool nullMeansUnset);
    void failAt(const std::string& path, const std::string& what);

    QJsonObject m_o;
    std::string m_path;
    std::string& m_problem;
    const JsonSource* m_source;
};

} // namespace ipcscope
