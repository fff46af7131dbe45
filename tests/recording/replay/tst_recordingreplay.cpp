// Recordings of a real run: recorded through the GUI's controller, read back, replayed (same
// totals, same frames, seek), malformed and truncated copies of it, the CSV and PNG exports, the
// replay bar and the Record action in the window.

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

class TestRecordingReplay : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        useTestSettings();
        QVERIFY(m_dir.isValid());
        QVERIFY(m_runtime.isValid());
        m_options = labOptions(m_runtime.path());
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
        // The position is base + speed × the replay's own clock, which starts after ours: it
        // can never run ahead of half our wall time (a bound, not a timing: load only slows it).
        replay.setReplaySpeed(0.5);
        const double startedAt = replay.replayPositionS();
        QElapsedTimer wall;
        wall.start();
        replay.playReplay();
        QVERIFY(waitUntil([&] { return replay.replayPositionS() >= 0.4; }, 10000));
        const double advancedS = replay.replayPositionS() - startedAt;
        const double wallS = double(wall.nsecsElapsed()) / 1e9;
        QVERIFY2(advancedS <= 0.5 * wallS + 1e-6,
                 qPrintable(QStringLiteral("advanced %1 s in %2 s").arg(advancedS).arg(wallS)));
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
        QVERIFY(newer.contains("\"version\":3"));
        newer.replace("\"version\":3", "\"version\":4");
        e = errorOf(writeFile(m_dir, QStringLiteral("newer.ipcrec"), newer + '\n').toStdString());
        QVERIFY2(e.find("line 1") != std::string::npos && e.find("version 4") != std::string::npos,
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

QTEST_MAIN(TestRecordingReplay)
#include "tst_recordingreplay.moc"
