// What Run::start refuses or warns about before any worker runs (a bad configuration, a bad
// duplicate-check window, a missing worker, a capacity beyond the hole table), and the exit
// status rule of a report. Each refusal leaves no run directory behind.

#include "../common/testsupport.h"

#include "lab/report.h"
#include "lab/run.h"
#include "mechanisms/validate.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace ipcscope;
using namespace testsupport;

Q_DECLARE_METATYPE(ipcscope::Mechanism)

class TestRunStart : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_runtime;

    LabOptions options() const { return labOptions(m_runtime.path()); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_runtime.isValid());
        QVERIFY2(QFileInfo(workerPath()).isExecutable(), qPrintable(workerPath()));
    }

    void badConfigurationsAreRefused_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no producers") << 0 << QStringLiteral("producers must be between 1");
        QTest::newRow("too many consumers") << 1 << QStringLiteral("consumers must be between 1");
        QTest::newRow("negative rate") << 2 << QStringLiteral("producer rate");
        QTest::newRow("tiny message") << 3 << QStringLiteral("at least 16 bytes");
        QTest::newRow("over msgmax") << 4 << QStringLiteral("msgmax");
        QTest::newRow("zero duration") << 5 << QStringLiteral("duration");
        QTest::newRow("pipe too large")
            << 6 << QStringLiteral("pipe capacity 1099511627776 exceeds");
        QTest::newRow("mq over hard max") << 7 << QStringLiteral("queue capacity");
        QTest::newRow("ring too large") << 8 << QStringLiteral("ring capacity");
        QTest::newRow("receive type on pipe") << 9 << QStringLiteral("only to sysv-msg");
        QTest::newRow("types on pipe")
            << 10 << QStringLiteral("only to sysv-msg (types) and posix-mq");
        QTest::newRow("too many messages") << 11 << QStringLiteral("at most 9007199254740991");
        QTest::newRow("hold without payload") << 12 << QStringLiteral("carry a sequence number");
    }

    void badConfigurationsAreRefused() {
        QFETCH(int, which);
        QFETCH(QString, expected);
        RunConfig c;
        switch (which) {
        case 0:
            c.producers = 0;
            break;
        case 1:
            c.consumers = 1000;
            break;
        case 2:
            c.producerRate = -1;
            break;
        case 3:
            c.messageSize = 8;
            break;
        case 4:
            c.mechanism = Mechanism::SysvMsg;
            c.messageSize = std::uint32_t(KernelLimits::read().msgmax.value_or(8192) + 1);
            break;
        case 5:
            c.durationS = 0;
            break;
        case 6:
            c.capacity = std::uint64_t(1) << 40;
            break;
        case 7:
            c.mechanism = Mechanism::PosixMq;
            c.capacity = KernelLimits::kMqHardMsgMax + 1;
            break;
        case 8:
            c.mechanism = Mechanism::SysvShm;
            c.capacity = 1'000'000;
            break;
        case 9:
            c.receiveTypes = {1};
            break;
        case 10:
            c.messageTypes = 3;
            break;
        case 11:
            c.messages = std::uint64_t(1) << 63;
            break;
        case 12:
            c.mechanism = Mechanism::SysvSem;
            c.scenario.holdFirstMessageWindows = 1;
            break;
        }
        const auto run = Run::start(c, options());
        QVERIFY(!run);
        QVERIFY2(QString::fromStdString(run.error().message).contains(expected),
                 run.error().message.c_str());
        // Nothing was started: no run directory is left behind.
        QCOMPARE(QDir(m_runtime.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 0);
    }

    void badSeenWindowIsRefused() {
        LabOptions o = options();
        o.seen.window = 5000;
        const auto run = Run::start(RunConfig{}, o);
        QVERIFY(!run);
        QVERIFY2(
            QString::fromStdString(run.error().message).contains(QStringLiteral("power of two")),
            run.error().message.c_str());
        QCOMPARE(QDir(m_runtime.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 0);
    }

    // A capacity the integrity check used to refuse now runs, with a warning only where the
    // hole table could be outgrown.
    void largeCapacityRunsAndWarns() {
        RunConfig c;
        c.mechanism = Mechanism::Pipe;
        c.messageSize = 16;
        c.capacity = 1 << 20; // 65537 messages of 16 bytes: more than a 4096-entry hole table
        c.messages = 20000;
        LabOptions o = options();
        o.seen.holeCapacity = 4096;
        auto started = Run::start(c, o);
        if (!started && started.error().message.find("capacity") != std::string::npos &&
            KernelLimits::read().pipeMaxSize.value_or(0) < (1u << 20)) {
            QSKIP("pipe-max-size is below 1 MiB here");
        }
        QVERIFY2(started, started ? "" : started.error().message.c_str());
        Run& run = **started;
        QVERIFY(!run.warnings().empty());
        QVERIFY2(QString::fromStdString(run.warnings().back())
                     .contains(QStringLiteral("not checked for duplicates")),
                 run.warnings().back().c_str());
        QVERIFY(runToEnd(run));
        QVERIFY(run.report().totals.clean());
        QCOMPARE(run.report().totals.messagesReceived, quint64(20000));
    }

    // A killed worker and a lost message at once: the integrity verdict (3) wins over the
    // failed worker (1), as README.md and docs/run-json.md say.
    void integrityViolationWinsOverAKilledWorker() {
        RunReport r;
        ProcessFrame killed;
        killed.exit = WorkerExitInfo{true, 0, SIGKILL, false};
        r.workers = {killed};
        QCOMPARE(r.exitStatus(), 1);
        r.totals.lost = 1;
        QCOMPARE(r.exitStatus(), 3);
    }

    void missingWorkerIsAClearError() {
        LabOptions o = options();
        o.workerPath = "/nonexistent/ipcscope-worker";
        const auto run = Run::start(RunConfig{}, o);
        QVERIFY(!run);
        QVERIFY2(QString::fromStdString(run.error().message)
                     .contains(QStringLiteral("/nonexistent/ipcscope-worker")),
                 run.error().message.c_str());
        QCOMPARE(QDir(m_runtime.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 0);
    }

    void cleanupTestCase() {
        // No run directory of ours may remain.
        QCOMPARE(QDir(m_runtime.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRunStart)
#include "tst_runstart.moc"
