#include "lesson.h"

#include "base/readfile.h"
#include "mechanisms/validate.h"

#include <QByteArray>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <set>
#include <unistd.h>

namespace ipcscope {

const std::string& LocalizedText::in(std::string_view language) const {
    if (language.starts_with("zh") && !zhCN.empty()) {
        return zhCN;
    }
    return en;
}

int CodeBlock::lineFor(WorkerState state, CallKind call, std::string_view objectName) const {
    const auto at = [&](const std::string& key) {
        const auto it = marks.find(key);
        return it == marks.end() ? 0 : it->second;
    };
    switch (state) {
    case WorkerState::Starting:
        return at("start");
    case WorkerState::Blocked: {
        const std::string name(callName(call));
        if (!objectName.empty()) {
            if (const int line = at(name + ":" + std::string(objectName))) {
                return line;
            }
        }
        if (const int line = at(name)) {
            return line;
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
    case WorkerState::Held:
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

const CodeBlock* Lesson::codeFor(Role role) const {
    for (const auto& c : code) {
        if (c.role == role) {
            return &c;
        }
    }
    return nullptr;
}

const Lesson* LessonLibrary::find(std::string_view id) const {
    for (const auto& l : lessons) {
        if (l.id == id) {
            return &l;
        }
    }
    return nullptr;
}

namespace {

// Where the value at a path such as "variants[1].run.size" starts in a JSON text, so an
// error can name the line a teacher has to edit. QJsonDocument keeps no positions; the text
// has already parsed, so this only has to skip values, not check them. Nothing when the path
// is not there (a missing field) or cannot be followed (a key holding '.' or '[').
class JsonLocator {
public:
    explicit JsonLocator(std::string_view text)
        : m_s(text) {}

    std::optional<std::size_t> find(std::string_view path) {
        m_i = 0;
        space();
        while (!path.empty()) {
            if (path.front() == '[') {
                const std::size_t close = path.find(']');
                if (close == std::string_view::npos) {
                    return std::nullopt;
                }
                std::size_t index = 0;
                const auto [end, ec] = std::from_chars(path.data() + 1, path.data() + close, index);
                if (ec != std::errc() || end != path.data() + close || !enter('[', {}, index)) {
                    return std::nullopt;
                }
                path.remove_prefix(close + 1);
            } else {
                if (path.front() == '.') {
                    path.remove_prefix(1);
                }
                const std::size_t stop = std::min(path.find('.'), path.find('['));
                if (!enter('{', path.substr(0, stop), 0)) {
                    return std::nullopt;
                }
                path.remove_prefix(std::min(stop, path.size()));
            }
        }
        return m_i;
    }

private:
    bool at(char c) const { return m_i < m_s.size() && m_s[m_i] == c; }
    void space() {
        while (m_i < m_s.size() &&
               std::string_view(" \t\r\n").find(m_s[m_i]) != std::string_view::npos) {
            ++m_i;
        }
    }
    // At an opening quote: moves past the string, returns its raw text (escapes kept).
    std::string_view string() {
        const std::size_t start = ++m_i;
        while (m_i < m_s.size() && m_s[m_i] != '"') {
            m_i += m_s[m_i] == '\\' ? 2 : 1;
        }
        const std::string_view text = m_s.substr(start, std::min(m_i, m_s.size()) - start);
        ++m_i;
        return text;
    }
    void skipValue() {
        if (at('"')) {
            string();
            return;
        }
        if (!at('{') && !at('[')) {
            while (m_i < m_s.size() &&
                   std::string_view(",]} \t\r\n").find(m_s[m_i]) == std::string_view::npos) {
                ++m_i;
            }
            return;
        }
        std::size_t depth = 0; // iterative: a deeply nested file cannot exhaust the stack
        while (m_i < m_s.size()) {
            if (at('"')) {
                string();
                continue;
            }
            const char c = m_s[m_i++];
            if (c == '{' || c == '[') {
                ++depth;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return;
            }
        }
    }
    // Inside an object ('{') or an array ('['): moves to the value of `key` or to element
    // `index`.
    bool enter(char open, std::string_view key, std::size_t index) {
        if (!at(open)) {
            return false;
        }
        ++m_i;
        space();
        for (std::size_t k = 0; m_i < m_s.size() && !at(open == '{' ? '}' : ']'); ++k) {
            if (open == '{') {
                if (!at('"')) {
                    return false;
                }
                const std::string_view name = string();
                space();
                ++m_i; // ':'
                space();
                if (name == key) {
                    return true;
                }
            } else if (k == index) {
                return true;
            }
            skipValue();
            space();
            if (!at(',')) {
                return false;
            }
            ++m_i;
            space();
        }
        return false;
    }

    std::string_view m_s;
    std::size_t m_i = 0;
};

// The 1-based line of the value at `path`, or of the nearest enclosing value that is there.
std::size_t lineOf(std::string_view text, std::string path) {
    JsonLocator locator(text);
    while (true) {
        if (const auto offset = locator.find(path)) {
            return std::size_t(std::count(text.begin(), text.begin() + *offset, '\n')) + 1;
        }
        const std::size_t cut = path.find_last_of(".[");
        if (cut == std::string::npos || path.empty()) {
            return 1;
        }
        path.resize(cut);
    }
}

// Walks the JSON tree keeping a path ("variants[1].run.size") for error messages, which name
// the file, the line and the field.
class Reader {
public:
    Reader(std::string file, std::string_view text)
        : m_file(std::move(file))
        , m_text(text) {}

    Error error(const std::string& path, const std::string& what) const {
        return Error{m_file + ": line " + std::to_string(lineOf(m_text, path)) + ": " +
                     (path.empty() ? "" : path + ": ") + what};
    }

    Result<LocalizedText> text(const QJsonObject& o, const char* key, const std::string& path,
                               bool required = true) const {
        const QJsonValue v = o.value(QLatin1String(key));
        const std::string where = path.empty() ? key : path + "." + key;
        if (v.isUndefined()) {
            if (required) {
                return error(where, "missing (an object with \"en\" and \"zh_CN\" texts)");
            }
            return LocalizedText{};
        }
        if (!v.isObject()) {
            return error(where, "must be an object with \"en\" and \"zh_CN\" texts");
        }
        const QJsonObject t = v.toObject();
        LocalizedText out;
        const auto one = [&](const char* lang, std::string& dst) -> Status {
            const QJsonValue s = t.value(QLatin1String(lang));
            if (s.isString()) {
                dst = s.toString().toStdString();
            } else if (s.isArray()) { // paragraphs
                for (const QJsonValue& p : s.toArray()) {
                    if (!p.isString()) {
                        return error(where + "." + lang, "paragraphs must be strings");
                    }
                    if (!dst.empty()) {
                        dst += "\n\n";
                    }
                    dst += p.toString().toStdString();
                }
            } else {
                return error(where + "." + lang, "missing or not a string");
            }
            if (dst.empty()) {
                return error(where + "." + lang, "is empty");
            }
            return Ok{};
        };
        if (auto s = one("en", out.en); !s) {
            return s.error();
        }
        if (auto s = one("zh_CN", out.zhCN); !s) {
            return s.error();
        }
        return out;
    }

    Result<double> number(const QJsonObject& o, const char* key, const std::string& path,
                          double min, double max, std::optional<double> fallback) const {
        const QJsonValue v = o.value(QLatin1String(key));
        const std::string where = path.empty() ? key : path + "." + key;
        if (v.isUndefined()) {
            if (fallback) {
                return *fallback;
            }
            return error(where, "missing");
        }
        if (!v.isDouble() || !std::isfinite(v.toDouble())) {
            return error(where, "must be a number");
        }
        const double d = v.toDouble();
        if (d < min || d > max) {
            return error(where, "must be between " + formatNumber(min) + " and " +
                                    formatNumber(max) + ", got " + formatNumber(d));
        }
        return d;
    }

    // A whole number in [min, max]: 2.5 workers or 1e300 messages are errors, not 2 or 0.
    Result<std::int64_t> integer(const QJsonObject& o, const char* key, const std::string& path,
                                 double min, double max, std::optional<double> fallback) const {
        auto d = number(o, key, path, min, max, fallback);
        if (!d) {
            return d.error();
        }
        if (*d != std::floor(*d)) {
            return error(path.empty() ? key : path + "." + key,
                         "must be a whole number between " + formatNumber(min) + " and " +
                             formatNumber(max) + ", got " + formatNumber(*d));
        }
        return std::int64_t(*d);
    }

    Result<bool> flag(const QJsonObject& o, const char* key, const std::string& path) const {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            return false;
        }
        if (!v.isBool()) {
            return error(path + "." + key, "must be true or false");
        }
        return v.toBool();
    }

    Status knownKeys(const QJsonObject& o, const std::string& path,
                     std::initializer_list<const char*> keys) const {
        for (auto it = o.begin(); it != o.end(); ++it) {
            const std::string k = it.key().toStdString();
            if (std::none_of(keys.begin(), keys.end(), [&](const char* x) { return k == x; })) {
                return error(path.empty() ? k : path + "." + k, "unknown field");
            }
        }
        return Ok{};
    }

    static std::string formatNumber(double d) {
        char buf[32];
        // Whole numbers as a person types them (1000000, not 1e+06); others as %g does.
        const bool whole = d == std::floor(d) && std::fabs(d) < 1e15;
        std::snprintf(buf, sizeof buf, whole ? "%.0f" : "%g", d);
        return buf;
    }

private:
    std::string m_file;
    std::string_view m_text; // the file's contents, which outlive the Reader
};

std::optional<Role> parseRole(const QString& s) {
    if (s == QLatin1String("producer")) {
        return Role::Producer;
    }
    if (s == QLatin1String("consumer")) {
        return Role::Consumer;
    }
    return std::nullopt;
}

std::optional<CallKind> parseCall(const std::string& s) {
    for (std::size_t i = 1; i < kCallKindCount; ++i) {
        if (callName(CallKind(i)) == s) {
            return CallKind(i);
        }
    }
    return std::nullopt;
}

Result<RunConfig> parseRun(const Reader& r, const QJsonObject& o, const std::string& path) {
    if (auto s = r.knownKeys(o, path,
                             {"mechanism", "producers", "consumers", "size", "rate",
                              "consumer_rate", "capacity", "messages", "duration_s",
                              "message_types", "receive_types", "scenario"});
        !s) {
        return s.error();
    }
    RunConfig c;
    const QJsonValue m = o.value(QLatin1String("mechanism"));
    const auto mechanism = parseMechanism(m.toString().toStdString());
    if (!m.isString() || !mechanism) {
        return r.error(path + ".mechanism", "unknown mechanism '" + m.toString().toStdString() +
                                                "' (ipcscope-cli mechanisms lists them)");
    }
    c.mechanism = *mechanism;
    const auto count = [&](const char* key, double fallback) {
        return r.integer(o, key, path, 1, kMaxWorkersPerRole, fallback);
    };
    auto producers = count("producers", 1);
    auto consumers = count("consumers", 1);
    auto size = r.integer(o, "size", path, 1, kMaxMessageSize, 64);
    auto types = r.integer(o, "message_types", path, 1, kMaxLessonMessageTypes, 1);
    for (const auto* v : {&producers, &consumers, &size, &types}) {
        if (!*v) {
            return v->error();
        }
    }
    auto rate = r.number(o, "rate", path, 0, 1e7, 0);
    auto consumerRate = r.number(o, "consumer_rate", path, 0, 1e7, 0);
    for (const auto* v : {&rate, &consumerRate}) {
        if (!*v) {
            return v->error();
        }
    }
    c.producers = std::uint32_t(*producers);
    c.consumers = std::uint32_t(*consumers);
    c.messageSize = std::uint32_t(*size);
    c.producerRate = *rate;
    c.consumerRate = *consumerRate;
    c.messageTypes = std::uint32_t(*types);
    if (o.contains(QLatin1String("capacity"))) {
        auto cap = r.integer(o, "capacity", path, 1, 1e12, std::nullopt);
        if (!cap) {
            return cap.error();
        }
        c.capacity = std::uint64_t(*cap);
    }
    if (o.contains(QLatin1String("messages"))) {
        auto n = r.integer(o, "messages", path, 1, 1e12, std::nullopt);
        if (!n) {
            return n.error();
        }
        c.messages = std::uint64_t(*n);
    }
    if (o.contains(QLatin1String("duration_s"))) {
        auto d = r.number(o, "duration_s", path, 0.1, kMaxDurationS, std::nullopt);
        if (!d) {
            return d.error();
        }
        c.durationS = *d;
    }
    if (c.messages && c.durationS) {
        return r.error(path, "give either messages or duration_s, not both");
    }
    if (!c.messages && !c.durationS) {
        return r.error(path, "a lesson's run needs messages or duration_s, so it ends by itself");
    }
    const QJsonValue rt = o.value(QLatin1String("receive_types"));
    if (!rt.isUndefined()) {
        if (!rt.isArray()) {
            return r.error(path + ".receive_types", "must be an array of integers");
        }
        const QJsonArray types = rt.toArray();
        for (qsizetype i = 0; i < types.size(); ++i) {
            const double t = types[i].toDouble(0.5); // 0.5: not a number, never a whole one
            const std::string where = path + ".receive_types[" + std::to_string(i) + "]";
            if (!types[i].isDouble() || t != std::floor(t) ||
                std::fabs(t) > kMaxLessonMessageTypes) {
                return r.error(where, "must be a whole number between -" +
                                          std::to_string(kMaxLessonMessageTypes) + " and " +
                                          std::to_string(kMaxLessonMessageTypes));
            }
            c.receiveTypes.push_back(long(t));
        }
    }
    const QJsonValue sc = o.value(QLatin1String("scenario"));
    if (!sc.isUndefined()) {
        if (!sc.isObject()) {
            return r.error(path + ".scenario", "must be an object");
        }
        const QJsonObject so = sc.toObject();
        const std::string sp = path + ".scenario";
        if (auto s =
                r.knownKeys(so, sp,
                            {"reader_keeps_write_end", "ring_without_mutex", "empty_starts_at_zero",
                             "producer_start_delay_s", "crash_after_s", "remove_while_attached_s"});
            !s) {
            return s.error();
        }
        auto keep = r.flag(so, "reader_keeps_write_end", sp);
        auto noMutex = r.flag(so, "ring_without_mutex", sp);
        auto zero = r.flag(so, "empty_starts_at_zero", sp);
        auto delay = r.number(so, "producer_start_delay_s", sp, 0, 3600, 0);
        auto crash = r.number(so, "crash_after_s", sp, 0, 3600, 0);
        auto removal = r.number(so, "remove_while_attached_s", sp, 0, 3600, 0);
        if (!removal) {
            return removal.error();
        }
        for (const auto* b : {&keep, &noMutex, &zero}) {
            if (!*b) {
                return b->error();
            }
        }
        if (!delay) {
            return delay.error();
        }
        if (!crash) {
            return crash.error();
        }
        c.scenario = Scenario{*keep, *noMutex, *zero, *delay, *crash, *removal};
    }
    return c;
}

Result<LessonCheck> parseCheck(const Reader& r, const QJsonObject& o, const std::string& path) {
    static const std::map<std::string, CheckKind> kinds = {
        {"clean", CheckKind::Clean},
        {"integrity_violations", CheckKind::IntegrityViolations},
        {"lost_at_least", CheckKind::LostAtLeast},
        {"blocked_for", CheckKind::BlockedFor},
        {"not_blocked_for", CheckKind::NotBlockedFor},
        {"eof_seen", CheckKind::EofSeen},
        {"no_eof", CheckKind::NoEof},
        {"deadlock", CheckKind::Deadlock},
        {"objects_outlive_workers", CheckKind::ObjectsOutliveWorkers},
        {"destroy_pending", CheckKind::DestroyPending},
    };
    if (auto s = r.knownKeys(o, path, {"check", "role", "call", "value"}); !s) {
        return s.error();
    }
    const std::string name = o.value(QLatin1String("check")).toString().toStdString();
    const auto it = kinds.find(name);
    if (it == kinds.end()) {
        return r.error(path + ".check", "unknown check '" + name + "'");
    }
    LessonCheck c;
    c.kind = it->second;
    const bool needsRole = c.kind == CheckKind::BlockedFor || c.kind == CheckKind::NotBlockedFor ||
                           c.kind == CheckKind::EofSeen || c.kind == CheckKind::NoEof;
    if (needsRole) {
        const auto role = parseRole(o.value(QLatin1String("role")).toString());
        if (!role) {
            return r.error(path + ".role", "must be \"producer\" or \"consumer\"");
        }
        c.role = *role;
    }
    if (c.kind == CheckKind::BlockedFor || c.kind == CheckKind::NotBlockedFor) {
        const auto call = parseCall(o.value(QLatin1String("call")).toString().toStdString());
        if (!call) {
            return r.error(path + ".call", "must name a call (write, read, open, semop, ...)");
        }
        c.call = *call;
        auto v = r.number(o, "value", path, 0, 3600, std::nullopt);
        if (!v) {
            return v.error();
        }
        c.value = *v;
    } else if (c.kind == CheckKind::IntegrityViolations || c.kind == CheckKind::LostAtLeast) {
        auto v = r.integer(o, "value", path, 1, 1e12, 1); // a number of messages
        if (!v) {
            return v.error();
        }
        c.value = double(*v);
    }
    return c;
}

Result<CodeBlock> parseCode(const Reader& r, const QJsonObject& o, const std::string& path) {
    if (auto s = r.knownKeys(o, path, {"role", "title", "source", "marks"}); !s) {
        return s.error();
    }
    CodeBlock b;
    const auto role = parseRole(o.value(QLatin1String("role")).toString());
    if (!role) {
        return r.error(path + ".role", "must be \"producer\" or \"consumer\"");
    }
    b.role = *role;
    auto title = r.text(o, "title", path);
    if (!title) {
        return title.error();
    }
    b.title = *title;
    const QJsonValue src = o.value(QLatin1String("source"));
    if (!src.isArray() || src.toArray().isEmpty()) {
        return r.error(path + ".source", "must be a non-empty array of code lines");
    }
    for (const QJsonValue& line : src.toArray()) {
        if (!line.isString()) {
            return r.error(path + ".source", "every code line must be a string");
        }
        b.lines.push_back(line.toString().toStdString());
    }
    const QJsonValue marks = o.value(QLatin1String("marks"));
    if (!marks.isObject()) {
        return r.error(path + ".marks", "must map states or calls to line numbers");
    }
    const QJsonObject mo = marks.toObject();
    for (auto it = mo.begin(); it != mo.end(); ++it) {
        const std::string key = it.key().toStdString();
        const std::string base = key.substr(0, key.find(':'));
        const bool known = base == "start" || base == "running" || base == "throttle" ||
                           base == "exited" || parseCall(base).has_value();
        if (!known) {
            return r.error(path + ".marks." + key,
                           "unknown state or call (start, running, throttle, exited or a call "
                           "name such as write, read, semop)");
        }
        const double line = it.value().toDouble(-1);
        if (!it.value().isDouble() || line < 1 || line > double(b.lines.size()) ||
            line != std::floor(line)) {
            return r.error(path + ".marks." + key,
                           "must be a line number between 1 and " + std::to_string(b.lines.size()));
        }
        b.marks[key] = int(line);
    }
    return b;
}

} // namespace

Result<Lesson> parseLesson(const std::string& json, const std::string& file,
                           const KernelLimits* limits) {
    const Reader r(file, json);
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Turn the byte offset into a line number a person can find.
        const auto upTo = json.substr(0, std::min<std::size_t>(parseError.offset, json.size()));
        const auto line = std::count(upTo.begin(), upTo.end(), '\n') + 1;
        return r.error("", "line " + std::to_string(line) + ": not valid JSON (" +
                               parseError.errorString().toStdString() + ")");
    }
    if (!doc.isObject()) {
        return r.error("", "a lesson file holds one JSON object");
    }
    const QJsonObject o = doc.object();
    if (o.value(QLatin1String("format")).toString() != QLatin1String("ipcscope-lesson")) {
        return r.error("format", "must be \"ipcscope-lesson\"");
    }
    if (o.value(QLatin1String("version")).toInt() != 1) {
        return r.error("version", "this ipcscope reads version 1 lesson files");
    }
    if (auto s = r.knownKeys(o, "",
                             {"format", "version", "id", "kind", "order", "title", "summary",
                              "explanation", "watch", "code", "variants"});
        !s) {
        return s.error();
    }
    Lesson l;
    l.file = file;
    l.id = o.value(QLatin1String("id")).toString().toStdString();
    if (l.id.empty() ||
        l.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) {
        return r.error("id", "must be lowercase letters, digits and dashes");
    }
    const QString kind = o.value(QLatin1String("kind")).toString();
    if (kind != QLatin1String("lesson") && kind != QLatin1String("pitfall")) {
        return r.error("kind", "must be \"lesson\" or \"pitfall\"");
    }
    l.pitfall = kind == QLatin1String("pitfall");
    auto order = r.integer(o, "order", "", 0, kMaxLessonOrder, 0);
    if (!order) {
        return order.error();
    }
    l.order = int(*order);
    for (auto [key, dst] :
         {std::pair{"title", &l.title}, std::pair{"summary", &l.summary},
          std::pair{"explanation", &l.explanation}, std::pair{"watch", &l.watch}}) {
        auto t = r.text(o, key, "");
        if (!t) {
            return t.error();
        }
        *dst = *t;
    }
    const QJsonArray code = o.value(QLatin1String("code")).toArray();
    for (qsizetype i = 0; i < code.size(); ++i) {
        auto b = parseCode(r, code[i].toObject(), "code[" + std::to_string(i) + "]");
        if (!b) {
            return b.error();
        }
        l.code.push_back(std::move(*b));
    }
    if (!l.codeFor(Role::Producer) || !l.codeFor(Role::Consumer)) {
        return r.error("code", "needs the code of the producer and of the consumer");
    }
    const QJsonArray variants = o.value(QLatin1String("variants")).toArray();
    if (variants.isEmpty()) {
        return r.error("variants", "needs at least one variant (a run and its checks)");
    }
    std::set<std::string> ids;
    for (qsizetype i = 0; i < variants.size(); ++i) {
        const std::string path = "variants[" + std::to_string(i) + "]";
        const QJsonObject vo = variants[i].toObject();
        if (auto s = r.knownKeys(
                vo, path, {"id", "title", "explanation", "run", "checks", "wait_for_reader_s"});
            !s) {
            return s.error();
        }
        LessonVariant v;
        v.id = vo.value(QLatin1String("id")).toString().toStdString();
        if (v.id.empty() || !ids.insert(v.id).second) {
            return r.error(path + ".id", "missing or used twice");
        }
        auto title = r.text(vo, "title", path);
        auto explanation = r.text(vo, "explanation", path, false);
        if (!title) {
            return title.error();
        }
        if (!explanation) {
            return explanation.error();
        }
        v.title = *title;
        v.explanation = *explanation;
        auto config = parseRun(r, vo.value(QLatin1String("run")).toObject(), path + ".run");
        if (!config) {
            return config.error();
        }
        v.config = *config;
        if (limits) {
            if (auto valid = validateConfig(v.config, *limits); !valid) {
                return r.error(path + ".run", valid.error().message);
            }
        }
        auto patience = r.number(vo, "wait_for_reader_s", path, 0, 3600, 0);
        if (!patience) {
            return patience.error();
        }
        v.drainPatienceS = *patience;
        const QJsonArray checks = vo.value(QLatin1String("checks")).toArray();
        if (checks.isEmpty()) {
            return r.error(path + ".checks", "needs at least one check (what the run must show)");
        }
        for (qsizetype k = 0; k < checks.size(); ++k) {
            auto c =
                parseCheck(r, checks[k].toObject(), path + ".checks[" + std::to_string(k) + "]");
            if (!c) {
                return c.error();
            }
            v.checks.push_back(*c);
        }
        l.variants.push_back(std::move(v));
    }
    return l;
}

std::vector<std::string> lessonDirectories() {
    std::vector<std::string> dirs;
    if (const char* env = std::getenv("IPCSCOPE_LESSONS_PATH"); env && *env) {
        for (const QString& d :
             QString::fromLocal8Bit(env).split(QLatin1Char(':'), Qt::SkipEmptyParts)) {
            dirs.push_back(d.toStdString());
        }
    }
    dirs.push_back((QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                    QStringLiteral("/ipcscope/lessons"))
                       .toStdString());
    char self[4096];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = '\0';
        dirs.push_back(QDir::cleanPath(QFileInfo(QString::fromLocal8Bit(self)).absolutePath() +
                                       QStringLiteral("/" IPCSCOPE_LESSONS_INSTALL_RELATIVE))
                           .toStdString());
    }
    dirs.push_back(IPCSCOPE_LESSONS_SOURCE_DIR);
    return dirs;
}

LessonLibrary loadLessons(const std::vector<std::string>& directories) {
    LessonLibrary lib;
    const KernelLimits limits = KernelLimits::read();
    std::set<std::string> seenDirs;
    for (const std::string& dir : directories) {
        const QFileInfo info(QString::fromStdString(dir));
        if (info.exists() && !info.isDir()) {
            lib.errors.push_back(dir + " is in the lesson path, but it is not a directory");
            continue;
        }
        const QDir d(QString::fromStdString(dir));
        if (!d.exists() || !seenDirs.insert(d.canonicalPath().toStdString()).second) {
            continue; // the default directories need not exist
        }
        // Every entry named *.json, whatever it is: a directory, a FIFO, a device or an
        // unreadable file gets its sentence instead of being skipped without a word.
        const QStringList files =
            d.entryList({QStringLiteral("*.json")},
                        QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
        for (const QString& name : files) {
            const std::string path = d.filePath(name).toStdString();
            const auto text = readSmallFile(path, kMaxLessonBytes, "a lesson file");
            if (!text) {
                lib.errors.push_back(text.error().message);
                continue;
            }
            auto lesson = parseLesson(*text, path, &limits);
            if (!lesson) {
                lib.errors.push_back(lesson.error().message);
                continue;
            }
            if (lib.find(lesson->id)) {
                continue; // an earlier directory (the teacher's own) overrides it
            }
            lib.lessons.push_back(std::move(*lesson));
        }
    }
    std::stable_sort(lib.lessons.begin(), lib.lessons.end(), [](const Lesson& a, const Lesson& b) {
        return std::pair(a.pitfall, a.order) < std::pair(b.pitfall, b.order);
    });
    return lib;
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
    }
    return "?";
}

} // namespace ipcscope
