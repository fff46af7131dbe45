// The inventory against real kernel objects (compared with ipcs and lsipc), the /proc/sysvipc
// tables of every kernel, generated fixture trees with odd inputs, and the limits' usage. Every
// object a test creates is removed by the test; nothing else is touched.

#include "../common/inventoryfixture.h"

using namespace ipcscope;
using namespace inventorytests;
using namespace testsupport;

class TestInventoryListing : public QObject, private InventoryFixture {
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { removeCreated(); }

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
        InventoryOptions opt = optionsFor(IpcKind::SysvSem);
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
        InventoryOptions opt = optionsFor(IpcKind::PosixMq);
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

    // Fields are found 16 bytes at a time: blanks of any mix and length, a field across a
    // 16-byte boundary, one at the very start and one ending the text without a newline.
    void splitsFieldsAcrossChunks() {
        const std::string header = "key\tmsqid perms  cbytes qnum\t\t lspid lrpid uid gid cuid "
                                   "cgid stime rtime ctime\n";
        const std::string line = "-5 123456789012345 600\t \t70000 3 1 2 7 8 9 10 0 0 "
                                 "1690000000";
        for (const std::string& table : {header + line, header + line + "\n",
                                         header + std::string(13, ' ') + line + "   \t"}) {
            SysvipcTableParser parser;
            std::vector<IpcObject> objects;
            std::vector<std::string> warnings;
            QVERIFY(parser.parse(IpcKind::SysvMsg, table, "msg", objects, warnings));
            QCOMPARE(warnings, std::vector<std::string>{"msg line 2 is malformed; skipped"});
            QCOMPARE(objects.size(), std::size_t(0)); // the id does not fit an int
        }
        const std::string fits = "-5 1234567 600\t \t70000 3 1 2 7 8 9 10 0 0 1690000000";
        for (const std::string& table :
             {header + fits, header + std::string(13, ' ') + fits + "\t"}) {
            SysvipcTableParser parser;
            std::vector<IpcObject> objects;
            std::vector<std::string> warnings;
            QVERIFY(parser.parse(IpcKind::SysvMsg, table, "msg", objects, warnings));
            QCOMPARE(warnings, std::vector<std::string>{});
            QCOMPARE(objects.size(), std::size_t(1));
            QCOMPARE(objects[0].key, std::optional<std::int32_t>(-5));
            QCOMPARE(objects[0].id, std::optional<int>(1234567));
            QCOMPARE(objects[0].sizeBytes, std::uint64_t(70000));
            QCOMPARE(objects[0].messages, std::optional<std::uint64_t>(3));
            QCOMPARE(objects[0].cgid, std::optional<gid_t>(10));
            QCOMPARE(objects[0].changeTime, std::optional<std::int64_t>(1690000000));
        }
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

    void limitsCountUsage() {
        InventoryOptions opt = optionsFor(IpcKind::SysvMsg);
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
            InventoryOptions opt = optionsFor(IpcKind::PosixMq);
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

        InventoryOptions opt = optionsFor(IpcKind::PosixMq);
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
};

QTEST_GUILESS_MAIN(TestInventoryListing)
#include "tst_inventorylisting.moc"
