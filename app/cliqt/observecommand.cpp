#include "observecommand.h"

#include "commandline.h"

#include "base/clock.h"
#include "base/format.h"
#include "base/jsonwriter.h"
#include "observe/observer.h"
#include "recording/recording.h"

#include <QCommandLineParser>

#include <charconv>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <optional>
#include <sys/stat.h>

using namespace ipcscope;

namespace {

volatile std::sig_atomic_t g_stop = 0;

void onInterrupt(int) {
    g_stop = 1;
}

int usageError(const QString& message) {
    return usage("observe", message);
}

// ---- reading the selection ----

std::optional<long long> wholeNumber(const QString& text) {
    const std::string s = text.trimmed().toStdString();
    long long v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty()) {
        return std::nullopt;
    }
    return v;
}

bool processExists(pid_t pid) {
    struct stat st {};
    return ::stat(("/proc/" + std::to_string(pid)).c_str(), &st) == 0;
}

Result<pid_t> readPid(const QString& option, const QString& text) {
    const auto v = wholeNumber(text);
    if (!v || *v <= 0 || *v > (1 << 22)) {
        return Error{QStringLiteral("%1 needs a process id (a whole number above 0), got '%2'")
                         .arg(option, text)
                         .toStdString()};
    }
    if (!processExists(pid_t(*v))) {
        return Error{QStringLiteral("there is no process with pid %1 (%2)")
                         .arg(*v)
                         .arg(option)
                         .toStdString()};
    }
    return pid_t(*v);
}

// "sysv-msg 5", "pipe 88123", "posix-mq /jobs", "fifo /tmp/f", "unix-stream 9912".
Result<ObjectRef> readObject(const QString& text) {
    const QString trimmed = text.trimmed();
    const qsizetype space = trimmed.indexOf(QLatin1Char(' '));
    const QString kindText = space < 0 ? trimmed : trimmed.left(space);
    const QString what = space < 0 ? QString() : trimmed.mid(space + 1).trimmed();
    const auto kind = parseIpcKind(kindText.toStdString());
    if (!kind) {
        QStringList names;
        for (IpcKind k : kAllIpcKinds) {
            names << QString::fromLatin1(ipcKindName(k).data());
        }
        return Error{QStringLiteral("--object needs KIND ID|NAME, with KIND one of %1; got '%2'")
                         .arg(names.join(QStringLiteral(", ")), kindText)
                         .toStdString()};
    }
    if (what.isEmpty()) {
        return Error{QStringLiteral("--object %1 needs an id or name after the kind")
                         .arg(kindText)
                         .toStdString()};
    }
    ObjectRef ref;
    ref.kind = *kind;
    if (isSysv(*kind)) {
        const auto id = wholeNumber(what);
        if (!id || *id < 0 || *id > 0x7fffffff) {
            return Error{
                QStringLiteral("--object %1 needs an id (a whole number, 0 or more), got '%2'")
                    .arg(kindText, what)
                    .toStdString()};
        }
        ref.id = int(*id);
    } else if (*kind == IpcKind::Pipe || isUnixSocket(*kind)) {
        const auto inode = wholeNumber(what);
        if (!inode || *inode <= 0) {
            return Error{
                QStringLiteral("--object %1 needs an inode number (as in %1:[INODE]), got '%2'")
                    .arg(kindText, what)
                    .toStdString()};
        }
        ref.inode = std::uint64_t(*inode);
    } else if (*kind == IpcKind::Fifo) {
        // A FIFO is known by its inode; stat() looks without opening it.
        struct stat st {};
        if (::stat(what.toLocal8Bit().constData(), &st) != 0 || !S_ISFIFO(st.st_mode)) {
            return Error{
                QStringLiteral("--object fifo: '%1' is not a FIFO").arg(what).toStdString()};
        }
        ref.name = what.toStdString();
        ref.inode = st.st_ino;
    } else {
        ref.name =
            what.startsWith(QLatin1Char('/')) ? what.toStdString() : "/" + what.toStdString();
    }
    return ref;
}

// --object takes two words (KIND and ID); QCommandLineParser takes one value per option.
QStringList joinObjectWords(const QStringList& args) {
    QStringList out;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--object") && i + 2 < args.size() &&
            !args[i + 1].startsWith(QLatin1Char('-')) &&
            !args[i + 2].startsWith(QLatin1Char('-')) && !args[i + 1].contains(QLatin1Char(' '))) {
            out << args[i] << args[i + 1] + QLatin1Char(' ') + args[i + 2];
            i += 2;
            continue;
        }
        out << args[i];
    }
    return out;
}

// ---- JSON ----

void writeObjectFields(JsonWriter& j, const ObjectRef& o) {
    j.field("kind", ipcKindName(o.kind));
    if (o.id) {
        j.field("id", *o.id);
    }
    if (o.key) {
        j.field("key", formatSysvKey(*o.key));
    }
    if (!o.name.empty()) {
        j.field("name", o.name);
    }
    if (o.inode) {
        j.field("inode", *o.inode);
    }
    if (o.ipcNamespace) {
        j.field("ipc_namespace", *o.ipcNamespace);
    }
}

void writeObject(JsonWriter& j, const ObjectRef& o) {
    j.beginObject();
    writeObjectFields(j, o);
    j.endObject();
}

std::string_view threadState(const ObservedThread& t) {
    if (t.waiting()) {
        return "waiting";
    }
    switch (t.state) {
    case 'R':
        return "running";
    case 'S':
        return "sleeping";
    case 'D':
        return "disk-sleep";
    case 'T':
    case 't':
        return "stopped";
    case 'Z':
        return "zombie";
    default:
        return "unknown";
    }
}

template <typename T>
void optionalField(JsonWriter& j, std::string_view key, const std::optional<T>& v) {
    if (v) {
        j.field(key, *v);
    }
}

// The eBPF tier's figures: totals since first watched, rates over the last interval.
void writeExact(JsonWriter& j, const std::optional<ExactFlow>& f) {
    if (!f) {
        return;
    }
    j.key("exact");
    j.beginObject();
    j.field("bytes_sent", f->bytesSent);
    j.field("bytes_received", f->bytesReceived);
    j.field("messages_sent", f->messagesSent);
    j.field("messages_received", f->messagesReceived);
    j.field("bytes_sent_per_s", f->bytesSentPerS);
    j.field("bytes_received_per_s", f->bytesReceivedPerS);
    j.field("messages_sent_per_s", f->messagesSentPerS);
    j.field("messages_received_per_s", f->messagesReceivedPerS);
    j.field("calls", f->calls);
    j.field("waits", f->waits);
    j.field("wait_ns", f->waitNs);
    j.field("max_wait_ns", f->maxWaitNs);
    j.endObject();
}

std::string observationJson(const Observation& obs) {
    JsonWriter j;
    j.beginObject();
    j.field("elapsed_s", double(obs.elapsedNs) / 1e9);
    j.field("flow_tier", obs.tier == FlowTier::Exact ? "exact" : "estimated");
    if (!obs.tierNote.empty()) {
        j.field("flow_note", obs.tierNote);
    }
    j.key("processes");
    j.beginArray();
    for (const auto& p : obs.processes) {
        j.beginObject();
        j.field("pid", int(p.pid));
        j.field("ppid", int(p.ppid));
        j.field("user", p.user);
        j.field("comm", p.comm);
        j.field("command", p.command);
        if (p.ipcNamespace != 0) {
            j.field("ipc_namespace", p.ipcNamespace);
        }
        j.key("threads");
        j.beginArray();
        for (const auto& t : p.threads) {
            j.beginObject();
            j.field("tid", int(t.tid));
            j.field("name", t.name);
            j.field("state", threadState(t));
            if (t.waiting()) {
                j.field("call", t.call.empty() ? "syscall " + std::to_string(*t.syscall) : t.call);
                if (t.object) {
                    j.key("object");
                    writeObject(j, *t.object);
                }
                if (!t.also.empty()) {
                    j.key("also");
                    j.beginArray();
                    for (const auto& o : t.also) {
                        writeObject(j, o);
                    }
                    j.endArray();
                }
                if (t.fd) {
                    j.field("fd", *t.fd);
                }
                if (!t.detail.empty()) {
                    j.field("detail", t.detail);
                }
                optionalField(j, "msg_type", t.msgType);
                j.field("waiting_s", double(t.waitingNs) / 1e9);
                j.field("waiting_at_least", true);
            }
            j.endObject();
        }
        j.endArray();
        if (!p.problems.empty()) {
            j.key("problems");
            j.beginArray();
            for (const auto& s : p.problems) {
                j.value(s);
            }
            j.endArray();
        }
        writeExact(j, p.exact);
        j.endObject();
    }
    j.endArray();

    j.key("channels");
    j.beginArray();
    for (const auto& c : obs.channels) {
        j.beginObject();
        writeObjectFields(j, c.object);
        j.key("endpoints");
        j.beginArray();
        for (const auto& e : c.ends) {
            j.beginObject();
            j.field("pid", int(e.pid));
            if (e.fd >= 0) {
                j.field("fd", e.fd);
            }
            j.field("direction", directionName(e.direction));
            if (e.seenInCall) {
                j.field("seen_in_call", true);
            }
            writeExact(j, e.exact);
            j.endObject();
        }
        j.endArray();
        optionalField(j, "messages", c.messages);
        optionalField(j, "bytes", c.bytes);
        optionalField(j, "capacity_bytes", c.capacityBytes);
        optionalField(j, "capacity_messages", c.capacityMessages);
        optionalField(j, "last_send_s", c.lastSendS);
        optionalField(j, "last_receive_s", c.lastReceiveS);
        if (c.lastSender) {
            j.field("last_sender_pid", int(*c.lastSender));
        }
        if (c.lastReceiver) {
            j.field("last_receiver_pid", int(*c.lastReceiver));
        }
        if (!c.messagesByType.empty()) {
            j.key("messages_by_type");
            j.beginArray();
            for (const auto& [type, count] : c.messagesByType) {
                j.beginObject();
                j.field("type", std::int64_t(type));
                j.field("messages", count);
                j.endObject();
            }
            j.endArray();
        }
        optionalField(j, "peek_problem", c.peekProblem);
        if (!c.semaphoreValues.empty()) {
            j.key("semaphore_values");
            j.beginArray();
            for (int v : c.semaphoreValues) {
                j.value(v);
            }
            j.endArray();
        }
        optionalField(j, "peer_inode", c.peerInode);
        if (!c.socketState.empty()) {
            j.field("state", c.socketState);
        }
        optionalField(j, "pending_connections", c.pendingConnections);
        if (c.object.kind == IpcKind::PosixMq) {
            j.field("flow_problem", "bytes queued unknown: the kernel tells them only to a read "
                                    "of the queue's file, which would change the queue's times");
        }
        j.field("estimated", true);
        writeExact(j, c.exact);
        j.endObject();
    }
    j.endArray();

    j.key("wakes");
    j.beginArray();
    for (const auto& w : obs.wakes) {
        j.beginObject();
        j.field("waiter_pid", int(w.waiterPid));
        j.field("waiter_tid", int(w.waiterTid));
        j.field("waker_pid", int(w.wakerPid));
        j.field("waker_tid", int(w.wakerTid));
        if (!w.wakerComm.empty()) {
            j.field("waker_comm", w.wakerComm);
        }
        j.field("call", w.call);
        if (w.object) {
            j.key("object");
            writeObject(j, *w.object);
        }
        j.field("duration_ns", w.durationNs);
        j.field("ended_s", double(w.endedNs) / 1e9);
        j.endObject();
    }
    j.endArray();

    j.key("deadlocks");
    j.beginArray();
    for (const auto& d : obs.deadlocks) {
        j.beginObject();
        j.field("certain", d.certain);
        j.key("pids");
        j.beginArray();
        for (pid_t p : d.pids) {
            j.value(int(p));
        }
        j.endArray();
        j.key("objects");
        j.beginArray();
        for (const auto& o : d.objects) {
            writeObject(j, o);
        }
        j.endArray();
        j.field("text", d.text);
        j.endObject();
    }
    j.endArray();

    j.key("notes");
    j.beginArray();
    for (const auto& n : obs.notes) {
        j.beginObject();
        j.field("pid", int(n.pid));
        j.field("tid", int(n.tid));
        j.field("text", n.text);
        j.endObject();
    }
    j.endArray();
    j.key("warnings");
    j.beginArray();
    for (const auto& w : obs.warnings) {
        j.value(w);
    }
    j.endArray();
    j.endObject();
    return j.str();
}

// ---- words ----

std::string processName(const ObservedProcess& p) {
    return "pid " + std::to_string(p.pid) + " (" + p.comm + ")";
}

std::string flowText(const ObservedChannel& c) {
    std::string s;
    const auto add = [&s](const std::string& part) { s += (s.empty() ? "" : ", ") + part; };
    if (c.messages) {
        add(std::to_string(*c.messages) + " messages");
    }
    if (c.bytes) {
        add(formatBytes(double(*c.bytes)) + " queued" +
            (c.capacityBytes ? " of " + formatBytes(double(*c.capacityBytes)) : ""));
    } else if (c.capacityBytes) {
        add(formatBytes(double(*c.capacityBytes)));
    }
    if (!c.messagesByType.empty()) {
        std::string types;
        for (const auto& [type, count] : c.messagesByType) {
            types += (types.empty() ? "" : ", ") + std::to_string(count) + " of type " +
                     std::to_string(type);
        }
        add(types);
    }
    if (!c.semaphoreValues.empty()) {
        std::string values;
        for (int v : c.semaphoreValues) {
            values += (values.empty() ? "" : " ") + std::to_string(v);
        }
        add("values " + values);
    }
    if (!c.socketState.empty()) {
        add(c.socketState);
    }
    if (c.peerInode) {
        add("peer [" + std::to_string(*c.peerInode) + "]");
    }
    if (c.pendingConnections && *c.pendingConnections > 0) {
        add(std::to_string(*c.pendingConnections) + " waiting to be accepted");
    }
    if (c.lastSender) {
        add("last sender " + std::to_string(*c.lastSender));
    }
    if (c.lastReceiver) {
        add("last receiver " + std::to_string(*c.lastReceiver));
    }
    return s.empty() ? s : s + " (estimated)";
}

void printSummary(const Observation& obs) {
    const std::size_t processes = obs.processes.size(), channels = obs.channels.size();
    std::printf("── %.1f s · %zu %s · %zu %s\n", double(obs.elapsedNs) / 1e9, processes,
                processes == 1 ? "process" : "processes", channels,
                channels == 1 ? "channel" : "channels");
    for (const auto& p : obs.processes) {
        std::printf("%s · %s · %s\n", processName(p).c_str(), p.user.c_str(), p.command.c_str());
        for (const auto& t : p.threads) {
            const std::string wait = describeWait(t);
            const std::string who = p.threads.size() > 1
                                        ? "  thread " + std::to_string(t.tid) + " (" + t.name + ") "
                                        : "  ";
            if (!wait.empty()) {
                std::printf("%s%s\n", who.c_str(), wait.c_str());
            } else if (p.threads.size() > 1) {
                std::printf("%s%s\n", who.c_str(), std::string(threadState(t)).c_str());
            }
        }
        for (const auto& problem : p.problems) {
            std::printf("  (%s)\n", problem.c_str());
        }
    }
    if (!obs.channels.empty()) {
        std::puts("channels:");
    }
    for (const auto& c : obs.channels) {
        std::string ends;
        for (const auto& e : c.ends) {
            ends += (ends.empty() ? "" : ", ") + std::string("pid ") + std::to_string(e.pid) +
                    (e.fd >= 0 ? " fd " + std::to_string(e.fd) : std::string()) + " " +
                    std::string(directionName(e.direction)) +
                    (e.seenInCall ? " (seen in a call)" : "");
        }
        const std::string flow = flowText(c);
        std::printf("  %s: %s%s%s\n", c.object.text().c_str(), ends.c_str(),
                    flow.empty() ? "" : " · ", flow.c_str());
        if (c.exact) {
            const ExactFlow& f = *c.exact;
            std::printf("    exact: %llu messages, %s sent · %llu messages, %s received · "
                        "%s/s in · %llu waits, %.1f ms waited\n",
                        (unsigned long long)f.messagesSent,
                        formatBytes(double(f.bytesSent)).c_str(),
                        (unsigned long long)f.messagesReceived,
                        formatBytes(double(f.bytesReceived)).c_str(),
                        formatBytes(f.bytesReceivedPerS).c_str(), (unsigned long long)f.waits,
                        double(f.waitNs) / 1e6);
        }
        if (c.peekProblem) {
            std::printf("    (%s)\n", c.peekProblem->c_str());
        }
    }
    for (const auto& d : obs.deadlocks) {
        std::printf("%s deadlock: %s\n", d.certain ? "CERTAIN" : "possible", d.text.c_str());
    }
    for (const auto& n : obs.notes) {
        std::printf("note: %s\n", n.text.c_str());
    }
    for (const auto& w : obs.warnings) {
        std::printf("warning: %s\n", w.c_str());
    }
    std::fflush(stdout);
}

void sleepUntil(std::uint64_t deadlineNs) {
    const timespec ts{time_t(deadlineNs / 1'000'000'000u), long(deadlineNs % 1'000'000'000u)};
    // Ctrl-C cuts it short (EINTR), which ends the observation.
    ::clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr);
}

} // namespace

int runObserveCommand(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Observe running programs that ipcscope did not start: the IPC channels between them, "
        "who waits in which call on which object and for how long, and wait cycles "
        "(deadlocks). Reads /proc and the kernel's counters only: nothing observed is stopped, "
        "opened or taken from.\n"
        "Without --once or --duration it observes until Ctrl-C."));
    parser.addHelpOption();
    const QCommandLineOption pidOption(QStringLiteral("pid"),
                                       QStringLiteral("Observe this process (repeatable)."),
                                       QStringLiteral("PID"));
    const QCommandLineOption commOption(
        QStringLiteral("comm"),
        QStringLiteral("Observe every process with this command name (repeatable)."),
        QStringLiteral("NAME"));
    const QCommandLineOption treeOption(
        QStringLiteral("tree"),
        QStringLiteral("Observe this process and all its descendants (repeatable)."),
        QStringLiteral("PID"));
    const QCommandLineOption objectOption(
        QStringLiteral("object"),
        QStringLiteral("Observe every process using this object: KIND ID|NAME, e.g. "
                       "'sysv-msg 5', 'posix-mq /jobs', 'pipe 88123' (repeatable)."),
        QStringLiteral("KIND ID|NAME"));
    const QCommandLineOption allOption(QStringLiteral("all"),
                                       QStringLiteral("Observe every process you may see."));
    const QCommandLineOption allChannelsOption(
        QStringLiteral("all-channels"),
        QStringLiteral("Show every channel the processes hold, not only those between them."));
    const QCommandLineOption durationOption(
        QStringLiteral("duration"), QStringLiteral("Observe for S seconds."), QStringLiteral("S"));
    const QCommandLineOption onceOption(
        QStringLiteral("once"),
        QStringLiteral("Sample twice, one interval apart (so waits have a duration), and print "
                       "the second."));
    const QCommandLineOption intervalOption(
        QStringLiteral("interval"),
        QStringLiteral("Milliseconds between samples, 10 to 60000 (default 100)."),
        QStringLiteral("MS"), QStringLiteral("100"));
    const QCommandLineOption jsonOption(
        QStringLiteral("json"),
        QStringLiteral("Print the last sample as JSON (see docs/observe-json.md)."));
    const QCommandLineOption jsonLinesOption(QStringLiteral("json-lines"),
                                             QStringLiteral("Print every sample as a JSON line."));
    const QCommandLineOption exactOption(
        QStringLiteral("exact"),
        QStringLiteral("Require exact flow, counted in the kernel by ipcscope-probe (eBPF; needs "
                       "root or CAP_BPF and CAP_PERFMON): fail with the reason when it cannot "
                       "run. By default it runs when it can, else flow is estimated and a note "
                       "says why."));
    const QCommandLineOption noExactOption(
        QStringLiteral("no-exact"),
        QStringLiteral("Do not start ipcscope-probe: flow figures are estimates."));
    const QCommandLineOption recordOption(
        QStringLiteral("record"),
        QStringLiteral("Record the observation's frames to FILE (.ipcrec), for replay."),
        QStringLiteral("FILE"));
    parser.addOptions({pidOption, commOption, treeOption, objectOption, allOption,
                       allChannelsOption, durationOption, onceOption, intervalOption, jsonOption,
                       jsonLinesOption, exactOption, noExactOption, recordOption});

    const QStringList repeatable = {QStringLiteral("pid"), QStringLiteral("comm"),
                                    QStringLiteral("tree"), QStringLiteral("object")};
    if (!parseArguments(parser, "observe", joinObjectWords(args), repeatable)) {
        return 2;
    }
    if (printHelpIfAsked(parser, "observe")) {
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return usageError(
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    }

    ObserveOptions options;
    RecordedObservation recorded;
    // --pid and --tree: each value a live process, kept as given and in the recording's words.
    for (auto [option, into] : {std::pair(&pidOption, &options.selection.pids),
                                std::pair(&treeOption, &options.selection.trees)}) {
        const QString name = option->names().first();
        for (const QString& v : parser.values(*option)) {
            const auto pid = readPid(QStringLiteral("--") + name, v);
            if (!pid) {
                return usageError(QString::fromStdString(pid.error().message));
            }
            into->push_back(*pid);
            recorded.selection.push_back(name.toStdString() + " " + std::to_string(*pid));
        }
    }
    for (const QString& v : parser.values(commOption)) {
        if (v.trimmed().isEmpty()) {
            return usageError(QStringLiteral("--comm needs a command name"));
        }
        options.selection.commands.push_back(v.toStdString());
        recorded.selection.push_back("comm " + v.toStdString());
    }
    for (const QString& v : parser.values(objectOption)) {
        const auto ref = readObject(v);
        if (!ref) {
            return usageError(QString::fromStdString(ref.error().message));
        }
        options.selection.objects.push_back(*ref);
        recorded.selection.push_back("object " + ref->text());
    }
    if (parser.isSet(allOption)) {
        options.selection.all = true;
        recorded.selection.push_back("all");
    }
    if (options.selection.empty()) {
        return usageError(
            QStringLiteral("nothing to observe: give --pid, --comm, --tree, --object or --all"));
    }
    options.allChannels = parser.isSet(allChannelsOption);
    const auto interval = wholeNumber(parser.value(intervalOption));
    if (!interval || *interval < 10 || *interval > 60000) {
        return usageError(QStringLiteral("--interval must be a whole number of milliseconds "
                                         "from 10 to 60000, got '%1'")
                              .arg(parser.value(intervalOption)));
    }
    options.interval = std::chrono::milliseconds(*interval);
    recorded.allChannels = options.allChannels;
    recorded.intervalMs = std::uint64_t(*interval);

    const bool once = parser.isSet(onceOption);
    std::optional<double> durationS;
    if (parser.isSet(durationOption)) {
        if (once) {
            return usageError(QStringLiteral("give --once or --duration, not both"));
        }
        bool ok = false;
        const double d = parser.value(durationOption).toDouble(&ok);
        if (!ok || !(d > 0 && d <= 7 * 24 * 3600.0)) {
            return usageError(QStringLiteral("--duration must be a number of seconds above 0 "
                                             "and at most a week, got '%1'")
                                  .arg(parser.value(durationOption)));
        }
        durationS = d;
    }
    if (parser.isSet(exactOption) && parser.isSet(noExactOption)) {
        return usageError(QStringLiteral("give --exact or --no-exact, not both"));
    }
    options.exactFlow = parser.isSet(exactOption)     ? ExactFlowMode::Required
                        : parser.isSet(noExactOption) ? ExactFlowMode::Off
                                                      : ExactFlowMode::Auto;
    const bool json = parser.isSet(jsonOption);
    const bool jsonLines = parser.isSet(jsonLinesOption);
    if (json && jsonLines) {
        return usageError(QStringLiteral("give --json or --json-lines, not both"));
    }

    std::optional<RecordingWriter> writer;
    if (parser.isSet(recordOption)) {
        auto created = RecordingWriter::create(parser.value(recordOption).toStdString(), recorded);
        if (!created) {
            std::fprintf(stderr, "ipcscope-cli observe: %s\n", created.error().message.c_str());
            return 1;
        }
        writer.emplace(std::move(*created));
    }

    struct sigaction sa {};
    sa.sa_handler = onInterrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);

    Observer observer(options);
    const std::uint64_t intervalNs = std::uint64_t(*interval) * 1'000'000u;
    const std::uint64_t start = monotonicNs();
    std::uint64_t next = start;
    Observation last; // sampled into again and again: its storage is reused
    Frame frame;
    std::string saidNote;
    for (int n = 0;; ++n) {
        if (auto sampled = observer.trySample(last); !sampled) {
            std::fprintf(stderr, "ipcscope-cli observe: exact flow is not available: %s\n",
                         sampled.error().message.c_str());
            return 1;
        }
        if (!last.tierNote.empty() && last.tierNote != saidNote) {
            std::fprintf(stderr, "ipcscope-cli observe: %s\n", last.tierNote.c_str());
            saidNote = last.tierNote;
        }
        if (writer) {
            observationFrame(last, frame);
            if (auto s = writer->append(frame); !s) {
                std::fprintf(stderr, "ipcscope-cli observe: %s\n", s.error().message.c_str());
                writer.reset();
            }
        }
        const bool done = g_stop || (once && n >= 1) ||
                          (durationS && double(monotonicNs() - start) / 1e9 >= *durationS);
        if (jsonLines) {
            std::printf("%s\n", observationJson(last).c_str());
            std::fflush(stdout);
        } else if (!json && (!once || done)) {
            printSummary(last);
        }
        if (done) {
            break;
        }
        next += intervalNs;
        sleepUntil(next);
    }
    if (json) {
        std::printf("%s\n", observationJson(last).c_str());
    }
    // Written out now, not at exit: whatever runs at exit (a sanitizer's leak check that cannot
    // run in a process with unlike real and effective ids) must not lose the answer.
    std::fflush(stdout);
    return 0;
}
