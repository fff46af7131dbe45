#include "runcommand.h"

#include "commandline.h"

#include "base/format.h"
#include "base/jsonwriter.h"
#include "lab/report.h"
#include "lab/run.h"
#include "lessons/lessonfile.h"
#include "lessons/lessonsession.h"
#include "mechanisms/validate.h"
#include "runoptions/runoptions.h"

#include <QCommandLineParser>
#include <QLocale>

#include <csignal>
#include <cstdio>
#include <ctime>
#include <optional>
#include <unistd.h>

using namespace ipcscope;

namespace {

volatile std::sig_atomic_t g_interrupts = 0;

void onInterrupt(int) {
    g_interrupts = g_interrupts + 1;
}

int usageError(const QString& message) {
    return usage("run", message);
}

void sleepMs(int ms) {
    timespec ts{ms / 1000, long(ms % 1000) * 1'000'000};
    ::nanosleep(&ts, nullptr); // a Ctrl-C cuts it short, which is what we want
}

} // namespace

int runMechanismsCommand(const QStringList& args) {
    if (args.size() > 1 || (!args.isEmpty() && args.first() != QLatin1String("--json"))) {
        if (args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
            std::puts("Usage: ipcscope-cli mechanisms [--json]\nLists the mechanisms 'ipcscope-cli "
                      "run' accepts.");
            return 0;
        }
        return usageError(QStringLiteral("unexpected argument '%1'").arg(args.last()));
    }
    const bool json = !args.isEmpty();
    if (json) {
        std::fputs("[", stdout);
    }
    bool first = true;
    for (const auto& m : allMechanisms()) {
        if (json) {
            std::printf("%s{\"name\":\"%s\",\"title\":\"%s\",\"capacity_unit\":\"%s\"}",
                        first ? "" : ",", m.name.data(), m.title.data(), m.capacityUnit.data());
        } else {
            std::printf("%-12s %-40s capacity in %s\n             %s\n", m.name.data(),
                        m.title.data(), m.capacityUnit.data(), m.summary.data());
        }
        first = false;
    }
    if (json) {
        std::fputs("]\n", stdout);
    }
    return 0;
}

int runRunCommand(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Launch real producer and consumer processes over one IPC mechanism and "
                       "report what happened.\n"
                       "MECHANISM is one of: pipe fifo sysv-msg sysv-shm sysv-sem posix-mq "
                       "posix-shm unix-stream unix-dgram\n"
                       "Exit status: 0 clean run, 3 integrity violations (lost, duplicated, "
                       "corrupted or reordered\n"
                       "messages), 1 other failure (a worker failed or was killed), 2 bad usage; "
                       "a run with both\n"
                       "an integrity violation and a failed worker exits 3."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("MECHANISM"),
                                 QStringLiteral("The IPC mechanism to run over."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print the report as one JSON object."));
    const QCommandLineOption quiet(QStringLiteral("quiet"), QStringLiteral("No live progress."));
    const QCommandLineOption lessonOption(
        QStringLiteral("lesson"),
        QStringLiteral("Run a Classroom lesson headless (see 'ipcscope-cli lessons') instead of "
                       "a MECHANISM; exit status 0 when it shows its point, 3 when not."),
        QStringLiteral("NAME"));
    const QCommandLineOption variantOption(
        QStringLiteral("variant"),
        QStringLiteral("Which variant of the lesson: a pitfall has 'broken' and 'fixed' "
                       "(default: the first)."),
        QStringLiteral("VARIANT"));
    const QCommandLineOption speedOption(
        QStringLiteral("speed"),
        QStringLiteral("Lesson time scale: 2 runs it twice as fast, 0.5 twice as slowly "
                       "(default 1)."),
        QStringLiteral("FACTOR"), QStringLiteral("1"));
    const RunOptions runOptions;
    runOptions.addTo(parser);
    parser.addOptions({json, quiet, lessonOption, variantOption, speedOption});

    if (!parseArguments(parser, "run", args)) {
        return 2;
    }
    if (printHelpIfAsked(parser, "run")) {
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("ipcscope-cli %s\n", IPCSCOPE_VERSION);
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    std::optional<LessonSession> session;
    RunConfig config;
    if (parser.isSet(lessonOption)) {
        if (!positional.isEmpty()) {
            return usageError(QStringLiteral("give either a MECHANISM or --lesson, not both"));
        }
        if (const auto option = runOptions.firstSet(parser)) {
            return usageError(
                QStringLiteral("%1 does not apply to --lesson: the lesson sets its own run")
                    .arg(*option));
        }
        bool ok = false;
        const double speed = parser.value(speedOption).toDouble(&ok);
        if (!ok || !(speed >= 0.01 && speed <= 100)) {
            return usageError(QStringLiteral("--speed must be a number from 0.01 to 100, got '%1'")
                                  .arg(parser.value(speedOption)));
        }
        const LessonLibrary library = loadLessons();
        for (const auto& e : library.errors) {
            std::fprintf(stderr, "warning: %s\n", e.c_str());
        }
        const Lesson* lesson = library.find(parser.value(lessonOption).toStdString());
        if (!lesson) {
            return usageError(QStringLiteral("no lesson named '%1' (see 'ipcscope-cli lessons')")
                                  .arg(parser.value(lessonOption)));
        }
        const LessonVariant* variant =
            parser.isSet(variantOption) ? lesson->variant(parser.value(variantOption).toStdString())
                                        : &lesson->variants.front();
        if (!variant) {
            QStringList names;
            for (const auto& v : lesson->variants) {
                names << QString::fromStdString(v.id);
            }
            return usageError(QStringLiteral("lesson '%1' has no variant '%2' (it has: %3)")
                                  .arg(parser.value(lessonOption), parser.value(variantOption),
                                       names.join(QStringLiteral(", "))));
        }
        session.emplace(*lesson, *variant, speed);
        config = session->runConfig();
    } else {
        if (parser.isSet(variantOption) || parser.isSet(speedOption)) {
            return usageError(QStringLiteral("--variant and --speed go with --lesson"));
        }
        if (positional.size() != 1) {
            return usageError(
                positional.isEmpty()
                    ? QStringLiteral("which mechanism? See 'ipcscope-cli mechanisms'.")
                    : QStringLiteral("only one mechanism per run"));
        }
        const auto parsed = runOptions.read(parser, positional.first());
        if (!parsed) {
            return usageError(QString::fromStdString(parsed.error().message));
        }
        config = *parsed;
    }

    const KernelLimits limits = KernelLimits::read();
    if (auto checked = validateConfig(config, limits); !checked) {
        return usageError(QString::fromStdString(checked.error().message));
    }

    // Ctrl-C: first asks the run to stop (producers finish, consumers drain), second abandons it
    // (the Run's destructor still kills the workers and removes every object).
    struct sigaction sa {};
    sa.sa_handler = onInterrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);

    LabOptions options;
    options.limits = limits;
    if (session) {
        options = session->labOptions(options);
    }
    auto run = Run::start(config, options);
    if (!run) {
        std::fprintf(stderr, "ipcscope-cli run: %s\n", run.error().message.c_str());
        return 1;
    }
    const bool showProgress = !parser.isSet(quiet);
    const bool tty = ::isatty(STDERR_FILENO);
    for (const auto& w : (*run)->warnings()) {
        std::fprintf(stderr, "warning: %s\n", w.c_str());
    }
    std::uint64_t lastPrintedSecond = 0;
    int handledInterrupts = 0;
    Frame frame;
    bool printedFinal = false;
    while (!(*run)->finished()) {
        if (g_interrupts != handledInterrupts) {
            handledInterrupts = g_interrupts;
            if (handledInterrupts == 1) {
                std::fputs(tty ? "\nstopping (Ctrl-C again to abandon)...\n" : "stopping...\n",
                           stderr);
                (*run)->requestStop();
            } else {
                std::fputs("abandoning the run; removing its objects\n", stderr);
                run->reset();
                return 1;
            }
        }
        frame = (*run)->sample();
        if (session) {
            session->add(frame);
        }
        if (showProgress) {
            for (const auto& e : frame.newEvents) {
                if (e.kind != EventKind::Exit) {
                    std::fprintf(stderr, "%s%7.3f s  %s\n", tty ? "\r\033[K" : "",
                                 double(e.timeNs) / 1e9, e.text.c_str());
                }
            }
            const std::uint64_t second = frame.elapsedNs / 1'000'000'000u;
            if (tty) {
                std::fprintf(stderr, "\r\033[K%s", progressLine(frame, config).c_str());
            } else if (second != lastPrintedSecond) {
                std::fprintf(stderr, "%s\n", progressLine(frame, config).c_str());
                printedFinal = (*run)->finished();
            }
            lastPrintedSecond = second;
        }
        if (!(*run)->finished()) {
            sleepMs(100);
        }
    }
    if (showProgress && !printedFinal) {
        // The last state, so that even a run shorter than a second shows one progress line.
        std::fprintf(stderr, "%s%s\n", tty ? "\r\033[K" : "", progressLine(frame, config).c_str());
    }
    const RunReport& report = (*run)->report();
    if (!session) {
        std::fputs(parser.isSet(json) ? reportToJson(report).c_str() : reportToText(report).c_str(),
                   stdout);
        return report.exitStatus();
    }
    const LessonVerdict verdict = session->verdict(report);
    const bool passed = verdict.passed();
    if (parser.isSet(json)) {
        std::fputs(
            reportToJson(report, [&](JsonWriter& j) { session->writeVerdict(j, verdict); }).c_str(),
            stdout);
    } else {
        std::fputs(reportToText(report).c_str(), stdout);
        std::printf("\nLesson %s (%s): %s\n", session->lessonId().c_str(),
                    session->variant().id.c_str(),
                    passed ? "it showed its point" : "it did NOT show its point");
        for (const auto& c : verdict.checks) {
            std::printf("  %s %s — %s\n", c.passed ? "[ok]  " : "[FAIL]",
                        checkDescription(c.check).c_str(), c.detail.c_str());
        }
    }
    return passed ? 0 : 3;
}

int runLessonsCommand(const QStringList& args) {
    bool json = false;
    QString language = QLocale::system().name();
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            std::puts("Usage: ipcscope-cli lessons [--json] [--lang en|zh_CN]\n"
                      "Lists the Classroom's lessons and pitfalls (run one with 'ipcscope-cli run "
                      "--lesson NAME').\nA file that does not load is named on standard error "
                      "with its problem; the others are listed, and the exit status is 2.\n"
                      "Lesson files are read from:");
            for (const auto& d : lessonDirectories()) {
                std::printf("  %s\n", d.c_str());
            }
            return 0;
        }
        if (args.indexOf(a) < i) {
            return usageError(QStringLiteral("%1 is given twice; give each option once").arg(a));
        }
        if (a == QLatin1String("--json")) {
            json = true;
        } else if (a == QLatin1String("--lang") && i + 1 < args.size()) {
            language = args[++i];
        } else {
            return usageError(QStringLiteral("unexpected argument '%1'").arg(a));
        }
    }
    const std::string lang = language.toStdString();
    const LessonLibrary library = loadLessons();
    for (const auto& e : library.errors) {
        std::fprintf(stderr, "warning: %s\n", e.c_str());
    }
    if (json) {
        JsonWriter j;
        j.beginArray();
        for (const auto& l : library.lessons) {
            j.beginObject();
            j.field("id", l.id);
            j.field("kind", l.pitfall ? "pitfall" : "lesson");
            j.field("title", l.title.in(lang));
            j.field("summary", l.summary.in(lang));
            j.field("mechanism", mechanismInfo(l.variants.front().config.mechanism).name);
            j.key("variants");
            j.beginArray();
            for (const auto& v : l.variants) {
                j.value(v.id);
            }
            j.endArray();
            j.field("file", l.file);
            j.endObject();
        }
        j.endArray();
        std::puts(j.str().c_str());
        return library.errors.empty() ? 0 : 2;
    }
    for (const auto& l : library.lessons) {
        std::string variants;
        for (const auto& v : l.variants) {
            variants += (variants.empty() ? "" : ", ") + v.id;
        }
        std::printf("%-24s %-8s %s\n%-24s          %s\n%-24s          variants: %s\n", l.id.c_str(),
                    l.pitfall ? "pitfall" : "lesson", l.title.in(lang).c_str(), "",
                    l.summary.in(lang).c_str(), "", variants.c_str());
    }
    return library.errors.empty() ? 0 : 2;
}
