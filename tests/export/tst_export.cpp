// The exports: a real Lab run's frames and hand-made observation frames as Trace Event Format
// JSON (read back with QJsonDocument: the waits the frames held are the slices it has), and
// the wait-for graph as Graphviz DOT (checked by structure, and rendered by `dot` itself).

#include "../common/testsupport.h"

#include "export/traceevents.h"
#include "export/waitgraphdot.h"
#include "lab/run.h"
#include "recording/recording.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <set>
#include <sys/prctl.h>

using namespace ipcscope;
using namespace testsupport;

namespace {

QJsonArray eventsOf(const std::string& json) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        qWarning("not JSON: %s at %d", qPrintable(error.errorString()), error.offset);
        return {};
    }
    return doc.object().value(QStringLiteral("traceEvents")).toArray();
}

std::vector<QJsonObject> eventsWithPhase(const QJsonArray& events, const QString& phase) {
    std::vector<QJsonObject> out;
    for (const QJsonValue& v : events) {
        if (v.toObject().value(QStringLiteral("ph")).toString() == phase) {
            out.push_back(v.toObject());
        }
    }
    return out;
}

// The name a metadata event ("process_name", "thread_name") gives a track; empty when none.
QString trackName(const QJsonArray& events, const QString& kind, pid_t pid,
                  std::optional<pid_t> tid = std::nullopt) {
    for (const QJsonObject& e : eventsWithPhase(events, QStringLiteral("M"))) {
        if (e.value(QStringLiteral("name")).toString() == kind &&
            e.value(QStringLiteral("pid")).toInt() == pid &&
            (!tid || e.value(QStringLiteral("tid")).toInt() == *tid)) {
            return e.value(QStringLiteral("args"))
                .toObject()
                .value(QStringLiteral("name"))
                .toString();
        }
    }
    return {};
}

struct Slice {
    QString name;
    double tsUs = 0;
    double durUs = 0;
};

std::vector<Slice> slicesOf(const QJsonArray& events, pid_t pid, pid_t tid) {
    std::vector<Slice> out;
    for (const QJsonObject& e : eventsWithPhase(events, QStringLiteral("X"))) {
        if (e.value(QStringLiteral("pid")).toInt() == pid &&
            e.value(QStringLiteral("tid")).toInt() == tid) {
            out.push_back({e.value(QStringLiteral("name")).toString(),
                           e.value(QStringLiteral("ts")).toDouble(),
                           e.value(QStringLiteral("dur")).toDouble()});
        }
    }
    return out;
}

std::size_t countersNamed(const QJsonArray& events, const QString& name) {
    std::size_t n = 0;
    for (const QJsonObject& e : eventsWithPhase(events, QStringLiteral("C"))) {
        n += e.value(QStringLiteral("name")).toString() == name ? 1 : 0;
    }
    return n;
}

// ---- Hand-made observation frames ----------------------------------------------------------

ProcessFrame observed(pid_t pid, pid_t tid, std::string command) {
    ProcessFrame p;
    p.pid = pid;
    p.tid = tid;
    p.command = std::move(command);
    p.state = WorkerState::Running;
    return p;
}

void blockIn(ProcessFrame& p, std::string call, std::optional<std::size_t> channel,
             std::uint64_t forNs, std::string detail = {}) {
    p.state = WorkerState::Blocked;
    p.callName = std::move(call);
    p.waitChannel = channel;
    p.stateForNs = forNs;
    p.stateForAtLeast = true;
    p.waitDetail = std::move(detail);
    p.blockedNowNs = forNs;
}

ChannelFrame observedChannel(IpcKind kind, std::string identity, std::uint64_t depth) {
    ChannelFrame c;
    c.kind = kind;
    c.identity = std::move(identity);
    c.depth = depth;
    c.unit = "bytes";
    c.depthFromKernel = true;
    return c;
}

constexpr std::uint64_t kMs = 1'000'000;

// Eleven samples 0.0 .. 1.0 s of an observation: pid 4711 (reader) blocked in read on a pipe
// from 0.2 to 0.7 s; pid 4712 (server) with a running main thread and thread 4713 blocked in
// msgrcv (since before the observation began) until 0.5 s, then in futex on no channel; a
// deadlock found at 0.8 and still there at 0.9 s.
std::vector<Frame> observationFrames() {
    std::vector<Frame> frames;
    for (int i = 0; i <= 10; ++i) {
        const std::uint64_t t = std::uint64_t(i) * 100 * kMs;
        Frame f;
        f.elapsedNs = t;
        f.channels = {observedChannel(IpcKind::Pipe, "pipe:[88123]", i < 5 ? 0 : 512),
                      observedChannel(IpcKind::SysvMsg, "sysv-msg 5", 96)};
        f.channels[0].capacity = 65536;
        ProcessFrame reader = observed(4711, 0, "reader");
        if (i >= 2 && i <= 7) {
            // A lower bound: 0 the first time it is seen, one interval later 100 ms, ...
            blockIn(reader, "read", 0, t - 200 * kMs);
        }
        ProcessFrame main = observed(4712, 4712, "server --port 5");
        ProcessFrame worker = observed(4712, 4713, "server --port 5");
        if (i <= 5) {
            blockIn(worker, "msgrcv", 1, 3000 * kMs + t, "type 3");
        } else {
            blockIn(worker, "futex", std::nullopt, t - 500 * kMs, "private futex");
        }
        f.processes = {reader, main, worker};
        EndpointFrame readEnd;
        readEnd.process = 0;
        readEnd.channel = 0;
        readEnd.direction = EndpointDirection::Receive;
        readEnd.estimated = true;
        readEnd.bytesPerS = i < 5 ? 0 : 5120;
        readEnd.messagesPerS = i < 5 ? 0 : 80;
        EndpointFrame queueEnd = readEnd;
        queueEnd.process = 2;
        queueEnd.channel = 1;
        queueEnd.bytesPerS = 0;
        queueEnd.messagesPerS = 0;
        f.endpoints = {readEnd, queueEnd};
        if (i == 8 || i == 9) {
            f.deadlocks.push_back({true, {0, 2}, {0, 1}, "pid 4711 (reader) waits: deadlock"});
        }
        frames.push_back(std::move(f));
    }
    return frames;
}

// ---- DOT, read back ------------------------------------------------------------------------

struct DotGraph {
    QString error;                    // empty when it parsed
    std::map<QString, QString> nodes; // id -> attribute text (strings unescaped)
    std::vector<std::tuple<QString, QString, QString>> edges; // from, to, attributes
    QString graphLabel;
};

// Reads a DOT quoted string at `i` (on the opening quote); returns it unescaped.
QString readQuoted(const QString& s, qsizetype& i, bool& ok) {
    QString out;
    for (++i; i < s.size(); ++i) {
        if (s[i] == QLatin1Char('\\') && i + 1 < s.size()) {
            const QChar next = s[++i];
            out += next == QLatin1Char('n') ? QStringLiteral("\n") : QString(next);
        } else if (s[i] == QLatin1Char('"')) {
            ++i;
            ok = true;
            return out;
        } else if (s[i] == QLatin1Char('\n')) {
            break; // a raw line break inside a string: the escaping failed
        } else {
            out += s[i];
        }
    }
    ok = false;
    return out;
}

// The subset of DOT the export writes: one statement a line, `id [attrs];`, `a -> b [attrs];`,
// `graph [...]`, `node [...]`, `edge [...]`, inside one `digraph name { }`.
DotGraph parseDot(const std::string& text) {
    DotGraph g;
    const QString s = QString::fromStdString(text);
    int depth = 0;
    QString statement;
    std::vector<QString> statements;
    for (qsizetype i = 0; i < s.size();) {
        const QChar c = s[i];
        if (c == QLatin1Char('"')) {
            bool ok = false;
            const QString value = readQuoted(s, i, ok);
            if (!ok) {
                g.error = QStringLiteral("unterminated string");
                return g;
            }
            statement += QLatin1Char('\x01') + value + QLatin1Char('\x02');
            continue;
        }
        if (c == QLatin1Char('{')) {
            ++depth;
            statement.clear();
        } else if (c == QLatin1Char('}')) {
            --depth;
        } else if (c == QLatin1Char(';')) {
            statements.push_back(statement.trimmed());
            statement.clear();
        } else if (c == QLatin1Char('[')) {
            ++depth;
            statement += c;
        } else if (c == QLatin1Char(']')) {
            --depth;
            statement += c;
        } else {
            statement += c;
        }
        if (depth < 0) {
            g.error = QStringLiteral("unbalanced braces");
            return g;
        }
        ++i;
    }
    if (depth != 0) {
        g.error = QStringLiteral("unbalanced braces");
        return g;
    }
    static const QRegularExpression edge(QStringLiteral("^(\\w+) -> (\\w+)(?: \\[(.*)\\])?$"),
                                         QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression node(QStringLiteral("^(\\w+) \\[(.*)\\]$"),
                                         QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression label(QStringLiteral("label=\x01([^\x02]*)\x02"));
    for (const QString& st : statements) {
        if (const auto m = edge.match(st); m.hasMatch()) {
            g.edges.emplace_back(m.captured(1), m.captured(2), m.captured(3));
        } else if (const auto n = node.match(st); n.hasMatch()) {
            const QString id = n.captured(1);
            if (id == QLatin1String("graph")) {
                if (const auto l = label.match(n.captured(2)); l.hasMatch()) {
                    g.graphLabel = l.captured(1);
                }
            } else if (id != QLatin1String("node") && id != QLatin1String("edge")) {
                g.nodes[id] = n.captured(2);
            }
        } else {
            g.error = QStringLiteral("not a statement: ") + st;
            return g;
        }
    }
    for (const auto& [from, to, attributes] : g.edges) {
        if (!g.nodes.count(from) || !g.nodes.count(to)) {
            g.error = QStringLiteral("edge %1 -> %2 names a node not declared").arg(from, to);
        }
    }
    return g;
}

QString labelOf(const QString& attributes) {
    static const QRegularExpression label(QStringLiteral("label=\x01([^\x02]*)\x02"));
    return label.match(attributes).captured(1);
}

bool hasEdge(const DotGraph& g, const QString& from, const QString& to, const QString& attribute) {
    return std::any_of(g.edges.begin(), g.edges.end(), [&](const auto& e) {
        return std::get<0>(e) == from && std::get<1>(e) == to && std::get<2>(e).contains(attribute);
    });
}

// Graphviz renders it (when installed: scripts/deps.sh installs it).
QString dotRefusal(const std::string& dot) {
    QProcess p;
    p.start(QStringLiteral("dot"), {QStringLiteral("-Tsvg")});
    if (!p.waitForStarted(10000)) {
        return QStringLiteral("dot did not start");
    }
    p.write(QByteArray::fromStdString(dot));
    p.closeWriteChannel();
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
        return QStringLiteral("dot did not finish");
    }
    const QByteArray svg = p.readAllStandardOutput();
    if (p.exitCode() != 0 || !svg.contains("<svg")) {
        return QString::fromUtf8(p.readAllStandardError());
    }
    return {};
}

} // namespace

class TestExport : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_runtime;
    std::vector<Frame> m_labFrames; // a real run's, sampled live
    pid_t m_producer = 0;
    pid_t m_consumer = 0;

private Q_SLOTS:
    // A real 1 s pipe run whose consumer takes 200 messages/s from a 4 KiB pipe: the producer
    // fills the pipe and then spends most of the run blocked in write.
    void initTestCase() {
        QVERIFY(m_runtime.isValid());
        QVERIFY2(QFileInfo(workerPath()).isExecutable(), qPrintable(workerPath()));
        QCOMPARE(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
        RunConfig c;
        c.mechanism = Mechanism::Pipe;
        c.consumerRate = 200;
        c.durationS = 1.0;
        c.capacity = 4096;
        auto run = Run::start(c, labOptions(m_runtime.path()));
        QVERIFY2(run, run ? "" : run.error().message.c_str());
        const auto objects = (*run)->objects();
        auto pids = (*run)->workerPids();
        QVERIFY(runToEnd(**run, 30000, [&](const Frame& f) { m_labFrames.push_back(f); }));
        for (const ProcessFrame& w : (*run)->report().workers) {
            (w.isWorker(Role::Producer) ? m_producer : m_consumer) = w.pid;
        }
        pids.push_back((*run)->guardianPid());
        const QStringList left = leftoversAfterWait(objects, (*run)->runDirectory(), pids);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QStringLiteral(", "))));
    }

    // Every wait the frames showed is one slice "write pipe" on the producer's track, from
    // where the worker stamped its start to the last frame that showed it.
    void labRunWaitsAreSlices() {
        // The waits the frames held, by track: start -> last frame that showed it.
        std::map<pid_t, std::map<std::uint64_t, std::uint64_t>> waits;
        for (const Frame& f : m_labFrames) {
            for (const ProcessFrame& p : f.processes) {
                if (p.state == WorkerState::Blocked) {
                    auto& last = waits[p.pid][f.elapsedNs - p.stateForNs];
                    last = std::max(last, f.elapsedNs);
                }
            }
        }
        QVERIFY2(!waits[m_producer].empty(), "no frame showed the producer blocked");
        TraceExportInfo info;
        info.title = "pipe run";
        const QJsonArray events = eventsOf(traceEventJson(m_labFrames, info));
        QVERIFY(!events.isEmpty());
        for (pid_t pid : {m_producer, m_consumer}) {
            const QString expectedName =
                pid == m_producer ? QStringLiteral("producer 0") : QStringLiteral("consumer 0");
            QCOMPARE(trackName(events, QStringLiteral("thread_name"), pid, pid), expectedName);
            QCOMPARE(trackName(events, QStringLiteral("process_name"), pid), expectedName);
            const std::vector<Slice> slices = slicesOf(events, pid, pid);
            QCOMPARE(slices.size(), waits[pid].size());
            std::size_t i = 0;
            for (const auto& [startNs, lastNs] : waits[pid]) {
                const Slice& s = slices[i++];
                if (pid == m_producer) {
                    QCOMPARE(s.name, QStringLiteral("write pipe"));
                }
                QVERIFY2(qAbs(s.tsUs - double(startNs) / 1e3) < 0.01,
                         qPrintable(QStringLiteral("slice at %1 µs, wait began %2 ns")
                                        .arg(s.tsUs)
                                        .arg(startNs)));
                QVERIFY(qAbs(s.durUs - double(lastNs - startNs) / 1e3) < 0.01);
            }
        }
        // The producer blocked for long stretches: a 4 KiB pipe drains at 200 x 64 B a second.
        const auto producerSlices = slicesOf(events, m_producer, m_producer);
        const double longest =
            std::max_element(producerSlices.begin(), producerSlices.end(),
                             [](const Slice& a, const Slice& b) { return a.durUs < b.durUs; })
                ->durUs;
        QVERIFY2(longest >= 100'000, qPrintable(QStringLiteral("longest %1 µs").arg(longest)));
        // Counters: the pipe's depth, and each worker's rates.
        QVERIFY(countersNamed(events, QStringLiteral("depth of pipe")) >= 2);
        QVERIFY(countersNamed(events, QStringLiteral("sent to pipe")) >= 1);
        QVERIFY(countersNamed(events, QStringLiteral("received from pipe")) >= 1);
        // No wake-up was measured: no arrow is drawn.
        QVERIFY(eventsWithPhase(events, QStringLiteral("s")).empty());
        QVERIFY(eventsWithPhase(events, QStringLiteral("f")).empty());
    }

    // The graph of a frame in which the producer waits: its box is red with call, object and
    // time; it points at the pipe in bold, and the pipe at the consumer (who reads), dashed.
    void labRunGraph() {
        const auto blocked =
            std::find_if(m_labFrames.rbegin(), m_labFrames.rend(), [&](const Frame& f) {
                return std::any_of(
                    f.processes.begin(), f.processes.end(), [&](const ProcessFrame& p) {
                        return p.pid == m_producer && p.state == WorkerState::Blocked;
                    });
            });
        QVERIFY(blocked != m_labFrames.rend());
        const std::string dot = waitGraphDot(*blocked);
        const DotGraph g = parseDot(dot);
        QVERIFY2(g.error.isEmpty(),
                 qPrintable(g.error + QStringLiteral("\n") + QString::fromStdString(dot)));
        const QString producer = QStringLiteral("p%1").arg(m_producer);
        const QString consumer = QStringLiteral("p%1").arg(m_consumer);
        QVERIFY(g.nodes.count(producer) && g.nodes.count(consumer) &&
                g.nodes.count(QStringLiteral("c0")));
        QVERIFY(g.nodes.at(producer).contains(QStringLiteral("color=red")));
        QVERIFY2(labelOf(g.nodes.at(producer)).contains(QStringLiteral("write · pipe · ")),
                 qPrintable(labelOf(g.nodes.at(producer))));
        QVERIFY(
            labelOf(g.nodes.at(QStringLiteral("c0"))).contains(QStringLiteral(" / 4096 bytes")));
        QVERIFY(hasEdge(g, producer, QStringLiteral("c0"), QStringLiteral("style=bold")));
        QVERIFY(hasEdge(g, QStringLiteral("c0"), consumer, QStringLiteral("style=dashed")));
        const QString refusal = dotRefusal(dot);
        QVERIFY2(refusal.isEmpty(), qPrintable(refusal));
    }

    // Observation frames: a track per thread named by the command, the waits as slices that
    // span the frames they were seen in (from the lower bound of their start), one instant
    // per deadlock found, counters where values changed.
    void observationTrace() {
        TraceExportInfo info;
        info.title = "observation";
        info.startTime = "2026-12-05T01:00:00Z";
        info.threadNames[4713] = "worker thread";
        const QJsonArray events = eventsOf(traceEventJson(observationFrames(), info));
        QVERIFY(!events.isEmpty());
        QCOMPARE(trackName(events, QStringLiteral("process_name"), 4711), QStringLiteral("reader"));
        QCOMPARE(trackName(events, QStringLiteral("thread_name"), 4711, 4711),
                 QStringLiteral("reader"));
        QCOMPARE(trackName(events, QStringLiteral("process_name"), 4712),
                 QStringLiteral("server --port 5"));
        QCOMPARE(trackName(events, QStringLiteral("thread_name"), 4712, 4712),
                 QStringLiteral("server --port 5"));
        QCOMPARE(trackName(events, QStringLiteral("thread_name"), 4712, 4713),
                 QStringLiteral("worker thread"));

        // Seen from 0.2 to 0.7 s: one slice of at least 0.5 s.
        const auto reader = slicesOf(events, 4711, 4711);
        QCOMPARE(reader.size(), std::size_t(1));
        QCOMPARE(reader[0].name, QStringLiteral("read pipe:[88123]"));
        QVERIFY(reader[0].tsUs <= 200'000);
        QVERIFY2(reader[0].durUs >= 500'000, qPrintable(QString::number(reader[0].durUs)));
        QVERIFY(slicesOf(events, 4712, 4712).empty()); // the main thread runs
        const auto worker = slicesOf(events, 4712, 4713);
        QCOMPARE(worker.size(), std::size_t(2));
        QCOMPARE(worker[0].name, QStringLiteral("msgrcv sysv-msg 5"));
        QCOMPARE(worker[0].tsUs, 0.0); // it began before the observation: the trace's start
        QCOMPARE(worker[0].durUs, 500'000.0);
        QCOMPARE(worker[1].name, QStringLiteral("futex (private futex)"));
        QCOMPARE(worker[1].tsUs, 500'000.0);
        QCOMPARE(worker[1].durUs, 500'000.0);

        const auto instants = eventsWithPhase(events, QStringLiteral("i"));
        QCOMPARE(instants.size(), std::size_t(1));
        QCOMPARE(instants[0].value(QStringLiteral("name")).toString(), QStringLiteral("deadlock"));
        QCOMPARE(instants[0].value(QStringLiteral("ts")).toDouble(), 800'000.0);
        QCOMPARE(instants[0]
                     .value(QStringLiteral("args"))
                     .toObject()
                     .value(QStringLiteral("text"))
                     .toString(),
                 QStringLiteral("pid 4711 (reader) waits: deadlock"));

        // Depth 0 then 512: written twice; the queue's never changes: once.
        QCOMPARE(countersNamed(events, QStringLiteral("depth of pipe:[88123]")), std::size_t(2));
        QCOMPARE(countersNamed(events, QStringLiteral("depth of sysv-msg 5")), std::size_t(1));
        QCOMPARE(countersNamed(events, QStringLiteral("received from pipe:[88123]")),
                 std::size_t(2));
        QCOMPARE(trackName(events, QStringLiteral("process_name"), kChannelsTrackPid),
                 QStringLiteral("channels"));
    }

    // A measured wake-up becomes an arrow from waker to wakee; none is made up.
    void wakeUpsBecomeFlowArrows() {
        TraceExportInfo info;
        WakeUp wake;
        wake.timeNs = 650 * kMs;
        wake.wakerPid = 4712;
        wake.wakerTid = 4712;
        wake.wakeePid = 4711;
        info.wakeUps.push_back(wake);
        const QJsonArray events = eventsOf(traceEventJson(observationFrames(), info));
        const auto starts = eventsWithPhase(events, QStringLiteral("s"));
        const auto finishes = eventsWithPhase(events, QStringLiteral("f"));
        QCOMPARE(starts.size(), std::size_t(1));
        QCOMPARE(finishes.size(), std::size_t(1));
        QCOMPARE(starts[0].value(QStringLiteral("id")), finishes[0].value(QStringLiteral("id")));
        QCOMPARE(starts[0].value(QStringLiteral("tid")).toInt(), 4712);
        QCOMPARE(finishes[0].value(QStringLiteral("tid")).toInt(), 4711);
        QCOMPARE(finishes[0].value(QStringLiteral("ts")).toDouble(), 650'000.0);
    }

    // Measured wake-ups carried by the frames, written to an observation's recording and read
    // back, become arrows from the waker's mark to the wakee's where its read returned; a wait
    // that ended without a waker (a timeout) draws none.
    void recordedWakeUpsBecomeFlowArrows() {
        std::vector<Frame> frames = observationFrames();
        WakeFrame wake;
        wake.endedNs = 750 * kMs;
        wake.waitedNs = 550 * kMs;
        wake.wakeePid = 4711;
        wake.wakeeTid = 4711;
        wake.wakerPid = 4712;
        wake.wakerTid = 4713;
        wake.wakerCommand = "server";
        wake.call = "read";
        wake.objectName = "pipe:[88123]";
        WakeFrame timeout = wake;
        timeout.wakerPid = 0;
        timeout.wakerTid = 0;
        timeout.wakerCommand.clear();
        timeout.endedNs = 760 * kMs;
        frames[8].wakes = {wake, timeout};
        for (std::size_t i = 8; i < frames.size(); ++i) {
            frames[i].processes[0].lastWake = wake;
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath(QStringLiteral("wakes.ipcrec")).toStdString();
        {
            auto writer =
                RecordingWriter::create(path, RecordedObservation{{"pid 4711"}, false, 100});
            QVERIFY2(writer, writer ? "" : writer.error().message.c_str());
            for (const Frame& f : frames) {
                QVERIFY(writer->append(f));
            }
        }
        auto rec = readRecording(path);
        QVERIFY2(rec, rec ? "" : rec.error().message.c_str());
        QCOMPARE(rec->frames.size(), frames.size());
        QCOMPARE(rec->frames[8].wakes, frames[8].wakes);
        QCOMPARE(rec->frames[9].processes[0].lastWake, std::optional<WakeFrame>(wake));

        const QJsonArray events = eventsOf(traceEventJson(rec->frames, {}));
        const auto starts = eventsWithPhase(events, QStringLiteral("s"));
        const auto finishes = eventsWithPhase(events, QStringLiteral("f"));
        QCOMPARE(starts.size(), std::size_t(1));
        QCOMPARE(finishes.size(), std::size_t(1));
        QCOMPARE(starts[0].value(QStringLiteral("id")), finishes[0].value(QStringLiteral("id")));
        QCOMPARE(starts[0].value(QStringLiteral("pid")).toInt(), 4712);
        QCOMPARE(starts[0].value(QStringLiteral("tid")).toInt(), 4713);
        QCOMPARE(finishes[0].value(QStringLiteral("tid")).toInt(), 4711);
        QCOMPARE(finishes[0].value(QStringLiteral("ts")).toDouble(), 750'000.0);
        QCOMPARE(finishes[0].value(QStringLiteral("bp")).toString(), QStringLiteral("e"));
        // Each end sits in a slice of its own (a flow binds to one), the wakee's with the wait.
        bool wakerMark = false, wakeeMark = false;
        for (const QJsonObject& e : eventsWithPhase(events, QStringLiteral("X"))) {
            const double ts = e.value(QStringLiteral("ts")).toDouble();
            if (e.value(QStringLiteral("name")).toString() == QStringLiteral("wakes 4711")) {
                wakerMark = ts == 750'000.0 && e.value(QStringLiteral("tid")).toInt() == 4713;
            }
            if (e.value(QStringLiteral("name")).toString() == QStringLiteral("woken by 4712")) {
                const QJsonObject args = e.value(QStringLiteral("args")).toObject();
                wakeeMark =
                    ts == 750'000.0 && e.value(QStringLiteral("tid")).toInt() == 4711 &&
                    args.value(QStringLiteral("waited_us")).toDouble() == 550'000.0 &&
                    args.value(QStringLiteral("call")).toString() == QStringLiteral("read") &&
                    args.value(QStringLiteral("object")).toString() ==
                        QStringLiteral("pipe:[88123]");
            }
        }
        QVERIFY2(wakerMark, "no mark on the waker's thread where it woke the reader");
        QVERIFY2(wakeeMark, "no mark with the wait's length and object on the reader's track");
    }

    // Names with quotes, backslashes and line breaks survive both formats.
    void oddNamesAreEscaped() {
        const std::string odd = "a \"quoted\" \\path\\\nsecond line";
        std::vector<Frame> frames = observationFrames();
        for (Frame& f : frames) {
            f.processes[0].command = odd;
            f.channels[0].identity = odd;
        }
        const QJsonArray events = eventsOf(traceEventJson(frames, {}));
        QCOMPARE(trackName(events, QStringLiteral("process_name"), 4711),
                 QString::fromStdString(odd));
        QCOMPARE(slicesOf(events, 4711, 4711).at(0).name,
                 QStringLiteral("read pipe ") + QString::fromStdString(odd));

        const std::string dot = waitGraphDot(frames[8]);
        const DotGraph g = parseDot(dot);
        QVERIFY2(g.error.isEmpty(),
                 qPrintable(g.error + QStringLiteral("\n") + QString::fromStdString(dot)));
        QVERIFY(
            labelOf(g.nodes.at(QStringLiteral("p4711"))).startsWith(QString::fromStdString(odd)));
        const QString refusal = dotRefusal(dot);
        QVERIFY2(refusal.isEmpty(), qPrintable(refusal));
    }

    // The deadlock's cycle in red (waits and releases), its verdict as the graph's label; the
    // threads of one process in one box.
    void deadlockGraph() {
        Frame f = observationFrames()[8];
        // 4712's thread 4713 holds the pipe's write end; 4711 writes the queue (so releases it).
        EndpointFrame writeEnd;
        writeEnd.process = 2;
        writeEnd.channel = 0;
        writeEnd.direction = EndpointDirection::Send;
        EndpointFrame queueSend = writeEnd;
        queueSend.process = 0;
        queueSend.channel = 1;
        f.endpoints.push_back(writeEnd);
        f.endpoints.push_back(queueSend);
        blockIn(f.processes[0], "read", 0, 600 * kMs);
        blockIn(f.processes[2], "msgrcv", 1, 900 * kMs, "type 3");
        const std::string dot = waitGraphDot(f);
        const DotGraph g = parseDot(dot);
        QVERIFY2(g.error.isEmpty(),
                 qPrintable(g.error + QStringLiteral("\n") + QString::fromStdString(dot)));
        QCOMPARE(g.nodes.size(), std::size_t(4)); // two processes, two channels
        QCOMPARE(g.graphLabel, QStringLiteral("pid 4711 (reader) waits: deadlock"));
        QVERIFY(
            hasEdge(g, QStringLiteral("p4711"), QStringLiteral("c0"), QStringLiteral("color=red")));
        QVERIFY(
            hasEdge(g, QStringLiteral("c0"), QStringLiteral("p4712"), QStringLiteral("color=red")));
        QVERIFY(
            hasEdge(g, QStringLiteral("p4712"), QStringLiteral("c1"), QStringLiteral("color=red")));
        QVERIFY(
            hasEdge(g, QStringLiteral("c1"), QStringLiteral("p4711"), QStringLiteral("color=red")));
        const QString server = labelOf(g.nodes.at(QStringLiteral("p4712")));
        QVERIFY2(server.contains(QStringLiteral("thread 4713: msgrcv · sysv-msg 5 · type 3 · ≥ ")),
                 qPrintable(server));
        QVERIFY(labelOf(g.nodes.at(QStringLiteral("c0")))
                    .contains(QStringLiteral("512 / 65536 bytes")));
        const QString refusal = dotRefusal(dot);
        QVERIFY2(refusal.isEmpty(), qPrintable(refusal));
    }

    // A frame whose indices point nowhere (a damaged recording) is exported as far as it
    // makes sense: what points nowhere is left out, nothing crashes.
    void danglingIndicesAreLeftOut() {
        std::vector<Frame> frames = observationFrames();
        for (Frame& f : frames) {
            f.processes[0].waitChannel = 42;
            f.endpoints.push_back({7, 0, EndpointDirection::Send});
            f.endpoints.push_back({0, 9, EndpointDirection::Send});
            f.deadlocks.push_back({false, {0, 99}, {0, 77}, "dangling"});
        }
        const QJsonArray events = eventsOf(traceEventJson(frames, {}));
        QVERIFY(!events.isEmpty());
        QCOMPARE(slicesOf(events, 4711, 4711).at(0).name, QStringLiteral("read"));
        const DotGraph g = parseDot(waitGraphDot(frames[3]));
        QVERIFY2(g.error.isEmpty(), qPrintable(g.error));
        QCOMPARE(g.nodes.size(), std::size_t(4));
    }

    // Nothing to export is still a valid trace and a valid graph.
    void emptyInput() {
        const QJsonArray events = eventsOf(traceEventJson({}, {}));
        QJsonParseError error;
        QVERIFY(QJsonDocument::fromJson(QByteArray::fromStdString(traceEventJson({}, {})), &error)
                    .isObject());
        QVERIFY(events.isEmpty());
        const DotGraph g = parseDot(waitGraphDot(Frame{}));
        QVERIFY2(g.error.isEmpty(), qPrintable(g.error));
        QVERIFY(g.nodes.empty());
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
