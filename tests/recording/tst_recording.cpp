// Recordings: a real run recorded through the GUI's controller, read back, replayed (same
// totals, same frames, seek), malformed and truncated files, and the CSV and PNG exports.

#include "../common/testsupport.h"

#include "lab/labpage.h"
#include "mainwindow.h"
#include "recording/recording.h"
#include "recording/sampletable.h"
#include "runviews/eventlogmodel.h"
#include "runviews/exporter.h"
#include "runviews/labcontroller.h"
#include "runviews/replaybar.h"
#include "runviews/workertablemodel.h"

#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <QImage>
#include <QLabel>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace ipcscope;
using namespace testsupport;

namespace {

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size()) {
        qFatal("cannot write %s", qPrintable(path));
    }
    return path;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return f.readAll();
}

std::string errorOf(const std::string& path) {
    auto r = readRecording(path);
    return r ? std::string("(no error)") : r.error().message;
}

// A frame with every field set to something other than its default, and a graph beyond a Lab
// run's: two channels (one of unknown capacity, an observed kind), a process the lab did not
// start, a process on two channels.
Frame richFrame() {
    Frame f;
    f.elapsedNs = 1'234'567'890;
    f.phase = RunPhase::Draining;
    f.paused = true;
    f.eventsDropped = 3;
    f.control = {true, 250'000'000, 7}; // a Classroom run in step mode, paced
    f.totals = {10, 9, 640, 576, 1, 2, 3, 4};
    ChannelFrame queue;
    queue.kind = Mechanism::SysvMsg;
    queue.identity = "msqid 7";
    queue.capacity = 65536;
    queue.unit = "bytes";
    queue.depth = 4096;
    queue.depthFromKernel = true;
    queue.waitingSenders = 2;
    queue.waitingReceivers = 0;
    queue.values = {{"msg_qnum", 7}, {"negative", -5}};
    queue.problem = "probe said \"no\"\nsecond line";
    ChannelFrame other;
    other.kind = IpcKind::PosixMq;
    other.identity = "/elsewhere";
    other.unit = "messages";
    other.depth = 3;
    f.channels = {queue, other};
    ProcessFrame producer;
    producer.worker = WorkerId{Role::Producer, 0};
    producer.pid = 4000;
    producer.state = WorkerState::Running;
    producer.messages = 10;
    producer.bytes = 640;
    ProcessFrame w;
    w.worker = WorkerId{Role::Consumer, 1};
    w.pid = 4242;
    w.state = WorkerState::Blocked;
    w.call = CallKind::Msgrcv;
    w.waitChannel = 1;
    w.object = 5;
    w.objectName = "queue 5";
    w.stateForNs = 77;
    w.stopped = true;
    w.messages = (std::uint64_t(1) << 40) + 1; // beyond a 32-bit int, exact in a double
    w.bytes = 9'007'199'254'740'993ULL;        // 2^53 + 1: only exact as a 64-bit integer
    w.errors = 1;
    w.blocks = 2;
    w.blockedNs[std::size_t(CallKind::Msgrcv)] = 123;
    w.blockedNs[std::size_t(CallKind::Throttle)] = 456;
    w.blockedNowNs = 789;
    w.corrupted = 1;
    w.duplicated = 2;
    w.reordered = 3;
    w.late = 4;
    w.unchecked = 5;
    w.exit = WorkerExitInfo{true, 0, 9, true, 5555};
    ProcessFrame stranger;
    stranger.pid = 777;
    stranger.command = "cat /tmp/in";
    stranger.state = WorkerState::Blocked;
    stranger.call = CallKind::Read;
    stranger.waitChannel = 0;
    stranger.stateForNs = 2'000'000'000;
    stranger.stateForAtLeast = true;
    f.processes = {producer, w, stranger};
    f.endpoints = {
        // Exact rates are measured again over the frames (none from a single frame); estimated
        // ones are kept as they are, to the last bit.
        {0, 0, EndpointDirection::Send, 10, 640, 0, 0, false},
        {1, 0, EndpointDirection::Receive, 6, 384, 0, 0, false},
        {1, 1, EndpointDirection::Receive, 3, 192, 1234.5678901234567, 160, true},
        {2, 0, EndpointDirection::Both, 0, 0, 1.0 / 3.0, 1e-300, true},
    };
    f.newEvents = {{100, 1, EventKind::LongBlock, CallKind::Msgrcv, 50'000'000, "blocked 50 ms"},
                   {200, -1, EventKind::None, CallKind::None, 0, "lab: stop"}};
    return f;
}

// A report has its run's one channel: what its processes wait on.
std::vector<ProcessFrame> labReportWorkers(const Frame& f) {
    std::vector<ProcessFrame> out = f.processes;
    for (auto& p : out) {
        if (p.waitChannel) {
            p.waitChannel = 0;
        }
    }
    return out;
}

// The run richFrame() belongs to: 2 producers, 3 consumers.
RunConfig richConfig() {
    RunConfig c;
    c.mechanism = Mechanism::SysvMsg;
    c.producers = 2;
    c.consumers = 3;
    c.messageSize = 128;
    c.producerRate = 1.5;
    c.capacity = 4096;
    c.messages = 1000;
    c.messageTypes = 4;
    c.receiveTypes = {1, -2};
    return c;
}

} // namespace

// What QCOMPARE prints when two frames or reports differ: their recording lines.
namespace ipcscope {
char* toString(const Frame& frame) {
    return qstrdup(recordingFrameLine(frame).c_str());
}
char* toString(const RunReport& report) {
    return qstrdup(recordingReportLine(report).c_str());
}
} // namespace ipcscope

namespace {

QString ipcscopePath() {
    return QCoreApplication::applicationDirPath() + QStringLiteral("/ipcscope");
}

} // namespace

class TestRecording : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
        QCoreApplication::setOrganizationName(QStringLiteral("ipcscope-tests"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        QVERIFY(m_runtime.isValid());
        m_options.workerPath = workerPath().toStdString();
        m_options.runtimeDir = m_runtime.path().toStdString();
    }

    void everyFieldRoundTrips() {
        const RunConfig c = richConfig();
        const QString path = m_dir.filePath(QStringLiteral("rich.ipcrec"));
        auto writer = RecordingWriter::create(path.toStdString(), c);
        QVERIFY2(writer, writer ? "" : writer.error().message.c_str());
        const Frame in = richFrame();
        QVERIFY(writer->append(in));
        RunReport report;
        report.config = c;
        report.durationS = 1.5;
        report.totals = in.totals;
        report.workers = labReportWorkers(in);
        report.channel = in.channels[0];
        report.maxDepth = 8192;
        report.objects = {{ObjectKind::SysvMsg, 7, 0x1bc50001, {}},
                          {ObjectKind::PosixMq, -1, 0, "/ipcscope.1.2.q"}};
        report.warnings = {"a warning"};
        report.events = in.newEvents;
        report.eventsDropped = 3;
        QVERIFY(writer->finish(report));
        QVERIFY(!writer->append(in)); // finished: nothing more

        auto rec = readRecording(path.toStdString());
        QVERIFY2(rec, rec ? "" : rec.error().message.c_str());
        QCOMPARE(rec->config, c);
        QVERIFY(!rec->created.empty());
        QVERIFY(!rec->truncated);
        QCOMPARE(rec->frames.size(), std::size_t(1));
        // Whole values: every field, doubles exactly (1/3 and 1e-300 included).
        QCOMPARE(rec->frames[0], in);
        QVERIFY(rec->report);
        QCOMPARE(*rec->report, report);
        // ...and a difference anywhere is one.
        Frame changed = in;
        changed.endpoints[3].messagesPerS = std::nextafter(changed.endpoints[3].messagesPerS, 1.0);
        QVERIFY(!(rec->frames[0] == changed));
    }

    // The heart of it: a real pipe run recorded through LabController, then replayed.
    void recordAndReplayARealRun() {
        LabController live;
        live.setLabOptions(m_options);
        m_recordingPath = m_dir.filePath(QStringLiteral("pipe.ipcrec"));
        QVERIFY(live.recordTo(m_recordingPath)); // armed before the run
        QVERIFY(live.isRecording());
        QSignalSpy liveFrames(&live, &LabController::frameUpdated);
        QSignalSpy liveFinished(&live, &LabController::finished);
        RunConfig c;
        c.mechanism = Mechanism::Pipe;
        c.producers = 2;
        c.consumers = 2;
        c.producerRate = 2000;
        c.durationS = 1.5;
        QVERIFY(live.start(c));
        QVERIFY(QFileInfo::exists(m_recordingPath));
        QVERIFY(waitUntil([&] { return liveFinished.count() == 1; }, 30000));
        QVERIFY(!live.isRecording()); // the file was finished with the report
        const RunReport liveReport = *live.report();
        QVERIFY(liveReport.totals.messagesReceived > 100);
        QCOMPARE(std::size_t(live.samples().rows().size()), std::size_t(liveFrames.count()));

        auto rec = readRecording(m_recordingPath.toStdString());
        QVERIFY2(rec, rec ? "" : rec.error().message.c_str());
        QCOMPARE(rec->frames.size(), std::size_t(liveFrames.count()));
        QVERIFY(rec->report);
        QCOMPARE(rec->report->totals, liveReport.totals);
        QCOMPARE(rec->frames.back(), live.lastFrame()); // every frame is recorded whole
        QCOMPARE(rec->report->workers.size(), std::size_t(4));
        QCOMPARE(rec->config.producerRate, 2000.0);
        m_frameCount = rec->frames.size();

        LabController replay;
        QSignalSpy replayFinished(&replay, &LabController::finished);
        QSignalSpy replayFrames(&replay, &LabController::frameUpdated);
        QVERIFY(replay.openRecording(m_recordingPath));
        QVERIFY(replay.isReplaying());
        QVERIFY(!replay.isActive());
        QVERIFY(!replay.hasRun()); // no process
        QVERIFY(!replay.runInfo());
        QCOMPARE(replay.config().mechanism, Mechanism::Pipe);
        QCOMPARE(replay.samples().rows().size(), m_frameCount);
        QCOMPARE(replayFrames.count(), 1); // the first frame, at once
        replay.setReplaySpeed(100);        // clamped
        QCOMPARE(replay.replaySpeed(), LabController::kMaxReplaySpeed);
        replay.playReplay();
        QVERIFY(replay.isReplayPlaying());
        QVERIFY(waitUntil([&] { return replayFinished.count() == 1; }, 20000));
        QVERIFY(!replay.isReplayPlaying());
        QCOMPARE(replay.replayFramesShown(), m_frameCount);
        // The last frame as it was live (its events may come with those of the frames a fast
        // replay went past in one step).
        Frame replayed = replay.lastFrame();
        Frame lived = live.lastFrame();
        replayed.newEvents.clear();
        lived.newEvents.clear();
        QCOMPARE(replayed, lived);
        QVERIFY(replay.report());
        QCOMPARE(replay.report()->totals, liveReport.totals);
        QCOMPARE(replay.history().nowS(), live.history().nowS());
        QCOMPARE(replay.history().pointCount(), live.history().pointCount());
        QCOMPARE(replay.history().processes().size(), std::size_t(4));
        QCOMPARE(replay.replayPositionS(), replay.replayDurationS());

        // Every event of the run reached the views, exactly once.
        std::size_t liveEvents = 0;
        for (const auto& f : rec->frames) {
            liveEvents += f.newEvents.size();
        }
        QCOMPARE(replayEventsSeen(replay), liveEvents);
    }

    void seekRebuildsHistoryUpToTheTarget() {
        QVERIFY(!m_recordingPath.isEmpty());
        LabController replay;
        // A page may refuse a readable recording (the Classroom: not a lesson's), in words,
        // before it replaces anything.
        std::size_t framesSeen = 0;
        const auto refused = replay.openRecording(m_recordingPath, [&](const Recording& r) {
            framesSeen = r.frames.size();
            return Status{Error{"not this one"}};
        });
        QVERIFY(!refused);
        QCOMPARE(refused.error().message, std::string("not this one"));
        QCOMPARE(framesSeen, m_frameCount);
        QVERIFY(!replay.isReplaying());
        QVERIFY(replay.openRecording(m_recordingPath));
        const Recording& rec = *replay.recording();
        QSignalSpy reset(&replay, &LabController::replayReset);
        QSignalSpy finished(&replay, &LabController::finished);
        const double mid = replay.replayDurationS() / 2;
        replay.seek(mid);
        QCOMPARE(reset.count(), 1);
        QVERIFY(!replay.report()); // not at the end
        QCOMPARE(replay.replayPositionS(), mid);
        const auto midNs = std::uint64_t(mid * 1e9);
        std::size_t expected = 0;
        RunHistory direct;
        for (const auto& f : rec.frames) {
            if (f.elapsedNs <= midNs) {
                ++expected;
                direct.add(f);
            }
        }
        QVERIFY(expected > 1 && expected < rec.frames.size());
        QCOMPARE(replay.replayFramesShown(), expected);
        QVERIFY(replay.lastFrame().elapsedNs <= midNs);
        QCOMPARE(replay.lastFrame().elapsedNs, rec.frames[expected - 1].elapsedNs);
        QVERIFY(replay.history().nowS() <= mid);
        QVERIFY(replay.history().nowS() > mid - 0.25); // sampled every ~33 ms
        QCOMPARE(replay.history().nowS(), direct.nowS());
        QCOMPARE(replay.history().pointCount(), direct.pointCount());
        QVERIFY(replay.history().channels().front().depth.back().timeS <= mid);
        for (const auto& w : replay.history().processes()) {
            QVERIFY(w.rates.empty() || w.rates.back().timeS <= mid);
            QVERIFY(w.segments.back().endS <= mid + 1e-9);
        }
        QVERIFY(replay.lastFrame().totals.messagesSent < rec.frames.back().totals.messagesSent);

        // Seeking to the end finishes, backwards again un-finishes; paused stays paused.
        replay.seek(replay.replayDurationS());
        QCOMPARE(finished.count(), 1);
        QVERIFY(replay.report());
        replay.seek(0.2);
        QVERIFY(!replay.report());
        QVERIFY(!replay.isReplayPlaying());
        QVERIFY(replay.history().nowS() <= 0.2);

        // Half speed: the position follows the wall clock at half the rate.
        replay.setReplaySpeed(0.5);
        QElapsedTimer wall;
        wall.start();
        replay.playReplay();
        QVERIFY(waitUntil([&] { return replay.replayPositionS() >= 0.4; }, 10000));
        QVERIFY2(wall.elapsed() >= 350, qPrintable(QString::number(wall.elapsed())));
        replay.pauseReplay();
        const double pausedAt = replay.replayPositionS();
        QTest::qWait(100); // a real pause: nothing may move, so wait and look
        QCOMPARE(replay.replayPositionS(), pausedAt);
    }

    void malformedFilesNameTheLine() {
        QVERIFY(!m_recordingPath.isEmpty());
        const QList<QByteArray> lines = readAll(m_recordingPath).split('\n');
        QVERIFY(lines.size() > 5);
        const QByteArray header = lines[0];

        // Bad JSON on line 3 of otherwise good lines.
        QByteArray bad = header + '\n' + lines[1] + '\n' + "{\"type\":\"frame\",\"t_ns\":12,,}\n" +
                         lines[3] + '\n' + lines[4] + '\n';
        const QString badPath = writeFile(m_dir, QStringLiteral("bad-json.ipcrec"), bad);
        std::string e = errorOf(badPath.toStdString());
        QVERIFY2(e.find("line 3") != std::string::npos, e.c_str());
        QVERIFY2(e.find("bad-json.ipcrec") != std::string::npos, e.c_str());
        QVERIFY2(e.find("JSON") != std::string::npos, e.c_str());

        // Something else's JSON Lines.
        const QString wrongPath =
            writeFile(m_dir, QStringLiteral("wrong.ipcrec"),
                      "{\"format\":\"something-else\",\"version\":1}\n" + lines[1] + '\n');
        e = errorOf(wrongPath.toStdString());
        QVERIFY2(e.find("line 1") != std::string::npos, e.c_str());
        QVERIFY2(e.find("not an ipcscope recording") != std::string::npos, e.c_str());

        // Empty (and blank) files.
        const QString emptyPath = writeFile(m_dir, QStringLiteral("empty.ipcrec"), {});
        e = errorOf(emptyPath.toStdString());
        QVERIFY2(e.find("line 1") != std::string::npos && e.find("empty") != std::string::npos,
                 e.c_str());
        e = errorOf(writeFile(m_dir, QStringLiteral("blank.ipcrec"), "\n\n").toStdString());
        QVERIFY2(e.find("empty") != std::string::npos, e.c_str());

        // A newer format version.
        QByteArray newer = header;
        QVERIFY(newer.contains("\"version\":2"));
        newer.replace("\"version\":2", "\"version\":3");
        e = errorOf(writeFile(m_dir, QStringLiteral("newer.ipcrec"), newer + '\n').toStdString());
        QVERIFY2(e.find("line 1") != std::string::npos && e.find("version 3") != std::string::npos,
                 e.c_str());

        // Valid JSON, but a frame without its processes; a process in an unknown state.
        QByteArray noWorkers = lines[2];
        noWorkers.replace("\"processes\":", "\"workmen\":");
        e = errorOf(writeFile(m_dir, QStringLiteral("noworkers.ipcrec"),
                              header + '\n' + lines[1] + '\n' + noWorkers + '\n')
                        .toStdString());
        QVERIFY2(e.find("line 3") != std::string::npos &&
                     e.find("\"processes\" is missing") != std::string::npos,
                 e.c_str());
        QByteArray oddState = lines[1];
        QVERIFY(oddState.contains("\"state\":\""));
        oddState.replace("\"state\":\"", "\"state\":\"dancing-");
        e = errorOf(
            writeFile(m_dir, QStringLiteral("oddstate.ipcrec"), header + '\n' + oddState + '\n')
                .toStdString());
        QVERIFY2(e.find("line 2") != std::string::npos &&
                     e.find("processes[0].state") != std::string::npos,
                 e.c_str());
        QByteArray negative = lines[1];
        negative.replace("\"t_ns\":", "\"t_ns\":-");
        e = errorOf(
            writeFile(m_dir, QStringLiteral("negative.ipcrec"), header + '\n' + negative + '\n')
                .toStdString());
        QVERIFY2(e.find("line 2") != std::string::npos && e.find("t_ns") != std::string::npos,
                 e.c_str());

        // Frames out of order; lines after the report.
        e = errorOf(writeFile(m_dir, QStringLiteral("backwards.ipcrec"),
                              header + '\n' + lines[3] + '\n' + lines[2] + '\n')
                        .toStdString());
        QVERIFY2(e.find("line 3") != std::string::npos && e.find("backwards") != std::string::npos,
                 e.c_str());

        // A missing file.
        e = errorOf(m_dir.filePath(QStringLiteral("nowhere.ipcrec")).toStdString());
        QVERIFY2(e.find("nowhere.ipcrec") != std::string::npos, e.c_str());

        // The controller says the same, in one sentence, and stays out of replay mode.
        LabController controller;
        const auto unreadable = controller.openRecording(badPath);
        QVERIFY(!unreadable);
        QVERIFY2(unreadable.error().message.find("line 3") != std::string::npos,
                 unreadable.error().message.c_str());
        QVERIFY(!controller.isReplaying());
        // A header alone has nothing to show.
        const auto empty = controller.openRecording(
            writeFile(m_dir, QStringLiteral("header-only.ipcrec"), header + '\n'));
        QVERIFY(!empty);
        QVERIFY2(empty.error().message.find("no samples") != std::string::npos,
                 empty.error().message.c_str());
    }

    // A path that is not a regular file, or is too large, is refused before it is read: a
    // directory used to abort (std::ios_failure), a FIFO without a writer to hang, a symlink
    // to /dev/zero to allocate until bad_alloc.
    void oddFilesAreRefused() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string dirPath = dir.filePath(QStringLiteral("dir.ipcrec")).toStdString();
        const std::string fifo = dir.filePath(QStringLiteral("fifo.ipcrec")).toStdString();
        const std::string zero = dir.filePath(QStringLiteral("zero.ipcrec")).toStdString();
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("dir.ipcrec")));
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        QCOMPARE(::symlink("/dev/zero", zero.c_str()), 0);
        QCOMPARE(errorOf(dirPath), dirPath + " is a directory, not a regular file");
        QCOMPARE(errorOf(fifo), fifo + " is a FIFO, not a regular file");
        QCOMPARE(errorOf(zero), zero + " is a character device, not a regular file");

        const QByteArray header = QByteArray::fromStdString(recordingHeaderLine(richConfig(), "t"));
        const QByteArray frame = QByteArray::fromStdString(recordingFrameLine(richFrame()));
        const QString big = writeFile(dir, QStringLiteral("big.ipcrec"),
                                      header + '\n' + frame + '\n' + frame + '\n');
        const auto tooBig = readRecording(big.toStdString(), 2048);
        QVERIFY(!tooBig);
        QVERIFY2(tooBig.error().message.starts_with(
                     big.toStdString() + " is larger than the 2 KiB a recording may have"),
                 tooBig.error().message.c_str());
        QVERIFY(readRecording(big.toStdString(), 1 << 20));

        // The controller says the same and stays out of replay mode.
        LabController controller;
        const auto refused = controller.openRecording(QString::fromStdString(fifo));
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.find("is a FIFO, not a regular file") != std::string::npos,
                 refused.error().message.c_str());
        QVERIFY(!controller.isReplaying());
    }

    // Every number is checked against its range: QJsonValue::toInteger() turns 1e300 or 2^64
    // into 0, which used to pass; counts are checked against the recorded run.
    void outOfRangeNumbersAreRejected_data() {
        QTest::addColumn<int>("line"); // 1 the header, 2 the frame, 3 the report
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char* name, int line, const char* from, const char* to,
                            const char* expected) {
            QTest::newRow(name) << line << QByteArray(from) << QByteArray(to)
                                << QString::fromUtf8(expected);
        };
        row("t_ns 1e300", 2, "\"t_ns\":1234567890", "\"t_ns\":1e300",
            "line 2: field \"t_ns\" should be a whole number from 0 to 604800000000000, got "
            "1e+300");
        row("t_ns 2^64", 2, "\"t_ns\":1234567890", "\"t_ns\":18446744073709551616",
            "field \"t_ns\" should be a whole number");
        row("t_ns fraction", 2, "\"t_ns\":1234567890", "\"t_ns\":1.5", "got 1.5");
        row("t_ns beyond a week", 2, "\"t_ns\":1234567890", "\"t_ns\":604800000000001",
            "field \"t_ns\" should be a whole number from 0 to 604800000000000");
        row("worker index 500", 2, "\"index\":1", "\"index\":500",
            "field \"processes[1].index\" is 500, but the run had 3 consumers");
        row("pid", 2, "\"pid\":4242", "\"pid\":99999999999", "field \"processes[1].pid\"");
        row("object", 2, "\"object\":5", "\"object\":300",
            "field \"processes[1].object\" should be a whole number from 0 to 255, got 300");
        row("messages 2^64-1", 2, "\"messages\":1099511627777", "\"messages\":18446744073709551615",
            "field \"processes[1].messages\"");
        row("messages 1e300", 2, "\"messages\":1099511627777", "\"messages\":1e300",
            "field \"processes[1].messages\"");
        row("state_for_ns", 2, "\"state_for_ns\":77", "\"state_for_ns\":1e300",
            "field \"processes[1].state_for_ns\"");
        row("exit signal", 2, "\"signal\":9", "\"signal\":99",
            "field \"processes[1].exit.signal\" should be a whole number from 0 to 64, got 99");
        row("exit code", 2, "\"code\":0", "\"code\":256", "field \"processes[1].exit.code\"");
        row("event worker", 2, "\"worker\":1", "\"worker\":99",
            "field \"events[0].worker\" should be a whole number from -1 to 4, got 99");
        row("event t_ns", 2, "{\"t_ns\":100", "{\"t_ns\":1e300", "field \"events[0].t_ns\"");
        row("waiting senders", 2, "\"waiting_senders\":2", "\"waiting_senders\":5000000000",
            "field \"channels[0].waiting_senders\"");
        row("channel value", 2, "[\"msg_qnum\",7]", "[\"msg_qnum\",1e300]",
            "field \"channels[0].values\" should hold [name, whole number] pairs");
        row("5000 producers", 1, "\"producers\":2", "\"producers\":5000",
            "line 1: field \"config\" is not a run ipcscope makes: producers must be between 1 "
            "and 64, got 5000");
        row("producers 1e300", 1, "\"producers\":2", "\"producers\":1e300",
            "field \"config.producers\"");
        row("message size 1e300", 1, "\"message_size\":128", "\"message_size\":1e300",
            "field \"config.message_size\"");
        row("rate 1e300", 1, "\"rate\":1.5", "\"rate\":1e300", "producer rate");
        row("receive type 1e300", 1, "\"receive_types\":[1,-2]", "\"receive_types\":[1e300,-2]",
            "field \"config.receive_types\" should hold whole numbers, got 1e+300");
        row("version 1e300", 1, "\"version\":2", "\"version\":1e300",
            "format version 1e+300 is not supported");
        row("report duration", 3, "\"duration_s\":1.5", "\"duration_s\":1e300",
            "line 3: field \"duration_s\" should be a number from 0 to 604800, got 1e+300");
        row("report object key", 3, "\"key\":465895425", "\"key\":5000000000",
            "field \"objects[0].key\"");
        row("report worker index", 3, "\"index\":1", "\"index\":3",
            "field \"workers[1].index\" is 3, but the run had 3 consumers");
        // The graph: what waits where, and what joins what, is in range.
        row("wait channel", 2, "\"wait_channel\":1", "\"wait_channel\":2",
            "field \"processes[1].wait_channel\" should be a whole number from 0 to 1, got 2");
        row("endpoint process", 2, "{\"process\":2,", "{\"process\":3,",
            "field \"endpoints[3].process\" should be a whole number from 0 to 2, got 3");
        row("endpoint channel", 2, "\"channel\":1,\"direction\":\"receive\"",
            "\"channel\":2,\"direction\":\"receive\"",
            "field \"endpoints[2].channel\" should be a whole number from 0 to 1, got 2");
        row("endpoint direction", 2, "\"direction\":\"both\"", "\"direction\":\"sideways\"",
            "field \"endpoints[3].direction\" has an unknown value \"sideways\"");
        row("endpoint rate", 2, "\"bytes_per_s\":160", "\"bytes_per_s\":-160",
            "field \"endpoints[2].bytes_per_s\" should be a number, 0 or more");
        row("estimated rate missing", 2, "\"messages_per_s\":1234.5678901234567,", "",
            "field \"endpoints[2].messages_per_s\" is missing");
        row("channel kind", 2, "\"kind\":\"posix-mq\"", "\"kind\":\"carrier-pigeon\"",
            "field \"channels[1].kind\" has an unknown value \"carrier-pigeon\"");
    }

    void outOfRangeNumbersAreRejected() {
        QFETCH(int, line);
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, expected);
        RunReport report;
        report.durationS = 1.5;
        report.workers = labReportWorkers(richFrame());
        report.objects = {{ObjectKind::SysvMsg, 7, 0x1bc50001, {}}};
        QList<QByteArray> lines = {
            QByteArray::fromStdString(recordingHeaderLine(richConfig(), "t")),
            QByteArray::fromStdString(recordingFrameLine(richFrame())),
            QByteArray::fromStdString(recordingReportLine(report))};
        QVERIFY(readRecording(
            writeFile(m_dir, QStringLiteral("range-good.ipcrec"), lines.join('\n') + '\n')
                .toStdString()));
        QVERIFY2(lines[line - 1].contains(from), lines[line - 1].constData());
        lines[line - 1].replace(from, to);
        const QString path =
            writeFile(m_dir, QStringLiteral("range.ipcrec"), lines.join('\n') + '\n');
        const QString error = QString::fromStdString(errorOf(path.toStdString()));
        QVERIFY2(error.startsWith(path + QStringLiteral(", line ") + QString::number(line)),
                 qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    // A frame lists each worker of the run once.
    void workerListsMatchTheRun() {
        const QByteArray header = QByteArray::fromStdString(recordingHeaderLine(richConfig(), "t"));
        Frame many = richFrame();
        many.processes.assign(6, many.processes[1]);
        QString e = QString::fromStdString(errorOf(
            writeFile(m_dir, QStringLiteral("many.ipcrec"),
                      header + '\n' + QByteArray::fromStdString(recordingFrameLine(many)) + '\n')
                .toStdString()));
        QVERIFY2(e.contains(QStringLiteral(
                     "line 2: field \"processes\" lists 6 processes, but the run had 5 workers")),
                 qPrintable(e));
        Frame twice = richFrame();
        twice.processes.push_back(twice.processes[1]);
        e = QString::fromStdString(errorOf(
            writeFile(m_dir, QStringLiteral("twice.ipcrec"),
                      header + '\n' + QByteArray::fromStdString(recordingFrameLine(twice)) + '\n')
                .toStdString()));
        QVERIFY2(e.contains(QStringLiteral("field \"processes[3]\" is consumer 1 a second time")),
                 qPrintable(e));
    }

    // The writer stops before the file grows past what the reader accepts, so every recording
    // ipcscope writes replays.
    // A recording from before frames were graphs (version 1: "channel" and "workers") still
    // reads, as the same graph a live run has now, and replays; its reader is as strict as ever.
    void versionOneRecordingsStillReplay() {
        const QString path = qEnvironmentVariable("IPCSCOPE_SOURCE_DIR") +
                             QStringLiteral("/tests/recording/fixtures/version1.ipcrec");
        auto rec = readRecording(path.toStdString());
        QVERIFY2(rec, rec ? "" : rec.error().message.c_str());
        QCOMPARE(rec->frames.size(), std::size_t(3));
        QCOMPARE(rec->config.consumers, 2u);

        Frame first;
        first.elapsedNs = 100'000'000;
        first.totals = {10, 8, 640, 512, 0, 0, 0, 0, 0};
        ChannelFrame queue;
        queue.kind = Mechanism::SysvMsg;
        queue.identity = "sysv-msg"; // version 1 did not name it
        queue.capacity = 4096;
        queue.unit = "bytes";
        queue.depth = 128;
        queue.depthFromKernel = true;
        queue.waitingSenders = 0;
        queue.waitingReceivers = 1;
        queue.values = {{"msg_qnum", 2}};
        first.channels = {queue};
        ProcessFrame producer;
        producer.worker = WorkerId{Role::Producer, 0};
        producer.pid = 4000;
        producer.state = WorkerState::Running;
        producer.messages = 10;
        producer.bytes = 640;
        ProcessFrame waiting;
        waiting.worker = WorkerId{Role::Consumer, 0};
        waiting.pid = 4001;
        waiting.state = WorkerState::Blocked;
        waiting.call = CallKind::Msgrcv;
        waiting.waitChannel = 0; // the run's one channel
        waiting.stateForNs = 5'000'000;
        waiting.messages = 5;
        waiting.bytes = 320;
        waiting.blocks = 1;
        waiting.blockedNowNs = 5'000'000;
        ProcessFrame other;
        other.worker = WorkerId{Role::Consumer, 1};
        other.pid = 4002;
        other.state = WorkerState::Running;
        other.messages = 3;
        other.bytes = 192;
        first.processes = {producer, waiting, other};
        first.endpoints = {{0, 0, EndpointDirection::Send, 10, 640, 0, 0, false},
                           {1, 0, EndpointDirection::Receive, 5, 320, 0, 0, false},
                           {2, 0, EndpointDirection::Receive, 3, 192, 0, 0, false}};
        first.newEvents = {{90'000'000, 1, EventKind::Opened, CallKind::None, 1000,
                            "consumer 0 opened the channel after 1.0 µs"}};
        QCOMPARE(rec->frames[0], first);
        // Rates measured over the frames as the lab measures them (0.1 s is too short).
        QCOMPARE(rec->frames[1].endpoints[0].messagesPerS, 0.0);
        const Frame& last = rec->frames[2];
        QCOMPARE(last.endpoints[0].messagesPerS, 500.0); // (260 - 10) / 0.5 s
        QCOMPARE(last.endpoints[0].bytesPerS, 32000.0);  // (16640 - 640) / 0.5 s
        QCOMPARE(last.endpoints[2].messagesPerS, 254.0); // (130 - 3) / 0.5 s
        QVERIFY(rec->report);
        QCOMPARE(rec->report->workers.size(), std::size_t(3));
        QCOMPARE(rec->report->workers[2].worker,
                 std::optional<WorkerId>(WorkerId{Role::Consumer, 1}));
        QCOMPARE(rec->report->channel.capacity, std::optional<std::uint64_t>(4096));
        QVERIFY(rec->report->channel.kind == ChannelKind(Mechanism::SysvMsg));
        QCOMPARE(rec->report->maxDepth, quint64(256));

        // It replays: the last frame shown is the file's last frame.
        LabController replay;
        QVERIFY(replay.openRecording(path));
        replay.seek(replay.replayDurationS());
        Frame shown = replay.lastFrame();
        shown.newEvents.clear(); // a seek hands on the events of the frames it went past
        QCOMPARE(shown, last);
        QCOMPARE(replay.history().processes().size(), std::size_t(3));
        QCOMPARE(replay.history().channels().size(), std::size_t(1));

        // The same checks as ever on version 1 lines.
        const QList<QByteArray> lines = readAll(path).split('\n');
        QByteArray badIndex = lines[1];
        badIndex.replace("\"role\":\"consumer\",\"index\":1", "\"role\":\"consumer\",\"index\":5");
        std::string e = errorOf(
            writeFile(m_dir, QStringLiteral("v1-index.ipcrec"), lines[0] + '\n' + badIndex + '\n')
                .toStdString());
        QVERIFY2(e.find("line 2: field \"workers[2].index\" is 5, but the run had 2 consumers") !=
                     std::string::npos,
                 e.c_str());
        QByteArray noCapacity = lines[1];
        noCapacity.replace("\"capacity\":4096,", "");
        e = errorOf(writeFile(m_dir, QStringLiteral("v1-capacity.ipcrec"),
                              lines[0] + '\n' + noCapacity + '\n')
                        .toStdString());
        QVERIFY2(e.find("field \"channel.capacity\" is missing") != std::string::npos, e.c_str());
    }

    void recordingStopsAtItsLimit() {
        const QString path = m_dir.filePath(QStringLiteral("limited.ipcrec"));
        constexpr std::size_t kLimit = 8 << 10;
        auto writer = RecordingWriter::create(path.toStdString(), richConfig(), {}, kLimit);
        QVERIFY2(writer, writer ? "" : writer.error().message.c_str());
        Status appended = Ok{};
        for (int i = 0; i < 100 && appended; ++i) {
            appended = writer->append(richFrame());
        }
        QVERIFY(!appended);
        QCOMPARE(appended.error().message,
                 "the recording " + path.toStdString() +
                     " has reached the 8 KiB a recording may have; it stops here and replays up "
                     "to this point");
        QVERIFY(writer->framesWritten() > 0);
        QVERIFY(!writer->append(richFrame())); // finished
        QVERIFY(QFileInfo(path).size() <= qint64(kLimit));
        const auto rec = readRecording(path.toStdString(), kLimit);
        QVERIFY2(rec, rec ? "" : rec.error().message.c_str());
        QCOMPARE(rec->frames.size(), writer->framesWritten());
        QVERIFY(!rec->truncated && !rec->report);

        // Recording onto a FIFO (which would block in open) or a directory is refused.
        const std::string fifo = m_dir.filePath(QStringLiteral("rec-fifo")).toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        auto onFifo = RecordingWriter::create(fifo, richConfig());
        QVERIFY(!onFifo);
        QVERIFY2(onFifo.error().message.find(fifo) != std::string::npos,
                 onFifo.error().message.c_str());
        QCOMPARE(::unlink(fifo.c_str()), 0);
        QVERIFY(!RecordingWriter::create(m_dir.path().toStdString(), richConfig()));
    }

    // ipcscope --replay BAD: the sentence on stderr and exit 2 before any window, never a
    // signal or a hang. Run offscreen under a deadline.
    void guiRefusesABadReplay() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("dir.ipcrec")));
        const QString fifo = dir.filePath(QStringLiteral("fifo.ipcrec"));
        QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        const QString zero = dir.filePath(QStringLiteral("zero.ipcrec"));
        QCOMPARE(::symlink("/dev/zero", zero.toLocal8Bit().constData()), 0);
        QByteArray frame = QByteArray::fromStdString(recordingFrameLine(richFrame()));
        frame.replace("\"t_ns\":1234567890", "\"t_ns\":1e300");
        const QString outOfRange =
            writeFile(dir, QStringLiteral("range.ipcrec"),
                      QByteArray::fromStdString(recordingHeaderLine(richConfig(), "t")) + '\n' +
                          frame + '\n');
        const QString headerOnly =
            writeFile(dir, QStringLiteral("header.ipcrec"),
                      QByteArray::fromStdString(recordingHeaderLine(richConfig(), "t")) + '\n');
        const QList<std::pair<QString, QString>> cases = {
            {dir.filePath(QStringLiteral("dir.ipcrec")), QStringLiteral("is a directory")},
            {fifo, QStringLiteral("is a FIFO, not a regular file")},
            {zero, QStringLiteral("is a character device, not a regular file")},
            {outOfRange, QStringLiteral("line 2: field \"t_ns\"")},
            {headerOnly, QStringLiteral("holds no samples")},
            {dir.filePath(QStringLiteral("missing.ipcrec")),
             QStringLiteral("No such file or directory")}};
        for (const auto& [path, expected] : cases) {
            QProcess gui;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            gui.setProcessEnvironment(env);
            gui.start(ipcscopePath(), {QStringLiteral("--replay"), path});
            const bool finished = gui.waitForFinished(30000);
            if (!finished) {
                gui.kill();
                gui.waitForFinished();
            }
            QVERIFY2(finished, qPrintable(path + QStringLiteral(": still running after 30 s")));
            QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
            QCOMPARE(gui.exitCode(), 2);
            const QString err = QString::fromLocal8Bit(gui.readAllStandardError());
            QVERIFY2(err.contains(QStringLiteral("ipcscope: ")) && err.contains(expected),
                     qPrintable(path + QStringLiteral(": ") + err));
        }
    }

    void truncatedFileOpens() {
        QVERIFY(!m_recordingPath.isEmpty());
        const QByteArray whole = readAll(m_recordingPath);
        // Drop the report line and cut the last frame in the middle, as a killed lab leaves it.
        const qsizetype reportStart = whole.lastIndexOf("\n{\"type\":\"report\"") + 1;
        QVERIFY(reportStart > 0);
        const qsizetype lastFrameStart = whole.lastIndexOf('\n', reportStart - 2) + 1;
        const QByteArray cut = whole.left(lastFrameStart + (reportStart - lastFrameStart) / 2);
        const QString path = writeFile(m_dir, QStringLiteral("truncated.ipcrec"), cut);
        auto rec = readRecording(path.toStdString());
        QVERIFY2(rec, rec ? "" : rec.error().message.c_str());
        QVERIFY(rec->truncated);
        QVERIFY(!rec->report);
        QCOMPARE(rec->frames.size(), m_frameCount - 1);

        // Cut right after a newline: nothing is partial, the report is simply missing.
        auto clean = readRecording(
            writeFile(m_dir, QStringLiteral("noreport.ipcrec"), whole.left(reportStart))
                .toStdString());
        QVERIFY(clean && !clean->truncated && !clean->report);
        QCOMPARE(clean->frames.size(), m_frameCount);

        // It replays to its end; without a report there is no finished().
        LabController replay;
        QSignalSpy finished(&replay, &LabController::finished);
        QVERIFY(replay.openRecording(path));
        replay.seek(replay.replayDurationS());
        QCOMPARE(replay.replayFramesShown(), m_frameCount - 1);
        QCOMPARE(finished.count(), 0);
        QVERIFY(!replay.report());
        QVERIFY(!replay.isReplayPlaying());
    }

    void csvHasOneRowPerFrame() {
        QVERIFY(!m_recordingPath.isEmpty());
        MainWindow window;
        LabPage& lab = window.labPage();
        QVERIFY(!lab.exportDataAction()->isEnabled()); // nothing to export yet
        const auto opened = lab.openRecording(m_recordingPath);
        QVERIFY2(opened, opened ? "" : opened.error().message.c_str());
        QVERIFY(lab.exportDataAction()->isEnabled());
        const QString csvPath = m_dir.filePath(QStringLiteral("data.csv"));
        const auto s = lab.exportData(csvPath);
        QVERIFY2(s, s ? "" : s.error().message.c_str());
        const QList<QByteArray> rows = readAll(csvPath).trimmed().split('\n');
        QCOMPARE(std::size_t(rows.size()), m_frameCount + 1);
        const QByteArray header = rows[0];
        QVERIFY2(header.startsWith("elapsed_s,producer0_messages,producer0_bytes,producer0_state,"
                                   "producer0_call,producer0_blocked_ms,producer1_messages"),
                 header.constData());
        QVERIFY(header.contains(",consumer1_blocked_ms,"));
        QVERIFY2(header.endsWith(",depth_bytes,capacity_bytes"), header.constData());
        const qsizetype columns = header.count(',') + 1;
        QCOMPARE(columns, qsizetype(1 + 4 * 5 + 2));
        for (const QByteArray& row : rows) {
            QCOMPARE(row.count(',') + 1, columns);
        }
        // The last row holds the final counters: consumers' messages add up to what was sent.
        const QList<QByteArray> last = rows.back().split(',');
        const auto rec = readRecording(m_recordingPath.toStdString());
        QVERIFY(rec);
        const Frame& final = rec->frames.back();
        QVERIFY(std::abs(last[0].toDouble() - double(final.elapsedNs) / 1e9) < 0.00051);
        QCOMPARE(last[1 + 2 * 5].toULongLong(), final.processes[2].messages);  // consumer0
        QCOMPARE(last[1 + 3 * 5 + 1].toULongLong(), final.processes[3].bytes); // consumer1
        QCOMPARE(last[1 + 0 * 5 + 2], QByteArray("exited"));
        QVERIFY(std::abs(last[1 + 0 * 5 + 4].toDouble() -
                         double(final.processes[0].totalBlockedNs()) / 1e6) < 0.00051);
        // Times go forward, row by row.
        double previous = -1;
        for (qsizetype i = 1; i < rows.size(); ++i) {
            const double t = rows[i].left(rows[i].indexOf(',')).toDouble();
            QVERIFY(t >= previous);
            previous = t;
        }
        // A folder that does not exist: an error in words, no crash.
        const auto failed = lab.exportData(m_dir.filePath(QStringLiteral("no/such/dir/x.csv")));
        QVERIFY(!failed);
        QVERIFY(!failed.error().message.empty());
    }

    void pngAndTheReplayBarInTheWindow() {
        QVERIFY(!m_recordingPath.isEmpty());
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        LabPage& lab = window.labPage();
        ReplayBar& bar = lab.replayBar();
        QVERIFY(!bar.isVisible()); // only in replay mode
        QVERIFY(lab.openRecording(m_recordingPath));
        QVERIFY(bar.isVisible());
        QVERIFY(lab.controller().isReplayPlaying()); // opening plays
        QVERIFY(lab.startAction()->isEnabled());     // a live run may start any time
        QVERIFY(!lab.stopAction()->isEnabled());
        // The bar's controls drive the controller.
        bar.speedBox()->setCurrentIndex(int(ReplayBar::speeds().indexOf(8.0)));
        Q_EMIT bar.speedBox()->activated(bar.speedBox()->currentIndex());
        QCOMPARE(lab.controller().replaySpeed(), 8.0);
        QTRY_VERIFY_WITH_TIMEOUT(lab.controller().report(), 20000); // played to the end
        QCOMPARE(bar.playButton()->text(), QStringLiteral("Play"));
        const QString total = ReplayBar::formatTime(lab.controller().replayDurationS());
        QCOMPARE(bar.timeLabel()->text(), total + QStringLiteral(" / ") + total);
        QCOMPARE(bar.slider()->value(), bar.slider()->maximum());
        QVERIFY(lab.statusText().contains(QStringLiteral("clean")));
        QCOMPARE(lab.workerModel().rowCount(), 4);
        QVERIFY(lab.eventModel().rowCount() > 1);

        // Seek through the slider as a user's click would.
        bar.slider()->setSliderPosition(bar.slider()->maximum() / 2);
        bar.slider()->triggerAction(QAbstractSlider::SliderPageStepSub);
        QVERIFY(lab.controller().replayPositionS() < lab.controller().replayDurationS());
        QVERIFY(!lab.controller().report());

        const QString pngPath = m_dir.filePath(QStringLiteral("charts.png"));
        const auto s = lab.exportCharts(pngPath);
        QVERIFY2(s, s ? "" : s.error().message.c_str());
        QImage image;
        QVERIFY(image.load(pngPath));
        QVERIFY(image.width() > 400 && image.height() > 300);
        QVERIFY(QFileInfo(pngPath).size() > 1000);

        // Leaving the replay hides the bar and shows an idle lab.
        Q_EMIT bar.closeRequested();
        QVERIFY(!bar.isVisible());
        QVERIFY(!lab.controller().isReplaying());
        QCOMPARE(lab.statusText(), QStringLiteral("Ready"));
    }

    void timesReadAsMinutesAndSeconds() {
        QCOMPARE(ReplayBar::formatTime(0), QStringLiteral("00:00.0"));
        QCOMPARE(ReplayBar::formatTime(5.04), QStringLiteral("00:05.0"));
        QCOMPARE(ReplayBar::formatTime(65), QStringLiteral("01:05.0"));
        QCOMPARE(ReplayBar::formatTime(83.46), QStringLiteral("01:23.5"));
        QCOMPARE(ReplayBar::formatTime(59.97), QStringLiteral("01:00.0"));
    }

    // The Record action: a new file per run in the recordings folder, complete with its report.
    void recordActionRecordsTheNextRun() {
        QTemporaryDir folder;
        QSettings().setValue(QStringLiteral("recordings/directory"), folder.path());
        MainWindow window;
        LabPage& lab = window.labPage();
        lab.controller().setLabOptions(m_options);
        lab.recordAction()->setChecked(true);
        QVERIFY(!lab.controller().isActive());
        RunConfig c;
        c.mechanism = Mechanism::PosixMq;
        c.messages = 3000;
        QVERIFY(lab.startRun(c));
        QVERIFY(lab.controller().isRecording());
        const QString path = lab.controller().recordingPath();
        QVERIFY(path.startsWith(folder.path()));
        QVERIFY(path.endsWith(QStringLiteral(".ipcrec")));
        QVERIFY(lab.statusText().contains(QStringLiteral("recording")));
        QTRY_VERIFY_WITH_TIMEOUT(lab.controller().report(), 30000);
        QVERIFY(lab.recordAction()->isChecked()); // stays on for the next run
        bool told = false;                        // the event log says where the file went
        for (int r = 0; r < lab.eventModel().rowCount(); ++r) {
            told = told || lab.eventModel()
                               .index(r, EventLogModel::TextColumn)
                               .data()
                               .toString()
                               .contains(QStringLiteral("Recording saved in ") + path);
        }
        QVERIFY(told);
        auto rec = readRecording(path.toStdString());
        QVERIFY2(rec, rec ? "" : rec.error().message.c_str());
        QVERIFY(rec->report);
        QCOMPARE(rec->report->totals.messagesReceived, 3000u);
        QCOMPARE(rec->config.mechanism, Mechanism::PosixMq);

        // Switched on during a run, it records from then on; switched off, the file stays.
        RunConfig slow;
        slow.mechanism = Mechanism::Pipe;
        slow.producerRate = 200;
        slow.durationS = 30;
        lab.recordAction()->setChecked(false);
        QVERIFY(lab.startRun(slow));
        QVERIFY(!lab.controller().isRecording());
        QTRY_VERIFY_WITH_TIMEOUT(lab.controller().lastFrame().totals.messagesReceived > 20, 20000);
        lab.recordAction()->setChecked(true);
        QVERIFY(lab.controller().isRecording());
        const QString midRun = lab.controller().recordingPath();
        QVERIFY(midRun != path);
        const std::uint64_t before = lab.controller().lastFrame().totals.messagesReceived;
        QTRY_VERIFY_WITH_TIMEOUT(lab.controller().lastFrame().totals.messagesReceived > before + 20,
                                 20000);
        lab.recordAction()->setChecked(false);
        QVERIFY(!lab.controller().isRecording());
        lab.controller().stop();
        QTRY_VERIFY_WITH_TIMEOUT(!lab.controller().isActive(), 30000);
        auto partial = readRecording(midRun.toStdString());
        QVERIFY2(partial, partial ? "" : partial.error().message.c_str());
        QVERIFY(!partial->report);
        QVERIFY(partial->frames.size() >= 2);
        QVERIFY(partial->frames.front().totals.messagesReceived >= before);
        QSettings().remove(QStringLiteral("recordings/directory"));
    }

    // A file that cannot be created: Record is released and the reason is shown.
    void recordingIntoAMissingFolderSaysSo() {
        LabController controller;
        controller.setLabOptions(m_options);
        QSignalSpy errors(&controller, &LabController::errorOccurred);
        QVERIFY(controller.recordTo(m_dir.filePath(QStringLiteral("missing/dir/x.ipcrec"))));
        RunConfig c;
        c.messages = 200;
        QVERIFY(controller.start(c)); // the run itself goes on
        QVERIFY(!controller.isRecording());
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors[0][0].toString().contains(QStringLiteral("missing/dir/x.ipcrec")));
        QVERIFY(waitUntil([&] { return controller.report().has_value(); }, 30000));
    }

private:
    // Replays from the start at full speed and counts the events the views are handed.
    static std::size_t replayEventsSeen(LabController& replay) {
        std::size_t seen = 0;
        const auto connection = QObject::connect(&replay, &LabController::frameUpdated, [&] {
            seen += replay.lastFrame().newEvents.size();
        });
        replay.seek(0);
        replay.playReplay();
        waitUntil([&] { return !replay.isReplayPlaying(); }, 20000);
        QObject::disconnect(connection);
        return seen;
    }

    QTemporaryDir m_dir;
    QTemporaryDir m_runtime;
    LabOptions m_options;
    QString m_recordingPath; // the real run of recordAndReplayARealRun, used by later tests
    std::size_t m_frameCount = 0;
};

QTEST_MAIN(TestRecording)
#include "tst_recording.moc"
