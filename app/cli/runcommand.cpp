#include "runcommand.h"

#include "base/format.h"
#include "lab/report.h"
#include "lab/run.h"
#include "mechanisms/validate.h"

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

template <typename T> bool parseUnsigned(const QString& text, T& out) {
    bool ok = false;
    const qulonglong v = text.toULongLong(&ok);
    if (!ok || text.startsWith(QLatin1Char('-')) || v > qulonglong(std::numeric_limits<T>::max())) {
        return false;
    }
    out = T(v);
    return true;
}

bool parseDouble(const QString& text, double& out) {
    bool ok = false;
    out = text.toDouble(&ok);
    return ok;
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
    const QCommandLineOption producers(QStringLiteral("producers"),
                                       QStringLiteral("Producer processes (default 1)."),
                                       QStringLiteral("N"));
    const QCommandLineOption consumers(QStringLiteral("consumers"),
                                       QStringLiteral("Consumer processes (default 1)."),
                                       QStringLiteral("N"));
    const QCommandLineOption size(
        QStringLiteral("size"),
        QStringLiteral("Bytes per message, 16-byte header included (default 64)."),
        QStringLiteral("BYTES"));
    const QCommandLineOption rate(
        QStringLiteral("rate"),
        QStringLiteral("Messages per second per producer; 0 = as fast as possible."),
        QStringLiteral("MSGS_PER_S"));
    const QCommandLineOption consumerRate(
        QStringLiteral("consumer-rate"),
        QStringLiteral("Messages per second per consumer; 0 = as fast as possible."),
        QStringLiteral("MSGS_PER_S"));
    const QCommandLineOption capacity(
        QStringLiteral("capacity"),
        QStringLiteral("Channel capacity in its own unit: pipe/fifo/socket bytes, msg_qbytes, "
                       "mq_maxmsg, ring slots, "
                       "tokens (see 'ipcscope-cli mechanisms')."),
        QStringLiteral("N"));
    const QCommandLineOption duration(QStringLiteral("duration"),
                                      QStringLiteral("Produce for this many seconds (default 3)."),
                                      QStringLiteral("SECONDS"));
    const QCommandLineOption messages(
        QStringLiteral("messages"), QStringLiteral("Send this many messages in total, then stop."),
        QStringLiteral("N"));
    const QCommandLineOption types(
        QStringLiteral("types"),
        QStringLiteral("sysv-msg: message types 1..N in turn; posix-mq: priorities 0..N-1."),
        QStringLiteral("N"));
    const QCommandLineOption receiveTypes(
        QStringLiteral("receive-type"),
        QStringLiteral("sysv-msg: msgtyp for each consumer, comma-separated, used in turn (0 any, "
                       ">0 exactly, <0 "
                       "lowest up to |T|)."),
        QStringLiteral("T[,T...]"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print the report as one JSON object."));
    const QCommandLineOption raw(
        QStringLiteral("raw"),
        QStringLiteral("Run the same loops with telemetry compiled out (benchmark baseline)."));
    const QCommandLineOption quiet(QStringLiteral("quiet"), QStringLiteral("No live progress."));
    parser.addOptions({producers, consumers, size, rate, consumerRate, capacity, duration, messages,
                       types, receiveTypes, json, raw, quiet});

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
    RunConfig config;
    const auto mechanism = parseMechanism(positional.first().toStdString());
    if (!mechanism) {
        return usageError(QStringLiteral("unknown mechanism '%1'; see 'ipcscope-cli mechanisms'")
                              .arg(positional.first()));
    }
    config.mechanism = *mechanism;

    const auto number = [&](const QCommandLineOption& opt, auto& out) {
        if (!parser.isSet(opt)) {
            return true;
        }
        if (!parseUnsigned(parser.value(opt), out)) {
            std::fprintf(stderr, "ipcscope-cli run: --%s needs a whole number >= 0, got '%s'\n",
                         qPrintable(opt.names().first()), qPrintable(parser.value(opt)));
            return false;
        }
        return true;
    };
    const auto real = [&](const QCommandLineOption& opt, double& out) {
        if (!parser.isSet(opt)) {
            return true;
        }
        if (!parseDouble(parser.value(opt), out)) {
            std::fprintf(stderr, "ipcscope-cli run: --%s needs a number, got '%s'\n",
                         qPrintable(opt.names().first()), qPrintable(parser.value(opt)));
            return false;
        }
        return true;
    };
    if (!number(producers, config.producers) || !number(consumers, config.consumers) ||
        !number(size, config.messageSize) || !real(rate, config.producerRate) ||
        !real(consumerRate, config.consumerRate) || !number(types, config.messageTypes)) {
        return 2;
    }
    if (parser.isSet(capacity)) {
        std::uint64_t v = 0;
        if (!number(capacity, v)) {
            return 2;
        }
        config.capacity = v;
    }
    if (parser.isSet(duration)) {
        double v = 0;
        if (!real(duration, v)) {
            return 2;
        }
        config.durationS = v;
    }
    if (parser.isSet(messages)) {
        std::uint64_t v = 0;
        if (!number(messages, v)) {
            return 2;
        }
        config.messages = v;
    }
    if (parser.isSet(receiveTypes)) {
        for (const QString& part : parser.value(receiveTypes).split(QLatin1Char(','))) {
            bool ok = false;
            const long t = part.trimmed().toLong(&ok);
            if (!ok) {
                return usageError(
                    QStringLiteral("--receive-type needs whole numbers, got '%1'").arg(part));
            }
            config.receiveTypes.push_back(t);
        }
    }
    if (!mechanismInfo(config.mechanism).carriesPayload && parser.isSet(size)) {
        return usageError(QStringLiteral("--size does not apply to %1: its tokens carry no data")
                              .arg(QString::fromUtf8(mechanismInfo(config.mechanism).name.data())));
    }
    config.raw = parser.isSet(raw);

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
            }
            lastPrintedSecond = second;
        }
        if (!(*run)->finished()) {
            sleepMs(100);
        }
    }
    if (showProgress) {
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
