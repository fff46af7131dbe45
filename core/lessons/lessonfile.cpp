#include "lessonfile.h"

#include "base/readfile.h"
#include "jsonread/jsonfields.h"
#include "jsonread/runconfigreader.h"
#include "mechanisms/kernellimits.h"
#include "mechanisms/validate.h"

#include <QByteArray>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <unistd.h>

namespace ipcscope {

namespace {

// A text in English and Simplified Chinese: {"en": ..., "zh_CN": ...}, each a string or an
// array of paragraphs.
LocalizedText readText(JsonFields& f, const char* key, bool required = true) {
    const QJsonValue v = f.value(key);
    if (v.isUndefined()) {
        if (required) {
            f.fail(key, "missing (an object with \"en\" and \"zh_CN\" texts)");
        }
        return {};
    }
    if (!v.isObject()) {
        f.fail(key, "must be an object with \"en\" and \"zh_CN\" texts");
        return {};
    }
    JsonFields t = f.child(key);
    LocalizedText out;
    for (auto [lang, dst] : {std::pair{"en", &out.en}, std::pair{"zh_CN", &out.zhCN}}) {
        const QJsonValue s = t.value(lang);
        if (s.isString()) {
            *dst = s.toString().toStdString();
        } else if (s.isArray()) { // paragraphs
            for (const QJsonValue& p : s.toArray()) {
                if (!p.isString()) {
                    t.fail(lang, "paragraphs must be strings");
                }
                *dst += (dst->empty() ? "" : "\n\n") + p.toString().toStdString();
            }
        } else {
            t.fail(lang, "missing or not a string");
        }
        if (dst->empty()) {
            t.fail(lang, "is empty");
        }
    }
    return out;
}

std::optional<Role> readRole(JsonFields& f) {
    const auto role = enumByName<Role>(f.value("role").toString().toStdString(), 2, roleName);
    if (!role) {
        f.fail("role", "must be \"producer\" or \"consumer\"");
    }
    return role;
}

std::optional<CallKind> callByName(std::string_view name) {
    const auto call = enumByName<CallKind>(name, kCallKindCount, callName);
    return call == CallKind::None ? std::nullopt : call;
}

LessonCheck readCheck(JsonFields& f) {
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
        {"error_seen", CheckKind::ErrorSeen},
    };
    LessonCheck c;
    f.knownKeys({"check", "role", "call", "value", "error"});
    const std::string name = f.value("check").toString().toStdString();
    const auto it = kinds.find(name);
    if (it == kinds.end()) {
        f.fail("check", "unknown check '" + name + "'");
        return c;
    }
    c.kind = it->second;
    const bool timed = c.kind == CheckKind::BlockedFor || c.kind == CheckKind::NotBlockedFor;
    if (timed || c.kind == CheckKind::EofSeen || c.kind == CheckKind::NoEof) {
        c.role = readRole(f).value_or(c.role);
    }
    if (timed) {
        const auto call = callByName(f.value("call").toString().toStdString());
        if (!call) {
            f.fail("call", "must name a call (write, read, open, semop, ...)");
        }
        c.call = call.value_or(CallKind::None);
        c.value = f.number("value", true, 3600);
    } else if (c.kind == CheckKind::ErrorSeen) {
        c.role = readRole(f).value_or(c.role);
        if (f.value("call").isString()) {
            const auto call = callByName(f.value("call").toString().toStdString());
            if (!call) {
                f.fail("call", "must name a call (write, read, open, semop, ...)");
            }
            c.call = call.value_or(CallKind::None);
        }
        const std::string name = f.value("error").toString().toStdString();
        for (int e = 1; e < 4096 && c.error == 0; ++e) {
            const char* known = ::strerrorname_np(e);
            c.error = known && name == known ? e : 0;
        }
        if (c.error == 0) {
            f.fail("error", "must name an errno value such as \"EBADF\" or \"EPIPE\"");
        }
    } else if (c.kind == CheckKind::IntegrityViolations || c.kind == CheckKind::LostAtLeast) {
        c.value = double(f.optI64("value", 1, 1'000'000'000'000).value_or(1)); // messages
    }
    return c;
}

CodeBlock readCode(JsonFields& f) {
    f.knownKeys({"role", "variant", "title", "source", "marks", "notes"});
    CodeBlock b;
    b.role = readRole(f).value_or(b.role);
    b.variant = f.value("variant").toString().toStdString(); // checked against the variants
    b.title = readText(f, "title");
    // Either one array of lines, or {"en": [...], "zh_CN": [...]}: the same code with its
    // comments in each language, line for line (the marks number both).
    const QJsonValue src = f.value("source");
    const auto readLines = [&](const QJsonValue& value, std::vector<std::string>& out) {
        if (!value.isArray() || value.toArray().isEmpty()) {
            f.fail("source", "must be a non-empty array of code lines, or an object of such "
                             "arrays by language (\"en\", \"zh_CN\")");
        }
        for (const QJsonValue& line : value.toArray()) {
            if (!line.isString()) {
                f.fail("source", "every code line must be a string");
            }
            out.push_back(line.toString().toStdString());
        }
    };
    if (src.isObject()) {
        const QJsonObject byLanguage = src.toObject();
        for (const QString& key : byLanguage.keys()) {
            if (key != QLatin1String("en") && key != QLatin1String("zh_CN")) {
                f.fail("source", "unknown language '" + key.toStdString() +
                                     "': the code is given in \"en\" and \"zh_CN\"");
            }
        }
        readLines(byLanguage.value(QLatin1String("en")), b.lines);
        if (byLanguage.contains(QLatin1String("zh_CN"))) {
            readLines(byLanguage.value(QLatin1String("zh_CN")), b.linesZhCN);
            if (b.linesZhCN.size() != b.lines.size()) {
                f.fail("source", "the zh_CN code has " + std::to_string(b.linesZhCN.size()) +
                                     " lines and the en code " + std::to_string(b.lines.size()) +
                                     ": they must match line for line");
            }
        }
    } else {
        readLines(src, b.lines);
    }
    if (!f.value("marks").isObject()) {
        f.fail("marks", "must map states or calls to line numbers");
    }
    const QJsonObject marks = f.value("marks").toObject();
    for (auto it = marks.begin(); it != marks.end(); ++it) {
        const std::string key = it.key().toStdString();
        const std::string base = key.substr(0, key.find(':'));
        const bool ringStep =
            base == "copy" || (base.size() > 3 && base.starts_with("V(") && base.ends_with(")"));
        const bool known = base == "start" || base == "running" || base == "throttle" ||
                           base == "exited" || ringStep || callByName(base).has_value();
        if (!known) {
            f.fail("marks." + key,
                   "unknown state or call (start, running, throttle, exited, a call name such as "
                   "write, read, semop, or a ring step: copy, V(mutex))");
        }
        const double line = it.value().toDouble(-1);
        if (!it.value().isDouble() || line < 1 || line > double(b.lines.size()) ||
            line != std::floor(line)) {
            f.fail("marks." + key,
                   "must be a line number between 1 and " + std::to_string(b.lines.size()));
        }
        b.marks[key] = int(line);
    }
    // {"LINE": {"en": ..., "zh_CN": ...}}: a note beside that line of the code.
    const QJsonValue notes = f.value("notes");
    if (!notes.isUndefined() && !notes.isObject()) {
        f.fail("notes", "must map line numbers to notes ({\"en\": ..., \"zh_CN\": ...})");
    }
    JsonFields byLine = f.child("notes");
    for (const QString& key : notes.toObject().keys()) {
        bool isNumber = false;
        const int line = key.toInt(&isNumber);
        const std::string name = key.toStdString();
        if (!isNumber || line < 1 || line > int(b.lines.size())) {
            byLine.fail(name,
                        "must be a line number between 1 and " + std::to_string(b.lines.size()));
            continue;
        }
        b.notes[line] = readText(byLine, name.c_str());
    }
    return b;
}

LessonVariant readVariant(JsonFields& f, std::set<std::string>& ids, const KernelLimits* limits) {
    f.knownKeys({"id", "title", "explanation", "run", "checks", "wait_for_reader_s"});
    LessonVariant v;
    v.id = f.value("id").toString().toStdString();
    if (v.id.empty() || !ids.insert(v.id).second) {
        f.fail("id", "missing or used twice");
    }
    v.title = readText(f, "title");
    v.explanation = readText(f, "explanation", false);
    JsonFields run = f.child("run");
    v.config = readRunConfig(run, RunConfigSpelling::Lesson);
    if (limits && f.ok()) {
        if (auto valid = validateConfig(v.config, *limits); !valid) {
            run.failHere(valid.error().message);
        }
    }
    v.drainPatienceS = f.number("wait_for_reader_s", false, 3600);
    const QJsonArray checks = f.value("checks").toArray();
    if (checks.isEmpty()) {
        f.fail("checks", "needs at least one check (what the run must show)");
    }
    for (qsizetype k = 0; k < checks.size() && f.ok(); ++k) {
        JsonFields check = f.item("checks", std::size_t(k));
        v.checks.push_back(readCheck(check));
    }
    return v;
}

} // namespace

Result<Lesson> parseLesson(const std::string& json, const std::string& file,
                           const KernelLimits* limits) {
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Turn the byte offset into a line number a person can find.
        const auto upTo = json.substr(0, std::min<std::size_t>(parseError.offset, json.size()));
        const auto line = std::count(upTo.begin(), upTo.end(), '\n') + 1;
        return Error{file + ": line " + std::to_string(line) + ": not valid JSON (" +
                     parseError.errorString().toStdString() + ")"};
    }
    const JsonSource source{JsonSource::Author::Person, file, json};
    std::string problem;
    JsonFields f(doc.object(), "", problem, &source);
    if (!doc.isObject()) {
        f.failHere("a lesson file holds one JSON object");
    } else if (f.value("format").toString() != QLatin1String("ipcscope-lesson")) {
        f.fail("format", "must be \"ipcscope-lesson\"");
    } else if (f.value("version").toInt() != 1) {
        f.fail("version", "this ipcscope reads version 1 lesson files");
    }
    f.knownKeys({"format", "version", "id", "kind", "order", "title", "summary", "explanation",
                 "watch", "code", "variants"});
    Lesson l;
    l.file = file;
    l.id = f.value("id").toString().toStdString();
    if (l.id.empty() ||
        l.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) {
        f.fail("id", "must be lowercase letters, digits and dashes");
    }
    const QString kind = f.value("kind").toString();
    if (kind != QLatin1String("lesson") && kind != QLatin1String("pitfall")) {
        f.fail("kind", "must be \"lesson\" or \"pitfall\"");
    }
    l.pitfall = kind == QLatin1String("pitfall");
    l.order = int(f.optI64("order", 0, kMaxLessonOrder).value_or(0));
    l.title = readText(f, "title");
    l.summary = readText(f, "summary");
    l.explanation = readText(f, "explanation");
    l.watch = readText(f, "watch");
    const QJsonArray code = f.value("code").toArray();
    for (qsizetype i = 0; i < code.size() && f.ok(); ++i) {
        JsonFields block = f.item("code", std::size_t(i));
        l.code.push_back(readCode(block));
    }
    const QJsonArray variants = f.value("variants").toArray();
    if (variants.isEmpty()) {
        f.fail("variants", "needs at least one variant (a run and its checks)");
    }
    std::set<std::string> ids;
    for (qsizetype i = 0; i < variants.size() && f.ok(); ++i) {
        JsonFields variant = f.item("variants", std::size_t(i));
        l.variants.push_back(readVariant(variant, ids, limits));
    }
    for (std::size_t i = 0; i < l.code.size() && f.ok(); ++i) {
        if (!l.code[i].variant.empty() && !l.variant(l.code[i].variant)) {
            JsonFields block = f.item("code", i);
            block.fail("variant", "names no variant of this lesson ('" + l.code[i].variant + "')");
        }
    }
    if (f.ok() && (!l.codeFor(Role::Producer) || !l.codeFor(Role::Consumer))) {
        f.fail("code", "needs the code of the producer and of the consumer (a block without "
                       "\"variant\" for each)");
    }
    if (!problem.empty()) {
        return Error{problem};
    }
    return l;
}

const Lesson* LessonLibrary::find(std::string_view id) const {
    for (const auto& l : lessons) {
        if (l.id == id) {
            return &l;
        }
    }
    return nullptr;
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
        // Installed: the programs on PATH (bin) and ipcscope-cli-qt (libexec/ipcscope).
        const QString dir = QFileInfo(QString::fromLocal8Bit(self)).absolutePath();
        for (const char* relative :
             {IPCSCOPE_LESSONS_INSTALL_RELATIVE, IPCSCOPE_LESSONS_LIBEXEC_RELATIVE}) {
            dirs.push_back(QDir::cleanPath(dir + QLatin1Char('/') + QString::fromUtf8(relative))
                               .toStdString());
        }
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

} // namespace ipcscope
