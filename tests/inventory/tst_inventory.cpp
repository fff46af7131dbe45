// The inventory against real kernel objects (compared with ipcs and lsipc), generated fixture
// trees with odd inputs, safe removal, permissions and stale cleanup. Every object a test
// creates is removed by the test; nothing else is touched.

#include "../common/testsupport.h"

#include "base/format.h"
#include "base/naming.h"
#include "inventory/inventory.h"
#include "inventory/removal.h"
#include "inventory/sysvipc.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <mqueue.h>
#include <pwd.h>
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace ipcscope;
using namespace testsupport;

Q_DECLARE_METATYPE(std::optional<std::uint64_t>)

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
    // A queue with an ipcscope key (0x1bc5....), as runs create them; a free key is found.
    int makeMarkedQueue() {
        for (std::uint32_t low = std::uint32_t(::getpid()) & 0xffff, n = 0; n < 0x10000; ++n) {
            const key_t key = key_t(kSysvKeyPrefix | ((low + n) & 0xffff));
            const int id = ::msgget(key, IPC_CREAT | IPC_EXCL | 0600);
            if (id >= 0) {
                m_sysv.emplace_back(IpcKind::SysvMsg, id);
                return id;
            }
        }
        return -1;
    }
    std::string posixName(const char* role) const { return m_prefix + role; }
    // A POSIX shared-memory object this test creates and removes.
    bool makeShm(const std::string& name) {
        const int fd = ::shm_open(name.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600);
        if (fd < 0) {
            return false;
        }
        ::close(fd);
        m_posix.emplace_back(IpcKind::PosixShm, name);
        return true;
    }
    // The system's inventory narrowed to what this test created: findStale() also offers
    // orphans for removal, and a test never touches objects it did not create.
    Inventory ownInventory() const {
        Inventory all = InventoryScanner().scan();
        std::erase_if(all.objects, [&](const IpcObject& o) {
            return std::none_of(m_sysv.begin(), m_sysv.end(),
                                [&](const auto& k) { return o.id && k.second == *o.id; }) &&
                   std::none_of(m_posix.begin(), m_posix.end(),
                                [&](const auto& k) { return k.second == o.name; });
        });
        return all;
    }
    static pid_t deadPid() {
        const pid_t dead = ::fork();
        if (dead == 0) {
            ::_exit(0);
        }
        ::waitpid(dead, nullptr, 0);
        return dead;
    }

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
        bool mine = false;
        for (const auto& u : o->users) {
            mine |= u.pid == ::getpid();
        }
        QVERIFY(mine);
        ::mq_close(mq);
    }

    // The shm table on every kernel: 14 columns (before rss and swap), 15 and 16; the shared
    // columns (key, id, perms, owner, creator, ctime) read the same way for every kind.
    void parsesSysvipcTables_data() {
        QTest::addColumn<QByteArray>("table");
        QTest::addColumn<std::optional<std::uint64_t>>("rss");
        QTest::addColumn<std::optional<std::uint64_t>>("swap");
        const QByteArray head =
            "       key      shmid perms                  size  cpid  lpid nattch   "
            "uid   gid  cuid  cgid      atime      dtime      ctime";
        const QByteArray line =
            "-1894887137         10  1600                  4096   200   201      "
            "2  1000  1001  1002  1003 1700000000          0 1700000002";
        QTest::newRow("14 columns")
            << head + "\n" + line + "\n"
            << std::optional<std::uint64_t>() << std::optional<std::uint64_t>();
        QTest::newRow("15 columns")
            << head + "                   rss\n" + line + "                  8192\n"
            << std::optional<std::uint64_t>(8192) << std::optional<std::uint64_t>();
        QTest::newRow("16 columns")
            << head + "                   rss                  swap\n" + line +
                   "                  8192                     0\n"
            << std::optional<std::uint64_t>(8192) << std::optional<std::uint64_t>(0);
    }

    void parsesSysvipcTables() {
        QFETCH(QByteArray, table);
        QFETCH(std::optional<std::uint64_t>, rss);
        QFETCH(std::optional<std::uint64_t>, swap);
        SysvipcTableParser parser;
        std::vector<IpcObject> objects;
        std::vector<std::string> warnings;
        QVERIFY(parser.parse(IpcKind::SysvShm, table.toStdString(), "shm", objects, warnings));
        QCOMPARE(warnings, std::vector<std::string>{});
        QCOMPARE(objects.size(), std::size_t(1));
        const IpcObject& o = objects.front();
        QCOMPARE(o.kind, IpcKind::SysvShm);
        QCOMPARE(o.id, std::optional<int>(10));
        QCOMPARE(o.key, std::optional<std::int32_t>(-1894887137)); // signed decimal
        QCOMPARE(o.mode, 01600u);                                  // octal
        QVERIFY(o.destroyPending);
        QCOMPARE(o.sizeBytes, std::uint64_t(4096));
        QCOMPARE(o.attached, std::optional<std::uint64_t>(2));
        QCOMPARE(o.creatorPid, std::optional<pid_t>(200));
        QCOMPARE(o.lastPid, std::optional<pid_t>(201));
        QCOMPARE(o.uid, std::optional<uid_t>(1000));
        QCOMPARE(o.gid, std::optional<gid_t>(1001));
        QCOMPARE(o.cuid, std::optional<uid_t>(1002));
        QCOMPARE(o.cgid, std::optional<gid_t>(1003));
        QCOMPARE(o.lastAttach, std::optional<std::int64_t>(1700000000));
        QCOMPARE(o.lastDetach, std::nullopt); // 0: never
        QCOMPARE(o.changeTime, std::optional<std::int64_t>(1700000002));
        QCOMPARE(o.rssBytes, rss);
        QCOMPARE(o.swapBytes, swap);
    }

    // The columns all kinds share come out the same for a queue and a semaphore set; a line
    // missing a number the object needs is skipped with a warning naming the line, and a
    // table without a header is refused.
    void parsesSharedSysvipcColumns() {
        SysvipcTableParser parser;
        std::vector<IpcObject> objects;
        std::vector<std::string> warnings;
        QVERIFY(parser.parse(IpcKind::SysvMsg,
                             "       key      msqid perms      cbytes       qnum lspid lrpid   uid"
                             "   gid  cuid  cgid      stime      rtime      ctime\n"
                             "         5          3   600          64          1   101   102     7"
                             "     8     9    10 1700000000          0 1690000000\n"
                             "         6          4   6x0           0          0     0     0     0"
                             "     0     0     0          0          0          0\n",
                             "msg", objects, warnings));
        QVERIFY(parser.parse(IpcKind::SysvSem,
                             "       key      semid perms      nsems   uid   gid  cuid  cgid"
                             "      otime      ctime\n"
                             "         7         11   600          4     7     8     9    10"
                             "          0 1690000000\n",
                             "sem", objects, warnings));
        QCOMPARE(warnings, std::vector<std::string>{"msg line 3 is malformed; skipped"});
        QCOMPARE(objects.size(), std::size_t(2));
        for (const IpcObject& o : objects) {
            QCOMPARE(o.mode, 0600u);
            QCOMPARE(o.uid, std::optional<uid_t>(7));
            QCOMPARE(o.gid, std::optional<gid_t>(8));
            QCOMPARE(o.cuid, std::optional<uid_t>(9));
            QCOMPARE(o.cgid, std::optional<gid_t>(10));
            QCOMPARE(o.changeTime, std::optional<std::int64_t>(1690000000));
        }
        QCOMPARE(objects[0].id, std::optional<int>(3));
        QCOMPARE(objects[0].messages, std::optional<std::uint64_t>(1));
        QCOMPARE(objects[0].lastReceiverPid, std::optional<pid_t>(102));
        QCOMPARE(objects[0].lastReceive, std::nullopt);
        QCOMPARE(objects[1].id, std::optional<int>(11));
        QCOMPARE(objects[1].semaphores, std::optional<std::uint32_t>(4));
        QCOMPARE(objects[1].lastOperation, std::nullopt);

        QVERIFY(!parser.parse(IpcKind::SysvSem, "\n", "empty", objects, warnings));
        QCOMPARE(warnings.back(), std::string("empty has no header line"));
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
        const int queue = makeMarkedQueue();
        QVERIFY(queue >= 0);
        msqid_ds ds{};
        QCOMPARE(::msgctl(queue, IPC_STAT, &ds), 0);
        const int liveQueue = makeMarkedQueue();
        QVERIFY(liveQueue >= 0);
        msqid_ds liveDs{};
        QCOMPARE(::msgctl(liveQueue, IPC_STAT, &liveDs), 0);

        const pid_t dead = deadPid();
        QVERIFY(dead > 0);
        const std::string shmName = "/ipcscope." + std::to_string(dead) + ".1.stale";
        QVERIFY(makeShm(shmName));
        const std::string staleDir =
            runtime.path().toStdString() + "/run-" + std::to_string(dead) + "-1";
        QVERIFY(QDir().mkdir(QString::fromStdString(staleDir)));
        const std::string fifo = staleDir + "/fifo";
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        RunManifest staleManifest;
        staleManifest.labPid = dead;
        staleManifest.labStartTime = 12345;
        staleManifest.objects = {{ObjectKind::SysvMsg, queue, ds.msg_perm.__key, {}},
                                 {ObjectKind::PosixShm, -1, 0, shmName},
                                 {ObjectKind::Fifo, -1, 0, fifo}};
        QVERIFY(writeManifest(staleDir + "/manifest", staleManifest));
        const std::string liveDir =
            runtime.path().toStdString() + "/run-" + std::to_string(::getpid()) + "-1";
        QVERIFY(QDir().mkdir(QString::fromStdString(liveDir)));
        RunManifest liveManifest;
        liveManifest.labPid = ::getpid();
        liveManifest.labStartTime = processStartTime(::getpid()).value();
        liveManifest.objects = {{ObjectKind::SysvMsg, liveQueue, liveDs.msg_perm.__key, {}}};
        QVERIFY(writeManifest(liveDir + "/manifest", liveManifest));

        const StaleReport report = findStale(runtime.path().toStdString(), ownInventory());
        QVERIFY(report.problems.empty());
        QCOMPARE(report.runs.size(), std::size_t(1));
        QCOMPARE(report.runs.front().labPid, dead);
        const StaleCleanup done = removeStale(report);
        QVERIFY(done.errors.empty());
        QCOMPARE(done.removed, std::size_t(3));
        QCOMPARE(done.notRemoved, std::size_t(0));
        QVERIFY(!sysvObjectExists(IpcKind::SysvMsg, queue, ds.msg_perm.__key)); // removed
        QVERIFY(!QFile::exists(QStringLiteral("/dev/shm") + QString::fromStdString(shmName)));
        QVERIFY(!QFileInfo::exists(QString::fromStdString(staleDir)));
        QCOMPARE(::msgctl(liveQueue, IPC_STAT, &liveDs), 0); // the live run's object is untouched
        QVERIFY(QFileInfo::exists(QString::fromStdString(liveDir)));
    }

    // Run directories and manifests someone else could have written are never acted on, and even
    // a trusted manifest removes only what carries ipcscope's mark: each refusal is named, every
    // object is still there afterwards, and nothing is said to be removed.
    void untrustedOrUnmarkedManifestsRemoveNothing() {
        QTemporaryDir runtime;
        const std::string base = runtime.path().toStdString();
        const pid_t dead = deadPid();
        const int marked = makeMarkedQueue();
        const int privateQueue = makeQueue(); // key 0: not an ipcscope key
        QVERIFY(marked >= 0 && privateQueue >= 0);
        msqid_ds markedDs{};
        QCOMPARE(::msgctl(marked, IPC_STAT, &markedDs), 0);
        const std::string foreignShm = posixName("foreign");
        QVERIFY(makeShm(foreignShm));
        const std::string otherLabShm = "/ipcscope." + std::to_string(::getpid()) + ".9.x";
        QVERIFY(makeShm(otherLabShm));
        const std::string outsideFifo = base + "/outside-fifo";
        QCOMPARE(::mkfifo(outsideFifo.c_str(), 0600), 0);

        bool written = true;
        const auto makeRun = [&](const std::string& name, const RunManifest& m) {
            const std::string dir = base + "/" + name;
            written = written && QDir().mkdir(QString::fromStdString(dir)) &&
                      writeManifest(dir + "/manifest", m);
            return dir;
        };
        RunManifest forged;
        forged.labPid = dead;
        forged.objects = {{ObjectKind::SysvMsg, marked, markedDs.msg_perm.__key, {}}};
        const std::string dirRun = "run-" + std::to_string(dead);
        // 1. A run directory others may write.
        const std::string open = makeRun(dirRun + "-1", forged);
        QCOMPARE(::chmod(open.c_str(), 0777), 0);
        // 2. A manifest others may write.
        const std::string openManifest = makeRun(dirRun + "-2", forged);
        QCOMPARE(::chmod((openManifest + "/manifest").c_str(), 0666), 0);
        // 3. A symlink to a run directory.
        const std::string target = makeRun("elsewhere", forged);
        QCOMPARE(::symlink(target.c_str(), (base + "/" + dirRun + "-3").c_str()), 0);
        // 4. A manifest that is a symlink.
        const std::string linked = base + "/" + dirRun + "-4";
        QVERIFY(QDir().mkdir(QString::fromStdString(linked)));
        QCOMPARE(::symlink((target + "/manifest").c_str(), (linked + "/manifest").c_str()), 0);
        // 5. A directory named for another pid than the manifest's lab.
        makeRun("run-" + std::to_string(::getppid()) + "-5", forged);
        QVERIFY(written);
        // 6. A trusted manifest naming what is not ours, and a line that cannot be read.
        const std::string trusted = base + "/" + dirRun + "-6";
        QVERIFY(QDir().mkdir(QString::fromStdString(trusted)));
        writeFile(QString::fromStdString(trusted + "/victim.txt"), "keep me");
        RunManifest unmarked;
        unmarked.labPid = dead;
        unmarked.objects = {
            {ObjectKind::SysvMsg, privateQueue, 0, {}},                                // key 0
            {ObjectKind::SysvMsg, privateQueue, std::int32_t(kSysvKeyPrefix | 7), {}}, // id reused
            {ObjectKind::PosixShm, -1, 0, foreignShm},               // not ipcscope's
            {ObjectKind::PosixShm, -1, 0, otherLabShm},              // another lab's
            {ObjectKind::Fifo, -1, 0, trusted + "/victim.txt"},      // not a FIFO
            {ObjectKind::Fifo, -1, 0, outsideFifo},                  // outside the run
            {ObjectKind::Fifo, -1, 0, trusted + "/../outside-fifo"}, // escapes the run
        };
        writeFile(QString::fromStdString(trusted + "/manifest"),
                  QByteArray::fromStdString(unmarked.serialize() + "object sysv-msg 0 zz\n"));
        QCOMPARE(::chmod((trusted + "/manifest").c_str(), 0600), 0);

        const StaleReport report = findStale(base, ownInventory());
        const auto said = [](const std::vector<std::string>& lines, const std::string& text) {
            return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) {
                return l.find(text) != std::string::npos;
            });
        };
        const auto all = [](const std::vector<std::string>& lines) {
            std::string s;
            for (const auto& l : lines) {
                s += l + "\n";
            }
            return s;
        };
        const std::string problems = all(report.problems);
        QVERIFY2(said(report.problems, open + ": writable by group or others (mode 0777)"),
                 problems.c_str());
        QVERIFY2(said(report.problems, openManifest + "/manifest is writable by group or others"),
                 problems.c_str());
        QVERIFY2(said(report.problems, dirRun + "-3: a symbolic link"), problems.c_str());
        QVERIFY2(said(report.problems, dirRun + "-4/manifest is a symbolic link"),
                 problems.c_str());
        QVERIFY2(said(report.problems, "-5: its manifest names lab pid " + std::to_string(dead)),
                 problems.c_str());
        QVERIFY2(said(report.problems,
                      trusted + "/manifest: manifest line 10: expected 'object KIND ID KEY'"),
                 problems.c_str());
        QCOMPARE(report.runs.size(), std::size_t(1)); // only the trusted one

        const StaleCleanup done = removeStale(report);
        const std::string lines = all(done.lines) + all(done.errors);
        QCOMPARE(done.removed, std::size_t(0));
        // ... and the marked queue, which only untrusted manifests name, is an orphan: reported.
        QCOMPARE(done.notRemoved, unmarked.objects.size() + 1);
        QVERIFY2(std::none_of(done.lines.begin(), done.lines.end(),
                              [](const std::string& l) { return l.starts_with("removed"); }),
                 lines.c_str());
        QVERIFY2(said(done.lines, "not removed: System V message queue " + std::to_string(marked) +
                                      " has an ipcscope key but no run manifest"),
                 lines.c_str());
        QVERIFY2(said(done.lines, "skipped: sysv-msg " + std::to_string(privateQueue) +
                                      " has key 0x00000000, not an ipcscope key"),
                 lines.c_str());
        QVERIFY2(said(done.lines, "skipped: sysv-msg " + std::to_string(privateQueue) +
                                      " is not the object the run created (key 0x00000000 ≠ " +
                                      formatSysvKey(std::int32_t(kSysvKeyPrefix | 7)) + ")"),
                 lines.c_str());
        QVERIFY2(said(done.lines, "skipped: posix-shm " + foreignShm + " is not named /ipcscope."),
                 lines.c_str());
        QVERIFY2(said(done.lines, "skipped: posix-shm " + otherLabShm + " is not named"),
                 lines.c_str());
        QVERIFY2(said(done.lines, "skipped: fifo " + trusted + "/victim.txt is not a FIFO"),
                 lines.c_str());
        QVERIFY2(said(done.lines, "skipped: fifo " + outsideFifo + " is not inside the run"),
                 lines.c_str());
        QVERIFY2(said(done.lines, "kept " + trusted), lines.c_str());

        // Everything is still there.
        QCOMPARE(::msgctl(marked, IPC_STAT, &markedDs), 0);
        msqid_ds ds{};
        QCOMPARE(::msgctl(privateQueue, IPC_STAT, &ds), 0);
        QVERIFY(QFile::exists(QStringLiteral("/dev/shm") + QString::fromStdString(foreignShm)));
        QVERIFY(QFile::exists(QStringLiteral("/dev/shm") + QString::fromStdString(otherLabShm)));
        QVERIFY(QFile::exists(QString::fromStdString(trusted + "/victim.txt")));
        struct stat st {};
        QVERIFY(::lstat(outsideFifo.c_str(), &st) == 0 && S_ISFIFO(st.st_mode));
        QVERIFY(QFile::exists(QString::fromStdString(target + "/manifest")));
        ::chmod(open.c_str(), 0700); // so QTemporaryDir can remove it
    }

    // The reported attack: another user plants a run directory and manifest where root's runs
    // would go (/tmp/ipcscope-0, root has no XDG_RUNTIME_DIR), naming root's files and a queue
    // made by ipcmk. In private IPC and mount namespaces (tmpfs over /tmp and /dev/shm, a fresh
    // mqueue), with an unused uid as the attacker, so nothing of the machine's is at stake.
    void plantedManifestsRemoveNothing() {
        if (::geteuid() != 0) {
            QSKIP("needs root: it acts as another user (setpriv) in private namespaces (unshare)");
        }
        for (const char* tool : {"unshare", "setpriv", "ipcmk", "ipcs"}) {
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty()) {
                QSKIP("util-linux tools are missing");
            }
        }
        uid_t attacker = 64123;
        while (::getpwuid(attacker)) {
            ++attacker;
        }
        const QString script = QStringLiteral(R"(
set -u
# The build may itself live under /tmp: keep its binaries reachable through a bind mount on a
# private tmpfs elsewhere before /tmp is covered.
stage=
for d in /mnt /media /srv /opt; do [ -d "$d" ] && stage=$d && break; done
[ -n "$stage" ] && mount -t tmpfs tmpfs "$stage" && mkdir "$stage/bin" &&
    mount --bind "$BIN" "$stage/bin" || exit 89
CLI=$stage/bin/ipcscope-cli
mount -t tmpfs -o mode=1777 tmpfs /tmp && mount -t tmpfs -o mode=1777 tmpfs /dev/shm &&
    mount -t mqueue none /dev/mqueue || exit 90
qid=$(ipcmk -Q | awk '{print $NF}')
key=$(ipcs -q | awk -v id="$qid" '$2 == id { print $1 }')
echo secret > /tmp/victim.txt
: > /dev/shm/rootshm
manifest="ipcscope-manifest 1
lab 99999 0
object sysv-msg 0 0x00000000
object sysv-msg $qid $key
object posix-shm /rootshm
object fifo /tmp/victim.txt"
report() {
    echo "rc=$1"
    test -f /tmp/victim.txt && echo kept:victim
    test -e /dev/shm/rootshm && echo kept:rootshm
    ipcs -q | grep -q "^$key " && echo kept:queue
}
echo "== planted"
setpriv --reuid $ATTACKER --regid $ATTACKER --clear-groups sh -c     "mkdir -p /tmp/ipcscope-0/run-99999-1 && echo "\$0" > /tmp/ipcscope-0/run-99999-1/manifest"     "$manifest" || exit 91
env -u XDG_RUNTIME_DIR "$CLI" rm --stale 2>&1; report $?
env -u XDG_RUNTIME_DIR "$CLI" run pipe --duration 0.1 --quiet 2>&1; echo "run-rc=$?"
echo "== own"
rm -rf /tmp/ipcscope-0 && mkdir -m 700 /tmp/ipcscope-0 /tmp/ipcscope-0/run-99999-1 &&
    echo "$manifest" > /tmp/ipcscope-0/run-99999-1/manifest && chmod 600 /tmp/ipcscope-0/run-99999-1/manifest
env -u XDG_RUNTIME_DIR "$CLI" rm --stale 2>&1; report $?
)");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BIN"), QCoreApplication::applicationDirPath());
        env.insert(QStringLiteral("ATTACKER"), QString::number(attacker));
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral("unshare"),
                {QStringLiteral("--ipc"), QStringLiteral("--mount"),
                 QStringLiteral("--propagation"), QStringLiteral("private"),
                 QStringLiteral("--fork"), QStringLiteral("sh"), QStringLiteral("-c"), script});
        QVERIFY(p.waitForFinished(60000));
        const QString out = QString::fromUtf8(p.readAll());
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, qPrintable(out));
        const QString planted = out.section(QStringLiteral("== own"), 0, 0);
        const QString own = out.section(QStringLiteral("== own"), 1);
        const QString owner = QStringLiteral("owned by uid %1, not by you (uid 0)").arg(attacker);
        QVERIFY2(planted.contains(QStringLiteral("ignoring /tmp/ipcscope-0: ") + owner),
                 qPrintable(out));
        QVERIFY2(planted.contains(QStringLiteral("/tmp/ipcscope-0 is ") + owner +
                                  QStringLiteral("; refusing to use it")),
                 qPrintable(out));
        QVERIFY2(planted.contains(QStringLiteral("run-rc=1")), qPrintable(out));
        QVERIFY2(!own.contains(QStringLiteral("\nremoved")) &&
                     !own.startsWith(QStringLiteral("removed")),
                 qPrintable(out));
        QVERIFY2(
            own.contains(QStringLiteral("has key 0x00000000, not an ipcscope key")) &&
                own.contains(QStringLiteral("posix-shm /rootshm is not named /ipcscope.99999.")) &&
                own.contains(QStringLiteral("fifo /tmp/victim.txt is not inside the run")),
            qPrintable(out));
        for (const QString& part : {planted, own}) {
            QVERIFY2(part.contains(QStringLiteral("rc=1")) &&
                         part.contains(QStringLiteral("kept:victim")) &&
                         part.contains(QStringLiteral("kept:rootshm")) &&
                         part.contains(QStringLiteral("kept:queue")),
                     qPrintable(out));
        }
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

    // Bad usage of rm is exit 2 with a sentence, before anything is touched (it was 1, or
    // "Unknown option '1'").
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

    // Listing POSIX queues leaves their times alone (reading /dev/mqueue/NAME for its QSIZE line
    // set atime and ctime, so "changed" said when ipcscope last looked), and a queue keeps its
    // identity while messages flow, so a Delete of what was listed goes through; a queue
    // re-created under the name is still refused.
    void posixQueueObservedWithoutChange() {
        if (!QFileInfo::exists(QStringLiteral("/dev/mqueue/."))) {
            QSKIP("the mqueue filesystem is not mounted at /dev/mqueue");
        }
        const std::string name = posixName("untouched");
        const std::string path = "/dev/mqueue" + name;
        const mqd_t mq = ::mq_open(name.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600, nullptr);
        QVERIFY(mq != mqd_t(-1));
        m_posix.emplace_back(IpcKind::PosixMq, name);
        struct stat before {};
        QCOMPARE(::stat(path.c_str(), &before), 0);
        // mqueue times have a granularity of a second: let the clock leave the creation's.
        QVERIFY(waitUntil([&] { return ::time(nullptr) > before.st_ctim.tv_sec; }, 3000));
        for (bool details : {false, true}) {
            InventoryOptions opt;
            opt.kinds = {IpcKind::PosixMq};
            opt.details = details;
            const Inventory inv = InventoryScanner(opt).scan();
            const IpcObject* o = findByName(inv, IpcKind::PosixMq, name);
            QVERIFY(o);
            QCOMPARE(o->messages, std::optional<std::uint64_t>(0));
        }
        struct stat after {};
        QCOMPARE(::stat(path.c_str(), &after), 0);
        QCOMPARE(after.st_atim.tv_sec, before.st_atim.tv_sec);
        QCOMPARE(after.st_ctim.tv_sec, before.st_ctim.tv_sec);

        InventoryOptions opt;
        opt.kinds = {IpcKind::PosixMq};
        const Inventory listed = InventoryScanner(opt).scan();
        const IpcObject* o = findByName(listed, IpcKind::PosixMq, name);
        QVERIFY(o);
        const ObjectIdentity identity = ObjectIdentity::of(*o);
        QCOMPARE(::mq_send(mq, "x", 1, 0), 0); // moves ctime: the queue is still the same one
        QCOMPARE(::stat(path.c_str(), &after), 0);
        QVERIFY(after.st_ctim.tv_sec > before.st_ctim.tv_sec);
        ::mq_close(mq);

        // Re-created under the same name: refused.
        QCOMPARE(::mq_unlink(name.c_str()), 0);
        const mqd_t again = ::mq_open(name.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600, nullptr);
        QVERIFY(again != mqd_t(-1));
        ::mq_close(again);
        const auto refused = removeIpcObject(IpcKind::PosixMq, name, identity);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.find("re-created under the same name") !=
                     std::string::npos,
                 refused.error().message.c_str());
        // The listing of the new one deletes it, messages or not.
        const Inventory relisted = InventoryScanner(opt).scan();
        const IpcObject* fresh = findByName(relisted, IpcKind::PosixMq, name);
        QVERIFY(fresh);
        const mqd_t writer = ::mq_open(name.c_str(), O_WRONLY);
        QVERIFY(writer != mqd_t(-1));
        QVERIFY(waitUntil([&] { return ::time(nullptr) > fresh->changeTime.value_or(0); }, 3000));
        QCOMPARE(::mq_send(writer, "y", 1, 0), 0);
        ::mq_close(writer);
        const auto removed = removeIpcObject(IpcKind::PosixMq, name, ObjectIdentity::of(*fresh));
        QVERIFY2(removed, removed ? "" : removed.error().message.c_str());
        QVERIFY(!QFile::exists(QString::fromStdString(path)));
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

QTEST_GUILESS_MAIN(TestInventory)
#include "tst_inventory.moc"
