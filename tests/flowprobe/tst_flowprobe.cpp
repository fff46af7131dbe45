// The eBPF tier end to end: the probe's line protocol, the attribution of its counters to
// channels (on hand-made counters, no privilege), the real probe counting a forked child's IPC
// exactly, nothing left loaded after it, and exactness against the lab's own counts.
#include "flowprobe/ipcflow.h"
#include "flowprobe/probeprotocol.h"
#include "observe/exactflow.h"
#include "observe/flowprobeclient.h"
#include "observe/observer.h"

#include "../common/pingpong.h"
#include "../common/testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <mqueue.h>
#include <set>
#include <sstream>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace ipcscope;
namespace fp = ipcscope::flowprobe;

namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

QString probePath() {
    return QCoreApplication::applicationDirPath() + QStringLiteral("/ipcscope-probe");
}

// Why the real probe cannot run here, or empty.
QString probeSkipReason() {
    if (::access(probePath().toLocal8Bit().constData(), X_OK) != 0) {
        return QStringLiteral("ipcscope-probe is not built here (it needs clang, bpftool, "
                              "libbpf-dev and /sys/kernel/btf/vmlinux: see scripts/deps.sh)");
    }
    if (::geteuid() != 0) {
        return QStringLiteral("loading the eBPF program needs root (or CAP_BPF and CAP_PERFMON)");
    }
    return {};
}

#define SKIP_WITHOUT_PROBE()                                                                       \
    do {                                                                                           \
        if (const QString why = probeSkipReason(); !why.isEmpty()) {                               \
            QSKIP(qPrintable(why));                                                                \
        }                                                                                          \
    } while (false)

// Ids of the eBPF programs process `pid` holds, from its descriptors' fdinfo ("prog_id:", on
// program and link descriptors alike; this bpftool cannot name a program's holders).
std::set<int> programIdsHeldBy(pid_t pid) {
    std::set<int> ids;
    const QDir fdinfo(QStringLiteral("/proc/%1/fdinfo").arg(pid));
    for (const QString& entry : fdinfo.entryList(QDir::Files)) {
        std::istringstream in(readFile(fdinfo.filePath(entry).toStdString()));
        std::string line;
        while (std::getline(in, line)) {
            if (line.starts_with("prog_id:")) {
                ids.insert(std::stoi(line.substr(8)));
            }
        }
    }
    return ids;
}

// Ids of every loaded program named like one of ipcflow's.
std::set<int> ipcflowProgramIds() {
    QProcess bpftool;
    bpftool.start(QStringLiteral("bpftool"),
                  {QStringLiteral("-j"), QStringLiteral("prog"), QStringLiteral("list")});
    bpftool.waitForFinished(20000);
    const auto programs = QJsonDocument::fromJson(bpftool.readAllStandardOutput()).array();
    static const QSet<QString> names = {
        QStringLiteral("on_sys_enter"), QStringLiteral("on_sys_exit"),
        QStringLiteral("on_sched_switch"), QStringLiteral("on_sched_waking"),
        QStringLiteral("on_fork")};
    std::set<int> ids;
    for (const auto& v : programs) {
        const auto p = v.toObject();
        if (names.contains(p.value(QStringLiteral("name")).toString())) {
            ids.insert(p.value(QStringLiteral("id")).toInt());
        }
    }
    return ids;
}

bool bpftoolAvailable() {
    QProcess bpftool;
    bpftool.start(QStringLiteral("bpftool"), {QStringLiteral("version")});
    return bpftool.waitForFinished(10000) && bpftool.exitCode() == 0;
}

bool anyLoaded(const std::set<int>& ids) {
    const auto now = ipcflowProgramIds();
    return std::any_of(ids.begin(), ids.end(), [&](int id) { return now.contains(id); });
}

FlowProbeClientOptions clientOptions() {
    FlowProbeClientOptions o;
    o.probePath = probePath().toStdString();
    return o;
}

ObjectRef pipeRef(std::uint64_t inode) {
    ObjectRef r;
    r.kind = IpcKind::Pipe;
    r.inode = inode;
    return r;
}

ObjectRef sysvRef(IpcKind kind, int id) {
    ObjectRef r;
    r.kind = kind;
    r.id = id;
    return r;
}

fp::FlowCounter counter(pid_t tgid, fp::FlowKind kind, std::uint64_t id, std::uint64_t sub,
                        std::uint32_t nr, fp::FlowCounts c) {
    return fp::FlowCounter{fp::FlowKey{tgid, kind, id, sub, nr}, c};
}

fp::FlowCounts out(std::uint64_t bytes, std::uint64_t messages) {
    fp::FlowCounts c;
    c.bytesOut = bytes;
    c.messagesOut = messages;
    c.calls = messages;
    return c;
}

fp::FlowCounts in(std::uint64_t bytes, std::uint64_t messages, std::uint64_t waitNs = 0) {
    fp::FlowCounts c;
    c.bytesIn = bytes;
    c.messagesIn = messages;
    c.calls = messages;
    c.waits = waitNs > 0 ? 1 : 0;
    c.waitNs = waitNs;
    c.maxWaitNs = waitNs;
    return c;
}

ObservedProcess process(pid_t pid, std::vector<FdUse> fds, std::uint64_t ipcNs = 1) {
    ObservedProcess p;
    p.pid = pid;
    p.comm = "p" + std::to_string(pid);
    p.ipcNamespace = ipcNs;
    p.fds = std::move(fds);
    return p;
}

// A writer (100, fd 3) and a reader (200, fd 4) on pipe:[77].
Observation pipePair() {
    Observation obs;
    obs.processes.push_back(process(100, {FdUse{3, pipeRef(77), EndpointDirection::Send}}));
    obs.processes.push_back(process(200, {FdUse{4, pipeRef(77), EndpointDirection::Receive}}));
    ObservedChannel c;
    c.object = pipeRef(77);
    c.ends = {ChannelEnd{100, 3, EndpointDirection::Send, false, {}},
              ChannelEnd{200, 4, EndpointDirection::Receive, false, {}}};
    obs.channels.push_back(c);
    return obs;
}

const ObservedChannel* channelOf(const Observation& obs, const ObjectRef& ref) {
    for (const auto& c : obs.channels) {
        if (c.object == ref) {
            return &c;
        }
    }
    return nullptr;
}

void writeAll(int fd, const void* data, std::size_t size) {
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::write(fd, p, size);
        if (n <= 0) {
            if (n < 0 && errno == EINTR) {
                continue;
            }
            ::_exit(90);
        }
        p += n;
        size -= std::size_t(n);
    }
}

void readExactly(int fd, void* data, std::size_t size) {
    char* p = static_cast<char*>(data);
    while (size > 0) {
        const ssize_t n = ::read(fd, p, size);
        if (n <= 0) {
            if (n < 0 && errno == EINTR) {
                continue;
            }
            ::_exit(91);
        }
        p += n;
        size -= std::size_t(n);
    }
}

// A forked child that dies with the test and is killed and reaped when this goes.
struct Child {
    pid_t pid = -1;
    ~Child() {
        if (pid > 0) {
            ::kill(pid, SIGKILL);
            int status;
            ::waitpid(pid, &status, 0);
        }
    }
};

} // namespace

class TestFlowProbe : public QObject {
    Q_OBJECT

private slots:
    // ---- the line protocol ----

    void protocolRoundTrip() {
        const std::vector<fp::ProbeMessage> messages = {
            fp::Ready{fp::kProtocolVersion},
            fp::ProbeError{"the kernel refused to load the eBPF program: a reason"},
            fp::Gone{4242},
            fp::SampleEnd{7, 123456789012, 3, 4},
            fp::FlowCounter{{42, fp::FlowKind::SysvMsq, 5, 3, IPCFLOW_NR_msgsnd},
                            {1, 2, 3, 4, 5, 6, 7, 8, 9}},
            fp::FlowCounter{{42, fp::FlowKind::Futex, 0x7f0012345678, 0, IPCFLOW_NR_futex},
                            {0, 0, 1, 0, 1, 0, 1, 30000, 30000}},
            fp::WaitEvent{42, 43, IPCFLOW_NR_read, fp::FlowKind::Fd, 4, 0, 1000, 2'000'000, -4, 7,
                          8, true},
        };
        for (const auto& m : messages) {
            const std::string line = fp::formatMessage(m);
            QVERIFY(line.ends_with('\n'));
            auto parsed = fp::parseMessage(std::string_view(line).substr(0, line.size() - 1));
            QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
            QVERIFY2(*parsed == m, line.c_str());
        }
        const std::vector<fp::ProbeCommand> commands = {
            fp::WatchCommand{42, IPCFLOW_FOLLOW_CHILDREN}, fp::UnwatchCommand{42},
            fp::ConfigCommand{20000, 1000000}, fp::SampleCommand{9}, fp::QuitCommand{}};
        for (const auto& c : commands) {
            const std::string line = fp::formatCommand(c);
            auto parsed = fp::parseCommand(std::string_view(line).substr(0, line.size() - 1));
            QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
            QVERIFY2(*parsed == c, line.c_str());
        }
    }

    void protocolMalformed_data() {
        QTest::addColumn<bool>("command");
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("says");
        QTest::newRow("flow short") << false << "flow 1 1 3"
                                    << "too few fields";
        QTest::newRow("flow word") << false << "flow 1 1 3 0 0 x 0 0 0 0 0 0 0 0"
                                   << "\"x\" where a number belongs";
        QTest::newRow("flow kind") << false << "flow 1 9 3 0 0 0 0 0 0 0 0 0 0 0"
                                   << "unknown kind";
        QTest::newRow("end long") << false << "end 1 2 3 4 5"
                                  << "more fields than expected";
        QTest::newRow("unknown") << false << "hello there"
                                 << "not part of its protocol";
        QTest::newRow("empty") << false << ""
                               << "not part of its protocol";
        QTest::newRow("negative") << false << "gone -1x"
                                  << "where a number belongs";
        QTest::newRow("watch 0") << true << "watch 0 0"
                                 << "above 0";
        QTest::newRow("sample") << true << "sample"
                                << "too few fields";
        QTest::newRow("quit args") << true << "quit now"
                                   << "unknown command";
        QTest::newRow("bogus") << true << "load everything"
                               << "known: watch";
    }

    void protocolMalformed() {
        QFETCH(bool, command);
        QFETCH(QString, line);
        QFETCH(QString, says);
        const std::string text = line.toStdString();
        const std::string error =
            command ? (fp::parseCommand(text).ok() ? std::string()
                                                   : fp::parseCommand(text).error().message)
                    : (fp::parseMessage(text).ok() ? std::string()
                                                   : fp::parseMessage(text).error().message);
        QVERIFY2(!error.empty(), "a malformed line was accepted");
        QVERIFY2(QString::fromStdString(error).contains(says), error.c_str());
    }

    // ---- attribution, on hand-made counters ----

    void attributesDescriptorsWithRates() {
        ExactFlowAttributor a(1, 0);
        Observation first = pipePair();
        ProbeSample s1;
        s1.nowNs = 1'000'000'000;
        s1.counters = {counter(100, fp::FlowKind::Fd, 3, 0, IPCFLOW_NR_write, out(1000, 10)),
                       counter(100, fp::FlowKind::Fd, 1, 0, IPCFLOW_NR_write, out(50, 1)), // tty
                       counter(200, fp::FlowKind::Fd, 4, 0, IPCFLOW_NR_read, in(1000, 5, 3000))};
        a.apply(first, s1);
        Observation obs = pipePair();
        ProbeSample s2 = s1;
        s2.nowNs = 1'500'000'000;
        s2.counters[0] = counter(100, fp::FlowKind::Fd, 3, 0, IPCFLOW_NR_write, out(2000, 20));
        a.apply(obs, s2);
        const auto& c = obs.channels.at(0);
        QVERIFY(c.ends.at(0).exact && c.ends.at(1).exact && c.exact);
        QCOMPARE(c.ends[0].exact->bytesSent, 2000u);
        QCOMPARE(c.ends[0].exact->messagesSent, 20u);
        QCOMPARE(c.ends[0].exact->bytesSentPerS, 2000.0); // 1000 B over 0.5 s
        QCOMPARE(c.ends[1].exact->bytesReceived, 1000u);
        QCOMPARE(c.ends[1].exact->bytesReceivedPerS, 0.0);
        QCOMPARE(c.exact->bytesSent, 2000u);
        QCOMPARE(c.exact->bytesReceived, 1000u);
        QCOMPARE(obs.processes[0].exact->bytesSent, 2000u); // the terminal's 50 B are not IPC
        QCOMPARE(obs.processes[1].exact->waitNs, 3000u);
        QCOMPARE(obs.processes[1].exactWaitNsByCall.size(), 1u);
        QCOMPARE(obs.processes[1].exactWaitNsByCall[0].first, long(IPCFLOW_NR_read));
        // The frame: exact endpoints, blocked time under the call that waited.
        obs.tier = FlowTier::Exact;
        const Frame frame = observationFrame(obs);
        QCOMPARE(frame.endpoints.size(), 2u);
        QVERIFY(!frame.endpoints[0].estimated);
        QCOMPARE(frame.endpoints[0].bytes, 2000u);
        QCOMPARE(frame.endpoints[1].messages, 5u);
        QCOMPARE(frame.processes[1].blockedNs[std::size_t(CallKind::Read)], 3000u);
        QVERIFY(!frame.flowNote.empty());
    }

    void systemVUserBecomesAnEnd() {
        ExactFlowAttributor a(1, 0);
        Observation obs;
        obs.processes.push_back(process(100, {}));
        obs.processes.push_back(process(200, {}));
        ObservedChannel q;
        q.object = sysvRef(IpcKind::SysvMsg, 5);
        q.ends = {ChannelEnd{200, -1, EndpointDirection::Receive, true, {}}};
        obs.channels.push_back(q);
        ProbeSample s;
        s.nowNs = 1;
        s.counters = {counter(100, fp::FlowKind::SysvMsq, 5, 1, IPCFLOW_NR_msgsnd, out(30, 3)),
                      counter(100, fp::FlowKind::SysvMsq, 5, 2, IPCFLOW_NR_msgsnd, out(40, 2)),
                      counter(200, fp::FlowKind::SysvMsq, 5, 0, IPCFLOW_NR_msgrcv, in(70, 5)),
                      // another queue nobody saw: becomes a channel
                      counter(100, fp::FlowKind::SysvMsq, 6, 1, IPCFLOW_NR_msgsnd, out(8, 1))};
        a.apply(obs, s);
        const ObservedChannel* c = channelOf(obs, sysvRef(IpcKind::SysvMsg, 5));
        QVERIFY(c);
        QCOMPARE(c->ends.size(), 2u);
        const ChannelEnd& sender = c->ends[1];
        QCOMPARE(sender.pid, 100);
        QVERIFY(sender.seenInCall);
        QCOMPARE(sender.direction, EndpointDirection::Send);
        QCOMPARE(sender.exact->messagesSent, 5u);
        QCOMPARE(sender.exact->bytesSent, 70u);
        QCOMPARE(c->exact->messagesSent, c->exact->messagesReceived);
        const ObservedChannel* other = channelOf(obs, sysvRef(IpcKind::SysvMsg, 6));
        QVERIFY(other);
        QCOMPARE(other->exact->bytesSent, 8u);
    }

    void systemVIdsAreTakenInTheProcessNamespace() {
        ExactFlowAttributor a(1, 0);
        Observation obs;
        obs.processes.push_back(process(300, {}, 999)); // a container's process
        ObservedChannel own;
        own.object = sysvRef(IpcKind::SysvMsg, 5); // id 5 of the observer's namespace
        own.ends = {ChannelEnd{400, -1, EndpointDirection::Receive, true, {}}};
        obs.channels.push_back(own);
        ProbeSample s;
        s.nowNs = 1;
        s.counters = {counter(300, fp::FlowKind::SysvMsq, 5, 1, IPCFLOW_NR_msgsnd, out(10, 1))};
        a.apply(obs, s);
        ObjectRef theirs = sysvRef(IpcKind::SysvMsg, 5);
        theirs.ipcNamespace = 999;
        const ObservedChannel* c = channelOf(obs, theirs);
        QVERIFY2(c, "the container's queue 5 was not told apart from ours");
        QCOMPARE(c->exact->bytesSent, 10u);
        QCOMPARE(channelOf(obs, own.object)->exact->bytesSent, 0u);
    }

    void futexAddressesFindTheirMapping() {
        ExactFlowAttributor a(1, 0);
        ObjectRef sem;
        sem.kind = IpcKind::PosixSem;
        sem.name = "/s";
        sem.inode = 55;
        Observation obs;
        auto p = process(100, {});
        p.mappings = {sem};
        p.mappedRanges = {MappedRange{0x1000, 0x2000, sem}};
        obs.processes.push_back(p);
        ObservedChannel c;
        c.object = sem;
        c.ends = {ChannelEnd{100, -1, EndpointDirection::Both, false, {}}};
        obs.channels.push_back(c);
        ProbeSample s;
        s.nowNs = 1;
        s.counters = {
            counter(100, fp::FlowKind::Futex, 0x1800, 0, IPCFLOW_NR_futex, in(0, 1, 5000)),
            counter(100, fp::FlowKind::Futex, 0x9000, 0, IPCFLOW_NR_futex, in(0, 7))};
        a.apply(obs, s);
        QCOMPARE(obs.channels[0].ends[0].exact->messagesReceived, 1u);
        QCOMPARE(obs.channels[0].exact->waitNs, 5000u);
        QCOMPARE(obs.processes[0].exact->messagesReceived, 1u); // the unmapped address is not IPC
    }

    void exitedEndsStayInTotalsAndWakesAreNamed() {
        ExactFlowAttributor a(1, 1'000);
        Observation first = pipePair();
        ProbeSample s1;
        s1.nowNs = 1'000'000'000;
        s1.counters = {counter(100, fp::FlowKind::Fd, 3, 0, IPCFLOW_NR_write, out(100, 1)),
                       counter(200, fp::FlowKind::Fd, 4, 0, IPCFLOW_NR_read, in(100, 1))};
        a.apply(first, s1);
        // 100 wrote more, then exited: the probe tells its final counters with `gone`, and the
        // observation no longer has it.
        Observation obs = pipePair();
        obs.processes.erase(obs.processes.begin());
        obs.channels[0].ends.erase(obs.channels[0].ends.begin());
        ProbeSample s2;
        s2.nowNs = 2'000'000'000;
        s2.counters = {counter(100, fp::FlowKind::Fd, 3, 0, IPCFLOW_NR_write, out(300, 3)),
                       counter(200, fp::FlowKind::Fd, 4, 0, IPCFLOW_NR_read, in(300, 3))};
        s2.gone = {100};
        s2.waits = {fp::WaitEvent{200, 201, IPCFLOW_NR_read, fp::FlowKind::Fd, 4, 0, 5'000,
                                  2'000'000, 100, 100, 100, true}};
        a.apply(obs, s2);
        QCOMPARE(obs.channels[0].exact->bytesSent, 300u);
        QCOMPARE(obs.channels[0].exact->bytesReceived, 300u);
        QCOMPARE(a.totals().at(pipeRef(77)).bytesSent, 300u);
        QCOMPARE(a.processTotals().at(100).bytesSent, 300u);
        QCOMPARE(obs.wakes.size(), 1u);
        QCOMPARE(obs.wakes[0].call, std::string("read"));
        QCOMPARE(obs.wakes[0].wakerPid, 100);
        QVERIFY(obs.wakes[0].object && *obs.wakes[0].object == pipeRef(77));
        QCOMPARE(obs.wakes[0].endedNs, 2'004'000u); // on the observation's clock
        // A later sample does not count the departed process twice.
        Observation again = pipePair();
        again.processes.erase(again.processes.begin());
        again.channels[0].ends.erase(again.channels[0].ends.begin());
        ProbeSample s3;
        s3.nowNs = 3'000'000'000;
        s3.counters = {counter(200, fp::FlowKind::Fd, 4, 0, IPCFLOW_NR_read, in(300, 3))};
        a.apply(again, s3);
        QCOMPARE(again.channels[0].exact->bytesSent, 300u);
    }

    // ---- the client's failures, in words ----

    void clientSaysWhatIsMissing() {
        FlowProbeClientOptions o;
        o.probePath = "/nonexistent/ipcscope-probe";
        auto client = FlowProbeClient::start(o);
        QVERIFY(!client.ok());
        QVERIFY2(client.error().message.find("/nonexistent/ipcscope-probe") != std::string::npos,
                 client.error().message.c_str());
        // A program that is not the probe: it ends without `ready`, and the sentence says so.
        o.probePath = "/bin/true";
        client = FlowProbeClient::start(o);
        if (::geteuid() == 0) {
            QVERIFY(!client.ok());
            QVERIFY2(client.error().message.find("stopped") != std::string::npos,
                     client.error().message.c_str());
        }
        // Required mode fails with the sentence; Auto goes on with a note.
        ObserveOptions options;
        options.selection.pids = {::getpid()};
        options.exactFlow = ExactFlowMode::Required;
        options.probePath = "/nonexistent/ipcscope-probe";
        Observer required(options);
        auto sampled = required.trySample();
        QVERIFY(!sampled.ok());
        options.exactFlow = ExactFlowMode::Auto;
        Observer automatic(options);
        auto obs = automatic.trySample();
        QVERIFY(obs.ok());
        QCOMPARE(obs->tier, FlowTier::Estimated);
        QVERIFY(obs->tierNote.find("estimates") != std::string::npos);
        QVERIFY(!observationFrame(*obs).flowNote.empty());
    }

    // ---- the real probe ----

    void realProbeCountsExactly() {
        SKIP_WITHOUT_PROBE();
        constexpr std::size_t kChunks[] = {1000, 2000, 4000}; // pipe: 7000 bytes in 3 writes
        constexpr int kType1 = 5, kType2 = 3;                 // System V: 5 of 10 B, 3 of 20 B
        constexpr int kMq = 4;                                // POSIX queue: 4 of 32 B
        constexpr int kDatagrams = 6;                         // socketpair: 6 of 100 B
        constexpr auto kStall = std::chrono::milliseconds(60);

        int data[2], go[2], sync[2], stall[2], sv[2];
        QVERIFY(::pipe(data) == 0 && ::pipe(go) == 0 && ::pipe(sync) == 0 && ::pipe(stall) == 0);
        QVERIFY(::socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
        const int msq = ::msgget(IPC_PRIVATE, IPC_CREAT | 0600);
        QVERIFY(msq >= 0);
        const std::string mqName = "/ipcscope-tst-flowprobe-" + std::to_string(::getpid());
        mq_attr attr{};
        attr.mq_maxmsg = 8;
        attr.mq_msgsize = 32;
        const mqd_t mq = ::mq_open(mqName.c_str(), O_CREAT | O_RDWR, 0600, &attr);
        QVERIFY(mq >= 0);
        const auto cleanup = qScopeGuard([&] {
            ::msgctl(msq, IPC_RMID, nullptr);
            ::mq_close(mq);
            ::mq_unlink(mqName.c_str());
            for (int fd : {data[0], data[1], go[0], go[1], sync[0], sync[1], stall[0], stall[1],
                           sv[0], sv[1]}) {
                ::close(fd);
            }
        });
        const pid_t parent = ::getpid();
        Child child;
        child.pid = ::fork();
        QVERIFY(child.pid >= 0);
        if (child.pid == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent) {
                ::_exit(1);
            }
            char c;
            readExactly(go[0], &c, 1); // until the probe watches us
            char buffer[4000] = {};
            for (std::size_t n : kChunks) {
                writeAll(data[1], buffer, n);
            }
            struct {
                long type;
                char text[20];
            } m{};
            for (int i = 0; i < kType1 + kType2; ++i) {
                m.type = i < kType1 ? 1 : 2;
                if (::msgsnd(msq, &m, i < kType1 ? 10 : 20, 0) != 0) {
                    ::_exit(2);
                }
            }
            for (int i = 0; i < kMq; ++i) {
                if (::mq_send(mq, buffer, 32, 0) != 0) {
                    ::_exit(3);
                }
            }
            for (int i = 0; i < kDatagrams; ++i) {
                if (::send(sv[0], buffer, 100, 0) != 100) {
                    ::_exit(4);
                }
            }
            writeAll(sync[1], "r", 1);    // about to wait for the parent
            readExactly(stall[0], &c, 1); // the stall: the parent withholds this byte
            writeAll(sync[1], "d", 1);    // done
            readExactly(go[0], &c, 1);    // stay alive until sampled
            ::_exit(0);
        }
        auto client = FlowProbeClient::start(clientOptions());
        QVERIFY2(client.ok(), client.ok() ? "" : client.error().message.c_str());
        QVERIFY((*client)->configure(20'000, 1'000'000).ok());
        QVERIFY((*client)->watch(child.pid, false).ok());
        // The watch is in place once a sample has been answered after it.
        QVERIFY((*client)->sample().ok());
        writeAll(go[1], "g", 1);
        char c;
        readExactly(sync[0], &c, 1);
        // The child is inside read() on the stall pipe before the withholding starts.
        const std::string syscallFile = "/proc/" + std::to_string(child.pid) + "/syscall";
        const std::string readOnStall = "0 0x" + [&] {
            char hex[32];
            std::snprintf(hex, sizeof hex, "%x ", stall[0]);
            return std::string(hex);
        }();
        QVERIFY(
            testsupport::waitUntil([&] { return readFile(syscallFile).starts_with(readOnStall); }));
        std::this_thread::sleep_for(kStall); // the stimulus: data withheld this long
        writeAll(stall[1], "s", 1);
        readExactly(sync[0], &c, 1);
        std::vector<char> sink(7000);
        readExactly(data[0], sink.data(), sink.size());

        auto sample = (*client)->sample();
        QVERIFY2(sample.ok(), sample.ok() ? "" : sample.error().message.c_str());
        std::map<std::pair<fp::FlowKind, std::uint64_t>, fp::FlowCounts> byObject;
        std::map<std::uint64_t, fp::FlowCounts> byType;
        const auto get = [&](fp::FlowKind kind, std::uint64_t id) {
            return byObject[std::pair(kind, id)];
        };
        for (const auto& f : sample->counters) {
            if (f.key.tgid != child.pid) {
                continue;
            }
            byObject[std::pair(f.key.kind, f.key.id)] += f.counts;
            if (f.key.kind == fp::FlowKind::SysvMsq) {
                byType[f.key.sub] += f.counts;
            }
        }
        const auto pipeOut = get(fp::FlowKind::Fd, std::uint64_t(data[1]));
        QCOMPARE(pipeOut.bytesOut, 7000u);
        QCOMPARE(pipeOut.messagesOut, 3u);
        QCOMPARE(byType[1].messagesOut, std::uint64_t(kType1));
        QCOMPARE(byType[1].bytesOut, std::uint64_t(kType1 * 10));
        QCOMPARE(byType[2].messagesOut, std::uint64_t(kType2));
        QCOMPARE(byType[2].bytesOut, std::uint64_t(kType2 * 20));
        QCOMPARE(get(fp::FlowKind::SysvMsq, std::uint64_t(msq)).messagesOut,
                 std::uint64_t(kType1 + kType2));
        const auto mqOut = get(fp::FlowKind::Fd, std::uint64_t(mq));
        QCOMPARE(mqOut.messagesOut, std::uint64_t(kMq));
        QCOMPARE(mqOut.bytesOut, std::uint64_t(kMq * 32));
        const auto dgrams = get(fp::FlowKind::Fd, std::uint64_t(sv[0]));
        QCOMPARE(dgrams.messagesOut, std::uint64_t(kDatagrams));
        QCOMPARE(dgrams.bytesOut, std::uint64_t(kDatagrams * 100));
        const auto stalled = get(fp::FlowKind::Fd, std::uint64_t(stall[0]));
        QCOMPARE(stalled.bytesIn, 1u);
        QVERIFY(stalled.maxWaitNs >= std::uint64_t(std::chrono::nanoseconds(kStall).count()));
        const auto wait =
            std::find_if(sample->waits.begin(), sample->waits.end(), [&](const fp::WaitEvent& w) {
                return w.tgid == child.pid && w.id == std::uint64_t(stall[0]);
            });
        QVERIFY2(wait != sample->waits.end(), "the stall was not told as a wait");
        QVERIFY(wait->durationNs >= std::uint64_t(std::chrono::nanoseconds(kStall).count()));
        QCOMPARE(wait->nr, std::uint32_t(IPCFLOW_NR_read));
        QCOMPARE(wait->wakerTgid, ::getpid());
        QVERIFY(wait->slept);
        writeAll(go[1], "q", 1);
        int status;
        const pid_t pid = child.pid;
        QCOMPARE(::waitpid(pid, &status, 0), pid);
        child.pid = -1;
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        // Gone: told once with its final counters, then forgotten.
        auto last = (*client)->sample();
        QVERIFY(last.ok());
        QVERIFY(std::find(last->gone.begin(), last->gone.end(), pid) != last->gone.end());
        QVERIFY(std::any_of(last->counters.begin(), last->counters.end(),
                            [&](const fp::FlowCounter& f) { return f.key.tgid == pid; }));
        auto after = (*client)->sample();
        QVERIFY(after.ok());
        QVERIFY(std::none_of(after->counters.begin(), after->counters.end(),
                             [&](const fp::FlowCounter& f) { return f.key.tgid == pid; }));
    }

    // Two processes ping-ponging over a pair of pipes: measured wake edges in both directions,
    // each naming the other as the waker, the pipe it waited on, and the other's command.
    void pingPongWakesBothWays() {
        SKIP_WITHOUT_PROBE();
        testsupport::PingPong pair;
        QVERIFY(pair.ok());
        ObserveOptions options;
        options.selection.pids = {pair.first(), pair.second()};
        options.exactFlow = ExactFlowMode::Required;
        options.probePath = probePath().toStdString();
        options.interval = std::chrono::milliseconds(50);
        Observer observer(options);
        std::map<std::pair<pid_t, pid_t>, WakeEdge> seen; // (waiter, waker) → an edge
        QVERIFY(testsupport::waitUntil(
            [&] {
                auto obs = observer.trySample();
                if (!obs.ok()) {
                    qWarning("%s", obs.error().message.c_str());
                    return true; // fails below
                }
                for (const WakeEdge& w : obs->wakes) {
                    seen.emplace(std::pair(w.waiterPid, w.wakerPid), w);
                }
                return seen.contains({pair.first(), pair.second()}) &&
                       seen.contains({pair.second(), pair.first()});
            },
            20000));
        for (const auto& [waiter, waker] :
             {std::pair(pair.first(), pair.second()), std::pair(pair.second(), pair.first())}) {
            const auto it = seen.find({waiter, waker});
            QVERIFY2(
                it != seen.end(),
                qPrintable(
                    QStringLiteral("no wake of %1 by %2 was measured").arg(waiter).arg(waker)));
            const WakeEdge& w = it->second;
            QCOMPARE(w.call, std::string("read"));
            QVERIFY2(w.object && w.object->kind == IpcKind::Pipe, "the wait is not on a pipe");
            QVERIFY(w.durationNs >= 1'000'000); // the other side's 2 ms pause, over the threshold
            QCOMPARE(
                w.wakerComm,
                readFile("/proc/" + std::to_string(waker) + "/comm").substr(0, w.wakerComm.size()));
            QVERIFY(!w.wakerComm.empty());
        }
        // Each waited on a different pipe: the one the other writes to.
        QVERIFY(!(*seen.at({pair.first(), pair.second()}).object ==
                  *seen.at({pair.second(), pair.first()}).object));
    }

    void nothingStaysLoaded() {
        SKIP_WITHOUT_PROBE();
        if (!bpftoolAvailable()) {
            QSKIP("bpftool is not installed: it is how this test sees loaded programs");
        }
        for (const bool kill : {false, true}) {
            auto client = FlowProbeClient::start(clientOptions());
            QVERIFY2(client.ok(), client.ok() ? "" : client.error().message.c_str());
            const pid_t probe = (*client)->pid();
            std::set<int> ids;
            for (int id : programIdsHeldBy(probe)) {
                if (ipcflowProgramIds().contains(id)) {
                    ids.insert(id);
                }
            }
            QVERIFY2(ids.size() == 5,
                     "the probe's five programs are not seen loaded while it runs");
            if (kill) {
                ::kill(probe, SIGKILL);
                QVERIFY(testsupport::waitUntil([&] { return testsupport::processGone(probe); }));
            } else {
                client->reset(); // says quit, closes its stdin, reaps it
            }
            QVERIFY2(testsupport::waitUntil([&] { return !anyLoaded(ids); }, 20000),
                     kill ? "programs stayed loaded after the probe was killed"
                          : "programs stayed loaded after quit");
        }
    }

    // ---- the command line ----

    void cliSaysWhyNotExact() {
        if (::geteuid() != 0) {
            QSKIP("becoming an unprivileged user (setpriv) needs root");
        }
        QProcess sleeper;
        sleeper.start(QStringLiteral("sleep"), {QStringLiteral("30")});
        QVERIFY(sleeper.waitForStarted());
        const auto cleanup = qScopeGuard([&] {
            sleeper.kill();
            sleeper.waitForFinished();
        });
        const QString pid = QString::number(sleeper.processId());
        const auto asNobody = [&](const QStringList& args) {
            QProcess cli;
            cli.start(QStringLiteral("setpriv"),
                      QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                                  QStringLiteral("--clear-groups"), testsupport::cliPath(),
                                  QStringLiteral("observe"), QStringLiteral("--pid"), pid,
                                  QStringLiteral("--once")} +
                          args);
            cli.waitForFinished(30000);
            return std::tuple(cli.exitCode(), QString::fromUtf8(cli.readAllStandardOutput()),
                              QString::fromUtf8(cli.readAllStandardError()));
        };
        // --exact: fails, saying what is missing and what to do.
        const auto [code, out, err] = asNobody({QStringLiteral("--exact")});
        QCOMPARE(code, 1);
        QVERIFY2(err.contains(QStringLiteral("CAP_BPF")) && err.contains(QStringLiteral("pkexec")),
                 qPrintable(err));
        // The default: goes on with estimates, the note on stderr and in the JSON.
        const auto [code2, out2, err2] = asNobody({QStringLiteral("--json")});
        QCOMPARE(code2, 0);
        const auto json = QJsonDocument::fromJson(out2.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("flow_tier")).toString(), QStringLiteral("estimated"));
        QVERIFY(
            json.value(QStringLiteral("flow_note")).toString().contains(QStringLiteral("root")));
        QVERIFY2(err2.contains(QStringLiteral("estimates")), qPrintable(err2));
    }

    void cliObservesExactly() {
        SKIP_WITHOUT_PROBE();
        QProcess run;
        run.start(testsupport::cliPath(),
                  {QStringLiteral("run"), QStringLiteral("sysv-msg"), QStringLiteral("--duration"),
                   QStringLiteral("3"), QStringLiteral("--rate"), QStringLiteral("2000"),
                   QStringLiteral("--quiet")});
        QVERIFY(run.waitForStarted());
        const auto cleanup = qScopeGuard([&] {
            run.kill();
            run.waitForFinished();
        });
        QProcess observe;
        observe.start(testsupport::cliPath(),
                      {QStringLiteral("observe"), QStringLiteral("--tree"),
                       QString::number(run.processId()), QStringLiteral("--exact"),
                       QStringLiteral("--duration"), QStringLiteral("1.5"),
                       QStringLiteral("--json-lines")});
        QVERIFY(observe.waitForFinished(60000));
        QVERIFY2(observe.exitCode() == 0, observe.readAllStandardError().constData());
        const auto lines = observe.readAllStandardOutput().split('\n');
        QJsonObject last;
        for (const auto& line : lines) {
            if (!line.trimmed().isEmpty()) {
                last = QJsonDocument::fromJson(line).object();
                QCOMPARE(last.value(QStringLiteral("flow_tier")).toString(),
                         QStringLiteral("exact"));
                QVERIFY(last.value(QStringLiteral("wakes")).isArray());
            }
        }
        // The workers (found within a second) and their queue, with exact figures.
        bool queueSeen = false;
        for (const auto& v : last.value(QStringLiteral("channels")).toArray()) {
            const auto c = v.toObject();
            if (c.value(QStringLiteral("kind")).toString() != QStringLiteral("sysv-msg")) {
                continue;
            }
            const auto exact = c.value(QStringLiteral("exact")).toObject();
            QVERIFY(exact.value(QStringLiteral("messages_sent")).toDouble() > 0);
            QVERIFY(exact.value(QStringLiteral("messages_received")).toDouble() > 0);
            QVERIFY(exact.value(QStringLiteral("bytes_sent_per_s")).toDouble() > 0);
            for (const auto& e : c.value(QStringLiteral("endpoints")).toArray()) {
                QVERIFY(e.toObject().contains(QStringLiteral("exact")));
            }
            queueSeen = true;
        }
        QVERIFY2(queueSeen, "the run's queue was not observed with exact flow");
        bool waited = false;
        for (const auto& v : last.value(QStringLiteral("processes")).toArray()) {
            waited = waited || v.toObject()
                                       .value(QStringLiteral("exact"))
                                       .toObject()
                                       .value(QStringLiteral("wait_ns"))
                                       .toDouble() > 0;
        }
        QVERIFY2(waited, "no process shows blocked time (its consumer waits for each message)");
    }

    // ---- exactness against the lab's own counts ----

    void exactAgainstLab_data() {
        QTest::addColumn<QString>("mechanism");
        QTest::addColumn<bool>("messagesKept"); // one call per message: messages compare too
        QTest::addColumn<QString>("rate");      // producer's messages per second, "" full speed
        for (const QString& rate : {QString(), QStringLiteral("1000")}) {
            const QString suffix =
                rate.isEmpty() ? QString() : QStringLiteral(" at ") + rate + "/s";
            QTest::newRow(qPrintable("pipe" + suffix)) << "pipe" << false << rate;
            QTest::newRow(qPrintable("fifo" + suffix)) << "fifo" << false << rate;
            QTest::newRow(qPrintable("unix-stream" + suffix)) << "unix-stream" << false << rate;
            QTest::newRow(qPrintable("unix-dgram" + suffix)) << "unix-dgram" << true << rate;
            QTest::newRow(qPrintable("sysv-msg" + suffix)) << "sysv-msg" << true << rate;
            QTest::newRow(qPrintable("posix-mq" + suffix)) << "posix-mq" << true << rate;
        }
    }

    void exactAgainstLab() {
        SKIP_WITHOUT_PROBE();
        QFETCH(QString, mechanism);
        QFETCH(bool, messagesKept);
        QFETCH(QString, rate);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string reportPath = dir.filePath(QStringLiteral("report.json")).toStdString();
        const std::string cli = testsupport::cliPath().toStdString();
        const std::string mech = mechanism.toStdString();
        std::vector<std::string> runArgs = {cli, "run",    mech,     "--duration",
                                            "1", "--json", "--quiet"};
        if (!rate.isEmpty()) {
            runArgs.insert(runArgs.end(), {"--rate", rate.toStdString()});
        }
        int go[2];
        QVERIFY(::pipe2(go, O_CLOEXEC) == 0);
        const pid_t parent = ::getpid();
        Child child;
        child.pid = ::fork();
        QVERIFY(child.pid >= 0);
        if (child.pid == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent) {
                ::_exit(1);
            }
            char c;
            if (::read(go[0], &c, 1) != 1) { // until the probe watches this process
                ::_exit(1);
            }
            const int out = ::open(reportPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            const int null = ::open("/dev/null", O_WRONLY);
            ::dup2(out, 1);
            ::dup2(null, 2);
            std::vector<char*> argv;
            for (const std::string& a : runArgs) {
                argv.push_back(const_cast<char*>(a.c_str()));
            }
            argv.push_back(nullptr);
            ::execv(cli.c_str(), argv.data());
            ::_exit(127);
        }
        ::close(go[0]);
        ObserveOptions options;
        options.selection.trees = {child.pid};
        options.exactFlow = ExactFlowMode::Required;
        options.probePath = probePath().toStdString();
        options.interval = std::chrono::milliseconds(50);
        Observer observer(options);
        auto first = observer.trySample();
        QVERIFY2(first.ok(), first.ok() ? "" : first.error().message.c_str());
        QCOMPARE(first->tier, FlowTier::Exact);
        QVERIFY(::write(go[1], "g", 1) == 1);
        ::close(go[1]);
        int status = 0;
        bool exited = false;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (!exited && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(options.interval); // the sampling period, not a sync
            auto obs = observer.trySample();
            QVERIFY2(obs.ok(), obs.ok() ? "" : obs.error().message.c_str());
            exited = ::waitpid(child.pid, &status, WNOHANG) == child.pid;
        }
        QVERIFY2(exited, "the run did not end within a minute");
        child.pid = -1;
        // The probe tells the final counters of processes that have gone at the next sample.
        QVERIFY(observer.trySample().ok());
        QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                 qPrintable(QStringLiteral("the run failed (status %1)").arg(status)));

        const auto report =
            QJsonDocument::fromJson(QByteArray::fromStdString(readFile(reportPath))).object();
        QVERIFY2(!report.isEmpty(), "the run printed no JSON report");
        const auto totals = report.value(QStringLiteral("totals")).toObject();
        const auto want = [&](const char* key) {
            return std::uint64_t(totals.value(QLatin1String(key)).toDouble());
        };
        // The run's channel: the objects of its kind, summed (a Unix socket pair is two
        // objects, sent on one and received on the other). The lab's own pipes (the go pipe
        // and the guardian's lifeline) move at most one byte and are not of the socket kinds.
        const IpcKind kind = *parseIpcKind(mech == "unix-stream"  ? "unix-stream"
                                           : mech == "unix-dgram" ? "unix-dgram"
                                                                  : mech);
        ExactFlow seen;
        for (const auto& [ref, f] : observer.exactTotals()) {
            if (ref.kind == kind && (f.bytesSent > 1 || f.bytesReceived > 1)) {
                seen += f;
            }
        }
        qInfo("%s: sent %llu B / %llu msgs (run: %llu / %llu), received %llu B / %llu msgs "
              "(run: %llu / %llu)",
              mech.c_str(), (unsigned long long)seen.bytesSent,
              (unsigned long long)seen.messagesSent, (unsigned long long)want("bytes_sent"),
              (unsigned long long)want("messages_sent"), (unsigned long long)seen.bytesReceived,
              (unsigned long long)seen.messagesReceived, (unsigned long long)want("bytes_received"),
              (unsigned long long)want("messages_received"));
        QVERIFY(want("messages_sent") > 0);
        // The window's edge: a worker stopped at the run's end between a call's return and its
        // own count leaves one message the kernel saw and the run did not (seen once in about
        // twenty runs, under ASan). So the kernel may be ahead by at most one message per
        // worker, never behind.
        const auto workers =
            std::uint64_t(report.value(QStringLiteral("workers")).toArray().size());
        const std::uint64_t messageBytes =
            (want("bytes_sent") + want("messages_sent") - 1) / want("messages_sent");
        const auto within = [&](std::uint64_t kernel, std::uint64_t run, std::uint64_t unit) {
            return kernel >= run && kernel - run <= workers * unit;
        };
        QVERIFY2(within(seen.bytesSent, want("bytes_sent"), messageBytes),
                 qPrintable(QStringLiteral("sent %1 B, the run says %2 B")
                                .arg(seen.bytesSent)
                                .arg(want("bytes_sent"))));
        QVERIFY2(within(seen.bytesReceived, want("bytes_received"), messageBytes),
                 qPrintable(QStringLiteral("received %1 B, the run says %2 B")
                                .arg(seen.bytesReceived)
                                .arg(want("bytes_received"))));
        if (messagesKept) {
            QVERIFY(within(seen.messagesSent, want("messages_sent"), 1));
            QVERIFY(within(seen.messagesReceived, want("messages_received"), 1));
        }
        // Blocked time per worker. Both sides count by one rule (workerprobe.h, ipcflow.bpf.c):
        // a call from its start until the caller runs its own code again, when that is at least
        // 20 µs. The worker reads its clock right before and after the call; the kernel from its
        // program's entry at sys_enter until the thread is back on a CPU after sys_exit (a thread
        // switched out on that return is still in the call for its caller). What one side sees
        // and the other cannot, measured call by call (each worker-side interval matched with the
        // kernel's timestamps of the same call, 2 vCPUs under kvm-clock):
        //  - the kernel's entry before sys_enter and exit after sys_exit: median 0.75 µs before
        //    and 1.0 µs after (p90 4.6 µs after; ~5 µs after a sleep), in the worker's figure only;
        //  - preemptions between the worker's clock read and the call's entry: at full speed the
        //    workers are preempted between calls (by each other and the machine's other work) and
        //    20-26 calls a run were entered within 20 µs of the thread getting its CPU back, after
        //    27-37 ms off it, in the worker's figure only;
        //  - on this VM about 2.5 % of any CPU's time goes in gaps no scheduler hook sees (a loop
        //    of clock reads: ~1300 gaps/s of 2 µs-1 ms, mean 18 µs, with 3 context switches), which
        //    land in those windows too.
        // (Before: the probe's wake-up for each ring event, sent from the watched thread's
        // sys_exit, cost that thread ~10 µs per event after its exit; events are now read without
        // wake-ups, which took paced consumers from -0.8..-1.3 % to -0.3..-0.75 %.)
        // So the bound, max(2 %, 1 ms), holds where waits are long against those few µs:
        // consumers of a paced run (asserted). At full speed (waits of tens of µs to 1 ms, many
        // preemptions between calls) the kernel's figure is 1.4-15 % lower (load 3-7); paced
        // consumers are 0.57-0.65 % lower (about 6.5 µs per wait, the exit path after a sleep
        // and the entry); a paced producer's few waits (scheduling delays of a few µs, most of
        // them under 20 µs in the kernel) differ by 0.1-6.8 ms. Asserted for every worker: the
        // kernel's time is never more than the worker's by over 1 ms; at full speed it is at
        // least 30 % of it, or within 5 ms (waits the probe missed show as less: an idle merged
        // tree saw a FIFO consumer 42 % lower, so the bound is the floor, not the spread).
        const auto processes = observer.exactProcessTotals();
        QString failures;
        for (const auto& v : report.value(QStringLiteral("workers")).toArray()) {
            const auto w = v.toObject();
            const pid_t pid = w.value(QStringLiteral("pid")).toInt();
            const auto blocked = std::uint64_t(w.value(QStringLiteral("blocked_ns")).toDouble());
            const auto blocks = std::uint64_t(w.value(QStringLiteral("blocks")).toDouble());
            const bool consumer = w.value(QStringLiteral("role")).toString() == "consumer";
            const auto it = processes.find(pid);
            QVERIFY2(it != processes.end(), "a worker was not observed");
            const double diff = double(it->second.waitNs) - double(blocked);
            qInfo(
                "  %s %d: blocked %.3f ms observed, %.3f ms by its own clock (%+.3f ms, %+.2f %%), "
                "%llu waits vs %llu",
                qPrintable(w.value(QStringLiteral("role")).toString()), pid,
                double(it->second.waitNs) / 1e6, double(blocked) / 1e6, diff / 1e6,
                blocked ? 100.0 * diff / double(blocked) : 0.0,
                (unsigned long long)it->second.waits, (unsigned long long)blocks);
            const double bound = std::max(0.02 * double(blocked), 1e6);
            if (!rate.isEmpty() && consumer && std::abs(diff) > bound) {
                failures += QStringLiteral("consumer %1: %2 ns observed, %3 ns by its own clock, "
                                           "more than max(2 %, 1 ms) apart; ")
                                .arg(pid)
                                .arg(it->second.waitNs)
                                .arg(blocked);
            }
            if (diff > 1e6 || (rate.isEmpty() && diff < -std::max(0.7 * double(blocked), 5e6))) {
                failures += QStringLiteral("%1 %2: %3 ns observed, %4 ns by its own clock; ")
                                .arg(w.value(QStringLiteral("role")).toString())
                                .arg(pid)
                                .arg(it->second.waitNs)
                                .arg(blocked);
            }
            // Calls within a few µs of 20 µs fall on one side only: a few percent of the counts.
            if (!rate.isEmpty() && consumer &&
                std::abs(double(it->second.waits) - double(blocks)) > 0.05 * double(blocks) + 2) {
                failures += QStringLiteral("consumer %1: %2 waits observed, %3 by its own count; ")
                                .arg(pid)
                                .arg(it->second.waits)
                                .arg(blocks);
            }
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures));
    }
};

QTEST_GUILESS_MAIN(TestFlowProbe)
#include "tst_flowprobe.moc"
