// Safe removal of what the inventory lists: identity checks, attached segments, permissions,
// FIFOs, and `ipcscope-cli ls | limits | rm` with their bad usage. Every object a test creates is
// removed by the test; nothing else is touched.

#include "../common/inventoryfixture.h"

using namespace ipcscope;
using namespace inventorytests;
using namespace testsupport;

class TestInventoryRemoval : public QObject, private InventoryFixture {
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { removeCreated(); }

    void removalChecksIdentity() {
        const int id = makeQueue();
        QVERIFY(id >= 0);
        InventoryScanner scanner;
        const Inventory inv = scanner.scan();
        const IpcObject* o = findById(inv, IpcKind::SysvMsg, id);
        QVERIFY(o);
        ObjectIdentity wrong = ObjectIdentity::of(*o);
        wrong.key = 0x1234;
        const auto refused = removeIpcObject(IpcKind::SysvMsg, std::to_string(id), wrong);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.find("not the object you listed") != std::string::npos,
                 refused.error().message.c_str());
        QVERIFY(sysvObjectExists(ObjectKind::SysvMsg, id, *o->key)); // survived
        const auto removed =
            removeIpcObject(IpcKind::SysvMsg, std::to_string(id), ObjectIdentity::of(*o));
        QVERIFY2(removed, removed ? "" : removed.error().message.c_str());
        QVERIFY(!sysvObjectExists(ObjectKind::SysvMsg, id, *o->key)); // gone from /proc/sysvipc
        const auto again = removeIpcObject(IpcKind::SysvMsg, std::to_string(id), {});
        QVERIFY(!again);
        QVERIFY(again.error().message.find("does not exist") != std::string::npos);
        QVERIFY(!removeIpcObject(IpcKind::SysvMsg, "abc", {}));
        QVERIFY(!removeIpcObject(IpcKind::Pipe, "pipe:[1]", {}));
    }

    void removingAnAttachedSegmentMarksIt() {
        const int id = ::shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
        QVERIFY(id >= 0);
        m_sysv.emplace_back(IpcKind::SysvShm, id);
        void* at = ::shmat(id, nullptr, 0);
        QVERIFY(at != reinterpret_cast<void*>(-1));
        const auto r = removeIpcObject(IpcKind::SysvShm, std::to_string(id), {});
        QVERIFY(r);
        QVERIFY(r->markedForDestruction);
        QVERIFY(r->message.find("marked for destruction") != std::string::npos);
        InventoryOptions opt = optionsFor(IpcKind::SysvShm);
        InventoryScanner scanner(opt);
        const Inventory inv = scanner.scan();
        const IpcObject* o = findById(inv, IpcKind::SysvShm, id);
        QVERIFY(o);
        QVERIFY(o->destroyPending);
        QCOMPARE(*o->key, 0); // IPC_PRIVATE now
        ::shmdt(at);
        QVERIFY(waitUntil([&] { return !findById(scanner.scan(), IpcKind::SysvShm, id); }));
    }

    void posixRemovalChecksIdentity() {
        const std::string name = posixName("rm");
        const int fd = ::shm_open(name.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600);
        QVERIFY(fd >= 0);
        ::close(fd);
        m_posix.emplace_back(IpcKind::PosixShm, name);
        InventoryOptions opt = optionsFor(IpcKind::PosixShm);
        InventoryScanner scanner(opt);
        const Inventory inv = scanner.scan();
        const IpcObject* o = findByName(inv, IpcKind::PosixShm, name);
        QVERIFY(o);
        ObjectIdentity stale = ObjectIdentity::of(*o);
        *stale.inode += 1;
        QVERIFY(!removeIpcObject(IpcKind::PosixShm, name, stale));
        QVERIFY(QFile::exists(QStringLiteral("/dev/shm") + QString::fromStdString(name)));
        QVERIFY(removeIpcObject(IpcKind::PosixShm, name, ObjectIdentity::of(*o)));
        QVERIFY(!QFile::exists(QStringLiteral("/dev/shm") + QString::fromStdString(name)));
    }

    // An unprivileged process may not remove root's object: clear words, and it survives.
    void permissionDeniedIsExplained() {
        if (::geteuid() != 0) {
            QSKIP("needs root to create an object owned by another user than the one trying to "
                  "remove it");
        }
        const int id = ::msgget(IPC_PRIVATE, IPC_CREAT | 0600);
        QVERIFY(id >= 0);
        m_sysv.emplace_back(IpcKind::SysvMsg, id);
        int report[2];
        QCOMPARE(::pipe(report), 0);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            ::close(report[0]);
            if (::setgid(65534) != 0 || ::setuid(65534) != 0) {
                ::_exit(3);
            }
            const auto r = removeIpcObject(IpcKind::SysvMsg, std::to_string(id), {});
            const std::string text = r ? "REMOVED" : r.error().message;
            [[maybe_unused]] auto n = ::write(report[1], text.data(), text.size());
            ::_exit(r ? 1 : 0);
        }
        ::close(report[1]);
        QByteArray text;
        char buf[512];
        ssize_t n;
        while ((n = ::read(report[0], buf, sizeof buf)) > 0) {
            text.append(buf, n);
        }
        ::close(report[0]);
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0, text.constData());
        QVERIFY2(text.contains("permission denied") && text.contains("belongs to root") &&
                     text.contains("uid 65534"),
                 text.constData());
        msqid_ds ds{};
        QCOMPARE(::msgctl(id, IPC_STAT, &ds), 0); // still there
    }

    // A FIFO is removed only when the very entry named is a FIFO: not a regular file, not a
    // symlink to a FIFO (the link is not followed).
    void fifoRemovalRemovesOnlyFifos() {
        QTemporaryDir dir;
        const std::string fifo = dir.filePath(QStringLiteral("fifo")).toStdString();
        const std::string file = dir.filePath(QStringLiteral("file")).toStdString();
        const std::string link = dir.filePath(QStringLiteral("link")).toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        writeFile(QString::fromStdString(file), "data");
        QCOMPARE(::symlink(fifo.c_str(), link.c_str()), 0);
        const auto onFile = removeIpcObject(IpcKind::Fifo, file, {});
        QVERIFY(!onFile && onFile.error().message.find("is not a FIFO") != std::string::npos);
        const auto onLink = removeIpcObject(IpcKind::Fifo, link, {});
        QVERIFY(!onLink && onLink.error().message.find("is not a FIFO") != std::string::npos);
        QVERIFY(QFileInfo::exists(QString::fromStdString(file)));
        struct stat st {};
        QCOMPARE(::lstat(link.c_str(), &st), 0);
        const auto removed = removeIpcObject(IpcKind::Fifo, fifo, {});
        QVERIFY2(removed, removed ? "" : removed.error().message.c_str());
        QVERIFY(::lstat(fifo.c_str(), &st) != 0);
    }

    // Bad usage of rm is exit 2 with a sentence, before anything is touched (it was 1, or
    // "Unknown option '1'").
    void rmRefusesBadUsage_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char* name, QStringList args, const char* expected) {
            QTest::newRow(name) << args << QString::fromUtf8(expected);
        };
        row("id not a number", {"sysv-msg", "abc"}, "'abc' is not a System V id");
        row("negative id", {"sysv-msg", "-1"}, "'-1' is not a System V id");
        row("id too large", {"sysv-msg", "99999999999"}, "is not a System V id");
        row("key not hex", {"sysv-msg", "5", "--key", "zz"}, "--key needs a System V key");
        row("key too wide", {"sysv-msg", "5", "--key", "0x1bc500001"}, "--key needs");
        row("repeated option", {"sysv-msg", "5", "--key", "1", "--key", "2"},
            "--key is given twice");
        row("inode for System V", {"sysv-msg", "5", "--inode", "3"},
            "--inode is for POSIX and FIFO objects");
        row("key for POSIX", {"posix-shm", "/x", "--key", "1"}, "--key is for System V objects");
        row("queue ctime", {"posix-mq", "/q", "--ctime-ns", "5"},
            "--ctime-ns cannot identify a POSIX message queue");
        row("POSIX name with a slash", {"posix-mq", "/a/b"}, "is not a POSIX object name");
        row("negative uid", {"sysv-msg", "5", "--cuid", "-3"}, "--cuid needs a whole number");
    }

    void rmRefusesBadUsage() {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        QProcess rm;
        rm.start(cliPath(), QStringList{QStringLiteral("rm")} + args);
        QVERIFY(rm.waitForFinished(30000));
        const QString err = QString::fromUtf8(rm.readAllStandardError());
        QCOMPARE(rm.exitStatus(), QProcess::NormalExit);
        QCOMPARE(rm.exitCode(), 2);
        QVERIFY2(err.contains(expected), qPrintable(err));
    }

    void cliListsRemovesAndExplains() {
        const int id = makeQueue();
        QVERIFY(id >= 0);
        QProcess ls;
        ls.start(cliPath(),
                 {QStringLiteral("ls"), QStringLiteral("--kind"), QStringLiteral("sysv-msg"),
                  QStringLiteral("--json"), QStringLiteral("--details")});
        QVERIFY(ls.waitForFinished(30000));
        QCOMPARE(ls.exitCode(), 0);
        const QJsonObject doc = QJsonDocument::fromJson(ls.readAllStandardOutput()).object();
        QVERIFY(doc.value(QStringLiteral("warnings")).isArray());
        bool found = false;
        for (const auto& v : doc.value(QStringLiteral("objects")).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("id")).toInt(-1) == id) {
                found = true;
                QCOMPARE(o.value(QStringLiteral("kind")).toString(), QStringLiteral("sysv-msg"));
                QCOMPARE(o.value(QStringLiteral("perms")).toString(), QStringLiteral("640"));
                QVERIFY(o.contains(QStringLiteral("owner")) && o.contains(QStringLiteral("uid")) &&
                        o.contains(QStringLiteral("size_bytes")) &&
                        o.contains(QStringLiteral("queue_limit_bytes")));
            }
        }
        QVERIFY(found);
        QProcess rm;
        rm.start(cliPath(), {QStringLiteral("rm"), QStringLiteral("sysv-msg"), QString::number(id),
                             QStringLiteral("--key"), QStringLiteral("0x1")});
        QVERIFY(rm.waitForFinished(30000));
        QCOMPARE(rm.exitCode(), 1);
        QVERIFY(rm.readAllStandardError().contains("not the object you listed"));
        QVERIFY(::msgctl(id, IPC_STAT, nullptr) == 0 || errno != EINVAL); // still there
        QProcess bad;
        bad.start(cliPath(),
                  {QStringLiteral("ls"), QStringLiteral("--kind"), QStringLiteral("bogus")});
        QVERIFY(bad.waitForFinished(30000));
        QCOMPARE(bad.exitCode(), 2);
        QProcess twice; // an option given twice is refused, but --kind is meant to repeat
        twice.start(cliPath(),
                    {QStringLiteral("limits"), QStringLiteral("--json"), QStringLiteral("--json")});
        QVERIFY(twice.waitForFinished(30000));
        QCOMPARE(twice.exitCode(), 2);
        QVERIFY(twice.readAllStandardError().contains("--json is given twice"));
        QProcess kinds;
        kinds.start(cliPath(),
                    {QStringLiteral("ls"), QStringLiteral("--kind"), QStringLiteral("sysv-msg"),
                     QStringLiteral("--kind"), QStringLiteral("sysv-sem")});
        QVERIFY(kinds.waitForFinished(30000));
        QCOMPARE(kinds.exitCode(), 0);
        QProcess limits;
        limits.start(cliPath(), {QStringLiteral("limits"), QStringLiteral("--json")});
        QVERIFY(limits.waitForFinished(30000));
        QCOMPARE(limits.exitCode(), 0);
        QVERIFY(QJsonDocument::fromJson(limits.readAllStandardOutput())
                    .object()
                    .value(QStringLiteral("limits"))
                    .toArray()
                    .size() >= 15);
    }
};

QTEST_GUILESS_MAIN(TestInventoryRemoval)
#include "tst_inventoryremoval.moc"
