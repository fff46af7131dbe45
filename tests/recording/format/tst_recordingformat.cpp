// The recording format without a live run: every field written and read back, files refused
// before they are read, numbers checked against their range, version 1 files, the writer's size
// limit, and the GUI refusing a bad --replay.

#include "../../common/testsupport.h"
#include "../common/recordingsupport.h"

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
using namespace recordingtests;
using namespace testsupport;

namespace {

QString ipcscopePath() {
    return QCoreApplication::applicationDirPath() + QStringLiteral("/ipcscope");
}

} // namespace

class TestRecordingFormat : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

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
        row("version 1e300", 1, "\"version\":3", "\"version\":1e300",
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
        ProcessFrame producer = workerProcess({Role::Producer, 0}, 4000, WorkerState::Running);
        producer.messages = 10;
        producer.bytes = 640;
        ProcessFrame waiting =
            workerProcess({Role::Consumer, 0}, 4001, WorkerState::Blocked, CallKind::Msgrcv);
        waiting.waitChannel = 0; // the run's one channel
        waiting.stateForNs = 5'000'000;
        waiting.messages = 5;
        waiting.bytes = 320;
        waiting.blocks = 1;
        waiting.blockedNowNs = 5'000'000;
        ProcessFrame other = workerProcess({Role::Consumer, 1}, 4002, WorkerState::Running);
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

    // The writer stops before the file grows past what the reader accepts, so every recording
    // ipcscope writes replays.
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

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestRecordingFormat)
#include "tst_recordingformat.moc"
