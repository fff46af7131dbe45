#include "runcommand.h"

#include "base/format.h"
#include "lab/report.h"
#include "lab/run.h"
#include "mechanisms/validate.h"
#include "runoptions/runoptions.h"

#include <QCommandLineParser>

#include <csignal>
#include <cstdio>
#include <ctime>
#include <unistd.h>

using namespace ipcscope;

namespace {

volatile std::sig_atomic_t g_interrupts = 0;

void onInterrupt(int) {
    g_interrupts = g_interrupts + 1;
}

int usageError(const QString& message) {
    std::fprintf(stderr, "ipcscope-cli run: %s\n", qPrintable(message));
    return 2;
}

void sleepMs(int ms) {
    timespec ts{ms / 1000, long(ms % 1000) * 1'000'000};
    ::nanosleep(&ts, nullptr); // a Ctrl-C cuts it short, which is what we want
}

} // namespace

int runMechanismsCommand(const QStringList& args) {
    if (!args.isEmpty() && args.first() != QLatin1String("--json")) {
        if (args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
            std::puts("Usage: ipcscope-cli mechanisms [--json]\nLists the mechanisms 'ipcscope-cli "
                      "run' accepts.");
            return 0;
        }
        return usageError(QStringLiteral("unexpected argument '%1'").arg(args.first()));
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
                       "messages), 1 other failure (a worker failed or was killed), 2 bad usage."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("MECHANISM"),
                                 QStringLiteral("The IPC mechanism to run over."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print the report as one JSON object."));
    const QCommandLineOption quiet(QStringLiteral("quiet"), QStringLiteral("No live progress."));
    const RunOptions runOptions;
    runOptions.addTo(parser);
    parser.addOptions({json, quiet});

    QStringList argv = args;
    argv.prepend(QStringLiteral("ipcscope-cli run"));
    if (!parser.parse(argv)) {
        return usageError(parser.errorText());
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("ipcscope-cli %s\n", IPCSCOPE_VERSION);
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        return usageError(positional.isEmpty()
                              ? QStringLiteral("which mechanism? See 'ipcscope-cli mechanisms'.")
                              : QStringLiteral("only one mechanism per run"));
    }
    const auto parsed = runOptions.read(parser, positional.first());
    if (!parsed) {
        return usageError(QString::fromStdString(parsed.error().message));
    }
    const RunConfig config = *parsed;

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
    if (parser.isSet(json)) {
        std::fputs(reportToJson(report).c_str(), stdout);
    } else {
        std::fputs(reportToText(report).c_str(), stdout);
    }
    return report.exitStatus();
}
