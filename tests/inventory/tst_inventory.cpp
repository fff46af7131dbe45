// The inventory against real kernel objects (compared with ipcs and lsipc), generated fixture
// trees with odd inputs, safe removal, permissions and stale cleanup. Every object a test
// creates is removed by the test; nothing else is touched.

#include "../common/testsupport.h"

#include "base/naming.h"
#include "inventory/inventory.h"
#include "inventory/removal.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <mqueue.h>
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace ipcscope;
using namespace testsupport;

namespace {

QByteArray run(const QString& program, const QStringList& args) {
    QProcess p;
    p.start(program, args);
    p.waitForFinished(30000);
    return p.readAllStandardOutput();
}

const IpcObject* findById(const Inventory& inv, IpcKind kind, int id) {
    for (const auto& o : inv.objects) {
        if (o.kind == kind && o.id && *o.id == id) {
            return &o;
        }
    }
    return nullptr;
}

const IpcObject* findByName(const Inventory& inv, IpcKind kind, const std::string& name) {
    for (const auto& o : inv.objects) {
        if (o.kind == kind && o.name == name) {
            return &o;
        }
    }
    return nullptr;
}

void writeFile(const QString& path, const QByteArray& data) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

} // namespace

class TestInventory : public QObject {
    Q_OBJECT

    // Objects this test created, removed in cleanup() whatever happened.
    std::vector<std::pair<IpcKind, int>> m_sysv;
    std::vector<std::pair<IpcKind, std::string>> m_posix;
    std::string m_prefix;

    int makeQueue() {
        const int id = ::msgget(IPC_PRIVATE, IPC_CREAT | 0640);
        if (id >= 0) {
            m_sysv.emplace_back(IpcKind::SysvMsg, id);
        }
        return id;
    }
    std::string posixName(const char* role) const { return m_prefix + role; }

private Q_SLOTS:
    void initTestCase() { m_prefix = "/tst_inventory." + std::to_string(::getpid()) + "."; }

    void cleanup() {
        for (const auto& [kind, id] : m_sysv) {
            kind == IpcKind::SysvMsg   ? ::msgctl(id, IPC_RMID, nullptr)
            : kind == IpcKind::SysvShm ? ::shmctl(id, IPC_RMID, nullptr)
                                       : ::semctl(id, 0, IPC_RMID);
        }
        m_sysv.clear();
        for (const auto& [kind, name] : m_posix) {
            kind == IpcKind::PosixMq    ? ::mq_unlink(name.c_str())
            : kind == IpcKind::PosixShm ? ::shm_unlink(name.c_str())
                                        : ::sem_unlink(name.c_str());
        }
        m_posix.clear();
    }

    // The facts agree with ipcs and lsipc for objects made by ipcmk and by us.
    void agreesWithIpcsAndLsipc() {
        const QString ipcmk = QStandardPaths::findExecutable(QStringLiteral("ipcmk"));
        if (ipcmk.isEmpty()) {
            QSKIP("util-linux's ipcmk is not installed");
        }
        const auto idFrom = [](const QByteArray& out) {
            return out.trimmed().split(' ').last().toInt();
        };
        const int q = idFrom(
            run(ipcmk, {QStringLiteral("-Q"), QStringLiteral("-p"), QStringLiteral("0640")}));
        m_sysv.emplace_back(IpcKind::SysvMsg, q);
        const int m = idFrom(run(ipcmk, {QStringLiteral("-M"), QStringLiteral("12345")}));
        m_sysv.emplace_back(IpcKind::SysvShm, m);
        const int s = idFrom(run(ipcmk, {QStringLiteral("-S"), QStringLiteral("5")}));
        m_sysv.emplace_back(IpcKind::SysvSem, s);
        const int own = makeQueue();
        QVERIFY(q >= 0 && m >= 0 && s >= 0 && own >= 0);
        // Put two messages in our queue so counts are not all zero.
        struct {
            long type;
            char text[100];
        } msg{7, "hello"};
        QCOMPARE(::msgsnd(own, &msg, 100, 0), 0);
        QCOMPARE(::msgsnd(own, &msg, 50, 0), 0);

        InventoryScanner scanner;
        const Inventory inv = scanner.scan();

        const auto lsipc = [&](const char* flag, const char* columns) {
            return QJsonDocument::fromJson(
                       run(QStringLiteral("lsipc"),
                           {QLatin1String(flag), QStringLiteral("--json"), QStringLiteral("-b"),
                            QStringLiteral("-o"), QLatin1String(columns)}))
                .object();
        };
        const auto row = [](const QJsonObject& doc, const char* array, int id) {
            for (const auto& v : doc.value(QLatin1String(array)).toArray()) {
                if (v.toObject().value(QStringLiteral("id")).toVariant().toInt() == id) {
                    return v.toObject();
                }
            }
            return QJsonObject();
        };
        const QJsonObject msgs = lsipc("-q", "KEY,ID,OWNER,PERMS,USEDBYTES,MSGS");
        for (int id : {q, own}) {
            const IpcObject* o = findById(inv, IpcKind::SysvMsg, id);
            QVERIFY(o);
            const QJsonObject r = row(msgs, "messages", id);
            QVERIFY2(!r.isEmpty(), "lsipc does not list the queue");
            QCOMPARE(QStringLiteral("0x%1").arg(quint32(*o->key), 8, 16, QLatin1Char('0')),
                     r.value(QStringLiteral("key")).toString());
            QCOMPARE(QString::fromStdString(o->owner), r.value(QStringLiteral("owner")).toString());
            QCOMPARE(o->sizeBytes, r.value(QStringLiteral("usedbytes")).toVariant().toULongLong());
            QCOMPARE(o->messages.value(),
                     r.value(QStringLiteral("msgs")).toVariant().toULongLong());
            QCOMPARE(o->mode & 0777, id == own ? 0640u : 0640u);
        }
        QCOMPARE(findById(inv, IpcKind::SysvMsg, own)->messages.value(), quint64(2));
        QCOMPARE(findById(inv, IpcKind::SysvMsg, own)->sizeBytes, quint64(150));
        QVERIFY(findById(inv, IpcKind::SysvMsg, own)->queueLimitBytes.value() > 0);

        const QJsonObject shm = lsipc("-m", "KEY,ID,OWNER,SIZE,NATTCH");
        const IpcObject* seg = findById(inv, IpcKind::SysvShm, m);
        QVERIFY(seg);
        const QJsonObject shmRow = row(shm, "sharedmemory", m);
        QCOMPARE(seg->sizeBytes, quint64(12345));
        QCOMPARE(seg->sizeBytes, shmRow.value(QStringLiteral("size")).toVariant().toULongLong());
        QCOMPARE(seg->attached.value(),
                 shmRow.value(QStringLiteral("nattch")).toVariant().toULongLong());

        const QJsonObject sems = lsipc("-s", "KEY,ID,OWNER,NSEMS");
        const IpcObject* set = findById(inv, IpcKind::SysvSem, s);
        QVERIFY(set);
        QCOMPARE(set->semaphores.value(), 5u);
        QCOMPARE(
            quint32(row(sems, "semaphores", s).value(QStringLiteral("nsems")).toVariant().toUInt()),
            5u);

        // And ipcs names the same ids with the same owners.
        const QString ipcs = QString::fromUtf8(run(QStringLiteral("ipcs"), {QStringLiteral("-a")}));
        for (int id : {q, m, s, own}) {
            QVERIFY2(
                ipcs.contains(QRegularExpression(QStringLiteral("\\b%1\\s+root\\b").arg(id))) ||
                    ::geteuid() != 0,
                qPrintable(ipcs));
        }
    }

    void semaphoreValuesOnRequest() {
        const int id = ::semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
        QVERIFY(id >= 0);
        m_sysv.emplace_back(IpcKind::SysvSem, id);
        unsigned short init[3] = {4, 0, 9};
        QCOMPARE(::semctl(id, 0, SETALL, init), 0);
        InventoryOptions opt;
        opt.kinds = {IpcKind::SysvSem};
        opt.semaphoreValues = true;
        InventoryScanner scanner(opt);
        const Inventory inv = scanner.scan();
        const IpcObject* o = findById(inv, IpcKind::SysvSem, id);
        QVERIFY(o);
        QCOMPARE(o->semaphoreValues.size(), std::size_t(3));
        QCOMPARE(o->semaphoreValues[0].value, 4);
        QCOMPARE(o->semaphoreValues[2].value, 9);
        QCOMPARE(o->semaphoreValues[1].waitingForIncrease, 0);
    }

    void posixObjectsAndTheirUsers() {
        const std::string shmName = posixName("shm");
        const int fd = ::shm_open(shmName.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600);
        QVERIFY(fd >= 0);
        m_posix.emplace_back(IpcKind::PosixShm, shmName);
        QCOMPARE(::ftruncate(fd, 8192), 0);
        void* map = ::mmap(nullptr, 8192, PROT_READ, MAP_SHARED, fd, 0);
        QVERIFY(map != MAP_FAILED);
        ::close(fd);
        const std::string semName = posixName("sem");
        sem_t* sem = ::sem_open(semName.c_str(), O_CREAT | O_EXCL, 0600, 3);
        QVERIFY(sem != SEM_FAILED);
        m_posix.emplace_back(IpcKind::PosixSem, semName);
        const int segment = ::shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
        QVERIFY(segment >= 0);
        m_sysv.emplace_back(IpcKind::SysvShm, segment);
        void* attached = ::shmat(segment, nullptr, SHM_RDONLY);
        QVERIFY(attached != reinterpret_cast<void*>(-1));
        int pipeFds[2];
        QCOMPARE(::pipe(pipeFds), 0);

        InventoryOptions opt;
        opt.users = true;
        InventoryScanner scanner(opt);
        const Inventory inv = scanner.scan();
        const pid_t me = ::getpid();
        const auto usedByMe = [&](const IpcObject* o, const char* how) {
            if (!o) {
                return false;
            }
            for (const auto& u : o->users) {
                if (u.pid == me && u.how == how) {
                    return true;
                }
            }
            return false;
        };
        const IpcObject* shm = findByName(inv, IpcKind::PosixShm, shmName);
        QVERIFY(shm);
        QCOMPARE(shm->sizeBytes, quint64(8192));
        QCOMPARE(shm->mode & 0777, 0600u);
        QVERIFY(shm->inode.has_value());
        QVERIFY(usedByMe(shm, "mapped"));
        const IpcObject* namedSem = findByName(inv, IpcKind::PosixSem, semName);
        QVERIFY(namedSem);
        QCOMPARE(namedSem->posixSemValue, std::optional<int>(3));
        QVERIFY(usedByMe(namedSem, "mapped"));
        QVERIFY(usedByMe(findById(inv, IpcKind::SysvShm, segment), "attached"));
        QCOMPARE(findById(inv, IpcKind::SysvShm, segment)->attached,
                 std::optional<std::uint64_t>(1));
        // Our pipe, both ends, with which end is which.
        bool readEnd = false, writeEnd = false;
        for (const auto& o : inv.objects) {
            if (o.kind != IpcKind::Pipe) {
                continue;
            }
            for (const auto& u : o.users) {
                readEnd |= u.pid == me && u.fd == pipeFds[0] && u.how == "read end";
                writeEnd |= u.pid == me && u.fd == pipeFds[1] && u.how == "write end";
            }
        }
        QVERIFY(readEnd && writeEnd);
        ::close(pipeFds[0]);
        ::close(pipeFds[1]);
        ::shmdt(attached);
        ::munmap(map, 8192);
        ::sem_close(sem);
    }

    void posixMessageQueues() {
        if (!QFileInfo::exists(QStringLiteral("/dev/mqueue"))) {
            QSKIP("the mqueue filesystem is not mounted at /dev/mqueue (mount -t mqueue none "
                  "/dev/mqueue)");
        }
        const std::string name = posixName("mq");
        mq_attr attr{};
        attr.mq_maxmsg = 5;
        attr.mq_msgsize = 100;
        const mqd_t mq = ::mq_open(name.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
        QVERIFY(mq != mqd_t(-1));
        m_posix.emplace_back(IpcKind::PosixMq, name);
        QCOMPARE(::mq_send(mq, "abc", 3, 1), 0);
        InventoryOptions opt;
        opt.kinds = {IpcKind::PosixMq};
        opt.users = true;
        InventoryScanner scanner(opt);
        const Inventory inv = scanner.scan();
        const IpcObject* o = findByName(inv, IpcKind::PosixMq, name);
        QVERIFY(o);
        QCOMPARE(o->messages, std::optional<std::uint64_t>(1));
        QCOMPARE(o->maxMessages, std::optional<std::uint64_t>(5));
        QCOMPARE(o->maxMessageSize, std::optional<std::uint64_t>(100));
        QCOMPARE(o->sizeBytes, quint64(3)); // QSIZE
        bool mine = false;
        for (const auto& u : o->users) {
            mine |= u.pid == ::getpid();
        }
        QVERIFY(mine);
        ::mq_close(mq);
    }

    // Odd inputs, in a generated tree: 14- and 16-column shm tables, negative keys, a
    // malformed line, names with spaces, newlines and non-ASCII, a truncated semaphore file,
    // a directory, and no mqueue filesystem.
    void toleratesOddFixtures() {
        QTemporaryDir root;
        QVERIFY(QDir(root.path()).mkpath(QStringLiteral("proc/sysvipc")));
        QVERIFY(QDir(root.path()).mkpath(QStringLiteral("shm/subdir")));
        const QString sysvipc = root.path() + QStringLiteral("/proc/sysvipc/");
        writeFile(sysvipc + QStringLiteral("msg"),
                  "       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  "
                  "cuid  cgid      stime      rtime      ctime\n"
                  "-1894887137          3   600          64          1   101   102  1000  1000  "
                  "1000  1000 1700000000          0 1690000000\n"
                  "garbage line\n"
                  "         0          4   666           0          0     0     0     0     0     "
                  "0     0          0          0 1690000001 extra columns here\n");
        writeFile(sysvipc + QStringLiteral("shm"),
                  "       key      shmid perms                  size  cpid  lpid nattch   uid   "
                  "gid  cuid  cgid      atime      dtime      ctime\n"
                  "  12345678         10  1600                  4096   200   201      2     0     "
                  "0     0     0 1700000000 1700000001 1700000002\n");
        writeFile(
            sysvipc + QStringLiteral("sem"),
            "       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n"
            "         7         11   600          4     0     0     0     0          0 "
            "1700000003\n");
        const QString shm = root.path() + QStringLiteral("/shm/");
        writeFile(shm + QStringLiteral("with space"), QByteArray(100, 'x'));
        writeFile(shm + QStringLiteral("new\nline"), QByteArray(10, 'x'));
        writeFile(shm + QStringLiteral("汉字"), QByteArray(20, 'x'));
        writeFile(shm + QStringLiteral("sem.short"),
                  QByteArray(4, '\0')); // truncated: must not be read past
        QByteArray semWord(32, '\0');
        semWord[0] = 5;
        writeFile(shm + QStringLiteral("sem.good"), semWord);

        InventoryOptions opt;
        opt.procRoot = (root.path() + QStringLiteral("/proc")).toStdString();
        opt.shmRoot = shm.chopped(1).toStdString();
        opt.mqueueRoot = (root.path() + QStringLiteral("/no-mqueue")).toStdString();
        opt.live = false;
        opt.kinds = {IpcKind::SysvMsg,  IpcKind::SysvShm,  IpcKind::SysvSem,
                     IpcKind::PosixShm, IpcKind::PosixSem, IpcKind::PosixMq};
        InventoryScanner scanner(opt);
        const Inventory inv = scanner.scan();

        const IpcObject* q = findById(inv, IpcKind::SysvMsg, 3);
        QVERIFY(q);
        QCOMPARE(*q->key, std::int32_t(-1894887137));
        QCOMPARE(q->messages, std::optional<std::uint64_t>(1));
        QCOMPARE(q->lastReceiverPid, std::optional<pid_t>(102));
        QCOMPARE(q->lastReceive, std::nullopt);      // 0 means never
        QVERIFY(findById(inv, IpcKind::SysvMsg, 4)); // extra columns tolerated
        const IpcObject* seg = findById(inv, IpcKind::SysvShm, 10);
        QVERIFY(seg);
        QVERIFY(seg->destroyPending); // perms 1600: SHM_DEST
        QCOMPARE(seg->mode & 0777, 0600u);
        QCOMPARE(seg->rssBytes, std::nullopt); // a 14-column kernel
        QCOMPARE(findById(inv, IpcKind::SysvSem, 11)->semaphores, std::optional<std::uint32_t>(4));
        QVERIFY(findByName(inv, IpcKind::PosixShm, "/with space"));
        QVERIFY(findByName(inv, IpcKind::PosixShm, "/new\nline"));
        QVERIFY(findByName(inv, IpcKind::PosixShm, "/汉字"));
        QCOMPARE(findByName(inv, IpcKind::PosixSem, "/short")->posixSemValue, std::nullopt);
        QCOMPARE(findByName(inv, IpcKind::PosixSem, "/good")->posixSemValue, std::optional<int>(5));
        bool warnedMalformed = false, warnedMqueue = false;
        for (const auto& w : inv.warnings) {
            warnedMalformed |= w.find("malformed") != std::string::npos;
            warnedMqueue |= w.find("mount -t mqueue") != std::string::npos;
        }
        QVERIFY(warnedMalformed);
        QVERIFY2(warnedMqueue, "a missing mqueue filesystem must be said, with how to mount it");

        // Unreadable tables are warnings, not crashes.
        opt.procRoot = "/nonexistent";
        scanner.setOptions(opt);
        const Inventory none = scanner.scan();
        QVERIFY(none.warnings.size() >= 3);
    }

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
        InventoryOptions opt;
        opt.kinds = {IpcKind::SysvShm};
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
        InventoryOptions opt;
        opt.kinds = {IpcKind::PosixShm};
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

    // A run directory whose lab is gone: its objects are found and removed; a live run's are not.
    void staleRunsAreCleaned() {
        QTemporaryDir runtime;
        const int queue = makeQueue();
        QVERIFY(queue >= 0);
        msqid_ds ds{};
        QCOMPARE(::msgctl(queue, IPC_STAT, &ds), 0);
        const std::string shmName = posixName("stale");
        const int fd = ::shm_open(shmName.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600);
        QVERIFY(fd >= 0);
        ::close(fd);
        m_posix.emplace_back(IpcKind::PosixShm, shmName);
        const int liveQueue = makeQueue();
        QVERIFY(liveQueue >= 0);
        msqid_ds liveDs{};
        QCOMPARE(::msgctl(liveQueue, IPC_STAT, &liveDs), 0);

        const pid_t dead = ::fork();
        if (dead == 0) {
            ::_exit(0);
        }
        QVERIFY(dead > 0);
        ::waitpid(dead, nullptr, 0);
        const std::string staleDir =
            runtime.path().toStdString() + "/run-" + std::to_string(dead) + "-1";
        QVERIFY(QDir().mkpath(QString::fromStdString(staleDir)));
        RunManifest staleManifest{dead,
                                  12345,
                                  {{ObjectKind::SysvMsg, queue, ds.msg_perm.__key, {}},
                                   {ObjectKind::PosixShm, -1, 0, shmName}}};
        QVERIFY(writeManifest(staleDir + "/manifest", staleManifest));
        const std::string liveDir =
            runtime.path().toStdString() + "/run-" + std::to_string(::getpid()) + "-1";
        QVERIFY(QDir().mkpath(QString::fromStdString(liveDir)));
        RunManifest liveManifest{::getpid(),
                                 processStartTime(::getpid()).value(),
                                 {{ObjectKind::SysvMsg, liveQueue, liveDs.msg_perm.__key, {}}}};
        QVERIFY(writeManifest(liveDir + "/manifest", liveManifest));

        InventoryScanner scanner;
        const StaleReport report = findStale(runtime.path().toStdString(), scanner.scan());
        QCOMPARE(report.runs.size(), std::size_t(1));
        QCOMPARE(report.runs.front().labPid, dead);
        std::vector<std::string> errors;
        removeStale(report, &errors);
        QVERIFY(errors.empty());
        QVERIFY(::msgctl(queue, IPC_STAT, &ds) != 0); // removed
        QVERIFY(!QFile::exists(QStringLiteral("/dev/shm") + QString::fromStdString(shmName)));
        QVERIFY(!QFileInfo::exists(QString::fromStdString(staleDir)));
        QCOMPARE(::msgctl(liveQueue, IPC_STAT, &liveDs), 0); // the live run's object is untouched
        QVERIFY(QFileInfo::exists(QString::fromStdString(liveDir)));
    }

    void limitsCountUsage() {
        InventoryOptions opt;
        opt.kinds = {IpcKind::SysvMsg};
        InventoryScanner scanner(opt);
        const auto usedQueues = [&] {
            for (const auto& l : limitsWithUsage(KernelLimits::read(), scanner.scan())) {
                if (l.resource == "MSGMNI") {
                    return l.used.value_or(0);
                }
            }
            return std::uint64_t(0);
        };
        const auto before = usedQueues();
        QVERIFY(makeQueue() >= 0);
        QCOMPARE(usedQueues(), before + 1);
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
        QProcess bad;
        bad.start(cliPath(),
                  {QStringLiteral("ls"), QStringLiteral("--kind"), QStringLiteral("bogus")});
        QVERIFY(bad.waitForFinished(30000));
        QCOMPARE(bad.exitCode(), 2);
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

QTEST_GUILESS_MAIN(TestInventory)
#include "tst_inventory.moc"
