// The wait-for graph's verdicts on hand-built observations shaped like the real scenarios
// (DESIGN.md §7): who waits on what, who holds the other end, and whether the waits form a
// deadlock (certain or possible), plus the notes on lone waits. No process runs: the scanner's
// suites produce observations from real processes; this one checks the reasoning on them.

#include "observe/waitgraph.h"

#include <QtTest>

#include <algorithm>
#include <random>

using namespace ipcscope;

namespace {

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
    r.key = 0x1234;
    return r;
}

ObjectRef namedRef(IpcKind kind, std::string name) {
    ObjectRef r;
    r.kind = kind;
    r.name = std::move(name);
    return r;
}

ObjectRef socketRef(IpcKind kind, std::uint64_t inode) {
    ObjectRef r;
    r.kind = kind;
    r.inode = inode;
    return r;
}

// A thread asleep in `call` on `object`.
ObservedThread waitingIn(pid_t tid, std::string call, std::optional<ObjectRef> object) {
    ObservedThread t;
    t.tid = tid;
    t.state = 'S';
    t.syscall = 0; // the number does not matter here, only that the thread is in a call
    t.call = std::move(call);
    t.object = std::move(object);
    t.waitingNs = 2'000'000'000;
    return t;
}

ObservedThread running(pid_t tid) {
    ObservedThread t;
    t.tid = tid;
    t.state = 'R';
    return t;
}

ObservedProcess process(pid_t pid, std::string comm, std::vector<ObservedThread> threads) {
    ObservedProcess p;
    p.pid = pid;
    p.comm = comm;
    p.command = comm;
    p.threads = std::move(threads);
    for (auto& t : p.threads) {
        t.name = comm;
    }
    return p;
}

// A single-threaded process (tid = pid) reading from pipe `inode`.
ObservedProcess pipeReader(pid_t pid, std::string comm, std::uint64_t inode) {
    return process(pid, std::move(comm), {waitingIn(pid, "read", pipeRef(inode))});
}

ChannelEnd end(pid_t pid, EndpointDirection direction, int fd = 3, bool seenInCall = false) {
    return {pid, fd, direction, seenInCall, {}};
}

ObservedChannel channelOn(ObjectRef object, std::vector<ChannelEnd> ends) {
    ObservedChannel c;
    c.object = std::move(object);
    c.ends = std::move(ends);
    return c;
}

// A connected Unix socket held by `holder`.
ObservedChannel connectedSocket(IpcKind kind, std::uint64_t inode, std::uint64_t peer,
                                pid_t holder) {
    ObservedChannel c = channelOn(socketRef(kind, inode), {end(holder, EndpointDirection::Both)});
    c.peerInode = peer;
    c.socketState = "connected";
    return c;
}

// A pipe read by `readers` and written by `writers`.
ObservedChannel pipeChannel(std::uint64_t inode, std::vector<pid_t> readers,
                            std::vector<pid_t> writers) {
    ObservedChannel c;
    c.object = pipeRef(inode);
    for (pid_t r : readers) {
        c.ends.push_back(end(r, EndpointDirection::Receive, 3));
    }
    for (pid_t w : writers) {
        c.ends.push_back(end(w, EndpointDirection::Send, 4));
    }
    c.capacityBytes = 65536;
    c.bytes = 0;
    return c;
}

std::vector<std::uint64_t> inodesOf(const Deadlock& d) {
    std::vector<std::uint64_t> out;
    for (const auto& o : d.objects) {
        out.push_back(o.inode.value_or(0));
    }
    return out;
}

QString notesOf(const Observation& o) {
    QStringList out;
    for (const auto& n : o.notes) {
        out << QString::fromStdString(n.text);
    }
    return out.join(QLatin1Char('\n'));
}

// Analyses `o`: its one deadlock, or nullopt when it has none or several.
std::optional<Deadlock> soleDeadlock(Observation& o) {
    analyseWaits(o);
    return o.deadlocks.size() == 1 ? std::optional(o.deadlocks.front()) : std::nullopt;
}

QString deadlocksOf(const Observation& o) {
    QStringList out;
    for (const auto& d : o.deadlocks) {
        out << QString::fromStdString(d.text);
    }
    return out.join(QLatin1Char('\n'));
}

// The classic two-process pipe deadlock: each reads what only the other writes.
Observation twoPipeDeadlock() {
    Observation o;
    o.processes = {pipeReader(4711, "reader", 88123), pipeReader(4712, "writer", 88124)};
    o.channels = {pipeChannel(88123, {4711}, {4712}), pipeChannel(88124, {4712}, {4711})};
    return o;
}

// Two processes in P(empty)/P(full) on one System V semaphore set, both seen operating on it.
Observation semaphoreDeadlock() {
    Observation o;
    auto producer =
        process(100, "producer", {waitingIn(100, "semop", sysvRef(IpcKind::SysvSem, 7))});
    producer.threads[0].detail = "semaphore 0: -1";
    auto consumer =
        process(101, "consumer", {waitingIn(101, "semop", sysvRef(IpcKind::SysvSem, 7))});
    consumer.threads[0].detail = "semaphore 1: -1";
    o.processes = {producer, consumer};
    ObservedChannel set =
        channelOn(sysvRef(IpcKind::SysvSem, 7), {end(100, EndpointDirection::Both, -1, true),
                                                 end(101, EndpointDirection::Both, -1, true)});
    set.lastSender = 100; // sempid
    set.semaphoreValues = {0, 0};
    o.channels = {set};
    return o;
}

} // namespace

class TestWaitGraph : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void twoProcessPipeDeadlockIsCertain() {
        Observation o = twoPipeDeadlock();
        const auto d = soleDeadlock(o);
        QVERIFY2(d, qPrintable(deadlocksOf(o)));
        QVERIFY(d->certain);
        QCOMPARE(d->pids, (std::vector<pid_t>{4711, 4712}));
        QCOMPARE(inodesOf(*d), (std::vector<std::uint64_t>{88123, 88124}));
        QCOMPARE(d->text, std::string("pid 4711 (reader) waits in read on pipe:[88123]; its only "
                                      "writer, pid 4712 (writer), waits in read on pipe:[88124], "
                                      "whose only writer is pid 4711: deadlock"));
        QVERIFY2(o.notes.empty(), qPrintable(notesOf(o)));
    }

    // The verdict does not depend on the order the scanner listed processes and channels in:
    // the cycle starts at the lowest pid.
    void verdictIndependentOfListingOrder() {
        Observation o = twoPipeDeadlock();
        std::reverse(o.processes.begin(), o.processes.end());
        std::reverse(o.channels.begin(), o.channels.end());
        analyseWaits(o);
        Observation straight = twoPipeDeadlock();
        analyseWaits(straight);
        QCOMPARE(o.deadlocks, straight.deadlocks);
    }

    // Results replace what a previous analysis left.
    void replacesEarlierVerdicts() {
        Observation o = twoPipeDeadlock();
        o.deadlocks.push_back({true, {1}, {pipeRef(1)}, "stale"});
        o.notes.push_back({1, 1, "stale"});
        analyseWaits(o);
        QCOMPARE(o.deadlocks.size(), std::size_t(1));
        QVERIFY(o.deadlocks.front().text != "stale");
        QVERIFY(o.notes.empty());
    }

    // Three single-threaded readers (pids 1, 2 and 3, listed out of order), each reading its
    // own pipe (11, 12 and 13) written by the processes named.
    void threeProcessCycles_data() {
        QTest::addColumn<QList<int>>("writersOf11");
        QTest::addColumn<QList<int>>("writersOf12");
        QTest::addColumn<QList<int>>("writersOf13");
        QTest::addColumn<bool>("certain");
        QTest::addColumn<QList<int>>("cycle");
        QTest::addColumn<QString>("text");
        QTest::newRow("one writer each, certain")
            << QList<int>{3} << QList<int>{1} << QList<int>{2} << true << QList<int>{1, 3, 2}
            << QStringLiteral("pid 1 (a) waits in read on pipe:[11]; its only writer, pid 3 (c), "
                              "waits in read on pipe:[13]; its only writer, pid 2 (b), waits in "
                              "read on pipe:[12], whose only writer is pid 1: deadlock");
        // 2 and 3 both write 11 and both wait in the cycle: which one would write is not known.
        QTest::newRow("second writer in the cycle, possible")
            << QList<int>{2, 3} << QList<int>{3} << QList<int>{1} << false << QList<int>{1, 2, 3}
            << QStringLiteral("pid 1 (a) waits in read on pipe:[11]; its writers are pid 2 (b) "
                              "and pid 3 (c); pid 2 waits in read on pipe:[12]; its only writer, "
                              "pid 3 (c), waits in read on pipe:[13], whose only writer is pid 1: "
                              "possible deadlock");
        // Two cycles through 1, none through all three: each is still named once.
        QTest::newRow("figure eight, possible")
            << QList<int>{2, 3} << QList<int>{1} << QList<int>{1} << false << QList<int>{1, 2, 3}
            << QStringLiteral("pid 1 (a) waits in read on pipe:[11]; its writers are pid 2 (b) "
                              "and pid 3 (c); pid 2 waits in read on pipe:[12], whose only writer "
                              "is pid 1; pid 3 (c) waits in read on pipe:[13], whose only writer "
                              "is pid 1: possible deadlock");
    }
    void threeProcessCycles() {
        QFETCH(QList<int>, writersOf11);
        QFETCH(QList<int>, writersOf12);
        QFETCH(QList<int>, writersOf13);
        QFETCH(bool, certain);
        QFETCH(QList<int>, cycle);
        QFETCH(QString, text);
        Observation o;
        o.processes = {pipeReader(2, "b", 12), pipeReader(3, "c", 13), pipeReader(1, "a", 11)};
        auto pids = [](const QList<int>& l) { return std::vector<pid_t>(l.begin(), l.end()); };
        o.channels = {pipeChannel(11, {1}, pids(writersOf11)),
                      pipeChannel(12, {2}, pids(writersOf12)),
                      pipeChannel(13, {3}, pids(writersOf13))};
        const auto d = soleDeadlock(o);
        QVERIFY2(d, qPrintable(deadlocksOf(o)));
        QCOMPARE(d->certain, certain);
        QCOMPARE(d->pids, pids(cycle));
        std::vector<std::uint64_t> inodes;
        for (int pid : cycle) {
            inodes.push_back(std::uint64_t(10 + pid));
        }
        QCOMPARE(inodesOf(*d), inodes);
        QCOMPARE(QString::fromStdString(d->text), text);
    }

    // 1 and 2 wait for each other, and a third process outside the cycle holds the write end
    // of 1's pipe too (the forgotten descriptor in a forked child). When it runs, it may write:
    // no deadlock. When it waits itself (it sleeps, or waits for a process that runs), the
    // cycle is stuck unless it moves and writes: a possible deadlock that names it.
    void secondReleaserOutsideTheCycle_data() {
        QTest::addColumn<QString>("spareState");
        QTest::addColumn<QString>("verdict"); // empty: no deadlock
        QTest::newRow("running") << QStringLiteral("running") << QString();
        QTest::newRow("two threads, one running") << QStringLiteral("threads") << QString();
        const QString cycle = QStringLiteral(
            "pid 1 (reader) waits in read on pipe:[11]; its writers are pid 2 (writer) and pid 3 "
            "(spare); pid 2 waits in read on pipe:[12], whose only writer is pid 1; pid 3 (spare) "
            "is not in the cycle and ");
        QTest::newRow("nanosleep")
            << QStringLiteral("nanosleep")
            << cycle + QStringLiteral("waits in clock_nanosleep: possible deadlock");
        QTest::newRow("waits for a running one")
            << QStringLiteral("waits")
            << cycle + QStringLiteral("waits in read on pipe:[14]: possible deadlock");
    }
    void secondReleaserOutsideTheCycle() {
        QFETCH(QString, spareState);
        QFETCH(QString, verdict);
        Observation o;
        ObservedProcess spare = process(3, "spare", {running(3)});
        if (spareState == QLatin1String("nanosleep")) {
            spare.threads[0] = waitingIn(3, "clock_nanosleep", std::nullopt);
        } else if (spareState == QLatin1String("waits")) {
            spare.threads[0] = waitingIn(3, "read", pipeRef(14)); // written by 4, which runs
        } else if (spareState == QLatin1String("threads")) {
            spare.threads = {waitingIn(3, "clock_nanosleep", std::nullopt), running(5)};
        }
        o.processes = {pipeReader(1, "reader", 11), pipeReader(2, "writer", 12), spare,
                       process(4, "busy", {running(4)})};
        o.channels = {pipeChannel(11, {1}, {2, 3}), pipeChannel(12, {2}, {1}),
                      pipeChannel(14, {3}, {4})};
        analyseWaits(o);
        QCOMPARE(deadlocksOf(o), verdict);
        if (!verdict.isEmpty()) {
            QVERIFY(!o.deadlocks.front().certain);
            QCOMPARE(o.deadlocks.front().pids, (std::vector<pid_t>{1, 2}));
        }
        QVERIFY2(o.notes.empty(), qPrintable(notesOf(o)));
    }

    // The second writer is outside the cycle but is itself stuck in another deadlock: nobody
    // can release the first cycle either (a possible deadlock: two writers).
    void secondReleaserInAnotherDeadlock() {
        Observation o;
        o.processes = {pipeReader(1, "reader", 11), pipeReader(2, "writer", 12),
                       pipeReader(3, "spare", 13), pipeReader(4, "other", 14)};
        o.channels = {pipeChannel(11, {1}, {2, 3}), pipeChannel(12, {2}, {1}),
                      pipeChannel(13, {3}, {4}), pipeChannel(14, {4}, {3})};
        analyseWaits(o);
        QCOMPARE(o.deadlocks.size(), std::size_t(2));
        const auto first = std::find_if(o.deadlocks.begin(), o.deadlocks.end(),
                                        [](const Deadlock& d) { return d.pids.front() == 1; });
        const auto second = std::find_if(o.deadlocks.begin(), o.deadlocks.end(),
                                         [](const Deadlock& d) { return d.pids.front() == 3; });
        QVERIFY(first != o.deadlocks.end() && second != o.deadlocks.end());
        QVERIFY(!first->certain);
        QCOMPARE(first->pids, (std::vector<pid_t>{1, 2}));
        QVERIFY(second->certain);
        QCOMPARE(second->pids, (std::vector<pid_t>{3, 4}));
    }

    // One process waits for another that will write (it runs, or sleeps between writes).
    void waitingForAMovingProcessIsNoDeadlock_data() {
        QTest::addColumn<bool>("sleeps");
        QTest::newRow("running") << false;
        QTest::newRow("nanosleep") << true;
    }
    void waitingForAMovingProcessIsNoDeadlock() {
        QFETCH(bool, sleeps);
        Observation o;
        ObservedProcess writer = process(2, "writer", {running(2)});
        if (sleeps) {
            writer.threads[0] = waitingIn(2, "nanosleep", std::nullopt);
        }
        o.processes = {pipeReader(1, "reader", 11), writer};
        o.channels = {pipeChannel(11, {1}, {2})};
        analyseWaits(o);
        QVERIFY2(o.deadlocks.empty(), qPrintable(deadlocksOf(o)));
        QVERIFY2(o.notes.empty(), qPrintable(notesOf(o)));
    }

    // A single-threaded process reading a pipe whose only write end it holds itself.
    void selfDeadlock() {
        Observation o;
        o.processes = {pipeReader(10, "cat", 5)};
        o.channels = {pipeChannel(5, {10}, {10})};
        const auto d = soleDeadlock(o);
        QVERIFY2(d, qPrintable(deadlocksOf(o)));
        QVERIFY(d->certain);
        QCOMPARE(d->pids, std::vector<pid_t>{10});
        QCOMPARE(d->text, std::string("pid 10 (cat) waits in read on pipe:[5]; its only writer is "
                                      "itself: deadlock"));
    }

    // Holding the write end too, but with another writer that will write: only that writer
    // counts, and it runs.
    void ownWriteEndBesideALiveWriter() {
        Observation o;
        o.processes = {pipeReader(10, "cat", 5), process(11, "producer", {running(11)})};
        o.channels = {pipeChannel(5, {10}, {10, 11})};
        analyseWaits(o);
        QVERIFY2(o.deadlocks.empty(), qPrintable(deadlocksOf(o)));
    }

    // A process with one thread waiting and one running is not stuck: the running thread may
    // write. Once the other thread waits too (on a private futex, which only the process's
    // own threads can release), the cycle is a deadlock.
    void threadsOfOneProcess_data() {
        QTest::addColumn<bool>("secondThreadRuns");
        QTest::newRow("one thread runs") << true;
        QTest::newRow("both wait") << false;
    }
    void threadsOfOneProcess() {
        QFETCH(bool, secondThreadRuns);
        Observation o;
        const ObservedThread second =
            secondThreadRuns ? running(1002) : waitingIn(1002, "futex", std::nullopt);
        o.processes = {process(1000, "server", {waitingIn(1000, "read", pipeRef(21)), second}),
                       pipeReader(2000, "client", 22)};
        o.channels = {pipeChannel(21, {1000}, {2000}), pipeChannel(22, {2000}, {1000})};
        analyseWaits(o);
        if (secondThreadRuns) {
            QVERIFY2(o.deadlocks.empty(), qPrintable(deadlocksOf(o)));
        } else {
            QCOMPARE(o.deadlocks.size(), std::size_t(1));
            QVERIFY(o.deadlocks.front().certain);
            QCOMPARE(o.deadlocks.front().pids, (std::vector<pid_t>{1000, 2000}));
        }
    }

    // A thread blocked on something ipcscope cannot name (a terminal, an unknown call) may be
    // released from outside: its process is in no deadlock.
    void unnamedWaitKeepsProcessOut() {
        Observation o = twoPipeDeadlock();
        o.processes[0].threads.push_back(waitingIn(4799, "read", std::nullopt));
        analyseWaits(o);
        QVERIFY2(o.deadlocks.empty(), qPrintable(deadlocksOf(o)));
    }

    // The classic P(empty)/P(full) semaphore mistake with no third user: certain.
    void semaphoreTwoProcessCycle() {
        Observation o = semaphoreDeadlock();
        const auto d = soleDeadlock(o);
        QVERIFY2(d, qPrintable(deadlocksOf(o)));
        QVERIFY(d->certain);
        QCOMPARE(d->pids, (std::vector<pid_t>{100, 101}));
        QCOMPARE(d->objects.front().id, std::optional<int>(7));
        QCOMPARE(d->text,
                 std::string("pid 100 (producer) waits in semop on sysv-sem 7 (semaphore 0: -1); "
                             "its only other user of the semaphore set, pid 101 (consumer), waits "
                             "in semop on sysv-sem 7 (semaphore 1: -1), whose only other user of "
                             "the semaphore set is pid 100: deadlock"));
    }

    // A third user of the set that still runs could post: no deadlock. Known only as the last
    // to operate on the set (sempid), it still counts while we observe it.
    void semaphoreWithThirdUser_data() {
        QTest::addColumn<bool>("asSempid");
        QTest::newRow("seen operating on it") << false;
        QTest::newRow("sempid") << true;
    }
    void semaphoreWithThirdUser() {
        QFETCH(bool, asSempid);
        Observation o = semaphoreDeadlock();
        o.processes.push_back(process(102, "monitor", {running(102)}));
        if (asSempid) {
            o.channels[0].lastSender = 102;
        } else {
            o.channels[0].ends.push_back(end(102, EndpointDirection::Both, -1, true));
        }
        analyseWaits(o);
        QVERIFY2(o.deadlocks.empty(), qPrintable(deadlocksOf(o)));
    }

    // A queue's only sender known from lspid alone (it was never seen in msgsnd): the cycle
    // through it is possible, not certain (lspid may be stale).
    void lspidOnlyMakesItPossible() {
        Observation o;
        o.processes = {
            process(100, "client", {waitingIn(100, "msgrcv", sysvRef(IpcKind::SysvMsg, 9))}),
            pipeReader(101, "server", 41)};
        o.processes[0].threads[0].msgType = 0;
        ObservedChannel queue = channelOn(sysvRef(IpcKind::SysvMsg, 9),
                                          {end(100, EndpointDirection::Receive, -1, true)});
        queue.messages = 0;
        queue.lastSender = 101;
        o.channels = {queue, pipeChannel(41, {101}, {100})};
        analyseWaits(o);
        QCOMPARE(o.deadlocks.size(), std::size_t(1));
        QVERIFY(!o.deadlocks.front().certain);
        QCOMPARE(o.deadlocks.front().text,
                 std::string("pid 100 (client) waits in msgrcv for any type on sysv-msg 9; its "
                             "only sender, pid 101 (server), waits in read on pipe:[41], whose "
                             "only writer is pid 100: possible deadlock"));
        // Seen sending as well: certain.
        o.channels[0].ends.push_back(end(101, EndpointDirection::Send, -1, true));
        analyseWaits(o);
        QCOMPARE(o.deadlocks.size(), std::size_t(1));
        QVERIFY(o.deadlocks.front().certain);
    }

    void semaphoreWithNoOtherUserGetsANote() {
        Observation o;
        o.processes = {
            process(50, "lonely", {waitingIn(50, "semop", sysvRef(IpcKind::SysvSem, 5))})};
        ObservedChannel set =
            channelOn(sysvRef(IpcKind::SysvSem, 5), {end(50, EndpointDirection::Both, -1, true)});
        set.lastSender = 50;
        o.channels = {set};
        analyseWaits(o);
        QVERIFY2(o.deadlocks.empty(), qPrintable(deadlocksOf(o)));
        QCOMPARE(o.notes.size(), std::size_t(1));
        QCOMPARE(o.notes.front().pid, pid_t(50));
        QCOMPARE(o.notes.front().tid, pid_t(50));
        QCOMPARE(o.notes.front().text,
                 std::string("pid 50 (lonely) waits in semop on sysv-sem 5: no other process is "
                             "known to use sysv-sem 5: only a process that ipcscope does not see "
                             "can release it"));
    }

    // msgrcv for type 3 while the queue holds only type 1: said, with what it holds.
    void msgrcvTypeNote_data() {
        QTest::addColumn<bool>("typeThreeQueued");
        QTest::addColumn<bool>("peekFails");
        QTest::addColumn<QString>("expected");
        QTest::newRow("only type 1")
            << false << false
            << QStringLiteral("pid 27 (reader) waits in msgrcv for type 3 on sysv-msg 5; the "
                              "queue holds 3 messages of type 1, 1 message of type 2 and none of "
                              "type 3");
        QTest::newRow("type 3 there") << true << false << QString();
        QTest::newRow("peek not possible")
            << false << true
            << QStringLiteral("pid 27 (reader) waits in msgrcv for type 3 on sysv-msg 5; what the "
                              "queue holds by type is not known: MSG_COPY is not in this kernel "
                              "(ENOSYS)");
    }
    void msgrcvTypeNote() {
        QFETCH(bool, typeThreeQueued);
        QFETCH(bool, peekFails);
        QFETCH(QString, expected);
        Observation o;
        auto reader =
            process(27, "reader", {waitingIn(27, "msgrcv", sysvRef(IpcKind::SysvMsg, 5))});
        reader.threads[0].msgType = 3;
        reader.threads[0].detail = "type 3";
        o.processes = {reader, process(28, "sender", {running(28)})};
        ObservedChannel queue =
            channelOn(sysvRef(IpcKind::SysvMsg, 5), {end(27, EndpointDirection::Receive, -1, true),
                                                     end(28, EndpointDirection::Send, -1, true)});
        queue.messages = typeThreeQueued ? 5 : 4;
        queue.messagesByType = {{1, 3}, {2, 1}};
        if (typeThreeQueued) {
            queue.messagesByType.push_back({3, 1});
        }
        if (peekFails) {
            queue.messagesByType.clear();
            queue.peekProblem = "MSG_COPY is not in this kernel (ENOSYS)";
        }
        queue.lastSender = 28;
        o.channels = {queue};
        analyseWaits(o);
        QVERIFY2(o.deadlocks.empty(), qPrintable(deadlocksOf(o)));
        QCOMPARE(notesOf(o), expected);
    }

    // A queue reader when the queue's only other user receives too: nobody we see sends.
    void queueWithoutSenderGetsANote() {
        Observation o;
        o.processes = {
            process(60, "worker",
                    {waitingIn(60, "mq_timedreceive", namedRef(IpcKind::PosixMq, "/jobs"))}),
            process(61, "worker2", {running(61)})};
        ObservedChannel mq = channelOn(
            namedRef(IpcKind::PosixMq, "/jobs"),
            {end(60, EndpointDirection::Receive, 4), end(61, EndpointDirection::Receive, 4)});
        mq.messages = 0;
        o.channels = {mq};
        analyseWaits(o);
        QCOMPARE(notesOf(o),
                 QStringLiteral("pid 60 (worker) waits in mq_timedreceive on posix-mq /jobs: no "
                                "process is known to send to posix-mq /jobs: only a process that "
                                "ipcscope does not see can release it"));
        // A sender holding it open for writing that runs: nothing to say.
        o.channels[0].ends.push_back(end(61, EndpointDirection::Send, 5));
        analyseWaits(o);
        QVERIFY2(o.notes.empty(), qPrintable(notesOf(o)));
    }

    // Two processes each in recv on their end of a socketpair: the releaser is the peer.
    void socketPairDeadlock() {
        Observation o;
        o.processes = {
            process(70, "client", {waitingIn(70, "recvmsg", socketRef(IpcKind::UnixStream, 9912))}),
            process(71, "server",
                    {waitingIn(71, "recvfrom", socketRef(IpcKind::UnixStream, 9913))})};
        o.channels = {connectedSocket(IpcKind::UnixStream, 9912, 9913, 70),
                      connectedSocket(IpcKind::UnixStream, 9913, 9912, 71)};
        analyseWaits(o);
        QCOMPARE(o.deadlocks.size(), std::size_t(1));
        QVERIFY(o.deadlocks.front().certain);
        QCOMPARE(o.deadlocks.front().text,
                 std::string("pid 70 (client) waits in recvmsg on unix-stream:[9912]; its only "
                             "peer, pid 71 (server), waits in recvfrom on unix-stream:[9913], "
                             "whose only peer is pid 70: deadlock"));
    }

    // A connected datagram socket whose peer nobody we see holds.
    void socketWithoutVisiblePeerGetsANote() {
        Observation o;
        o.processes = {
            process(80, "logger", {waitingIn(80, "recv", socketRef(IpcKind::UnixDgram, 500))})};
        o.channels = {connectedSocket(IpcKind::UnixDgram, 500, 501, 80)};
        analyseWaits(o);
        QCOMPARE(notesOf(o),
                 QStringLiteral("pid 80 (logger) waits in recv on unix-dgram:[500]: no process "
                                "ipcscope sees holds its peer, unix-dgram:[501]: only a process "
                                "it does not see can release it"));
    }

    // accept and a FIFO's open wait for anyone at all: never a deadlock member, no note.
    void anyoneMayReleaseAcceptAndFifoOpen() {
        Observation o;
        auto server =
            process(90, "server", {waitingIn(90, "accept4", socketRef(IpcKind::UnixStream, 600))});
        auto opener =
            process(91, "opener", {waitingIn(91, "openat", namedRef(IpcKind::Fifo, "/tmp/f"))});
        opener.threads[0].object->inode = 777;
        o.processes = {server, opener};
        ObservedChannel listener =
            channelOn(socketRef(IpcKind::UnixStream, 600),
                      {end(90, EndpointDirection::Both, 3), end(91, EndpointDirection::Both, 9)});
        listener.socketState = "listening";
        ObservedChannel fifo =
            channelOn(*opener.threads[0].object, {end(90, EndpointDirection::Send, 7)});
        o.channels = {listener, fifo};
        analyseWaits(o);
        QVERIFY2(o.deadlocks.empty(), qPrintable(deadlocksOf(o)));
        QVERIFY2(o.notes.empty(), qPrintable(notesOf(o)));
    }

    // A reader whose only writer is stuck in a deadlock will not move either: said in a note.
    void waiterOnADeadlockGetsANote() {
        Observation o = twoPipeDeadlock();
        o.processes.push_back(pipeReader(4800, "tail", 99));
        o.channels.push_back(pipeChannel(99, {4800}, {4711}));
        analyseWaits(o);
        QCOMPARE(o.deadlocks.size(), std::size_t(1));
        QCOMPARE(notesOf(o),
                 QStringLiteral("pid 4800 (tail) waits in read on pipe:[99]; its only writer, "
                                "pid 4711 (reader), is in a deadlock: this wait will not end "
                                "either"));
    }

    // A pipe reader whose writer is held by nobody we observe (not selected).
    void pipeWithoutVisibleWriterGetsANote() {
        Observation o;
        o.processes = {pipeReader(40, "reader", 400)};
        o.channels = {pipeChannel(400, {40}, {})};
        analyseWaits(o);
        QCOMPARE(notesOf(o),
                 QStringLiteral("pid 40 (reader) waits in read on pipe:[400]: no process "
                                "ipcscope sees holds the write end: only a process it does not "
                                "see can release it"));
    }

    // A writer on a full pipe waits for its reader, which waits on the writer's other pipe.
    void fullPipeWriterInCycle() {
        Observation o;
        o.processes = {process(1, "producer", {waitingIn(1, "write", pipeRef(31))}),
                       pipeReader(2, "consumer", 32)};
        o.channels = {pipeChannel(31, {2}, {1}), pipeChannel(32, {2}, {1})};
        o.channels[0].bytes = 65536;
        analyseWaits(o);
        QCOMPARE(o.deadlocks.size(), std::size_t(1));
        QCOMPARE(o.deadlocks.front().text,
                 std::string("pid 1 (producer) waits in write on pipe:[31]; its only reader, pid "
                             "2 (consumer), waits in read on pipe:[32], whose only writer is pid "
                             "1: deadlock"));
    }

    // A poll on a pipe's write end waits for room: the end its process holds says so, and the
    // pipe's reader releases it. That reader waits for the poller: a certain deadlock.
    void pollForRoomIsReleasedByTheReader() {
        Observation o;
        auto producer = process(1, "producer", {waitingIn(1, "poll", pipeRef(31))});
        producer.fds = {FdUse{5, pipeRef(31), EndpointDirection::Send},
                        FdUse{6, pipeRef(32), EndpointDirection::Send}};
        o.processes = {producer, pipeReader(2, "consumer", 32)};
        o.channels = {pipeChannel(31, {2}, {1}), pipeChannel(32, {2}, {1})};
        o.channels[0].bytes = 65536;
        const auto d = soleDeadlock(o);
        QVERIFY2(d, qPrintable(deadlocksOf(o)));
        QVERIFY(d->certain);
        QCOMPARE(d->text,
                 std::string("pid 1 (producer) waits in poll on pipe:[31]; its only reader, pid "
                             "2 (consumer), waits in read on pipe:[32], whose only writer is pid "
                             "1: deadlock"));
    }

    // Many processes in one long chain of waits ending in a cycle: one deadlock, the others
    // are noted as waiting on it only where their only releaser is in it. Also checks the
    // iterative search copes with a deep graph.
    void longChainIntoACycle() {
        Observation o;
        constexpr int n = 5000;
        // i reads pipe i, written by i+1; the last reads pipe n written by 1 (a cycle of all).
        for (int i = 1; i <= n; ++i) {
            o.processes.push_back(pipeReader(i, "p" + std::to_string(i), std::uint64_t(i)));
            o.channels.push_back(pipeChannel(std::uint64_t(i), {i}, {i == n ? 1 : i + 1}));
        }
        std::shuffle(o.processes.begin(), o.processes.end(), std::mt19937(42));
        analyseWaits(o);
        QCOMPARE(o.deadlocks.size(), std::size_t(1));
        QCOMPARE(o.deadlocks.front().pids.size(), std::size_t(n));
        QCOMPARE(o.deadlocks.front().pids[1], pid_t(2));
        QVERIFY(o.deadlocks.front().certain);
    }
};

QTEST_GUILESS_MAIN(TestWaitGraph)
#include "tst_waitgraph.moc"
