// Building blocks: readable numbers, object naming, run manifests, kernel limits from a
// fixture /proc tree, and config validation against those limits.

#include "base/format.h"
#include "base/jsonwriter.h"
#include "base/naming.h"
#include "base/privatedir.h"
#include "base/readfile.h"
#include "base/uniquefd.h"
#include "mechanisms/kernellimits.h"
#include "mechanisms/manifest.h"
#include "mechanisms/validate.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace ipcscope;

class TestBase : public QObject {
    Q_OBJECT

    static std::string fixtureProc() { return QFINDTESTDATA("fixtures/proc").toStdString(); }

private Q_SLOTS:
    void formatsNumbers() {
        QCOMPARE(formatBytes(512), std::string("512 B"));
        QCOMPARE(formatBytes(1536), std::string("1.50 KiB"));
        QCOMPARE(formatBytes(10.0 * 1024 * 1024), std::string("10.0 MiB"));
        QCOMPARE(formatRate(2048), std::string("2.00 KiB/s"));
        QCOMPARE(formatDurationNs(850), std::string("850 ns"));
        QCOMPARE(formatDurationNs(12'300), std::string("12.3 µs"));
        QCOMPARE(formatDurationNs(2'400'000'000), std::string("2.4 s"));
        QCOMPARE(formatCount(950), std::string("950"));
        QCOMPARE(formatCount(4'560'000), std::string("4.56 M"));
        // Keys as ipcs prints them: eight hex digits, a negative key as its 32-bit pattern.
        QCOMPARE(formatSysvKey(0), std::string("0x00000000"));
        QCOMPARE(formatSysvKey(0x1bc50001), std::string("0x1bc50001"));
        QCOMPARE(formatSysvKey(-1), std::string("0xffffffff"));
    }

    // A path a user names may be anything: only a regular file within the limit is read, and
    // nothing else is opened (a FIFO without a writer would hang, /dev/zero never ends).
    void readsOnlySmallRegularFiles() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto path = [&](const char* name) {
            return dir.filePath(QLatin1String(name)).toStdString();
        };
        const auto write = [&](const char* name, const QByteArray& bytes) {
            QFile f(QString::fromStdString(path(name)));
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(bytes), bytes.size());
        };
        write("small", "hello\n");
        write("empty", {});
        write("exact", QByteArray(1024, 'x'));
        write("over", QByteArray(1025, 'x'));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("dir.json")));
        QCOMPARE(::mkfifo(path("fifo").c_str(), 0600), 0);
        QCOMPARE(::symlink("/dev/zero", path("zero").c_str()), 0);

        const auto read = [](const std::string& p) {
            return readSmallFile(p, 1024, "a test file");
        };
        QCOMPARE(read(path("small")).value(), std::string("hello\n"));
        QCOMPARE(read(path("empty")).value(), std::string());
        QCOMPARE(read(path("exact"))->size(), std::size_t(1024));

        const auto fails = [&](const std::string& p, const std::string& expected) {
            const auto r = read(p);
            if (r) {
                return QString::fromStdString(p + ": read, but should have been refused");
            }
            return r.error().message == expected ? QString()
                                                 : QString::fromStdString(r.error().message);
        };
        const auto check = [&](const char* name, const std::string& what) {
            const QString problem = fails(path(name), path(name) + what);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        };
        check("over", " is larger than the 1 KiB a test file may have (it has 1.00 KiB)");
        check("dir.json", " is a directory, not a regular file");
        check("fifo", " is a FIFO, not a regular file");
        check("zero", " is a character device, not a regular file");
        QCOMPARE(read(path("missing")).error().message,
                 "cannot open " + path("missing") + ": No such file or directory");
        QCOMPARE(read(path("missing")).error().errnoValue, ENOENT);

        // /proc files say st_size 0: read all the same, and still no more than the limit.
        const auto status = readSmallFile("/proc/self/status", 1 << 20);
        QVERIFY(status);
        QVERIFY(status->starts_with("Name:"));
        const auto capped = readSmallFile("/proc/self/status", 16, "a status");
        QVERIFY(!capped);
        QCOMPARE(capped.error().message,
                 std::string("/proc/self/status is larger than the 16 bytes a status may have"));

        // An fd opened elsewhere gets the same checks.
        UniqueFd fifo(::open(path("fifo").c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
        QVERIFY(fifo);
        const auto fromFd = readSmallFileFrom(fifo.get(), path("fifo"), 1024);
        QVERIFY(!fromFd);
        QCOMPARE(fromFd.error().message, path("fifo") + " is a FIFO, not a regular file");
        QCOMPARE(formatByteLimit(64u << 20), std::string("64 MiB"));
        QCOMPARE(formatByteLimit(1), std::string("1 byte"));
    }

    // Every number the JSON reports print reads back exactly.
    void jsonNumbersAreExact() {
        const std::vector<double> doubles{0.0000004, 123456.789, 1e300, 5e-324, -0.1, 3, 86400.001};
        for (double d : doubles) {
            JsonWriter j;
            j.value(d);
            QCOMPARE(std::strtod(j.str().c_str(), nullptr), d);
        }
        JsonWriter j;
        j.beginArray();
        j.value(std::numeric_limits<std::uint64_t>::max());
        j.value(std::numeric_limits<std::int64_t>::min());
        j.value(std::nan(""));
        j.endArray();
        QCOMPARE(j.str(), std::string("[18446744073709551615,-9223372036854775808,null]"));
    }

    // Fields with literal keys go through the writer's stage; they must come out as the
    // general path writes them: bools, numbers, plain and escaped strings, mixed with other
    // writes, and more of them than the stage holds.
    void jsonLiteralFieldsMatchTheGeneralPath() {
        JsonWriter fast;
        JsonWriter general;
        fast.beginArray();
        general.beginArray();
        for (int i = 0; i < 200; ++i) {
            fast.beginObject();
            general.beginObject();
            fast.field("on", i % 2 == 0);
            general.field(std::string_view("on"), i % 2 == 0);
            fast.field("n", -i);
            general.field(std::string_view("n"), -i);
            fast.field("text", std::string_view(i % 3 ? "plain" : "say \"hi\"\n"));
            general.field(std::string_view("text"),
                          std::string_view(i % 3 ? "plain" : "say \"hi\"\n"));
            fast.key("list");
            general.key("list");
            fast.beginArray();
            general.beginArray();
            fast.value(true);
            general.value(true);
            fast.endArray();
            general.endArray();
            fast.field("off", false);
            general.field(std::string_view("off"), false);
            fast.endObject();
            general.endObject();
        }
        fast.endArray();
        general.endArray();
        QCOMPARE(fast.str(), general.str());
        QVERIFY(fast.str().size() > 4096);
        const std::string first = "[{\"on\":true,\"n\":0,\"text\":\"say \\\"hi\\\"\\n\","
                                  "\"list\":[true],\"off\":false},{\"on\":false,";
        QCOMPARE(fast.str().substr(0, first.size()), first);
    }

    void recognisesOwnPosixNames() {
        QCOMPARE(labPidFromPosixName("/ipcscope.4242.1.ring"), std::optional<pid_t>(4242));
        QCOMPARE(labPidFromPosixName("sem.ipcscope.77.3.empty"), std::optional<pid_t>(77));
        QCOMPARE(labPidFromPosixName("ipcscope.12.mq"), std::optional<pid_t>(12));
        QCOMPARE(labPidFromPosixName("/ipcscope.x.1.ring"), std::nullopt);
        QCOMPARE(labPidFromPosixName("/other.4242.1"), std::nullopt);
        QCOMPARE(labPidFromPosixName("/ipcscope.4242"), std::nullopt);
        QVERIFY(isIpcscopeSysvKey(std::int32_t(0x1bc51234)));
        QVERIFY(!isIpcscopeSysvKey(0x12345678));
    }

    void readsProcessStartTime() {
        const auto mine = processStartTime(::getpid());
        QVERIFY(mine.has_value());
        QVERIFY(*mine > 0);
        QCOMPARE(processStartTime(-5), std::nullopt);
    }

    void manifestRoundTrips() {
        RunManifest m;
        m.labPid = 1234;
        m.labStartTime = 98765;
        m.objects = {{ObjectKind::SysvMsg, 7, std::int32_t(0x1bc5abcd), {}},
                     {ObjectKind::PosixSem, -1, 0, "/ipcscope.1234.1.empty"},
                     {ObjectKind::Fifo, -1, 0, "/tmp/dir with space/fifo"}};
        const auto parsed = RunManifest::parse(m.serialize());
        QVERIFY(parsed);
        QCOMPARE(parsed->labPid, 1234);
        QCOMPARE(parsed->labStartTime, quint64(98765));
        QCOMPARE(parsed->objects.size(), std::size_t(3));
        QCOMPARE(parsed->objects[0].key, std::int32_t(0x1bc5abcd));
        QCOMPARE(parsed->objects[0].id, 7);
        QCOMPARE(parsed->objects[2].name, std::string("/tmp/dir with space/fifo"));

        QTemporaryDir dir;
        QVERIFY(writeManifest(dir.filePath(QStringLiteral("manifest")).toStdString(), m));
        const auto dirFd = openPrivateDir(dir.path().toStdString());
        QVERIFY(dirFd);
        const auto read = readRunManifest(dirFd->get(), dir.path().toStdString());
        QVERIFY2(read, read ? "" : read.error().message.c_str());
        QCOMPARE(read->objects.size(), std::size_t(3));
    }

    // A manifest without its header or lab line is refused; a bad object line is named and
    // skipped, the good ones kept; nothing throws (a non-hex key once aborted rm --stale).
    void malformedManifestsAreRejected_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("refused");
        QTest::addColumn<QString>("expected");
        const QString head = QStringLiteral("ipcscope-manifest 1\nlab 1 2\n");
        const QString good = QStringLiteral("object posix-shm /ipcscope.1.1.ring\n");
        QTest::newRow("empty") << QString() << true << QStringLiteral("not an ipcscope manifest");
        QTest::newRow("no lab") << QStringLiteral("ipcscope-manifest 1\n") << true
                                << QStringLiteral("names no lab");
        QTest::newRow("lab pid not a number")
            << QStringLiteral("ipcscope-manifest 1\nlab x 2\n") << true
            << QStringLiteral("line 2: expected 'lab PID STARTTIME'");
        QTest::newRow("lab pid out of range")
            << QStringLiteral("ipcscope-manifest 1\nlab 99999999999 2\n") << true
            << QStringLiteral("line 2: expected 'lab PID STARTTIME'");
        QTest::newRow("bad kind") << head + QStringLiteral("object bogus 1 0x1\n") + good << false
                                  << QStringLiteral("line 3: unknown object kind 'bogus'");
        QTest::newRow("missing id") << head + QStringLiteral("object sysv-msg\n") + good << false
                                    << QStringLiteral("line 3: expected 'object KIND ID KEY'");
        QTest::newRow("key not hex")
            << head + QStringLiteral("object sysv-msg 0 zz\n") + good << false
            << QStringLiteral("line 3: expected 'object KIND ID KEY' (a whole id, a hex key)");
        QTest::newRow("key too long")
            << head + QStringLiteral("object sysv-msg 0 0x1bc500001\n") + good << false
            << QStringLiteral("line 3: expected 'object KIND ID KEY'");
        QTest::newRow("negative id")
            << head + QStringLiteral("object sysv-msg -4 0x1bc50001\n") + good << false
            << QStringLiteral("line 3: expected 'object KIND ID KEY'");
        QTest::newRow("junk") << head + QStringLiteral("hello\n") + good << false
                              << QStringLiteral("line 3: unknown entry 'hello'");
    }

    void malformedManifestsAreRejected() {
        QFETCH(QString, text);
        QFETCH(bool, refused);
        QFETCH(QString, expected);
        const auto parsed = RunManifest::parse(text.toStdString());
        if (refused) {
            QVERIFY(!parsed);
            QVERIFY2(QString::fromStdString(parsed.error().message).contains(expected),
                     parsed.error().message.c_str());
            return;
        }
        QVERIFY2(parsed, parsed ? "" : parsed.error().message.c_str());
        QCOMPARE(parsed->problems.size(), std::size_t(1));
        QVERIFY2(QString::fromStdString(parsed->problems.front()).contains(expected),
                 parsed->problems.front().c_str());
        QCOMPARE(parsed->objects.size(), std::size_t(1)); // the good line is kept
        QCOMPARE(parsed->objects.front().name, std::string("/ipcscope.1.1.ring"));
    }

    void readsLimitsFromFixture() {
        const KernelLimits l = KernelLimits::read(fixtureProc());
        QCOMPARE(l.msgmax, std::optional<std::uint64_t>(8192));
        QCOMPARE(l.msgmnb, std::optional<std::uint64_t>(16384));
        QCOMPARE(l.semmsl, std::optional<std::uint64_t>(32000));
        QCOMPARE(l.semopm, std::optional<std::uint64_t>(500));
        QCOMPARE(l.mqMsgMax, std::optional<std::uint64_t>(10));
        QCOMPARE(l.pipeMaxSize, std::optional<std::uint64_t>(1048576));
        QCOMPARE(l.wmemMax, std::optional<std::uint64_t>(212992));
        QVERIFY(!l.mayExceedSoftLimits); // the fixture's CapEff is empty
        const KernelLimits missing = KernelLimits::read("/nonexistent");
        QVERIFY(!missing.msgmax);
    }

    // Unprivileged limits (from the fixture): the errors name the limit, its value and where it
    // comes from.
    void validationNamesTheLimit_data() {
        QTest::addColumn<int>("mechanism");
        QTest::addColumn<quint32>("size");
        QTest::addColumn<qint64>("capacity");
        QTest::addColumn<QString>("expected");
        QTest::newRow("mq msgsize")
            << int(Mechanism::PosixMq) << 9000u << qint64(-1)
            << QStringLiteral("msgsize_max = 8192 (/proc/sys/fs/mqueue/msgsize_max)");
        QTest::newRow("mq maxmsg")
            << int(Mechanism::PosixMq) << 64u << qint64(11) << QStringLiteral("msg_max = 10");
        QTest::newRow("msg qbytes")
            << int(Mechanism::SysvMsg) << 64u << qint64(20000) << QStringLiteral("msgmnb = 16384");
        QTest::newRow("pipe size") << int(Mechanism::Pipe) << 64u << qint64(2 << 20)
                                   << QStringLiteral("pipe-max-size = 1048576");
        QTest::newRow("socket buffer") << int(Mechanism::UnixStream) << 64u << qint64(1 << 20)
                                       << QStringLiteral("wmem_max = 212992");
        QTest::newRow("tokens") << int(Mechanism::SysvSem) << 64u << qint64(40000)
                                << QStringLiteral("SEMVMX");
        QTest::newRow("queue smaller than message")
            << int(Mechanism::SysvMsg) << 4096u << qint64(1000)
            << QStringLiteral("cannot hold one message");
    }

    void validationNamesTheLimit() {
        QFETCH(int, mechanism);
        QFETCH(quint32, size);
        QFETCH(qint64, capacity);
        QFETCH(QString, expected);
        RunConfig c;
        c.mechanism = Mechanism(mechanism);
        c.messageSize = size;
        if (capacity >= 0) {
            c.capacity = std::uint64_t(capacity);
        }
        const auto result = validateConfig(c, KernelLimits::read(fixtureProc()));
        QVERIFY(!result);
        QVERIFY2(QString::fromStdString(result.error().message).contains(expected),
                 result.error().message.c_str());
    }

    void validationWarnsAboutPipeBuf() {
        RunConfig c;
        c.mechanism = Mechanism::Pipe;
        c.producers = 2;
        c.messageSize = 8192;
        const auto result = validateConfig(c, KernelLimits::read(fixtureProc()));
        QVERIFY(result);
        QCOMPARE(result->size(), std::size_t(1));
        QVERIFY(QString::fromStdString(result->front()).contains(QStringLiteral("PIPE_BUF")));
        c.messageSize = 4096;
        QVERIFY(validateConfig(c, KernelLimits::read(fixtureProc()))->empty());
    }

    void splitsMessageQuota() {
        RunConfig c;
        c.producers = 3;
        c.messages = 10;
        QCOMPARE(c.quotaFor(0) + c.quotaFor(1) + c.quotaFor(2), quint64(10));
        QCOMPARE(c.quotaFor(0), quint64(4));
        QCOMPARE(c.quotaFor(2), quint64(3));
    }
};

QTEST_GUILESS_MAIN(TestBase)
#include "tst_base.moc"
