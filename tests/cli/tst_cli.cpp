// ipcscope-cli as a user runs it: exit statuses, the JSON report, and clear errors for bad input.

#include "../common/testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <mqueue.h>
#include <sys/msg.h>
#include <sys/stat.h>
#include <unistd.h>

#include <map>

using namespace testsupport;

namespace {

// System V queues this test creates, with keys no one else uses (the pid in them), removed on
// every way out of the test.
struct TestQueues {
    std::vector<int> ids;
    std::vector<key_t> keys;
    ~TestQueues() {
        for (int id : ids) {
            ::msgctl(id, IPC_RMID, nullptr);
        }
    }
    int add(int perms) {
        const key_t key =
            key_t(0x5c000000u | (unsigned(::getpid()) & 0xfffffu) << 4 | unsigned(keys.size()));
        const int id = ::msgget(key, IPC_CREAT | IPC_EXCL | perms);
        if (id >= 0) {
            ids.push_back(id);
            keys.push_back(key);
        }
        return id;
    }
};

struct ProcQueue {
    qint64 key = 0;
    int perms = 0;
    qint64 ctime = 0;
};

// /proc/sysvipc/msg by id, its columns found by the header's names.
std::map<int, ProcQueue> procQueues() {
    QFile f(QStringLiteral("/proc/sysvipc/msg"));
    std::map<int, ProcQueue> queues;
    if (!f.open(QIODevice::ReadOnly)) {
        return queues;
    }
    const QList<QByteArray> lines = f.readAll().split('\n');
    const QList<QByteArray> header = lines.value(0).simplified().split(' ');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> f = lines[i].simplified().split(' ');
        if (f.size() != header.size()) {
            continue;
        }
        const auto at = [&](const char* name) { return f[header.indexOf(name)]; };
        queues[at("msqid").toInt()] = {at("key").toLongLong(), at("perms").toInt(nullptr, 8),
                                       at("ctime").toLongLong()};
    }
    return queues;
}

QString permsText(int mode) {
    QString s;
    for (int i = 0; i < 9; ++i) {
        s += (mode >> (8 - i)) & 1 ? QLatin1Char("rwxrwxrwx"[i]) : QLatin1Char('-');
    }
    return s;
}

// Raw mode's lines split into their cells.
QList<QStringList> rawRows(const QByteArray& out) {
    QList<QStringList> rows;
    for (const QString& line :
         QString::fromUtf8(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        rows.append(line.split(QLatin1Char(' ')));
    }
    return rows;
}

// The first word of each line of --list-columns.
QStringList listedColumns(const QByteArray& out) {
    QStringList names;
    for (const QString& line :
         QString::fromUtf8(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        names << line.simplified().section(QLatin1Char(' '), 0, 0);
    }
    return names;
}

} // namespace

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

    // lsipc's habits: -o KEY,ID,PERMS -n -r prints exactly those cells, one row per object, as
    // /proc/sysvipc/msg has them; -P prints the permissions in octal.
    void lsRawColumnsMatchProcSysvipc() {
        TestQueues queues;
        for (int perms : {0640, 0600, 0444}) {
            QVERIFY(queues.add(perms) >= 0);
        }
        const Outcome o =
            cli({QStringLiteral("ls"), QStringLiteral("--kind"), QStringLiteral("sysv-msg"),
                 QStringLiteral("-o"), QStringLiteral("KEY,ID,PERMS"), QStringLiteral("-n"),
                 QStringLiteral("-r")});
        QCOMPARE(o.exitCode, 0);
        const auto proc = procQueues();
        std::map<int, QStringList> listed;
        for (const QStringList& row : rawRows(o.out)) {
            QCOMPARE(row.size(), 3); // no heading, three cells
            listed[row[1].toInt()] = row;
        }
        for (std::size_t i = 0; i < queues.ids.size(); ++i) {
            const int id = queues.ids[i];
            QVERIFY2(listed.count(id) && proc.count(id), qPrintable(QString::number(id)));
            const ProcQueue& p = proc.at(id);
            QCOMPARE(listed[id][0],
                     QStringLiteral("0x%1").arg(quint32(p.key), 8, 16, QLatin1Char('0')));
            QCOMPARE(p.key, qint64(queues.keys[i]));
            QCOMPARE(listed[id][2], permsText(p.perms));
        }
        const Outcome octal =
            cli({QStringLiteral("ls"), QStringLiteral("--kind"), QStringLiteral("sysv-msg"),
                 QStringLiteral("-rnP"), QStringLiteral("--output=ID,PERMS")});
        QCOMPARE(octal.exitCode, 0);
        int seen = 0;
        for (const QStringList& row : rawRows(octal.out)) {
            if (const auto it = proc.find(row[0].toInt()); it != proc.end()) {
                QCOMPARE(row[1], QStringLiteral("0%1").arg(it->second.perms, 0, 8));
                ++seen;
            }
        }
        QVERIFY(seen >= 3);
    }

    // Sizes in KiB by default, in bytes with -b: in the table, in raw mode (the blank escaped
    // as \x20) and in JSON (a string, a number).
    void lsBytesAgainstReadableSizes() {
        TestQueues queues;
        const int id = queues.add(0600);
        QVERIFY(id >= 0);
        struct {
            long type = 1;
            char text[1500] = {};
        } message;
        QCOMPARE(::msgsnd(id, &message, sizeof message.text, IPC_NOWAIT), 0);
        const auto row = [&](const QStringList& extra) {
            const Outcome o = cli(QStringList{QStringLiteral("ls"), QStringLiteral("--kind"),
                                              QStringLiteral("sysv-msg"), QStringLiteral("-n"),
                                              QStringLiteral("-r"), QStringLiteral("-o"),
                                              QStringLiteral("ID,SIZE,USEDBYTES,MSGS")} +
                                  extra);
            for (const QStringList& r : rawRows(o.out)) {
                if (r[0].toInt() == id) {
                    return r;
                }
            }
            return QStringList();
        };
        QCOMPARE(row({}), (QStringList{QString::number(id), QStringLiteral("1.46\\x20KiB"),
                                       QStringLiteral("1.46\\x20KiB"), QStringLiteral("1")}));
        QCOMPARE(row({QStringLiteral("-b")}),
                 (QStringList{QString::number(id), QStringLiteral("1500"), QStringLiteral("1500"),
                              QStringLiteral("1")}));
        for (const bool bytes : {false, true}) {
            QStringList args{QStringLiteral("ls"),       QStringLiteral("--kind"),
                             QStringLiteral("sysv-msg"), QStringLiteral("--json"),
                             QStringLiteral("-o"),       QStringLiteral("ID,SIZE")};
            if (bytes) {
                args << QStringLiteral("--bytes");
            }
            const Outcome o = cli(args);
            QCOMPARE(o.exitCode, 0);
            QJsonObject mine;
            for (const auto& v :
                 QJsonDocument::fromJson(o.out)[QLatin1String("objects")].toArray()) {
                if (v[QLatin1String("id")].toInt() == id) {
                    mine = v.toObject();
                }
            }
            QCOMPARE(mine.keys(), (QStringList{QStringLiteral("id"), QStringLiteral("size")}));
            QCOMPARE(mine[QLatin1String("size")].toVariant(),
                     bytes ? QVariant(1500) : QVariant(QStringLiteral("1.46 KiB")));
        }
    }

    // --time-format iso: the change time /proc/sysvipc has, in ISO 8601; -o +COL adds to the
    // default columns.
    void lsTimeFormatAndAddedColumns() {
        TestQueues queues;
        const int id = queues.add(0600);
        QVERIFY(id >= 0);
        const Outcome o =
            cli({QStringLiteral("ls"), QStringLiteral("--kind"), QStringLiteral("sysv-msg"),
                 QStringLiteral("-rn"), QStringLiteral("-o"), QStringLiteral("ID,CTIME"),
                 QStringLiteral("--time-format"), QStringLiteral("iso")});
        QCOMPARE(o.exitCode, 0);
        bool found = false;
        for (const QStringList& r : rawRows(o.out)) {
            if (r[0].toInt() == id) {
                found = true;
                const QDateTime t = QDateTime::fromString(r[1], Qt::ISODate);
                QVERIFY2(t.isValid(), qPrintable(r[1]));
                QCOMPARE(t.toSecsSinceEpoch(), procQueues().at(id).ctime);
            }
        }
        QVERIFY(found);
        const Outcome added =
            cli({QStringLiteral("ls"), QStringLiteral("--kind"), QStringLiteral("sysv-msg"),
                 QStringLiteral("-r"), QStringLiteral("-o"), QStringLiteral("+cuid,LSPID")});
        QCOMPARE(added.exitCode, 0);
        QCOMPARE(
            rawRows(added.out).value(0),
            (QStringList{QStringLiteral("KIND"), QStringLiteral("NAME"), QStringLiteral("KEY"),
                         QStringLiteral("OWNER"), QStringLiteral("PERMS"), QStringLiteral("SIZE"),
                         QStringLiteral("USAGE"), QStringLiteral("CTIME"), QStringLiteral("CUID"),
                         QStringLiteral("LSPID")}));
    }

    // Table columns line up by characters, not bytes: a name of two-byte characters, long
    // enough to be measured eight bytes at a time, takes as many columns as its ASCII twin.
    void tableAlignsMultibyteNames() {
        const std::string stem = "/tstcli." + std::to_string(::getpid()) + ".";
        const std::vector<std::string> names = {stem + std::string(13, 'a'),
                                                stem + "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"
                                                       "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"};
        struct Queues {
            std::vector<std::string> made;
            ~Queues() {
                for (const auto& n : made) {
                    ::mq_unlink(n.c_str());
                }
            }
        } queues;
        for (const auto& name : names) {
            const mqd_t q = ::mq_open(name.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600, nullptr);
            QVERIFY2(q != mqd_t(-1), std::strerror(errno));
            queues.made.push_back(name);
            ::mq_close(q);
        }
        const Outcome o =
            cli({QStringLiteral("ls"), QStringLiteral("--kind"), QStringLiteral("posix-mq"),
                 QStringLiteral("-o"), QStringLiteral("NAME,PERMS")});
        QCOMPARE(o.exitCode, 0);
        std::vector<qsizetype> permsAt;
        for (const QString& line : QString::fromUtf8(o.out).split(QLatin1Char('\n'))) {
            for (const auto& name : names) {
                if (line.startsWith(QString::fromStdString(name) + QLatin1Char(' '))) {
                    permsAt.push_back(line.indexOf(QStringLiteral("rw-------")));
                }
            }
        }
        QCOMPARE(permsAt.size(), std::size_t(2));
        QVERIFY(permsAt[0] > 0);
        QCOMPARE(permsAt[0], permsAt[1]);
    }

    // Every column --list-columns names is accepted by -o, and lsipc's names are among them.
    void listedColumnsAreAccepted() {
        for (const char* command : {"ls", "limits"}) {
            const QString c = QLatin1String(command);
            const Outcome list = cli({c, QStringLiteral("--list-columns")});
            QCOMPARE(list.exitCode, 0);
            const QStringList names = listedColumns(list.out);
            QVERIFY2(names.size() >= (c == QLatin1String("ls") ? 35 : 5), list.out.constData());
            for (const QString& name : names) {
                const Outcome o = cli({c, QStringLiteral("-n"), QStringLiteral("-o"), name});
                QVERIFY2(o.exitCode == 0,
                         qPrintable(name + QLatin1Char(' ') + QString::fromUtf8(o.err)));
            }
            const QStringList lsipc =
                c == QLatin1String("ls")
                    ? QStringList{"KEY",     "ID",     "OWNER",  "PERMS",     "CUID",   "CUSER",
                                  "CGID",    "CGROUP", "UID",    "USER",      "GID",    "GROUP",
                                  "CTIME",   "SIZE",   "NATTCH", "STATUS",    "ATTACH", "DETACH",
                                  "COMMAND", "CPID",   "LPID",   "USEDBYTES", "MSGS",   "SEND",
                                  "RECV",    "LSPID",  "LRPID",  "NSEMS",     "OTIME"}
                    : QStringList{"RESOURCE", "DESCRIPTION", "LIMIT", "USED", "USE%"};
            for (const QString& name : lsipc) {
                QVERIFY2(names.contains(name), qPrintable(name));
            }
            const Outcome all =
                cli({c, QStringLiteral("-r"), QStringLiteral("-o"), names.join(QLatin1Char(','))});
            QCOMPARE(all.exitCode, 0);
            QCOMPARE(rawRows(all.out).value(0), names);
        }
    }

    void badColumnOrFormatIsRefused_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown ls column")
            << QStringList{QStringLiteral("ls"), QStringLiteral("-o"), QStringLiteral("KEY,BOGUS")}
            << QStringLiteral("unknown column 'BOGUS'; columns: KIND NAME KEY ID");
        QTest::newRow("unknown limits column")
            << QStringList{QStringLiteral("limits"), QStringLiteral("--output=NSEMS")}
            << QStringLiteral("unknown column 'NSEMS'; columns: RESOURCE DESCRIPTION LIMIT");
        QTest::newRow("empty column")
            << QStringList{QStringLiteral("ls"), QStringLiteral("-o"), QStringLiteral("KEY,,ID")}
            << QStringLiteral("an empty column name in 'KEY,,ID'");
        QTest::newRow("time format")
            << QStringList{QStringLiteral("ls"), QStringLiteral("--time-format"),
                           QStringLiteral("long")}
            << QStringLiteral("--time-format takes short, full or iso, not 'long'");
        QTest::newRow("json and raw")
            << QStringList{QStringLiteral("limits"), QStringLiteral("--json"), QStringLiteral("-r")}
            << QStringLiteral("--json and --raw are two output formats");
        QTest::newRow("output twice")
            << QStringList{QStringLiteral("ls"), QStringLiteral("-o"), QStringLiteral("KEY"),
                           QStringLiteral("--output"), QStringLiteral("ID")}
            << QStringLiteral("--output is given twice");
        QTest::newRow("no value") << QStringList{QStringLiteral("ls"), QStringLiteral("-o")}
                                  << QStringLiteral("--output needs a value (COLUMNS)");
        QTest::newRow("unknown short option")
            << QStringList{QStringLiteral("ls"), QStringLiteral("-nq")}
            << QStringLiteral("unknown option '-q'");
    }

    void badColumnOrFormatIsRefused() {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Outcome o = cli(args);
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(QString::fromUtf8(o.err).contains(expected), o.err.constData());
        QVERIFY(o.out.isEmpty());
    }

    // Each command's --help begins with its own usage line, whatever path ran the program.
    void everyCommandsHelpNamesIt() {
        for (const char* command :
             {"run", "mechanisms", "lessons", "ls", "limits", "rm", "observe"}) {
            const Outcome o = cli({QLatin1String(command), QStringLiteral("--help")});
            QCOMPARE(o.exitCode, 0);
            const QString first = QString::fromUtf8(o.out).section(QLatin1Char('\n'), 0, 0);
            QVERIFY2(first.startsWith(
                         QStringLiteral("Usage: ipcscope-cli %1 ").arg(QLatin1String(command))) ||
                         first ==
                             QStringLiteral("Usage: ipcscope-cli %1").arg(QLatin1String(command)),
                     qPrintable(first));
        }
        for (const char* version : {"--version", "-V", "-v"}) {
            const Outcome o = cli({QLatin1String(version)});
            QCOMPARE(o.exitCode, 0);
            QVERIFY2(QRegularExpression(QStringLiteral("^ipcscope-cli \\d+\\.\\d+\\.\\d+\n$"))
                         .match(QString::fromUtf8(o.out))
                         .hasMatch(),
                     o.out.constData());
        }
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
