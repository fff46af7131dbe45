// ipcscope-cli as a user runs it: exit statuses, the JSON report, and clear errors for bad input.

#include "../common/testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace testsupport;

class TestCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_xdg;

    struct Outcome {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    Outcome cli(const QStringList& args, int timeoutMs = 60000) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_xdg.path());
        p.setProcessEnvironment(env);
        p.start(cliPath(), args);
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
            return {};
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                p.readAllStandardOutput(), p.readAllStandardError()};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_xdg.isValid()); }

    // Lesson files that are a FIFO, a directory or /dev/zero: each named on stderr, the other
    // lessons still listed, exit 2; never a signal (bad_alloc) or a hang.
    void lessonsWithOddFilesExitTwo() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto path = [&](const char* name) {
            return dir.filePath(QLatin1String(name)).toStdString();
        };
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("d.json")));
        QCOMPARE(::mkfifo(path("f.json").c_str(), 0600), 0);
        QCOMPARE(::symlink("/dev/zero", path("zero.json").c_str()), 0);
        for (const bool json : {false, true}) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("IPCSCOPE_LESSONS_PATH"), dir.path());
            p.setProcessEnvironment(env);
            p.start(cliPath(),
                    json ? QStringList{QStringLiteral("lessons"), QStringLiteral("--json")}
                         : QStringList{QStringLiteral("lessons")});
            const bool finished = p.waitForFinished(30000);
            if (!finished) {
                p.kill();
                p.waitForFinished();
            }
            QVERIFY2(finished, "ipcscope-cli lessons still running after 30 s");
            QCOMPARE(p.exitStatus(), QProcess::NormalExit);
            QCOMPARE(p.exitCode(), 2);
            const QString err = QString::fromLocal8Bit(p.readAllStandardError());
            for (const std::string& sentence :
                 {path("d.json") + " is a directory, not a regular file",
                  path("f.json") + " is a FIFO, not a regular file",
                  path("zero.json") + " is a character device, not a regular file"}) {
                QVERIFY2(err.contains(QString::fromStdString(sentence)), qPrintable(err));
            }
            const QByteArray out = p.readAllStandardOutput();
            if (json) { // the built-in lessons are still listed
                QVERIFY(QJsonDocument::fromJson(out).array().size() >= 14);
            } else {
                QVERIFY(out.contains("forgotten-close"));
            }
        }
    }

    void jsonReportHasTheDocumentedFields() {
        const Outcome o =
            cli({QStringLiteral("run"), QStringLiteral("pipe"), QStringLiteral("--producers"),
                 QStringLiteral("2"), QStringLiteral("--consumers"), QStringLiteral("2"),
                 QStringLiteral("--messages"), QStringLiteral("5000"), QStringLiteral("--json")});
        QCOMPARE(o.exitCode, 0);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(o.out, &error);
        QVERIFY2(error.error == QJsonParseError::NoError,
                 qPrintable(error.errorString() + QString::fromUtf8(o.out)));
        const QJsonObject r = doc.object();
        QCOMPARE(r.value(QStringLiteral("mechanism")).toString(), QStringLiteral("pipe"));
        QVERIFY(r.value(QStringLiteral("config")).isObject());
        QVERIFY(r.value(QStringLiteral("duration_s")).toDouble() > 0);
        const QJsonObject totals = r.value(QStringLiteral("totals")).toObject();
        QCOMPARE(totals.value(QStringLiteral("messages_sent")).toInteger(), 5000);
        QCOMPARE(totals.value(QStringLiteral("messages_received")).toInteger(), 5000);
        QCOMPARE(totals.value(QStringLiteral("bytes_received")).toInteger(), 5000 * 64);
        for (const char* k : {"lost", "duplicated", "corrupted", "reordered"}) {
            QCOMPARE(totals.value(QLatin1String(k)).toInteger(-1), 0);
        }
        const QJsonArray workers = r.value(QStringLiteral("workers")).toArray();
        QCOMPARE(workers.size(), 4);
        for (const auto& v : workers) {
            const QJsonObject w = v.toObject();
            QVERIFY(w.value(QStringLiteral("pid")).toInteger() > 0);
            QVERIFY(w.contains(QStringLiteral("role")));
            QVERIFY(w.contains(QStringLiteral("messages")));
            QVERIFY(w.contains(QStringLiteral("bytes")));
            QVERIFY(w.contains(QStringLiteral("blocked_ns")));
            QVERIFY(w.value(QStringLiteral("blocked_by_call")).isObject());
            QCOMPARE(
                w.value(QStringLiteral("exit")).toObject().value(QStringLiteral("code")).toInt(-1),
                0);
        }
        const QJsonObject channel = r.value(QStringLiteral("channel")).toObject();
        QVERIFY(channel.value(QStringLiteral("capacity")).toInteger() >= 4096);
        QVERIFY(channel.contains(QStringLiteral("max_depth")));
    }

    void readableSummaryWithUnits() {
        const Outcome o =
            cli({QStringLiteral("run"), QStringLiteral("unix-stream"), QStringLiteral("--duration"),
                 QStringLiteral("0.5"), QStringLiteral("--size"), QStringLiteral("1024")});
        QCOMPARE(o.exitCode, 0);
        const QString text = QString::fromUtf8(o.out);
        QVERIFY2(text.contains(QStringLiteral("integrity clean")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("/s)")), qPrintable(text)); // a rate with its unit
        QVERIFY2(text.contains(QStringLiteral("KiB")) || text.contains(QStringLiteral("MiB")),
                 qPrintable(text));
        // Live progress goes to stderr, not into the report.
        QVERIFY2(QString::fromUtf8(o.err).contains(QStringLiteral("sent")), o.err.constData());
    }

    void badUsageExitsTwo_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        const auto run = [](std::initializer_list<const char*> rest) {
            QStringList l{QStringLiteral("run")};
            for (const char* a : rest) {
                l << QString::fromLatin1(a);
            }
            return l;
        };
        QTest::newRow("no command") << QStringList{} << QStringLiteral("Usage");
        QTest::newRow("unknown command")
            << QStringList{QStringLiteral("frobnicate")} << QStringLiteral("unknown command");
        QTest::newRow("no mechanism") << run({}) << QStringLiteral("which mechanism");
        QTest::newRow("unknown mechanism")
            << run({"carrier-pigeon"}) << QStringLiteral("unknown mechanism");
        QTest::newRow("zero producers")
            << run({"pipe", "--producers", "0"}) << QStringLiteral("producers must be");
        QTest::newRow("negative rate")
            << run({"pipe", "--rate", "-5"}) << QStringLiteral("producer rate");
        QTest::newRow("text count")
            << run({"pipe", "--consumers", "two"}) << QStringLiteral("whole number");
        QTest::newRow("zero duration")
            << run({"pipe", "--duration", "0"}) << QStringLiteral("duration");
        QTest::newRow("both bounds") << run({"pipe", "--duration", "1", "--messages", "5"})
                                     << QStringLiteral("either a duration or a message count");
        QTest::newRow("over msgmax")
            << run({"sysv-msg", "--size", "100000"}) << QStringLiteral("msgmax");
        QTest::newRow("mq over hard limit")
            << run({"posix-mq", "--capacity", "70000"}) << QStringLiteral("queue capacity");
        QTest::newRow("size on tokens")
            << run({"sysv-sem", "--size", "64"}) << QStringLiteral("does not apply");
        QTest::newRow("unknown option") << run({"pipe", "--bogus"}) << QStringLiteral("bogus");
        QTest::newRow("tiny size")
            << run({"pipe", "--size", "4"}) << QStringLiteral("at least 16 bytes");
        // Numbers beyond what a run honours or a JSON reader keeps exactly.
        QTest::newRow("messages beyond 2^53") << run({"pipe", "--messages", "9223372036854775808"})
                                              << QStringLiteral("at most 9007199254740991");
        QTest::newRow("messages beyond 64 bits")
            << run({"pipe", "--messages", "18446744073709551616"})
            << QStringLiteral("--messages 18446744073709551616 is out of range");
        QTest::newRow("producers beyond 32 bits")
            << run({"pipe", "--producers", "4294967297"}) << QStringLiteral("is out of range");
        QTest::newRow("rate beyond a double")
            << run({"pipe", "--rate", "1e400"}) << QStringLiteral("--rate 1e400 is out of range");
        // A repeated option used to keep its last value silently.
        QTest::newRow("repeated option") << run({"pipe", "--rate", "1", "--rate", "2"})
                                         << QStringLiteral("--rate is given twice");
        QTest::newRow("repeated flag")
            << run({"pipe", "--json", "--json"}) << QStringLiteral("--json is given twice");
        QTest::newRow("repeated lessons option")
            << QStringList{QStringLiteral("lessons"), QStringLiteral("--json"),
                           QStringLiteral("--json")}
            << QStringLiteral("--json is given twice");
        // Options that do not apply to the mechanism, each refused naming who takes it.
        QTest::newRow("types on pipe") << run({"pipe", "--types", "3"})
                                       << QStringLiteral("--types does not apply to pipe: only "
                                                         "sysv-msg (message types) and posix-mq");
        QTest::newRow("receive type on pipe")
            << run({"pipe", "--receive-type", "1"})
            << QStringLiteral("--receive-type does not apply to pipe: only sysv-msg");
        QTest::newRow("size on tokens names the others")
            << run({"sysv-sem", "--size", "64"}) << QStringLiteral("every other mechanism");
        QTest::newRow("run option with a lesson")
            << run({"--lesson", "shm-without-mutex", "--producers", "3"})
            << QStringLiteral("--producers does not apply to --lesson");
        QTest::newRow("mechanisms with an extra argument")
            << QStringList{QStringLiteral("mechanisms"), QStringLiteral("--json"),
                           QStringLiteral("--bogus")}
            << QStringLiteral("unexpected argument '--bogus'");
    }

    void badUsageExitsTwo() {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Outcome o = cli(args);
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(QString::fromUtf8(o.err).contains(expected), o.err.constData());
    }

    // The rate reaches the workers without loss: one message every 29 days is one message in a
    // one-second run (it used to travel as "%f" = "0.000000" = unlimited: 753,122 messages).
    void tinyRateIsHonoured() {
        const Outcome o =
            cli({QStringLiteral("run"), QStringLiteral("pipe"), QStringLiteral("--rate"),
                 QStringLiteral("0.0000004"), QStringLiteral("--duration"), QStringLiteral("1"),
                 QStringLiteral("--json"), QStringLiteral("--quiet")});
        QCOMPARE(o.exitCode, 0);
        const QJsonObject r = QJsonDocument::fromJson(o.out).object();
        const QJsonObject totals = r.value(QStringLiteral("totals")).toObject();
        QCOMPARE(totals.value(QStringLiteral("messages_sent")).toInteger(), 1);
        QCOMPARE(totals.value(QStringLiteral("messages_received")).toInteger(), 1);
        QCOMPARE(
            r.value(QStringLiteral("config")).toObject().value(QStringLiteral("rate")).toDouble(),
            0.0000004);
        QCOMPARE(totals.value(QStringLiteral("unchecked")).toInteger(-1), 0);
    }

    // --types where it applies is accepted and reported.
    void typesApplyToQueues() {
        const Outcome o =
            cli({QStringLiteral("run"), QStringLiteral("posix-mq"), QStringLiteral("--types"),
                 QStringLiteral("3"), QStringLiteral("--messages"), QStringLiteral("300"),
                 QStringLiteral("--json"), QStringLiteral("--quiet")});
        if (!QFileInfo::exists(QStringLiteral("/dev/mqueue"))) {
            QSKIP("no mqueue filesystem");
        }
        QCOMPARE(o.exitCode, 0);
        const QJsonObject r = QJsonDocument::fromJson(o.out).object();
        QCOMPARE(r.value(QStringLiteral("config"))
                     .toObject()
                     .value(QStringLiteral("message_types"))
                     .toInt(),
                 3);
    }

    void helpAndVersion() {
        QCOMPARE(cli({QStringLiteral("--version")}).exitCode, 0);
        const Outcome help = cli({QStringLiteral("run"), QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--consumer-rate"));
        const Outcome mechanisms = cli({QStringLiteral("mechanisms")});
        QCOMPARE(mechanisms.exitCode, 0);
        for (const char* m : {"pipe", "fifo", "sysv-msg", "sysv-shm", "sysv-sem", "posix-mq",
                              "posix-shm", "unix-stream", "unix-dgram"}) {
            QVERIFY2(mechanisms.out.contains(m), m);
        }
    }

    // A consumer killed by the kernel's OOM killer or a user: the run says so and exits 1 or 3.
    void killedWorkerChangesTheExitStatus() {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_xdg.path());
        p.setProcessEnvironment(env);
        p.start(cliPath(),
                {QStringLiteral("run"), QStringLiteral("sysv-msg"), QStringLiteral("--duration"),
                 QStringLiteral("20"), QStringLiteral("--json"), QStringLiteral("--quiet")});
        QVERIFY(p.waitForStarted());
        std::vector<pid_t> workers;
        QVERIFY(waitUntil([&] {
            workers = childrenOf(pid_t(p.processId()));
            return workers.size() >= 3; // guardian, consumer, producer
        }));
        // The consumer is the worker whose command line says so.
        pid_t consumer = 0;
        for (pid_t pid : workers) {
            QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
            if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains("consumer")) {
                consumer = pid;
            }
        }
        QVERIFY(consumer > 0);
        QCOMPARE(::kill(consumer, SIGKILL), 0);
        QVERIFY(p.waitForFinished(30000));
        QVERIFY(p.exitCode() == 1 || p.exitCode() == 3);
        const QJsonObject r = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        bool reported = false;
        for (const auto& v : r.value(QStringLiteral("workers")).toArray()) {
            const QJsonObject exit = v.toObject().value(QStringLiteral("exit")).toObject();
            reported |= exit.value(QStringLiteral("signal")).toInt() == SIGKILL;
        }
        QVERIFY(reported);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
