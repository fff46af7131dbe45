// The Observer on real processes that are not ipcscope workers (tests/observe/stuckprocess.c,
// disturbprobe.c): each wait state gives the right call, object and a growing duration; the
// wait-for verdicts come out right; the CLI's JSON says the same; a recorded observation
// replays to the same frames; and observing disturbs nothing (issue 11).

#include "observe/observer.h"
#include "recording/recording.h"

#include "base/clock.h"

#include "../common/testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <dirent.h>
#include <fcntl.h>
#include <mqueue.h>
#include <sched.h>
#include <set>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/sem.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

using namespace ipcscope;

namespace {

QString binary(const char* name) {
    return QCoreApplication::applicationDirPath() + QLatin1Char('/') + QLatin1String(name);
}

std::uint64_t ownIpcNamespace() {
    struct stat st {};
    return ::stat("/proc/self/ns/ipc", &st) == 0 ? st.st_ino : 0;
}

int openFdCount() {
    int n = 0;
    if (DIR* d = ::opendir("/proc/self/fd")) {
        while (::readdir(d)) {
            ++n;
        }
        ::closedir(d);
    }
    return n;
}

// A helper program in its wait state: started (in a private IPC namespace when asked), its
// "ready key=value ..." line read; closing its stdin makes it kill its children and remove its
// objects.
class Helper {
public:
    Helper(const QString& program, const QStringList& args, bool privateIpc = false) {
        if (privateIpc) {
            m_process.start(QStringLiteral("unshare"),
                            QStringList{QStringLiteral("--ipc"), program} + args);
        } else {
            m_process.start(program, args);
        }
        m_process.waitForStarted(10000);
        testsupport::waitUntil([&] { return m_process.canReadLine(); }, 20000);
        const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
        if (!line.startsWith(QLatin1String("ready"))) {
            m_problem = line + QString::fromUtf8(m_process.readAllStandardError());
            return;
        }
        for (const QString& word : line.split(QLatin1Char(' '), Qt::SkipEmptyParts).mid(1)) {
            const qsizetype eq = word.indexOf(QLatin1Char('='));
            m_fields.insert(word.left(eq), word.mid(eq + 1));
        }
    }
    ~Helper() {
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(10000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    bool ready() const { return !m_fields.isEmpty(); }
    QString problem() const { return m_problem; }
    pid_t pid() const { return pid_t(m_process.processId()); }
    QString field(const QString& key) const { return m_fields.value(key); }
    std::uint64_t number(const QString& key) const { return field(key).toULongLong(); }
    std::vector<pid_t> pids(const QString& key = QStringLiteral("pids")) const {
        std::vector<pid_t> out;
        for (const QString& p : field(key).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            out.push_back(pid_t(p.toInt()));
        }
        return out;
    }
    QProcess& process() { return m_process; }

private:
    QProcess m_process;
    QMap<QString, QString> m_fields;
    QString m_problem;
};

Helper* stuck(const char* mode, bool privateIpc = false) {
    return new Helper(binary("stuckprocess"), {QLatin1String(mode)}, privateIpc);
}

const ObservedThread* waitingThread(const Observation& obs, pid_t pid) {
    for (const auto& p : obs.processes) {
        if (p.pid == pid) {
            for (const auto& t : p.threads) {
                if (t.waiting()) {
                    return &t;
                }
            }
        }
    }
    return nullptr;
}

const ObservedChannel* channelOf(const Observation& obs, const ObjectRef& ref) {
    for (const auto& c : obs.channels) {
        if (c.object == ref) {
            return &c;
        }
    }
    return nullptr;
}

std::string warningsOf(const Observation& obs) {
    std::string s;
    for (const auto& w : obs.warnings) {
        s += w + "; ";
    }
    return s;
}

ObserveOptions treeOf(pid_t pid) {
    ObserveOptions o;
    o.selection.trees = {pid};
    o.interval = std::chrono::milliseconds(50);
    return o;
}

// Samples until `pid` has been seen waiting in two samples with a grown duration; returns the
// last observation.
Observation observeGrowingWait(Observer& observer, pid_t pid) {
    Observation last = observer.sample();
    std::uint64_t first = 0;
    bool seen = false;
    testsupport::waitUntil(
        [&] {
            QTest::qWait(int(observer.options().interval.count()));
            last = observer.sample();
            const ObservedThread* t = waitingThread(last, pid);
            if (!t) {
                return false;
            }
            if (!seen) {
                seen = true;
                first = t->waitingNs;
                return false;
            }
            return t->waitingNs > first;
        },
        10000);
    return last;
}

// A stuckprocess helper in `mode`, its process tree observed until the wait of its first child
// has been seen to grow.
struct Observed {
    std::unique_ptr<Helper> helper;
    pid_t waiter = 0;
    Observation obs;
    bool ready() const { return helper->ready(); }
    QString problem() const {
        return helper->ready() ? QStringLiteral("pid %1 was not seen waiting").arg(waiter)
                               : helper->problem();
    }
    const ObservedThread* thread() const { return waitingThread(obs, waiter); }
};

Observed observeStuck(const char* mode, bool privateIpc = false) {
    Observed o{std::unique_ptr<Helper>(stuck(mode, privateIpc)), 0, {}};
    if (o.helper->ready()) {
        o.waiter = o.helper->pids().front();
        Observer observer(treeOf(o.helper->pid()));
        o.obs = observeGrowingWait(observer, o.waiter);
    }
    return o;
}

// The ProcessFrame of `pid`'s waiting thread.
const ProcessFrame* frameOf(const Frame& frame, pid_t pid) {
    for (const auto& p : frame.processes) {
        if (p.pid == pid && p.state == WorkerState::Blocked) {
            return &p;
        }
    }
    return nullptr;
}

} // namespace

class TestObserver : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void eachWaitState_data() {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<bool>("privateIpc");
        QTest::addColumn<QStringList>("calls");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("callKind");
        // Which field of the helper's ready line names the object, and how the ObjectRef holds it.
        QTest::addColumn<QString>("identityField");
        QTest::newRow("pipe read")
            << QStringLiteral("pipe-read") << false << QStringList{QStringLiteral("read")}
            << QStringLiteral("pipe") << int(CallKind::Read) << QStringLiteral("inode:pipe");
        QTest::newRow("write to a full pipe")
            << QStringLiteral("pipe-write-full") << false << QStringList{QStringLiteral("write")}
            << QStringLiteral("pipe") << int(CallKind::Write) << QStringLiteral("inode:pipe");
        QTest::newRow("fifo open")
            << QStringLiteral("fifo-open") << false
            << QStringList{QStringLiteral("openat"), QStringLiteral("open")}
            << QStringLiteral("fifo") << int(CallKind::Open) << QStringLiteral("inode:fifoinode");
        QTest::newRow("msgrcv, private namespace")
            << QStringLiteral("msgrcv") << true << QStringList{QStringLiteral("msgrcv")}
            << QStringLiteral("sysv-msg") << int(CallKind::Msgrcv) << QStringLiteral("id:msqid");
        QTest::newRow("semop, private namespace")
            << QStringLiteral("semop") << true
            << QStringList{QStringLiteral("semop"), QStringLiteral("semtimedop")}
            << QStringLiteral("sysv-sem") << int(CallKind::Semop) << QStringLiteral("id:semid");
        QTest::newRow("mq_timedreceive")
            << QStringLiteral("mq-receive") << false
            << QStringList{QStringLiteral("mq_timedreceive")} << QStringLiteral("posix-mq")
            << int(CallKind::MqReceive) << QStringLiteral("name:mq");
        QTest::newRow("sem_wait") << QStringLiteral("sem-wait") << false
                                  << QStringList{QStringLiteral("futex")}
                                  << QStringLiteral("posix-sem") << int(CallKind::SemWait)
                                  << QString();
        QTest::newRow("unix recv")
            << QStringLiteral("unix-recv") << false
            << QStringList{QStringLiteral("recvfrom"), QStringLiteral("recvmsg")}
            << QStringLiteral("unix-stream") << int(CallKind::Recv) << QString();
    }

    // Each wait state: the right call on the right object, a duration that grows (observeStuck
    // waits for it), and the frame saying the same with its lower bound.
    void eachWaitState() {
        QFETCH(QString, mode);
        QFETCH(bool, privateIpc);
        QFETCH(QStringList, calls);
        QFETCH(QString, kind);
        QFETCH(int, callKind);
        QFETCH(QString, identityField);
        const Observed o = observeStuck(mode.toLatin1().constData(), privateIpc);
        const ObservedThread* t = o.thread();
        QVERIFY2(t, qPrintable(o.problem()));
        QVERIFY2(calls.contains(QString::fromStdString(t->call)), t->call.c_str());
        QVERIFY(t->waitingNs > 0);
        QVERIFY(t->object);
        QCOMPARE(QLatin1String(ipcKindName(t->object->kind).data()), kind);
        const QString how = identityField.section(QLatin1Char(':'), 0, 0);
        const QString field = identityField.section(QLatin1Char(':'), 1);
        if (how == QLatin1String("inode")) {
            QCOMPARE(t->object->inode, std::optional<std::uint64_t>(o.helper->number(field)));
        } else if (how == QLatin1String("id")) {
            QCOMPARE(t->object->id, std::optional<int>(int(o.helper->number(field))));
        } else if (how == QLatin1String("name")) {
            QCOMPARE(QString::fromStdString(t->object->name), o.helper->field(field));
        }
        // In a private namespace the object is named with it.
        QCOMPARE(t->object->ipcNamespace.has_value() &&
                     *t->object->ipcNamespace != ownIpcNamespace(),
                 privateIpc);
        QVERIFY(channelOf(o.obs, *t->object));

        const Frame frame = observationFrame(o.obs);
        const ProcessFrame* pf = frameOf(frame, o.waiter);
        QVERIFY(pf);
        QCOMPARE(int(pf->call), callKind);
        QCOMPARE(pf->callName, t->call);
        QVERIFY(pf->stateForAtLeast);
        QCOMPARE(pf->stateForNs, t->waitingNs);
        QVERIFY(pf->waitChannel);
        QCOMPARE(std::get<IpcKind>(frame.channels[*pf->waitChannel].kind), t->object->kind);
        QVERIFY(std::all_of(frame.endpoints.begin(), frame.endpoints.end(),
                            [](const EndpointFrame& e) { return e.estimated; }));
    }

    // The pipe joins the helper (it holds both ends) and its reader.
    void pipeChannelHasBothProcesses() {
        const Observed o = observeStuck("pipe-read");
        const ObservedThread* t = o.thread();
        QVERIFY2(t, qPrintable(o.problem()));
        const ObservedChannel* c = channelOf(o.obs, *t->object);
        QVERIFY(c);
        QVERIFY(std::any_of(c->ends.begin(), c->ends.end(), [&](const ChannelEnd& e) {
            return e.pid == o.helper->pid() && e.direction == EndpointDirection::Send;
        }));
        QVERIFY(std::any_of(c->ends.begin(), c->ends.end(), [&](const ChannelEnd& e) {
            return e.pid == o.waiter && e.direction == EndpointDirection::Receive;
        }));
        QVERIFY(o.obs.deadlocks.empty());
    }

    // The queue is read in the helper's namespace (a thread enters it), counted by type with
    // MSG_COPY; the receiver, which has no descriptor, is an end seen in its call.
    void queueCountersInAnotherNamespace() {
        const Observed o = observeStuck("msgrcv", true);
        const ObservedThread* t = o.thread();
        QVERIFY2(t, qPrintable(o.problem()));
        QCOMPARE(t->msgType, std::optional<long>(3));
        const ObservedChannel* c = channelOf(o.obs, *t->object);
        QVERIFY(c);
        QVERIFY2(c->messages, warningsOf(o.obs).c_str());
        QCOMPARE(c->messages, std::optional<std::uint64_t>(3));
        QVERIFY(c->capacityBytes && *c->capacityBytes > 0);
        QCOMPARE(c->lastSender, std::optional<pid_t>(o.helper->pid()));
        QVERIFY2(!c->peekProblem, c->peekProblem.value_or("").c_str());
        const std::vector<std::pair<long, std::uint64_t>> byType{{1, 3}};
        QCOMPARE(c->messagesByType, byType);
        QVERIFY(std::any_of(c->ends.begin(), c->ends.end(), [&](const ChannelEnd& e) {
            return e.pid == o.waiter && e.seenInCall && e.direction == EndpointDirection::Receive;
        }));
        const Frame frame = observationFrame(o.obs);
        const ProcessFrame* pf = frameOf(frame, o.waiter);
        QVERIFY(pf && pf->waitChannel);
        const ChannelFrame& cf = frame.channels[*pf->waitChannel];
        QVERIFY(cf.depthFromKernel);
        QCOMPARE(cf.waitingReceivers, std::optional<std::uint32_t>(1));
        QVERIFY(std::find(cf.values.begin(), cf.values.end(),
                          std::pair<std::string, long long>("type 1", 3)) != cf.values.end());
    }

    void semaphoreValuesInAnotherNamespace() {
        const Observed o = observeStuck("semop", true);
        const ObservedThread* t = o.thread();
        QVERIFY2(t, qPrintable(o.problem()));
        const ObservedChannel* c = channelOf(o.obs, *t->object);
        QVERIFY(c);
        QCOMPARE(c->semaphoreValues, std::vector<int>{0});
    }

    // A POSIX queue's size is not read: that would mean reading the queue's file.
    // A POSIX queue's count and limit come from mq_getattr, which leaves the queue's times
    // alone (reading /dev/mqueue/NAME would not): stat before and after many samples agree.
    void posixQueueCountLeavesTimesAlone() {
        std::unique_ptr<Helper> h(stuck("mq-receive"));
        QVERIFY2(h->ready(), qPrintable(h->problem()));
        const std::string file = "/dev/mqueue" + h->field(QStringLiteral("mq")).toStdString();
        struct stat before {};
        QCOMPARE(::stat(file.c_str(), &before), 0);
        const pid_t waiter = h->pids().front();
        Observer observer(treeOf(h->pid()));
        const Observation obs = observeGrowingWait(observer, waiter);
        for (int i = 0; i < 5; ++i) {
            observer.sample();
        }
        const Frame frame = observationFrame(obs);
        const ProcessFrame* pf = frameOf(frame, waiter);
        QVERIFY(pf && pf->waitChannel);
        const ChannelFrame& queue = frame.channels[*pf->waitChannel];
        QVERIFY(queue.depthFromKernel);
        QCOMPARE(queue.unit, std::string("messages"));
        QCOMPARE(queue.depth, std::uint64_t(0));
        QCOMPARE(queue.capacity, std::optional<std::uint64_t>(4)); // the helper's mq_maxmsg
        QVERIFY(!queue.problem);
        struct stat after {};
        QCOMPARE(::stat(file.c_str(), &after), 0);
        QCOMPARE(after.st_atim.tv_sec, before.st_atim.tv_sec);
        QCOMPARE(after.st_atim.tv_nsec, before.st_atim.tv_nsec);
        QCOMPARE(after.st_ctim.tv_sec, before.st_ctim.tv_sec);
        QCOMPARE(after.st_ctim.tv_nsec, before.st_ctim.tv_nsec);
        QCOMPARE(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
    }

    // A POSIX queue of another IPC namespace is read inside it (mq_open there names that
    // namespace's queue): a child in a namespace of its own holds a queue with 2 messages and
    // waits in mq_timedreceive on an empty second one.
    void posixQueueInAnotherNamespace() {
        const std::string full = "/ipcscope-obs-full-" + std::to_string(::getpid());
        const std::string empty = "/ipcscope-obs-empty-" + std::to_string(::getpid());
        int ready[2];
        QCOMPARE(::pipe2(ready, O_CLOEXEC), 0);
        const pid_t parent = ::getpid();
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent || ::unshare(CLONE_NEWIPC) != 0) {
                ::_exit(1);
            }
            mq_attr attr{};
            attr.mq_maxmsg = 5;
            attr.mq_msgsize = 16;
            const mqd_t a = ::mq_open(full.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
            const mqd_t b = ::mq_open(empty.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
            if (a == mqd_t(-1) || b == mqd_t(-1) || ::mq_send(a, "one", 3, 0) != 0 ||
                ::mq_send(a, "two", 3, 0) != 0 || ::write(ready[1], "r", 1) != 1) {
                ::_exit(1);
            }
            char buf[16];
            ::mq_receive(b, buf, sizeof buf, nullptr); // nobody sends: waits until killed
            ::_exit(0);
        }
        ::close(ready[1]);
        char byte = 0;
        const bool started = ::read(ready[0], &byte, 1) == 1;
        ::close(ready[0]);
        const auto reap = qScopeGuard([child] {
            ::kill(child, SIGKILL); // its namespace, and both queues, end with it
            ::waitpid(child, nullptr, 0);
        });
        QVERIFY(started);
        // Our namespace has no such queue.
        QCOMPARE(::mq_open(full.c_str(), O_RDONLY), mqd_t(-1));

        ObserveOptions options;
        options.selection.pids = {child};
        options.allChannels = true; // the full queue joins nobody: shown as held
        options.interval = std::chrono::milliseconds(50);
        Observer observer(options);
        const Observation obs = observeGrowingWait(observer, child);
        const ObservedThread* t = waitingThread(obs, child);
        QVERIFY2(t && t->object, warningsOf(obs).c_str());
        QCOMPARE(t->call, std::string("mq_timedreceive"));
        struct stat theirNs {};
        QCOMPARE(::stat(("/proc/" + std::to_string(child) + "/ns/ipc").c_str(), &theirNs), 0);
        QVERIFY(theirNs.st_ino != ownIpcNamespace());
        const auto queue = [&](const std::string& name) -> const ObservedChannel* {
            for (const auto& c : obs.channels) {
                if (c.object.kind == IpcKind::PosixMq && c.object.name == name) {
                    return &c;
                }
            }
            return nullptr;
        };
        const ObservedChannel* a = queue(full);
        const ObservedChannel* b = queue(empty);
        QVERIFY2(a && b, warningsOf(obs).c_str());
        QCOMPARE(t->object->name, empty);
        for (const ObservedChannel* c : {a, b}) {
            QVERIFY2(!c->peekProblem, c->peekProblem.value_or("").c_str());
            QCOMPARE(c->object.ipcNamespace, std::optional<std::uint64_t>(theirNs.st_ino));
            QCOMPARE(c->capacityMessages, std::optional<std::uint64_t>(5));
        }
        QCOMPARE(a->messages, std::optional<std::uint64_t>(2));
        QCOMPARE(b->messages, std::optional<std::uint64_t>(0));
        const Frame frame = observationFrame(obs);
        const ProcessFrame* pf = frameOf(frame, child);
        QVERIFY(pf && pf->waitChannel);
        QCOMPARE(frame.channels[*pf->waitChannel].capacity, std::optional<std::uint64_t>(5));
        QVERIFY(frame.channels[*pf->waitChannel].depthFromKernel);
    }

    // Sampling into an Observation and a Frame that held a bigger observation (their storage
    // reused) gives what fresh ones give.
    void reusedStorageGivesTheSame() {
        const Observed big = observeStuck("deadlock3");
        QVERIFY2(big.thread(), qPrintable(big.problem()));
        std::unique_ptr<Helper> h(stuck("unix-recv"));
        QVERIFY2(h->ready(), qPrintable(h->problem()));
        Observer observer(treeOf(h->pid()));
        observeGrowingWait(observer, h->pids().front());
        Observation reused = big.obs;
        observer.sample(reused);
        Observation fresh = observer.sample();
        // Only the times differ between two samples of processes that stay where they are.
        for (Observation* o : {&reused, &fresh}) {
            o->elapsedNs = 0;
            for (auto& p : o->processes) {
                for (auto& t : p.threads) {
                    t.waitingNs = 0;
                    t.voluntarySwitches = 0;
                }
            }
        }
        QVERIFY(big.obs.processes.size() > fresh.processes.size());
        QVERIFY(!fresh.channels.empty());
        QVERIFY(reused == fresh);

        Frame frame = observationFrame(big.obs);
        observationFrame(fresh, frame);
        QVERIFY(frame == observationFrame(fresh));
        QCOMPARE(frame.processes.size(), fresh.processes.size());
    }

    // A socketpair is one channel between the two processes in the frame.
    void unixPairIsOneChannel() {
        const Observed o = observeStuck("unix-recv");
        const ObservedThread* t = o.thread();
        QVERIFY2(t, qPrintable(o.problem()));
        const Helper* h = o.helper.get();
        const pid_t receiver = o.waiter;
        const Observation& obs = o.obs;
        const auto inodes = h->pids(QStringLiteral("sockets"));
        QCOMPARE(inodes.size(), std::size_t(2));
        const ObservedChannel* c = channelOf(obs, *t->object);
        QVERIFY(c);
        QVERIFY(c->peerInode);
        QVERIFY(std::find(inodes.begin(), inodes.end(), pid_t(*c->peerInode)) != inodes.end());
        QCOMPARE(c->socketState, std::string("connected"));
        const Frame frame = observationFrame(obs);
        const ProcessFrame* pf = frameOf(frame, receiver);
        QVERIFY(pf && pf->waitChannel);
        QCOMPARE(pf->call, CallKind::Recv);
        std::set<pid_t> processesOnIt;
        for (const auto& e : frame.endpoints) {
            if (e.channel == *pf->waitChannel) {
                processesOnIt.insert(frame.processes[e.process].pid);
            }
        }
        QCOMPARE(processesOnIt, (std::set<pid_t>{h->pid(), receiver}));
        std::size_t unixChannels = 0;
        for (const auto& c : frame.channels) {
            unixChannels += std::get<IpcKind>(c.kind) == IpcKind::UnixStream ? 1 : 0;
        }
        QCOMPARE(unixChannels, std::size_t(1));
    }

    void verdicts_data() {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("deadlocks");
        QTest::addColumn<bool>("certain");
        QTest::addColumn<int>("members");
        QTest::newRow("two through two pipes") << QStringLiteral("deadlock2") << 1 << true << 2;
        QTest::newRow("three in a ring") << QStringLiteral("deadlock3") << 1 << true << 3;
        QTest::newRow("second possible releaser")
            << QStringLiteral("possible-deadlock") << 1 << false << 2;
        QTest::newRow("waits for a writer that will write")
            << QStringLiteral("no-deadlock") << 0 << false << 0;
    }

    // The real helper's scenarios: certain, possible, none; the frame's cycle names the same
    // processes and channels.
    void verdicts() {
        QFETCH(QString, mode);
        QFETCH(int, deadlocks);
        QFETCH(bool, certain);
        QFETCH(int, members);
        const Observed o = observeStuck(mode.toLatin1().constData());
        QVERIFY2(o.ready(), qPrintable(o.problem()));
        const std::vector<pid_t> pids = o.helper->pids();
        const Observation& obs = o.obs;
        QCOMPARE(int(obs.deadlocks.size()), deadlocks);
        if (deadlocks == 0) {
            QVERIFY(observationFrame(obs).deadlocks.empty());
            return;
        }
        const Deadlock& d = obs.deadlocks.front();
        QCOMPARE(d.certain, certain);
        QCOMPARE(int(d.pids.size()), members);
        for (pid_t p : d.pids) {
            QVERIFY(std::find(pids.begin(), pids.end(), p) != pids.end());
        }
        QVERIFY(!d.text.empty());
        const Frame frame = observationFrame(obs);
        QCOMPARE(frame.deadlocks.size(), std::size_t(1));
        const DeadlockFrame& df = frame.deadlocks.front();
        QCOMPARE(df.certain, certain);
        QCOMPARE(int(df.processes.size()), members);
        for (std::size_t i = 0; i < df.processes.size(); ++i) {
            QCOMPARE(frame.processes[df.processes[i]].pid, d.pids[i]);
            QCOMPARE(frame.channels[df.channels[i]].identity, d.objects[i].text());
        }
    }

    void cliJsonOnce() {
        std::unique_ptr<Helper> h(stuck("msgrcv"));
        QVERIFY2(h->ready(), qPrintable(h->problem()));
        const pid_t receiver = h->pids().front();
        QTemporaryDir dir;
        const QString recording = dir.path() + QStringLiteral("/once.ipcrec");
        QProcess cli;
        cli.start(testsupport::cliPath(),
                  {QStringLiteral("observe"), QStringLiteral("--once"), QStringLiteral("--json"),
                   QStringLiteral("--pid"), QString::number(receiver), QStringLiteral("--pid"),
                   QString::number(h->pid()), QStringLiteral("--record"), recording});
        QVERIFY(cli.waitForFinished(20000));
        QCOMPARE(cli.exitCode(), 0);
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(cli.readAllStandardOutput(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject root = doc.object();
        QJsonObject thread;
        for (const QJsonValue& p : root[QLatin1String("processes")].toArray()) {
            if (p[QLatin1String("pid")].toInt() == receiver) {
                QVERIFY(!p[QLatin1String("command")].toString().isEmpty());
                thread = p[QLatin1String("threads")].toArray().first().toObject();
            }
        }
        QCOMPARE(thread[QLatin1String("state")].toString(), QStringLiteral("waiting"));
        QCOMPARE(thread[QLatin1String("call")].toString(), QStringLiteral("msgrcv"));
        QCOMPARE(thread[QLatin1String("msg_type")].toInt(), 3);
        QCOMPARE(thread[QLatin1String("waiting_at_least")].toBool(), true);
        QVERIFY(thread[QLatin1String("waiting_s")].toDouble() > 0);
        const QJsonObject object = thread[QLatin1String("object")].toObject();
        QCOMPARE(object[QLatin1String("kind")].toString(), QStringLiteral("sysv-msg"));
        QCOMPARE(object[QLatin1String("id")].toInt(), int(h->number("msqid")));
        QJsonObject queue;
        for (const QJsonValue& c : root[QLatin1String("channels")].toArray()) {
            if (c[QLatin1String("kind")].toString() == QLatin1String("sysv-msg")) {
                queue = c.toObject();
            }
        }
        QCOMPARE(queue[QLatin1String("messages")].toInt(), 3);
        QCOMPARE(queue[QLatin1String("estimated")].toBool(), true);
        const QJsonArray byType = queue[QLatin1String("messages_by_type")].toArray();
        QCOMPARE(byType.size(), 1);
        QCOMPARE(byType[0][QLatin1String("type")].toInt(), 1);
        QCOMPARE(byType[0][QLatin1String("messages")].toInt(), 3);
        QVERIFY(root[QLatin1String("deadlocks")].isArray());
        QVERIFY(root[QLatin1String("notes")].isArray());
        QVERIFY(root[QLatin1String("warnings")].isArray());

        // --record: an observation's recording, its two samples, the msgrcv wait in them.
        const auto read = readRecording(recording.toStdString());
        QVERIFY2(read, read ? "" : read.error().message.c_str());
        QVERIFY(read->observation);
        QCOMPARE(read->observation->selection,
                 (std::vector<std::string>{"pid " + std::to_string(receiver),
                                           "pid " + std::to_string(h->pid())}));
        QCOMPARE(read->frames.size(), std::size_t(2));
        const ProcessFrame* pf = frameOf(read->frames.back(), receiver);
        QVERIFY(pf);
        QCOMPARE(pf->call, CallKind::Msgrcv);
        QCOMPARE(pf->waitDetail, std::string("type 3"));
    }

    // `ls --users` names a queue's waiter, who holds nothing /proc lists per queue.
    void lsUsersNamesQueueWaiters() {
        std::unique_ptr<Helper> h(stuck("msgrcv"));
        QVERIFY2(h->ready(), qPrintable(h->problem()));
        const pid_t receiver = h->pids().front();
        QProcess cli;
        cli.start(testsupport::cliPath(),
                  {QStringLiteral("ls"), QStringLiteral("--kind"), QStringLiteral("sysv-msg"),
                   QStringLiteral("--users"), QStringLiteral("--json")});
        QVERIFY(cli.waitForFinished(20000));
        QCOMPARE(cli.exitCode(), 0);
        QJsonObject queue;
        for (const QJsonValue& o :
             QJsonDocument::fromJson(cli.readAllStandardOutput())[QLatin1String("objects")]
                 .toArray()) {
            if (o[QLatin1String("id")].toInt() == int(h->number("msqid"))) {
                queue = o.toObject();
            }
        }
        const QJsonArray waiters = queue[QLatin1String("waiters")].toArray();
        QCOMPARE(waiters.size(), 1);
        QCOMPARE(waiters[0][QLatin1String("pid")].toInt(), int(receiver));
        QCOMPARE(waiters[0][QLatin1String("call")].toString(), QStringLiteral("msgrcv"));
        QCOMPARE(waiters[0][QLatin1String("detail")].toString(), QStringLiteral("type 3"));

        QProcess table;
        table.start(testsupport::cliPath(),
                    {QStringLiteral("ls"), QStringLiteral("--kind"), QStringLiteral("sysv-msg"),
                     QStringLiteral("--users")});
        QVERIFY(table.waitForFinished(20000));
        QVERIFY(
            table.readAllStandardOutput().contains(QStringLiteral("%1 ").arg(receiver).toUtf8()));
    }

    // `ls --namespace PID` lists the queue of a private IPC namespace, which ours does not have.
    void lsListsAnotherNamespace() {
        std::unique_ptr<Helper> h(stuck("msgrcv", true));
        QVERIFY2(h->ready(), qPrintable(h->problem()));
        const int msqid = int(h->number("msqid"));
        const auto lsJson = [](const QStringList& extra) {
            QProcess cli;
            cli.start(testsupport::cliPath(),
                      QStringList{QStringLiteral("ls"), QStringLiteral("--json"),
                                  QStringLiteral("--kind"), QStringLiteral("sysv-msg")} +
                          extra);
            cli.waitForFinished(20000);
            return QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        };
        const QJsonArray theirs = lsJson({QStringLiteral("--namespace"),
                                          QString::number(h->pid())})[QLatin1String("objects")]
                                      .toArray();
        QCOMPARE(theirs.size(), 1);
        QCOMPARE(theirs[0][QLatin1String("id")].toInt(), msqid);
        QCOMPARE(theirs[0][QLatin1String("messages")].toInt(), 3);
        // Our namespace has no queue with the helper's key and creator time.
        const QJsonObject ours = lsJson({});
        for (const QJsonValue& o : ours[QLatin1String("objects")].toArray()) {
            QVERIFY(o[QLatin1String("change_time")] != theirs[0][QLatin1String("change_time")] ||
                    o[QLatin1String("id")] != theirs[0][QLatin1String("id")] ||
                    o[QLatin1String("last_pid")] != theirs[0][QLatin1String("last_pid")]);
        }
        QProcess refused;
        refused.start(testsupport::cliPath(), {QStringLiteral("ls"), QStringLiteral("--namespace"),
                                               QStringLiteral("4194000")});
        QVERIFY(refused.waitForFinished(20000));
        QCOMPARE(refused.exitCode(), 2);
        QVERIFY(refused.readAllStandardError().contains("--namespace needs the pid"));
    }

    void cliRefusesBadSelections_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("nothing") << QStringList{} << QStringLiteral("nothing to observe");
        QTest::newRow("no such pid")
            << QStringList{QStringLiteral("--pid"), QStringLiteral("4194000")}
            << QStringLiteral("no process with pid 4194000");
        QTest::newRow("pid not a number")
            << QStringList{QStringLiteral("--pid"), QStringLiteral("abc")}
            << QStringLiteral("--pid needs a process id");
        QTest::newRow("interval") << QStringList{QStringLiteral("--all"),
                                                 QStringLiteral("--interval"), QStringLiteral("5")}
                                  << QStringLiteral("--interval must be");
        QTest::newRow("once and duration")
            << QStringList{QStringLiteral("--all"), QStringLiteral("--once"),
                           QStringLiteral("--duration"), QStringLiteral("2")}
            << QStringLiteral("not both");
        QTest::newRow("object kind") << QStringList{QStringLiteral("--object"),
                                                    QStringLiteral("pigeon"), QStringLiteral("5")}
                                     << QStringLiteral("KIND one of");
        QTest::newRow("object id") << QStringList{QStringLiteral("--object"),
                                                  QStringLiteral("sysv-msg"), QStringLiteral("x")}
                                   << QStringLiteral("needs an id");
    }

    void cliRefusesBadSelections() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QProcess cli;
        cli.start(testsupport::cliPath(), QStringList{QStringLiteral("observe")} + args);
        QVERIFY(cli.waitForFinished(20000));
        QCOMPARE(cli.exitCode(), 2);
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        QVERIFY2(err.contains(message), qPrintable(err));
    }

    // Frames from a real observation, recorded and read back: the same frames.
    void recordedObservationReplaysTheSameFrames() {
        std::unique_ptr<Helper> h(stuck("deadlock2"));
        QVERIFY2(h->ready(), qPrintable(h->problem()));
        Observer observer(treeOf(h->pid()));
        std::vector<Frame> frames;
        observeGrowingWait(observer, h->pids().front());
        for (int i = 0; i < 3; ++i) {
            frames.push_back(observationFrame(observer.sample()));
        }
        QVERIFY(!frames.back().deadlocks.empty());
        QTemporaryDir dir;
        const std::string path = (dir.path() + QStringLiteral("/observed.ipcrec")).toStdString();
        const RecordedObservation header{{"tree " + std::to_string(h->pid())}, false, 50};
        auto writer = RecordingWriter::create(path, header);
        QVERIFY2(writer, writer ? "" : writer.error().message.c_str());
        for (const auto& f : frames) {
            QVERIFY(writer->append(f));
        }
        const auto read = readRecording(path);
        QVERIFY2(read, read ? "" : read.error().message.c_str());
        QCOMPARE(read->observation, std::optional<RecordedObservation>(header));
        QCOMPARE(read->frames.size(), frames.size());
        for (std::size_t i = 0; i < frames.size(); ++i) {
            QVERIFY(read->frames[i] == frames[i]);
        }
        QCOMPARE(read->frames.back().processes.front().command,
                 frames.back().processes.front().command);
    }

    // Issue 11: observed for 10 s at the default interval, nothing observed behaves otherwise:
    // a semop waiter stays in semop (no EINTR), a pipe reader gets EOF when its writer exits,
    // a queue's count and times stay as they were (MSG_COPY peeks included); and the observer
    // holds nothing afterwards.
    void observingDisturbsNothing() {
        auto owned = std::make_unique<Helper>(binary("disturbprobe"), QStringList{});
        Helper& probe = *owned;
        QVERIFY2(probe.ready(), qPrintable(probe.problem()));
        const int semid = int(probe.number("semid"));
        std::vector<pid_t> children;
        for (const char* key : {"semop", "reader", "writer", "waiter"}) {
            children.push_back(pid_t(probe.number(QLatin1String(key))));
        }
        const int msqid = int(probe.number("msqid"));
        msqid_ds before{};
        QCOMPARE(::msgctl(msqid, IPC_STAT, &before), 0);

        QStringList reports;
        const auto collect = [&] {
            while (probe.process().canReadLine()) {
                reports << QString::fromUtf8(probe.process().readLine()).trimmed();
            }
        };
        const int fdsBefore = openFdCount();
        {
            ObserveOptions options; // the default interval
            options.selection.trees = {probe.pid()};
            Observer observer(options);
            const std::uint64_t start = monotonicNs();
            bool released = false;
            bool peeked = false;
            while (monotonicNs() - start < 10'000'000'000u) {
                const Observation obs = observer.sample();
                for (const auto& c : obs.channels) {
                    peeked =
                        peeked || (c.object.kind == IpcKind::SysvMsg && !c.messagesByType.empty());
                }
                if (!released && monotonicNs() - start > 3'000'000'000u) {
                    probe.process().write("release\n"); // the writer exits, observed
                    released = true;
                }
                QTest::qWait(int(options.interval.count()));
                collect();
            }
            QVERIFY(peeked); // the peeks did run
        }
        QCOMPARE(openFdCount(), fdsBefore); // the observer kept no descriptor
        QVERIFY(testsupport::waitUntil(
            [&] {
                collect();
                return reports.contains(QStringLiteral("eof"));
            },
            10000));
        QVERIFY2(!reports.join(QLatin1Char(' ')).contains(QLatin1String("semop-returned")),
                 qPrintable(reports.join(QLatin1Char(' '))));
        QVERIFY(!reports.join(QLatin1Char(' ')).contains(QLatin1String("msgrcv-returned")));

        // Still in semop, asleep.
        QFile syscall(QStringLiteral("/proc/%1/syscall").arg(probe.field(QStringLiteral("semop"))));
        QVERIFY(syscall.open(QIODevice::ReadOnly));
        const long nr =
            QString::fromLatin1(syscall.readAll()).section(QLatin1Char(' '), 0, 0).toLong();
        QVERIFY(nr == SYS_semop || nr == SYS_semtimedop);

        msqid_ds after{};
        QCOMPARE(::msgctl(msqid, IPC_STAT, &after), 0);
        QCOMPARE(after.msg_qnum, before.msg_qnum);
        QCOMPARE(after.msg_ctime, before.msg_ctime);
        QCOMPARE(after.msg_rtime, before.msg_rtime);
        QCOMPARE(after.msg_stime, before.msg_stime);
        QCOMPARE(after.msg_lrpid, before.msg_lrpid);

        // Nothing left behind: the probe's processes and objects are gone with it.
        owned.reset();
        QCOMPARE(::msgctl(msqid, IPC_STAT, &after), -1);
        QCOMPARE(::semctl(semid, 0, GETVAL), -1);
        for (pid_t child : children) {
            QVERIFY(::kill(child, 0) != 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestObserver)
#include "tst_observer.moc"
