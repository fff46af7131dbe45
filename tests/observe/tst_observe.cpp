// Observing processes ipcscope did not start: what /proc says a process is doing, read from a
// fixture tree (formats of proc(5)), from a real child blocked in read(2), and from the
// stuckprocess helper's processes, each in one IPC wait.

#include "../common/testsupport.h"
#include "base/boundedcall.h"
#include "inventory/inventory.h"
#include "observe/kernelview.h"
#include "observe/observer.h"
#include "observe/procscan.h"
#include "observe/unixsockets.h"
#include "observe/waitgraph.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <csignal>
#include <fcntl.h>
#include <mqueue.h>
#include <pwd.h>
#include <semaphore.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/sem.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace ipcscope;

namespace {

void writeFile(const QString& path, const QByteArray& content) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(content), qint64(content.size()));
}

// The stuckprocess helper in one mode: started, waited for until it prints its ready line
// (every child then sits in its call), and on destruction told to finish (stdin EOF: it kills
// its children and removes its objects); the POSIX names and FIFO are removed here too.
class StuckProcess {
public:
    // ownIpcNamespace: run it under `unshare --ipc`; runAs: under this command (setpriv ...).
    // Both exec it, so the pid stays the helper's.
    explicit StuckProcess(const QString& mode, bool ownIpcNamespace = false,
                          const QStringList& runAs = {}) {
        QStringList command = runAs;
        if (ownIpcNamespace) {
            command << QStringLiteral("unshare") << QStringLiteral("--ipc");
        }
        command << QCoreApplication::applicationDirPath() + QStringLiteral("/stuckprocess") << mode;
        m_process.setProgram(command.takeFirst());
        m_process.setArguments(command);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
        if (!m_process.waitForStarted(10000)) {
            return;
        }
        QDeadlineTimer deadline(30000);
        while (!m_process.canReadLine() && !deadline.hasExpired() &&
               m_process.state() == QProcess::Running) {
            m_process.waitForReadyRead(100);
        }
        const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
        if (!line.startsWith(QStringLiteral("ready "))) {
            return;
        }
        for (const QString& field : line.mid(6).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const auto eq = field.indexOf(QLatin1Char('='));
            m_fields.insert(field.left(eq), field.mid(eq + 1));
        }
        m_ready = true;
    }
    ~StuckProcess() {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.closeWriteChannel();
            if (!m_process.waitForFinished(10000)) {
                m_process.kill(); // its children die with it (PR_SET_PDEATHSIG)
                m_process.waitForFinished(10000);
            }
        }
        if (m_fields.contains(QStringLiteral("mq"))) {
            ::mq_unlink(text("mq").c_str());
        }
        if (m_fields.contains(QStringLiteral("sem"))) {
            ::sem_unlink(text("sem").c_str());
        }
        if (m_fields.contains(QStringLiteral("fifo"))) {
            ::unlink(text("fifo").c_str());
        }
    }

    bool ready() const { return m_ready; }
    pid_t pid() const { return pid_t(m_process.processId()); }
    std::vector<pid_t> pids() const { return numbers<pid_t>("pids"); }
    pid_t child(std::size_t i = 0) const {
        const auto all = pids();
        return i < all.size() ? all[i] : 0;
    }
    std::string text(const char* key) const {
        return m_fields.value(QLatin1String(key)).toStdString();
    }
    template <typename T> std::vector<T> numbers(const char* key) const {
        std::vector<T> out;
        for (const QString& n :
             m_fields.value(QLatin1String(key)).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            out.push_back(T(n.toULongLong()));
        }
        return out;
    }
    std::uint64_t number(const char* key) const {
        const auto all = numbers<std::uint64_t>(key);
        return all.empty() ? 0 : all.front();
    }

private:
    QProcess m_process;
    QMap<QString, QString> m_fields;
    bool m_ready = false;
};

// The main thread of a scanned process (single-threaded helpers have just that one).
const ObservedThread* mainThread(const ObservedProcess& p) {
    for (const auto& t : p.threads) {
        if (t.tid == p.pid) {
            return &t;
        }
    }
    return nullptr;
}

const ObservedThread* mainThread(const std::optional<ObservedProcess>& p) {
    return p ? mainThread(*p) : nullptr;
}

// Scans `pid` until its main thread is in `call` (a stuck child is there before the helper
// says ready; the loop only rides out a scan skipped on a busy machine).
std::optional<ObservedProcess> scanInCall(pid_t pid, const std::vector<std::string>& calls,
                                          const ProcScanOptions& options = {}) {
    std::optional<ObservedProcess> p;
    testsupport::waitUntil([&] {
        p = scanProcess(pid, options);
        const ObservedThread* t = mainThread(p);
        return t && t->waiting() && std::find(calls.begin(), calls.end(), t->call) != calls.end();
    });
    return p;
}

// The end the process holds of the descriptor the thread's call names.
std::optional<EndpointDirection> directionOfCallFd(const ObservedProcess& p,
                                                   const ObservedThread& t) {
    for (const FdUse& f : p.fds) {
        if (t.fd && f.fd == *t.fd) {
            return f.direction;
        }
    }
    return std::nullopt;
}

ObjectRef ref(IpcKind kind) {
    ObjectRef r;
    r.kind = kind;
    return r;
}

ObjectRef pipeRef(std::uint64_t inode) {
    ObjectRef r = ref(IpcKind::Pipe);
    r.inode = inode;
    return r;
}

// The socket table of one connected stream pair (what sock_diag would say of a socketpair).
UnixSocketTable connectedPair(std::uint64_t a, std::uint64_t b) {
    std::vector<UnixSocketInfo> list;
    for (const auto& [inode, peer] : {std::pair{a, b}, std::pair{b, a}}) {
        UnixSocketInfo info;
        info.inode = inode;
        info.kind = IpcKind::UnixStream;
        info.state = "connected";
        info.peerInode = peer;
        list.push_back(info);
    }
    return UnixSocketTable::fromList(list);
}

const ObservedThread* mainThreadOf(const Observation& obs, pid_t pid) {
    for (const auto& p : obs.processes) {
        if (p.pid == pid) {
            return mainThread(p);
        }
    }
    return nullptr;
}

ProcessSelection treeOf(const StuckProcess& helper) {
    ProcessSelection selection;
    selection.trees = {helper.pid()};
    return selection;
}

// Samples an observation of `selection` until each of `waiters` is seen
// waiting in a call it names, the wait-for verdicts included.
Observation observePollers(const ProcessSelection& selection, const std::vector<pid_t>& waiters) {
    ObserveOptions options;
    options.selection = selection;
    Observer observer(options);
    Observation obs;
    testsupport::waitUntil([&] {
        obs = observer.sample();
        return std::all_of(waiters.begin(), waiters.end(), [&](pid_t pid) {
            const ObservedThread* t = mainThreadOf(obs, pid);
            return t && t->waiting() && !t->call.empty();
        });
    });
    return obs;
}

// A uid no account has (the project's rule for a test acting as another user), from `from` on.
uid_t unusedUid(uid_t from) {
    uid_t uid = from;
    while (::getpwuid(uid) != nullptr) {
        ++uid;
    }
    return uid;
}

// setpriv's arguments to run as `uid` with real group `realGid` and effective group `gid`.
QStringList runAs(uid_t uid, gid_t gid, gid_t realGid) {
    return {QStringLiteral("setpriv"), QStringLiteral("--reuid=%1").arg(uid),
            QStringLiteral("--rgid=%1").arg(realGid), QStringLiteral("--egid=%1").arg(gid),
            QStringLiteral("--clear-groups")};
}

// `ipcscope-cli observe --pid PID --once --json` run under `as` (setpriv ...): its JSON.
QJsonObject observeAs(const QStringList& as, pid_t pid) {
    QStringList command = as;
    command << QCoreApplication::applicationDirPath() + QStringLiteral("/ipcscope-cli")
            << QStringLiteral("observe") << QStringLiteral("--pid") << QString::number(pid)
            << QStringLiteral("--once") << QStringLiteral("--json") << QStringLiteral("--no-exact");
    QProcess cli;
    cli.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    cli.start(command.takeFirst(), command);
    if (!cli.waitForFinished(30000)) {
        cli.kill();
        cli.waitForFinished(10000);
        return {};
    }
    return QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
}

// The JSON of process `pid` in an observation's JSON.
QJsonObject processJson(const QJsonObject& observation, pid_t pid) {
    for (const auto& p : observation[QLatin1String("processes")].toArray()) {
        if (p[QLatin1String("pid")].toInt() == pid) {
            return p.toObject();
        }
    }
    return {};
}

} // namespace

class TestObserve : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // /proc/PID/stat's command name may hold spaces and ')': the state is the field after the
    // last ')'. wchan "0" means running; syscall "running" means not in a call.
    void readsFixtureTaskViews() {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        QVERIFY(QDir(root.path()).mkpath(QStringLiteral("4242")));
        QVERIFY(QDir(root.path()).mkpath(QStringLiteral("4243")));
        const QString blocked = root.path() + QStringLiteral("/4242/");
        writeFile(blocked + QStringLiteral("stat"),
                  "4242 (odd) name) S 1 4242 4242 0 -1 4194304\n");
        writeFile(blocked + QStringLiteral("wchan"), "pipe_read");
        writeFile(blocked + QStringLiteral("syscall"),
                  QByteArray::number(SYS_read) + " 0x3 0x7ffd1000 0x1000 0x0 0x0 0x0 0x7ffd0ff8 "
                                                 "0x7f0000001234\n");
        const QString running = root.path() + QStringLiteral("/4243/");
        writeFile(running + QStringLiteral("stat"), "4243 (busy) R 1 4243 4243 0 -1 4194304\n");
        writeFile(running + QStringLiteral("wchan"), "0");
        writeFile(running + QStringLiteral("syscall"), "running\n");
        const std::string proc = root.path().toStdString();

        const auto b = readKernelTaskView(4242, proc);
        QVERIFY(b);
        QCOMPARE(b->state, 'S');
        QCOMPARE(b->stateText(), std::string("sleeping"));
        QCOMPARE(b->wchan, std::string("pipe_read"));
        QCOMPARE(b->syscall, std::optional<long>(SYS_read));
        QCOMPARE(b->syscallName, std::string("read"));

        const auto r = readKernelTaskView(4243, proc);
        QVERIFY(r);
        QCOMPARE(r->state, 'R');
        QCOMPARE(r->wchan, std::string());
        QCOMPARE(r->syscall, std::nullopt);
        QCOMPARE(r->syscallName, std::string());

        QVERIFY(!readKernelTaskView(4244, proc)); // no such process
    }

    // A child of ours waiting in read() on an empty pipe: the kernel says sleeping, in read;
    // once stopped, stopped. Reading it does not disturb it: it still reads the byte sent after.
    void seesARealBlockedRead() {
        int fds[2];
        QCOMPARE(::pipe2(fds, O_CLOEXEC), 0);
        const pid_t parent = ::getpid();
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            // Only async-signal-safe calls after fork() in a threaded program.
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent) {
                ::_exit(126);
            }
            ::close(fds[1]);
            char byte = 0;
            ::_exit(::read(fds[0], &byte, 1) == 1 && byte == 'x' ? 0 : 1);
        }
        ::close(fds[0]);
        bool reaped = false;
        const auto cleanup = qScopeGuard([&] {
            ::close(fds[1]);
            if (!reaped) { // only our own child, and only while it is not reaped
                ::kill(child, SIGKILL);
                ::waitpid(child, nullptr, 0);
            }
        });
        const auto view = [&] { return readKernelTaskView(child).value_or(KernelTaskView{}); };
        QTRY_VERIFY_WITH_TIMEOUT(view().state == 'S' && view().syscallName == "read", 10000);

        QCOMPARE(::kill(child, SIGSTOP), 0);
        QTRY_COMPARE_WITH_TIMEOUT(view().state, 'T', 10000);
        QCOMPARE(view().stateText(), std::string("stopped"));
        QCOMPARE(::kill(child, SIGCONT), 0);

        QCOMPARE(::write(fds[1], "x", 1), ssize_t(1));
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        reaped = true;
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 0);
    }

    // A child blocked reading an empty pipe: read on that pipe's inode, fd 0-based as the
    // helper has it, its descriptor held as the read end.
    void scansAPipeReader() {
        StuckProcess helper(QStringLiteral("pipe-read"));
        QVERIFY(helper.ready());
        const auto p = scanInCall(helper.child(), {"read"});
        const ObservedThread* t = mainThread(p);
        QVERIFY(t);
        QCOMPARE(t->state, 'S');
        QVERIFY(t->object);
        QCOMPARE(t->object->kind, IpcKind::Pipe);
        QCOMPARE(t->object->inode, std::optional<std::uint64_t>(helper.number("pipe")));
        QCOMPARE(directionOfCallFd(*p, *t), std::optional(EndpointDirection::Receive));
        QCOMPARE(p->ppid, helper.pid());
        QCOMPARE(p->comm, std::string("stuckprocess"));
        QCOMPARE(p->command, std::string(QCoreApplication::applicationDirPath().toStdString() +
                                         "/stuckprocess pipe-read"));
        QCOMPARE(p->uid, ::getuid());
        QCOMPARE(p->user, std::string(::getpwuid(::getuid())->pw_name));
        QVERIFY(p->startTicks > 0);
        QVERIFY(p->ipcNamespace != 0);
        QVERIFY(p->problems.empty());
        // Only IPC descriptors: stdin/stdout of the helper are pipes too, stderr is not.
        QVERIFY(std::all_of(p->fds.begin(), p->fds.end(),
                            [](const FdUse& f) { return f.object.kind == IpcKind::Pipe; }));
    }

    void scansAWriterOnAFullPipe() {
        StuckProcess helper(QStringLiteral("pipe-write-full"));
        QVERIFY(helper.ready());
        const auto p = scanInCall(helper.child(), {"write"});
        const ObservedThread* t = mainThread(p);
        QVERIFY(t && t->object);
        QCOMPARE(t->object->kind, IpcKind::Pipe);
        QCOMPARE(t->object->inode, std::optional<std::uint64_t>(helper.number("pipe")));
        QCOMPARE(directionOfCallFd(*p, *t), std::optional(EndpointDirection::Send));
    }

    // open() of a FIFO with no writer: the path read from the process's memory, stat()ed.
    void scansAFifoOpen() {
        StuckProcess helper(QStringLiteral("fifo-open"));
        QVERIFY(helper.ready());
        const auto p = scanInCall(helper.child(), {"openat", "open"});
        const ObservedThread* t = mainThread(p);
        QVERIFY(t && t->object);
        QCOMPARE(t->object->kind, IpcKind::Fifo);
        QCOMPARE(t->object->name, helper.text("fifo"));
        QCOMPARE(t->object->inode, std::optional<std::uint64_t>(helper.number("fifoinode")));
    }

    void scansMsgrcvForType3() {
        StuckProcess helper(QStringLiteral("msgrcv"));
        QVERIFY(helper.ready());
        const auto p = scanInCall(helper.child(), {"msgrcv"});
        const ObservedThread* t = mainThread(p);
        QVERIFY(t && t->object);
        QCOMPARE(t->object->kind, IpcKind::SysvMsg);
        QCOMPARE(t->object->id, std::optional<int>(int(helper.number("msqid"))));
        QCOMPARE(t->object->ipcNamespace, std::nullopt); // ours
        QCOMPARE(t->msgType, std::optional<long>(3));
        QCOMPARE(t->detail, std::string("type 3"));
        QVERIFY(p->fds.empty() || std::none_of(p->fds.begin(), p->fds.end(), [](const FdUse& f) {
                    return f.object.kind == IpcKind::SysvMsg;
                }));
    }

    // In another IPC namespace the same msqid names another queue: the object carries the
    // waiter's namespace (here only the observer's own is left out).
    void marksObjectsOfAnotherIpcNamespace() {
        StuckProcess helper(QStringLiteral("msgrcv"), true);
        QVERIFY(helper.ready());
        const auto p = scanInCall(helper.child(), {"msgrcv"});
        const ObservedThread* t = mainThread(p);
        QVERIFY(t && t->object);
        struct stat own {};
        QCOMPARE(::stat("/proc/self/ns/ipc", &own), 0);
        QVERIFY(p->ipcNamespace != std::uint64_t(own.st_ino));
        QCOMPARE(t->object->kind, IpcKind::SysvMsg);
        QCOMPARE(t->object->ipcNamespace, std::optional<std::uint64_t>(p->ipcNamespace));
        QCOMPARE(t->msgType, std::optional<long>(3));
    }

    // semop: the semid, and which semaphore and operation from the sembuf array.
    void scansSemop() {
        StuckProcess helper(QStringLiteral("semop"));
        QVERIFY(helper.ready());
        const auto p = scanInCall(helper.child(), {"semop", "semtimedop"});
        const ObservedThread* t = mainThread(p);
        QVERIFY(t && t->object);
        QCOMPARE(t->object->kind, IpcKind::SysvSem);
        QCOMPARE(t->object->id, std::optional<int>(int(helper.number("semid"))));
        QCOMPARE(t->detail, std::string("semaphore 0: -1"));
    }

    void scansMqReceive() {
        StuckProcess helper(QStringLiteral("mq-receive"));
        QVERIFY(helper.ready());
        const auto p = scanInCall(helper.child(), {"mq_timedreceive"});
        const ObservedThread* t = mainThread(p);
        QVERIFY(t && t->object);
        QCOMPARE(t->object->kind, IpcKind::PosixMq);
        QCOMPARE(t->object->name, helper.text("mq"));
        QCOMPARE(directionOfCallFd(*p, *t), std::optional(EndpointDirection::Receive));
    }

    // sem_wait sleeps in futex on an address inside the mapped /dev/shm/sem.NAME.
    void scansSemWaitOnANamedSemaphore() {
        StuckProcess helper(QStringLiteral("sem-wait"));
        QVERIFY(helper.ready());
        const auto p = scanInCall(helper.child(), {"futex"});
        const ObservedThread* t = mainThread(p);
        QVERIFY(t);
        QVERIFY2(t->object, t->detail.c_str());
        QCOMPARE(t->object->kind, IpcKind::PosixSem);
        QCOMPARE(t->object->name, helper.text("sem"));
        ObjectRef sem = ref(IpcKind::PosixSem);
        sem.name = helper.text("sem");
        QVERIFY(std::find(p->mappings.begin(), p->mappings.end(), sem) != p->mappings.end());
    }

    // The semaphore's creator waits on it: its mapping has sem_open's temporary name, and the
    // scan names the object by the inode's entry in /dev/shm.
    void namesASemaphoreItsCreatorWaitsOn() {
        StuckProcess helper(QStringLiteral("sem-wait-creator"));
        QVERIFY(helper.ready());
        const auto p = scanInCall(helper.child(), {"futex"});
        const ObservedThread* t = mainThread(p);
        QVERIFY(t && t->object);
        QCOMPARE(t->object->kind, IpcKind::PosixSem);
        QCOMPARE(t->object->name, helper.text("sem"));
    }

    // A futex that is not in shared memory is said to be private, with no object.
    void saysAPrivateFutex() {
        StuckProcess helper(QStringLiteral("pipe-read"));
        QVERIFY(helper.ready());
        // Our own QProcess machinery has no futex wait to rely on; a thread of ours has: the
        // bounded-read worker sleeps in futex waiting for a job.
        QVERIFY(scanProcess(helper.child(), {}));
        const auto self = scanProcess(::getpid(), {});
        QVERIFY(self);
        const auto worker =
            std::find_if(self->threads.begin(), self->threads.end(),
                         [](const ObservedThread& t) { return t.call == "futex" && t.waiting(); });
        QVERIFY(worker != self->threads.end());
        QVERIFY(!worker->object);
        QCOMPARE(worker->detail,
                 std::string("private futex (a mutex or condition variable inside the process)"));
    }

    // recv on one end of a socketpair: the socket table (built here from the inodes the helper
    // printed) names the socket; without a table sockets are skipped.
    void scansUnixRecv() {
        StuckProcess helper(QStringLiteral("unix-recv"));
        QVERIFY(helper.ready());
        const auto inodes = helper.numbers<std::uint64_t>("sockets");
        QCOMPARE(inodes.size(), std::size_t(2));
        const UnixSocketTable table = connectedPair(inodes[0], inodes[1]);
        ProcScanOptions options;
        options.sockets = &table;
        const auto p = scanInCall(helper.child(), {"recvfrom", "recvmsg"}, options);
        const ObservedThread* t = mainThread(p);
        QVERIFY(t && t->object);
        QCOMPARE(t->object->kind, IpcKind::UnixStream);
        QCOMPARE(t->object->inode, std::optional<std::uint64_t>(inodes[1]));

        const auto bare = scanInCall(helper.child(), {"recvfrom", "recvmsg"});
        QVERIFY(mainThread(bare));
        QVERIFY(!mainThread(bare)->object);
        QVERIFY(mainThread(bare)->fd);
        QVERIFY(std::none_of(bare->fds.begin(), bare->fds.end(),
                             [](const FdUse& f) { return isUnixSocket(f.object.kind); }));
    }

    // A listener that never accepts (the helper) and its client waiting in recv.
    void scansAListenerWithAPendingClient() {
        StuckProcess helper(QStringLiteral("unix-listen"));
        QVERIFY(helper.ready());
        const auto inodes = helper.numbers<std::uint64_t>("sockets");
        QCOMPARE(inodes.size(), std::size_t(2));
        UnixSocketInfo listener;
        listener.inode = inodes[0];
        listener.state = "listening";
        UnixSocketInfo client;
        client.inode = inodes[1];
        client.state = "connected";
        const UnixSocketTable table = UnixSocketTable::fromList({listener, client});
        ProcScanOptions options;
        options.sockets = &table;
        const auto c = scanInCall(helper.child(), {"recvfrom", "recvmsg"}, options);
        QVERIFY(mainThread(c) && mainThread(c)->object);
        QCOMPARE(mainThread(c)->object->inode, std::optional<std::uint64_t>(inodes[1]));
        const auto l = scanProcess(helper.pid(), options);
        QVERIFY(l);
        QVERIFY(std::any_of(l->fds.begin(), l->fds.end(), [&](const FdUse& f) {
            return f.object.inode == inodes[0] && f.object.kind == IpcKind::UnixStream;
        }));
    }

    // The rings the wait-for graph judges: member i reads pipe i and holds only the write end
    // of pipe i+1; with a sleeper, a further process holds pipe 0's write end in nanosleep.
    void scansTheDeadlockRings_data() {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("members");
        QTest::addColumn<bool>("sleeper");
        QTest::newRow("two") << QStringLiteral("deadlock2") << 2 << false;
        QTest::newRow("three") << QStringLiteral("deadlock3") << 3 << false;
        QTest::newRow("possible") << QStringLiteral("possible-deadlock") << 2 << true;
    }
    void scansTheDeadlockRings() {
        QFETCH(QString, mode);
        QFETCH(int, members);
        QFETCH(bool, sleeper);
        StuckProcess helper(mode);
        QVERIFY(helper.ready());
        const auto pipes = helper.numbers<std::uint64_t>("pipes");
        QCOMPARE(int(pipes.size()), members);
        const auto scanned = scanProcesses(helper.pids(), {});
        QCOMPARE(int(scanned.size()), members + (sleeper ? 1 : 0));
        const auto held = [&](const ObservedProcess& p, std::uint64_t inode) {
            std::vector<EndpointDirection> ends;
            for (const FdUse& f : p.fds) {
                if (f.object.kind == IpcKind::Pipe && f.object.inode == inode) {
                    ends.push_back(f.direction);
                }
            }
            return ends;
        };
        using Ends = std::vector<EndpointDirection>;
        for (int i = 0; i < members; ++i) {
            const ObservedProcess& p = scanned[std::size_t(i)];
            const ObservedThread* t = mainThread(p);
            QVERIFY(t);
            QCOMPARE(t->call, std::string("read"));
            QVERIFY(t->object);
            QCOMPARE(t->object->inode, std::optional<std::uint64_t>(pipes[std::size_t(i)]));
            for (int j = 0; j < members; ++j) {
                const Ends expected = j == i                   ? Ends{EndpointDirection::Receive}
                                      : j == (i + 1) % members ? Ends{EndpointDirection::Send}
                                                               : Ends{};
                QCOMPARE(held(p, pipes[std::size_t(j)]), expected);
            }
        }
        if (sleeper) {
            const ObservedProcess& s = scanned.back();
            const ObservedThread* t = mainThread(s);
            QVERIFY(t);
            QVERIFY(t->call == "clock_nanosleep" || t->call == "nanosleep");
            QCOMPARE(t->detail, std::string("sleeping"));
            QVERIFY(!t->object);
            QCOMPARE(held(s, pipes[0]), Ends{EndpointDirection::Send});
            QCOMPARE(held(s, pipes[1]), Ends{});
        }
    }

    // A reader whose only writer sleeps and will write: no cycle, the writer is not waiting
    // on any object.
    void scansAReaderWaitingForASleepingWriter() {
        StuckProcess helper(QStringLiteral("no-deadlock"));
        QVERIFY(helper.ready());
        const auto scanned = scanProcesses(helper.pids(), {});
        QCOMPARE(scanned.size(), std::size_t(2));
        const ObservedThread* reader = mainThread(scanned[0]);
        QVERIFY(reader && reader->object);
        QCOMPARE(reader->object->inode, std::optional<std::uint64_t>(helper.number("pipe")));
        const ObservedThread* writer = mainThread(scanned[1]);
        QVERIFY(writer && !writer->object);
        QCOMPARE(writer->detail, std::string("sleeping"));
        QVERIFY(std::any_of(scanned[1].fds.begin(), scanned[1].fds.end(), [&](const FdUse& f) {
            return f.object.inode == helper.number("pipe") &&
                   f.direction == EndpointDirection::Send;
        }));
    }

    // The same wait seen again: its duration is the time since it was first seen (a lower
    // bound); a thread that left its call starts over.
    void tracksHowLongAThreadWaits() {
        StuckProcess helper(QStringLiteral("msgrcv"));
        QVERIFY(helper.ready());
        WaitTracker tracker;
        const auto sample = [&](std::uint64_t nowNs) {
            std::vector<ObservedProcess> ps{*scanInCall(helper.child(), {"msgrcv"})};
            tracker.update(ps, nowNs);
            return mainThread(ps.front())->waitingNs;
        };
        QCOMPARE(sample(1'000'000'000), std::uint64_t(0));
        QCOMPARE(sample(1'100'000'000), std::uint64_t(100'000'000));
        QCOMPARE(sample(3'000'000'000), std::uint64_t(2'000'000'000));

        // Another call (a changed argument) is another wait.
        std::vector<ObservedProcess> ps{*scanInCall(helper.child(), {"msgrcv"})};
        for (auto& t : ps.front().threads) {
            t.args[3] = 7;
        }
        tracker.update(ps, 4'000'000'000);
        QCOMPARE(mainThread(ps.front())->waitingNs, std::uint64_t(0));
    }

    void selectsByPidCommandTreeAndObject() {
        StuckProcess helper(QStringLiteral("deadlock3"));
        QVERIFY(helper.ready());
        const auto kids = helper.pids();
        QCOMPARE(kids.size(), std::size_t(3));
        const ProcScanOptions options;
        std::vector<pid_t> family{helper.pid(), kids[0], kids[1], kids[2]};
        std::sort(family.begin(), family.end());

        ProcessSelection byPid;
        byPid.pids = {kids[1], 0x7ffffff0}; // the second has no process
        QCOMPARE(selectPids(byPid, options), std::vector<pid_t>{kids[1]});

        ProcessSelection byTree;
        byTree.trees = {helper.pid()};
        QCOMPARE(selectPids(byTree, options), family);

        ProcessSelection byCommand;
        byCommand.commands = {"stuckprocess"};
        const auto named = selectPids(byCommand, options);
        QVERIFY(std::includes(named.begin(), named.end(), family.begin(), family.end()));
        QVERIFY(!std::binary_search(named.begin(), named.end(), ::getpid()));

        // The second pipe of the ring: read by kids[1], written by kids[0].
        ProcessSelection byObject;
        ObjectRef pipe = ref(IpcKind::Pipe);
        pipe.inode = helper.numbers<std::uint64_t>("pipes").at(1);
        byObject.objects = {pipe};
        std::vector<pid_t> users{kids[0], kids[1]};
        std::sort(users.begin(), users.end());
        QCOMPARE(selectPids(byObject, options), users);

        ProcessSelection everyone;
        everyone.all = true;
        const auto all = selectPids(everyone, options);
        QVERIFY(std::includes(all.begin(), all.end(), family.begin(), family.end()));

        const auto listed = listProcesses(options);
        const auto entry = std::find_if(listed.begin(), listed.end(),
                                        [&](const ProcessSummary& s) { return s.pid == kids[0]; });
        QVERIFY(entry != listed.end());
        QVERIFY(entry->usesIpc);
        QCOMPARE(entry->ppid, helper.pid());
        QCOMPARE(entry->comm, std::string("stuckprocess"));
    }

    // A read that never returns (a FIFO without a writer stands in for a /proc file behind a
    // held mmap lock) costs the caller its budget, then the worker is left to it; when the
    // read ends the worker comes back.
    void boundsAReadThatNeverReturns() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string fifo = dir.path().toStdString() + "/never";
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        const int stuckBefore = stuckBoundedWorkers();
        std::string why;
        const auto value = callBounded<int>(
            [fifo](JobProgress& progress) {
                progress.set(fifo);
                const int fd = ::open(fifo.c_str(), O_RDONLY | O_CLOEXEC); // waits for a writer
                if (fd >= 0) {
                    ::close(fd);
                }
                return 1;
            },
            std::chrono::milliseconds(100), &why);
        QCOMPARE(value, std::nullopt);
        QCOMPARE(why, fifo + " took over 100 ms");
        QCOMPARE(stuckBoundedWorkers(), stuckBefore + 1);
        // Release it: a writer that opens without waiting lets the reader's open return.
        const int writer = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        QVERIFY(writer >= 0);
        ::close(writer); // the reader's open still returns (the writer count changed), then EOF
        QVERIFY(testsupport::waitUntil([&] { return stuckBoundedWorkers() == stuckBefore; }));

        QCOMPARE(callBounded<int>([](JobProgress&) { return 7; }, std::chrono::milliseconds(100),
                                  nullptr),
                 std::optional<int>(7));

        // In a run of items only the one that hangs is left; the rest are done, in order.
        auto done = std::make_shared<std::vector<int>>(3, 0);
        const auto skipped = forEachBounded(
            3,
            [done, fifo](std::size_t i, JobProgress& progress) {
                if (i == 1) {
                    progress.set(fifo);
                    const int fd = ::open(fifo.c_str(), O_RDONLY | O_CLOEXEC);
                    if (fd >= 0) {
                        ::close(fd);
                    }
                }
                (*done)[i] = 1;
            },
            std::chrono::milliseconds(100));
        QCOMPARE(skipped.size(), std::size_t(1));
        QCOMPARE(skipped.front().index, std::size_t(1));
        QCOMPARE(skipped.front().why, fifo + " took over 100 ms");
        QCOMPARE((*done)[0], 1);
        QCOMPARE((*done)[2], 1);
        const int writer2 = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        QVERIFY(writer2 >= 0);
        ::close(writer2);
        QVERIFY(testsupport::waitUntil([&] { return stuckBoundedWorkers() == stuckBefore; }));
    }

    // scanProcess on a process whose maps never come (a fixture /proc whose maps is a FIFO):
    // skipped with the file named, and the next process is read as usual.
    void skipsAProcessWhoseProcFilesHang() {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString base = root.path() + QStringLiteral("/4242/");
        QVERIFY(QDir(root.path()).mkpath(QStringLiteral("4242/fd")));
        QVERIFY(QDir(root.path()).mkpath(QStringLiteral("4242/task")));
        writeFile(base + QStringLiteral("stat"),
                  "4242 (slow) S 1 4242 4242 0 -1 4194304 0 0 0 0 0 0 0 0 20 0 1 0 777 0 0\n");
        writeFile(base + QStringLiteral("comm"), "slow\n");
        writeFile(base + QStringLiteral("status"), "Name:\tslow\nUid:\t0\t0\t0\t0\n");
        writeFile(base + QStringLiteral("cmdline"), QByteArray("slow\0--x\0", 9));
        const std::string maps = (base + QStringLiteral("maps")).toStdString();
        QCOMPARE(::mkfifo(maps.c_str(), 0600), 0);

        ProcScanOptions options;
        options.procRoot = root.path().toStdString();
        const int stuckBefore = stuckBoundedWorkers();
        const auto p = scanProcess(4242, options);
        QVERIFY(p);
        QCOMPARE(p->pid, pid_t(4242));
        QCOMPARE(p->problems, std::vector<std::string>{"skipped: " + maps + " took over 100 ms"});
        QVERIFY(p->threads.empty());

        // The same fixture with maps as a file reads in full.
        const int writer = ::open(maps.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        QVERIFY(writer >= 0);
        ::close(writer); // the reader's open still returns (the writer count changed), then EOF
        QVERIFY(testsupport::waitUntil([&] { return stuckBoundedWorkers() == stuckBefore; }));
        QCOMPARE(::unlink(maps.c_str()), 0);
        writeFile(base + QStringLiteral("maps"), "");
        const auto q = scanProcess(4242, options);
        QVERIFY(q);
        QVERIFY(q->problems.empty());
        QCOMPARE(q->comm, std::string("slow"));
        QCOMPARE(q->command, std::string("slow --x"));
        QCOMPARE(q->startTicks, std::uint64_t(777));
        QCOMPARE(q->ppid, pid_t(1));
    }

    // The inventory's walk through /proc (ls --users) leaves out such a process with a warning
    // and lists the others.
    void inventoryLeavesOutAProcessWhoseProcFilesHang() {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        for (const char* dir : {"4242/fd", "4243/fd", "shm", "mqueue"}) {
            QVERIFY(QDir(root.path()).mkpath(QLatin1String(dir)));
        }
        writeFile(root.path() + QStringLiteral("/4242/comm"), "slow\n");
        writeFile(root.path() + QStringLiteral("/4243/comm"), "quick\n");
        writeFile(root.path() + QStringLiteral("/4243/maps"), "");
        // A descriptor link as /proc shows a pipe (readlink is all the walk asks of it).
        QCOMPARE(::symlink("pipe:[777]", (root.path() + QStringLiteral("/4243/fd/3")).toUtf8()), 0);
        const std::string maps = root.path().toStdString() + "/4242/maps";
        QCOMPARE(::mkfifo(maps.c_str(), 0600), 0);
        InventoryOptions options;
        options.procRoot = root.path().toStdString();
        options.shmRoot = options.procRoot + "/shm";
        options.mqueueRoot = options.procRoot + "/mqueue";
        options.live = false;
        options.users = true;
        options.kinds = {IpcKind::Pipe};
        const int stuckBefore = stuckBoundedWorkers();
        InventoryScanner scanner(options);
        const Inventory inventory = scanner.scan();
        const std::string expected = "process 4242 left out: " + maps + " took over 100 ms";
        QVERIFY2(std::find(inventory.warnings.begin(), inventory.warnings.end(), expected) !=
                     inventory.warnings.end(),
                 expected.c_str());
        const auto pipe = std::find_if(inventory.objects.begin(), inventory.objects.end(),
                                       [](const IpcObject& o) { return o.inode == 777u; });
        QVERIFY(pipe != inventory.objects.end());
        QCOMPARE(pipe->users.size(), std::size_t(1));
        QCOMPARE(pipe->users.front().pid, pid_t(4243));
        QCOMPARE(pipe->users.front().command, std::string("quick"));
        const int writer = ::open(maps.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        QVERIFY(writer >= 0);
        ::close(writer);
        QVERIFY(testsupport::waitUntil([&] { return stuckBoundedWorkers() == stuckBefore; }));
    }

    // A poll, ppoll, select, pselect or epoll_wait on a pipe's read end and a Unix socket whose
    // peer a sleeper holds: the call glibc issued (as /proc names its number), the descriptors
    // and the channel of each.
    void decodesPollSelectAndEpoll_data() {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QStringList>("calls"); // what glibc may issue for it
        QTest::newRow("poll") << QStringLiteral("poll")
                              << QStringList{QStringLiteral("poll"), QStringLiteral("ppoll")};
        QTest::newRow("ppoll") << QStringLiteral("ppoll") << QStringList{QStringLiteral("ppoll")};
        QTest::newRow("select") << QStringLiteral("select")
                                << QStringList{QStringLiteral("select"),
                                               QStringLiteral("pselect6")};
        QTest::newRow("pselect") << QStringLiteral("pselect")
                                 << QStringList{QStringLiteral("pselect6")};
        QTest::newRow("epoll") << QStringLiteral("epoll")
                               << QStringList{QStringLiteral("epoll_wait"),
                                              QStringLiteral("epoll_pwait")};
    }
    void decodesPollSelectAndEpoll() {
        QFETCH(QString, mode);
        QFETCH(QStringList, calls);
        StuckProcess helper(mode);
        QVERIFY(helper.ready());
        const auto sockets = helper.numbers<std::uint64_t>("sockets");
        const auto fds = helper.numbers<int>("fds"); // the pipe's read end, the socket
        QCOMPARE(sockets.size(), std::size_t(2));
        QCOMPARE(fds.size(), std::size_t(2));
        const UnixSocketTable table = connectedPair(sockets[0], sockets[1]);
        ProcScanOptions options;
        options.sockets = &table;
        std::vector<std::string> names;
        for (const QString& c : calls) {
            names.push_back(c.toStdString());
        }
        const pid_t poller = helper.child(0);
        const auto p = scanInCall(poller, names, options);
        const ObservedThread* t = mainThread(p);
        QVERIFY(t);
        const auto view = readKernelTaskView(poller);
        QVERIFY(view && view->syscall);
        QCOMPARE(t->syscall, view->syscall);
        QCOMPARE(t->call, view->syscallName);
        QCOMPARE(t->detail, "fds " + std::to_string(fds[0]) + ", " + std::to_string(fds[1]));
        if (mode == QLatin1String("epoll")) {
            QVERIFY(t->fd);
            char target[64] = {};
            const std::string link =
                "/proc/" + std::to_string(poller) + "/fd/" + std::to_string(*t->fd);
            QVERIFY(::readlink(link.c_str(), target, sizeof target - 1) > 0);
            QCOMPARE(std::string(target), std::string("anon_inode:[eventpoll]"));
        }
        QVERIFY(t->object);
        QCOMPARE(*t->object, pipeRef(helper.number("pipe")));
        QCOMPARE(t->also.size(), std::size_t(1));
        QCOMPARE(t->also.front().kind, IpcKind::UnixStream);
        QCOMPARE(t->also.front().inode, std::optional<std::uint64_t>(sockets[0]));
        QVERIFY(p->problems.empty());

        // The observer ties the wait to both channels, and the sleeper holds what releases it:
        // the pipe's write end and the socket's peer.
        const Observation obs = observePollers(treeOf(helper), {poller});
        const pid_t sleeper = helper.child(1);
        const auto endsOf = [&](const ObjectRef& object) {
            std::vector<std::pair<pid_t, EndpointDirection>> ends;
            for (const ObservedChannel& c : obs.channels) {
                if (c.object == object) {
                    for (const ChannelEnd& e : c.ends) {
                        ends.emplace_back(e.pid, e.direction);
                    }
                }
            }
            std::sort(ends.begin(), ends.end());
            return ends;
        };
        using Ends = std::vector<std::pair<pid_t, EndpointDirection>>;
        QCOMPARE(endsOf(pipeRef(helper.number("pipe"))),
                 (Ends{{poller, EndpointDirection::Receive}, {sleeper, EndpointDirection::Send}}));
        ObjectRef peer = ref(IpcKind::UnixStream);
        peer.inode = sockets[1];
        QCOMPARE(endsOf(t->also.front()), (Ends{{poller, EndpointDirection::Both}}));
        QCOMPARE(endsOf(peer), (Ends{{sleeper, EndpointDirection::Both}}));
        QVERIFY(obs.deadlocks.empty());
    }

    // Two processes each in poll on the read end of a pipe whose only writer is the other, or
    // in epoll_wait on one end of a socketpair whose other end only the other holds: a certain
    // deadlock (the end each holds says what it polls for), each tied to its own channel.
    void findsADeadlockOfTwoPolls_data() {
        QTest::addColumn<QString>("mode");
        QTest::newRow("poll on pipes") << QStringLiteral("poll-deadlock");
        QTest::newRow("epoll on a socketpair") << QStringLiteral("epoll-deadlock");
    }
    void findsADeadlockOfTwoPolls() {
        QFETCH(QString, mode);
        StuckProcess helper(mode);
        QVERIFY(helper.ready());
        const auto pids = helper.pids();
        QCOMPARE(pids.size(), std::size_t(2));
        const Observation obs = observePollers(treeOf(helper), pids);
        std::vector<ObjectRef> objects;
        std::string role = "writer";
        if (mode == QLatin1String("poll-deadlock")) {
            const auto pipes = helper.numbers<std::uint64_t>("pipes");
            objects = {pipeRef(pipes[0]), pipeRef(pipes[1])};
        } else {
            role = "peer";
            for (std::uint64_t inode : helper.numbers<std::uint64_t>("sockets")) {
                objects.push_back(ref(IpcKind::UnixStream));
                objects.back().inode = inode;
            }
        }
        QCOMPARE(obs.deadlocks.size(), std::size_t(1));
        const Deadlock& d = obs.deadlocks.front();
        QCOMPARE(d.pids, pids);
        QCOMPARE(d.objects, objects);
        QVERIFY2(d.certain, d.text.c_str());
        const ObservedThread* first = mainThreadOf(obs, pids[0]);
        QVERIFY(first);
        const std::string call = first->call;
        const std::string a = std::to_string(pids[0]), b = std::to_string(pids[1]);
        QCOMPARE(d.text, "pid " + a + " (stuckprocess) waits in " + call + " on " +
                             objects[0].text() + "; its only " + role + ", pid " + b +
                             " (stuckprocess), waits in " + call + " on " + objects[1].text() +
                             ", whose only " + role + " is pid " + a + ": deadlock");
    }

    // A poll waits on ANY of its descriptors: the first process also polls a third pipe whose
    // writer sleeps outside the cycle. Seen, the sleeper may write: a possible deadlock, tied to
    // the pipe toward the other member; not seen, it is someone who may release it: none.
    void aPollIsReleasedByAnyOfItsChannels() {
        StuckProcess helper(QStringLiteral("poll-escape"));
        QVERIFY(helper.ready());
        const auto pipes = helper.numbers<std::uint64_t>("pipes");
        const auto pids = helper.pids();
        QCOMPARE(pids.size(), std::size_t(3));
        const std::vector<pid_t> cycle{pids[0], pids[1]};

        const Observation all = observePollers(treeOf(helper), cycle);
        const ObservedThread* first = mainThreadOf(all, pids[0]);
        QVERIFY(first && first->object);
        QCOMPARE(*first->object, pipeRef(pipes[0]));
        QCOMPARE(first->also, std::vector<ObjectRef>{pipeRef(pipes[2])});
        QCOMPARE(all.deadlocks.size(), std::size_t(1));
        const Deadlock& d = all.deadlocks.front();
        QVERIFY2(!d.certain, d.text.c_str());
        QCOMPARE(d.pids, cycle);
        QCOMPARE(d.objects, (std::vector<ObjectRef>{pipeRef(pipes[0]), pipeRef(pipes[1])}));
        QVERIFY2(d.text.find("waits in poll on pipe:[" + std::to_string(pipes[0]) + "] or pipe:[" +
                             std::to_string(pipes[2]) + "]") != std::string::npos,
                 d.text.c_str());
        QVERIFY2(d.text.find("pid " + std::to_string(pids[2]) +
                             " (stuckprocess) is not in the cycle") != std::string::npos,
                 d.text.c_str());

        ProcessSelection twoOnly;
        twoOnly.pids = cycle;
        const Observation two = observePollers(twoOnly, cycle);
        QVERIFY(two.deadlocks.empty());
    }

    // The observer as another user. With a different uid, /proc refuses the descriptors, the
    // maps and the call (they need ptrace access): said in words, and the rest still shown.
    // With the process's uid but another real group, /proc (checked against the effective
    // ids) shows the call while process_vm_readv (checked against the real ids) refuses the
    // semop operations and the poll descriptors: the call is named, the refusal said.
    void saysWhatAnotherUserCannotRead_data() {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QStringList>("calls");
        QTest::addColumn<QString>("what");
        QTest::newRow("semop") << QStringLiteral("semop")
                               << QStringList{QStringLiteral("semop"), QStringLiteral("semtimedop")}
                               << QStringLiteral("semop operations");
        QTest::newRow("poll") << QStringLiteral("poll")
                              << QStringList{QStringLiteral("poll"), QStringLiteral("ppoll")}
                              << QStringLiteral("poll descriptors");
    }
    void saysWhatAnotherUserCannotRead() {
        QFETCH(QString, mode);
        QFETCH(QStringList, calls);
        QFETCH(QString, what);
        if (::geteuid() != 0) {
            QSKIP("needs root: it runs the helper and the observer as other users (setpriv)");
        }
        const uid_t owner = unusedUid(64000 + uid_t(::getpid() % 1000));
        const uid_t other = unusedUid(owner + 1);
        StuckProcess helper(mode, false, runAs(owner, owner, owner));
        QVERIFY2(helper.ready(), "stuckprocess did not start as another user (is the build "
                                 "directory readable by all?)");
        const pid_t waiter = helper.child(0);
        const QString pid = QString::number(waiter);
        const QString denied = QStringLiteral(": permission denied (run as the process's user "
                                              "and group, or as root)");

        const QJsonObject stranger =
            processJson(observeAs(runAs(other, other, other), waiter), waiter);
        QVERIFY(!stranger.isEmpty());
        const auto problems = stranger[QLatin1String("problems")].toArray();
        QVERIFY(problems.contains(QStringLiteral("cannot see which call the threads of pid ") +
                                  pid + QStringLiteral(" are in (/proc/") + pid +
                                  QStringLiteral("/task/") + pid + QStringLiteral("/syscall)") +
                                  denied));
        QVERIFY(problems.contains(QStringLiteral("cannot list the descriptors of pid ") + pid +
                                  QStringLiteral(" (/proc/") + pid + QStringLiteral("/fd)") +
                                  denied));
        const auto strangerThreads = stranger[QLatin1String("threads")].toArray();
        QCOMPARE(strangerThreads.size(), 1);
        QVERIFY(!strangerThreads[0].toObject().contains(QLatin1String("call")));

        const QJsonObject sameUser =
            processJson(observeAs(runAs(owner, owner, other), waiter), waiter);
        const auto threads = sameUser[QLatin1String("threads")].toArray();
        QCOMPARE(threads.size(), 1);
        const QJsonObject t = threads[0].toObject();
        QVERIFY2(calls.contains(t[QLatin1String("call")].toString()),
                 qPrintable(QJsonDocument(t).toJson()));
        QCOMPARE(t[QLatin1String("detail")].toString(), QStringLiteral("cannot read the ") + what +
                                                            QStringLiteral(" of pid ") + pid +
                                                            denied);
        if (mode == QLatin1String("semop")) {
            QCOMPARE(t[QLatin1String("object")][QLatin1String("kind")].toString(),
                     QStringLiteral("sysv-sem"));
        }
    }

    void namesTheCallsThatMatterForIpc() {
        QCOMPARE(syscallName(SYS_msgrcv), std::string("msgrcv"));
        QCOMPARE(syscallName(SYS_write), std::string("write"));
        QCOMPARE(syscallName(SYS_futex), std::string("futex"));
        QCOMPARE(syscallName(-1), std::string());
    }
};

QTEST_GUILESS_MAIN(TestObserve)
#include "tst_observe.moc"
