// The Observe page against real processes ipcscope did not start: a child blocked in read(2) on
// a pipe whose write end this test holds, found in the process picker by its command line,
// observed through the LabController, shown as a wait (call "read" on that pipe) in the waits
// table and as a blocked node in the topology; recorded and replayed; exported.

#include "../common/pingpong.h"
#include "../common/testsupport.h"

#include "lab/labpage.h"
#include "mainwindow.h"
#include "mechanisms/kernellimits.h"
#include "objects/inventorymodel.h"
#include "objects/objectspage.h"
#include "observe/flowtablemodel.h"
#include "observe/observepage.h"
#include "observe/probelaunch.h"
#include "observe/processlistmodel.h"
#include "observe/waittablemodel.h"
#include "runviews/chartviews.h"
#include "runviews/exporter.h"
#include "runviews/topologyview.h"

#include "base/format.h"
#include "observe/observer.h"
#include "recording/recording.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolTip>
#include <QtTest>

#include <csignal>
#include <fcntl.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace ipcscope;
using testsupport::waitUntil;

namespace {

// Why the eBPF tier cannot run here, or nullptr when it can.
const char* whyNoProbe(const QString& probe) {
    if (::access(probe.toLocal8Bit().constData(), X_OK) != 0) {
        return "ipcscope-probe is not built here (it needs clang, bpftool, libbpf-dev and "
               "/sys/kernel/btf/vmlinux: see scripts/deps.sh)";
    }
    if (::geteuid() != 0) {
        return "loading the eBPF program needs root (or CAP_BPF and CAP_PERFMON)";
    }
    return nullptr;
}

// Two processes on one pipe, as an observation's frame has them: 1200 messages of 4 KiB sent
// and received, 300 a second now; `estimated` as the /proc tier marks them, else exact as
// ipcscope-probe counts them. A third end nothing counted (estimated, all zero).
Frame flowFrame(bool estimated, const std::string& note, std::uint64_t elapsedNs) {
    Frame f;
    f.elapsedNs = elapsedNs;
    for (pid_t pid : {pid_t(40001), pid_t(40002), pid_t(40003)}) {
        ProcessFrame p;
        p.pid = pid;
        p.command = "flow-" + std::to_string(pid);
        p.state = WorkerState::Running;
        f.processes.push_back(p);
    }
    ChannelFrame pipe;
    pipe.kind = IpcKind::Pipe;
    pipe.identity = "pipe:[777]";
    pipe.unit = "bytes";
    f.channels.push_back(pipe);
    ChannelFrame other = pipe;
    other.identity = "pipe:[778]";
    f.channels.push_back(other);
    f.endpoints.push_back(EndpointFrame{0, 0, EndpointDirection::Send, 1200, 1200 * 4096, 300,
                                        300.0 * 4096, estimated});
    f.endpoints.push_back(EndpointFrame{1, 0, EndpointDirection::Receive, 1200, 1200 * 4096, 300,
                                        300.0 * 4096, estimated});
    f.endpoints.push_back(EndpointFrame{2, 1, EndpointDirection::Send, 0, 0, 0, 0, true});
    f.flowNote = note;
    return f;
}

// A recording of three such frames, as a replay shows them.
Recording flowRecording(bool estimated, const std::string& note) {
    Recording rec;
    rec.observation = RecordedObservation{{"pid 40001", "pid 40002", "pid 40003"}, false, 100};
    rec.created = "2026-12-05T05:00:00Z";
    for (std::uint64_t i = 1; i <= 3; ++i) {
        rec.frames.push_back(flowFrame(estimated, note, i * 100'000'000));
    }
    return rec;
}

QString cell(const FlowTableModel& model, pid_t pid, int column) {
    for (int r = 0; r < model.rowCount(); ++r) {
        if (model.flowAt(r)->pid == pid) {
            return model.index(r, column).data().toString();
        }
    }
    return QStringLiteral("(no row for pid %1)").arg(pid);
}

// An executable file at `path` (a copy of /bin/true), its folders made.
bool placeExecutable(const QString& path) {
    QDir().mkpath(QFileInfo(path).path());
    return QFile::copy(QStringLiteral("/bin/true"), path) &&
           QFile::setPermissions(path, QFile::permissions(path) | QFileDevice::ExeOwner);
}

// The rows of the waits table of one pid.
std::vector<const WaitRow*> waitsOf(const WaitTableModel& model, pid_t pid) {
    std::vector<const WaitRow*> rows;
    for (int r = 0; r < model.rowCount(); ++r) {
        if (model.waitAt(r)->pid == pid) {
            rows.push_back(model.waitAt(r));
        }
    }
    return rows;
}

// The entry of `pid` in a frame, if any.
std::optional<std::size_t> entryOf(const Frame& f, pid_t pid) {
    for (std::size_t i = 0; i < f.processes.size(); ++i) {
        if (f.processes[i].pid == pid) {
            return i;
        }
    }
    return std::nullopt;
}

// stuckprocess deadlock2 (tests/observe): two processes, each reading the pipe the other
// writes. Its pids once both wait; closing its stdin ends it and its children.
struct Deadlock2 {
    QProcess process;
    std::vector<pid_t> pids;
    Deadlock2() {
        process.start(QCoreApplication::applicationDirPath() + QStringLiteral("/stuckprocess"),
                      {QStringLiteral("deadlock2")});
        if (!process.waitForStarted(10000) ||
            !waitUntil([&] { return process.canReadLine(); }, 20000)) {
            return;
        }
        static const QRegularExpression pidsField(QStringLiteral(R"(pids=([\d,]+))"));
        const auto m = pidsField.match(QString::fromUtf8(process.readLine()));
        for (const QString& p : m.captured(1).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            pids.push_back(pid_t(p.toInt()));
        }
    }
    ~Deadlock2() {
        process.closeWriteChannel();
        if (!process.waitForFinished(10000)) {
            process.kill();
            process.waitForFinished(5000);
        }
    }
};

// A private System V queue and a child blocked in msgrcv on it for type 3 (nothing of that
// type comes); both gone with it.
struct MsgrcvWaiter {
    int msqid = ::msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    pid_t child = -1;
    MsgrcvWaiter() {
        if (msqid < 0) {
            return;
        }
        const pid_t parent = ::getpid();
        child = ::fork();
        if (child == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent) {
                ::_exit(126);
            }
            struct {
                long type;
                char text[16];
            } message{};
            ::msgrcv(msqid, &message, sizeof message.text, 3, 0); // waits: nothing of type 3
            ::_exit(0);
        }
    }
    ~MsgrcvWaiter() {
        if (child > 0) {
            ::kill(child, SIGKILL);
            ::waitpid(child, nullptr, 0);
        }
        if (msqid >= 0) {
            ::msgctl(msqid, IPC_RMID, nullptr);
        }
    }
    MsgrcvWaiter(const MsgrcvWaiter&) = delete;
    MsgrcvWaiter& operator=(const MsgrcvWaiter&) = delete;
};

// Answers the file dialog an action opens (modally) with `path`; any other modal window is
// closed, so a test fails instead of hanging.
class FileDialogAnswer {
public:
    explicit FileDialogAnswer(const QString& path) {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, [this, path] {
            QWidget* modal = QApplication::activeModalWidget();
            if (auto* dialog = qobject_cast<QFileDialog*>(modal)) {
                dialog->selectFile(path);
                static_cast<QDialog*>(dialog)->accept(); // QFileDialog's, as OK does
                answered = true;
            } else if (modal) {
                modal->close();
            }
        });
        m_timer.start();
    }
    bool answered = false;

private:
    QTimer m_timer;
};

// Records an observation of stuckprocess deadlock2 to `path` until it shows the deadlock in a
// few frames; the recorded frames' channels.
std::vector<std::string> recordDeadlock(const Deadlock2& stuck, const QString& path) {
    ObservePage page;
    ObserveOptions options;
    options.selection.pids = stuck.pids;
    options.interval = std::chrono::milliseconds(50);
    if (!page.controller().recordTo(path) || !page.observe(options) ||
        !waitUntil([&] { return !page.controller().lastFrame().deadlocks.empty(); }) ||
        !waitUntil([&] { return page.controller().frames().size() >= 3; })) {
        return {};
    }
    page.stopObserving();
    std::vector<std::string> channels;
    for (const ChannelFrame& c : page.controller().lastFrame().channels) {
        channels.push_back(c.identity);
    }
    return channels;
}

std::vector<std::string> channelsOf(const Frame& f) {
    std::vector<std::string> channels;
    for (const ChannelFrame& c : f.channels) {
        channels.push_back(c.identity);
    }
    return channels;
}

std::vector<pid_t> selectedPids(ObservePage& page) {
    std::vector<pid_t> pids;
    for (const QModelIndex& i : page.processView().selectionModel()->selectedRows()) {
        pids.push_back(pid_t(i.data(ProcessListModel::PidRole).toInt()));
    }
    std::sort(pids.begin(), pids.end());
    return pids;
}

} // namespace

class TestObserveUi : public QObject {
    Q_OBJECT

    pid_t m_child = -1;
    int m_writeEnd = -1;
    std::uint64_t m_pipeInode = 0;
    QString m_command; // the child's unique argv[0]

private Q_SLOTS:
    void initTestCase() {
        testsupport::useTestSettings();
        int fds[2];
        QVERIFY(::pipe2(fds, O_CLOEXEC) == 0);
        struct stat st {};
        QVERIFY(::fstat(fds[1], &st) == 0);
        m_pipeInode = std::uint64_t(st.st_ino);
        // A name no other process has: the picker must find it by command.
        m_command = QStringLiteral("cat-observeui-%1").arg(::getpid());
        const QByteArray argv0 = m_command.toLocal8Bit();
        const pid_t parent = ::getpid();
        const pid_t pid = ::fork();
        QVERIFY(pid >= 0);
        if (pid == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent) {
                ::_exit(126);
            }
            ::dup2(fds[0], 0); // cat reads the pipe: blocks in read until we write or close
            char* const args[] = {const_cast<char*>(argv0.constData()), nullptr};
            char* const env[] = {nullptr};
            ::execve("/bin/cat", args, env);
            ::_exit(127);
        }
        m_child = pid;
        ::close(fds[0]);
        m_writeEnd = fds[1];
        // The child is in read(2) once /proc says so.
        QVERIFY(waitUntil([&] {
            QFile f(QStringLiteral("/proc/%1/syscall").arg(m_child));
            return f.open(QIODevice::ReadOnly) &&
                   f.readAll().startsWith(QByteArray::number(SYS_read) + ' ');
        }));
    }

    void cleanupTestCase() {
        if (m_writeEnd >= 0) {
            ::close(m_writeEnd);
        }
        if (m_child > 0) {
            ::kill(m_child, SIGKILL);
            ::waitpid(m_child, nullptr, 0);
        }
    }

    // The waits table and the diagram on real observations of two processes ping-ponging over
    // pipes, with the real probe: a waiting thread's row says who woke it the last time ("PID
    // comm"), and its tooltip the wait's length and pipe; the diagram draws a measured arrow
    // each way between the two, its tooltip naming the pipe. The model is checked by
    // QAbstractItemModelTester on every frame.
    void waitsTableSaysWhoWokeEachWait() {
        const QString probe = QCoreApplication::applicationDirPath() + "/ipcscope-probe";
        if (const char* why = whyNoProbe(probe)) {
            QSKIP(why);
        }
        testsupport::PingPong pair;
        QVERIFY(pair.ok());
        ObserveOptions options;
        options.selection.pids = {pair.first(), pair.second()};
        options.exactFlow = ExactFlowMode::Required;
        options.probePath = probe.toStdString();
        options.interval = std::chrono::milliseconds(50);
        Observer observer(options);
        WaitTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::set<pid_t> named; // waiters whose row named the other as its waker
        TopologyView view;
        view.resize(900, 520);
        std::set<std::pair<pid_t, pid_t>> drawn; // (waker, woken) arrows in the diagram
        QString failure;
        QVERIFY(testsupport::waitUntil(
            [&] {
                auto obs = observer.trySample();
                if (!obs.ok()) {
                    failure = QString::fromStdString(obs.error().message);
                    return true;
                }
                const Frame frame = observationFrame(*obs);
                model.setFrame(frame);
                view.setSnapshot(frame);
                for (const auto& e : view.wakeEdges(view.layout())) {
                    drawn.insert({frame.processes[e.waker].pid, frame.processes[e.wakee].pid});
                    const QString tip = TopologyView::wakeEdgeToolTip(frame, e);
                    if (!tip.contains(QStringLiteral("pipe:[")) ||
                        !tip.contains(QStringLiteral("woke pid %1").arg(e.wake.wakeePid))) {
                        failure = tip;
                        return true;
                    }
                }
                for (int row = 0; row < model.rowCount(); ++row) {
                    const WaitRow* w = model.waitAt(row);
                    if (!w->lastWake) {
                        continue;
                    }
                    const pid_t other = w->pid == pair.first() ? pair.second() : pair.first();
                    const QString text =
                        model.data(model.index(row, WaitTableModel::WokenByColumn)).toString();
                    const QString tip =
                        model.data(model.index(row, WaitTableModel::WokenByColumn), Qt::ToolTipRole)
                            .toString();
                    if (w->lastWake->wakerPid == other &&
                        text.startsWith(QString::number(other) + QLatin1Char(' ')) &&
                        tip.contains(QStringLiteral("pipe:[")) &&
                        tip.contains(QStringLiteral("woken by pid %1").arg(other))) {
                        named.insert(w->pid);
                    }
                }
                return named.size() == 2 && drawn.size() == 2;
            },
            20000));
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(named.size(), std::size_t(2));
        QCOMPARE(drawn, (std::set<std::pair<pid_t, pid_t>>{{pair.first(), pair.second()},
                                                           {pair.second(), pair.first()}}));
        QCOMPARE(model.headerData(WaitTableModel::WokenByColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Woken by"));
    }

    // The diagram draws measured wake-ups (recorded events, no privilege needed): an arrow from
    // the waker to the woken process for each thread's last wake-up by another drawn process,
    // in the measured colour, with the call, object and wait in its tooltip; none for a waker
    // that is not drawn or for a process's own thread; and none at all without wake-ups.
    void diagramDrawsRecordedWakeUps() {
        Frame f;
        f.elapsedNs = 5'000'000'000;
        const auto process = [](pid_t pid, const char* command) {
            ProcessFrame p;
            p.pid = pid;
            p.command = command;
            p.state = WorkerState::Running;
            return p;
        };
        f.processes = {process(4101, "writer"), process(4102, "reader"),
                       process(4103, "bystander")};
        ChannelFrame pipe;
        pipe.kind = IpcKind::Pipe;
        pipe.identity = "pipe:[88123]";
        f.channels = {pipe};
        f.endpoints = {{0, 0, EndpointDirection::Send},
                       {1, 0, EndpointDirection::Receive},
                       {2, 0, EndpointDirection::Receive}};
        const auto wake = [](pid_t wakee, pid_t waker, const char* comm, std::uint64_t ended) {
            WakeFrame w;
            w.endedNs = ended;
            w.waitedNs = 1'200'000;
            w.wakeePid = wakee;
            w.wakeeTid = wakee;
            w.wakerPid = waker;
            w.wakerTid = waker;
            w.wakerCommand = comm;
            w.call = "read";
            w.objectName = "pipe:[88123]";
            return w;
        };
        TopologyView view;
        view.resize(900, 520);
        view.setSnapshot(f);
        const auto measuredPixels = [&] {
            const QImage image = view.grab().toImage();
            int n = 0;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x) {
                    n += image.pixelColor(x, y) == QColor(0x1f, 0x8a, 0x4c) ? 1 : 0;
                }
            }
            return n;
        };
        QVERIFY(view.wakeEdges(view.layout()).empty());
        QCOMPARE(measuredPixels(), 0);

        f.processes[1].lastWake = wake(4102, 4101, "writer", 4'600'000'000);
        f.processes[0].lastWake = wake(4101, 4102, "reader", 4'700'000'000);
        f.processes[2].lastWake = wake(4103, 999999, "elsewhere", 4'700'000'000); // not drawn
        view.setSnapshot(f);
        const TopologyView::Layout l = view.layout();
        const auto edges = view.wakeEdges(l);
        QCOMPARE(edges.size(), std::size_t(2));
        std::set<std::pair<pid_t, pid_t>> pairs;
        for (const auto& e : edges) {
            pairs.insert({f.processes[e.waker].pid, f.processes[e.wakee].pid});
            QVERIFY(l.processes[e.waker] && l.processes[e.wakee]);
        }
        QCOMPARE(pairs, (std::set<std::pair<pid_t, pid_t>>{{4101, 4102}, {4102, 4101}}));
        QVERIFY(measuredPixels() > 50);

        const auto toReader = std::find_if(edges.begin(), edges.end(), [&](const auto& e) {
            return f.processes[e.wakee].pid == 4102;
        });
        const auto at = view.wakeEdgeAt(toReader->from);
        QVERIFY(at.has_value());
        QCOMPARE(f.processes[at->wakee].pid, pid_t(4102));
        const QString tip = TopologyView::wakeEdgeToolTip(f, *at);
        QVERIFY2(tip.contains(QStringLiteral("Measured wake-up (eBPF)")) &&
                     tip.contains(QStringLiteral("pid 4101 (writer)")) &&
                     tip.contains(QStringLiteral("woke pid 4102 (reader)")) &&
                     tip.contains(QStringLiteral("from read on pipe:[88123]")) &&
                     tip.contains(QString::fromStdString(formatDurationNs(1'200'000))) &&
                     tip.contains(QString::fromStdString(formatDurationNs(400'000'000))),
                 qPrintable(tip));
        // The widget's tooltip event shows it there, and the general text elsewhere.
        QHelpEvent help(QEvent::ToolTip, toReader->from.toPoint(),
                        view.mapToGlobal(toReader->from.toPoint()));
        QApplication::sendEvent(&view, &help);
        QCOMPARE(QToolTip::text(), tip);
        QVERIFY(!view.wakeEdgeAt(QPointF(2, 2)));

        // A wake-up between two threads of one process draws nothing.
        f.processes[1].lastWake = wake(4102, 4102, "reader", 4'800'000'000);
        f.processes[0].lastWake.reset();
        view.setSnapshot(f);
        QVERIFY(view.wakeEdges(view.layout()).empty());
        QCOMPARE(measuredPixels(), 0);
    }

    // The picker lists every process; the search finds the child by its command line, by its
    // pid, and with "uses IPC only" (it holds a pipe); a second listing merges into the rows.
    void pickerFindsTheChildByCommand() {
        ProcessListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        ProcessFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester filterTester(
            &filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.merge(listProcesses());
        QVERIFY(model.rowCount() > 1);
        const int row = model.rowOf(m_child);
        QVERIFY(row >= 0);
        QVERIFY(model.rowOf(::getpid()) >= 0);
        QCOMPARE(model.data(model.index(row, ProcessListModel::ParentColumn)).toInt(),
                 int(::getpid()));
        model.merge(listProcesses()); // again: merged (other processes may come and go)
        QVERIFY(model.rowOf(m_child) >= 0);
        QCOMPARE(model.process(model.rowOf(m_child))->pid, m_child);

        filter.setSearchText(m_command);
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.data(filter.index(0, ProcessListModel::PidColumn)).toInt(), int(m_child));
        filter.setIpcOnly(true);
        QCOMPARE(filter.rowCount(), 1);
        filter.setSearchText(QStringLiteral("%1 %2").arg(m_child).arg(m_command.toUpper()));
        QCOMPARE(filter.rowCount(), 1); // every word, any case
        filter.setSearchText(m_command + QStringLiteral("-not-there"));
        QCOMPARE(filter.rowCount(), 0);
        filter.setSearchText({});
        filter.setIpcOnly(false);
        QCOMPARE(filter.rowCount(), model.rowCount());
    }

    // Picked in the page and observed: the waits table says the child waits in read on the
    // pipe this test holds, for a time that grows; the topology draws it blocked.
    void observingShowsTheBlockedChild() {
        ObservePage page;
        QAbstractItemModelTester tester(&page.waitModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.resize(1400, 900);
        page.show();
        page.setSearchText(m_command);
        page.refreshProcesses();
        QVERIFY(waitUntil([&] { return page.processModel().rowOf(m_child) >= 0; }));
        QCOMPARE(page.selectPids({m_child}), 1);
        const ObserveOptions options = page.options();
        QCOMPARE(options.selection.pids, std::vector<pid_t>{m_child});
        QVERIFY(page.observeSelected());
        QVERIFY(page.controller().isObserving());
        const QString pipe = QStringLiteral("pipe:[%1]").arg(m_pipeInode);
        QVERIFY2(waitUntil([&] {
                     const auto rows = waitsOf(page.waitModel(), m_child);
                     return rows.size() == 1 && rows[0]->call == QLatin1String("read") &&
                            rows[0]->object.contains(pipe);
                 }),
                 qPrintable(page.statusText()));
        const std::uint64_t first = waitsOf(page.waitModel(), m_child)[0]->waitingNs;
        QVERIFY(waitUntil([&] {
            const auto rows = waitsOf(page.waitModel(), m_child);
            return rows.size() == 1 && rows[0]->waitingNs > first;
        }));
        QVERIFY(waitsOf(page.waitModel(), m_child)[0]->atLeast);

        const Frame& f = page.controller().lastFrame();
        const auto entry = entryOf(f, m_child);
        QVERIFY(entry);
        QCOMPARE(f.processes[*entry].state, WorkerState::Blocked);
        const TopologyView::Layout l = page.topology().layout();
        QVERIFY(l.processes[l.nodeOf[*entry]].has_value()); // drawn
        QVERIFY(!page.topology().grab().isNull());
        QVERIFY(page.timeline().laneCount() >= 1);

        page.stopObserving();
        QVERIFY(!page.controller().isObserving());
        QVERIFY(page.controller().hasObservation());
        QCOMPARE(waitsOf(page.waitModel(), m_child).size(), std::size_t(1)); // still shown
    }

    // Nothing selected: refused in words, nothing starts.
    void emptySelectionIsRefused() {
        ObservePage page;
        const Status s = page.observe(ObserveOptions{});
        QVERIFY(!s);
        QVERIFY(QString::fromStdString(s.error().message).contains(QLatin1String("Select")));
        QVERIFY(!page.controller().isObserving());
    }

    // An observation recorded on the page replays on it, the wait and all.
    void recordedObservationReplays() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("observe.ipcrec"));
        {
            ObservePage page;
            ObserveOptions options;
            options.selection.pids = {m_child};
            options.interval = std::chrono::milliseconds(50);
            QVERIFY(page.controller().recordTo(path));
            QVERIFY(page.observe(options));
            QVERIFY(page.controller().isRecording());
            QVERIFY(waitUntil([&] { return waitsOf(page.waitModel(), m_child).size() == 1; }));
            QVERIFY(waitUntil([&] { return page.controller().frames().size() >= 3; }));
            page.stopObserving();
        }
        auto recording = readRecording(path.toStdString());
        QVERIFY2(recording, recording ? "" : recording.error().message.c_str());
        QVERIFY(recording->observation);
        QCOMPARE(recording->observation->selection,
                 std::vector<std::string>{"pid " + std::to_string(m_child)});

        ObservePage replay;
        QVERIFY(replay.openRecording(path));
        QVERIFY(replay.controller().isReplaying());
        QVERIFY(replay.controller().hasObservation());
        QVERIFY(waitUntil([&] { return waitsOf(replay.waitModel(), m_child).size() == 1; }));
        QCOMPARE(waitsOf(replay.waitModel(), m_child)[0]->call, QStringLiteral("read"));

        // A Lab run's recording is not an observation: refused in words.
        LabController lab;
        lab.setLabOptions(testsupport::labOptions());
        const QString runPath = dir.filePath(QStringLiteral("run.ipcrec"));
        RunConfig config;
        config.mechanism = Mechanism::Pipe;
        config.durationS = 0.3;
        QVERIFY(lab.recordTo(runPath));
        QVERIFY(lab.start(config));
        QVERIFY(waitUntil([&] { return lab.report().has_value(); }, 30000));
        const Status refused = replay.openRecording(runPath);
        QVERIFY(!refused);
        QVERIFY(QString::fromStdString(refused.error().message).contains(QLatin1String("Lab")));
    }

    // A real deadlock through two pipes: named on the banner and in the waits table, drawn as
    // a loop with its members on both sides; exported as a trace that parses and holds both
    // waits, and as a wait-for graph.
    void deadlockIsShownAndExported() {
        Deadlock2 stuck;
        QCOMPARE(stuck.pids.size(), std::size_t(2));
        ObservePage page;
        page.resize(1400, 900);
        ObserveOptions options;
        options.selection.pids = stuck.pids;
        options.interval = std::chrono::milliseconds(50);
        QVERIFY(page.observe(options));
        QVERIFY2(waitUntil([&] { return !page.controller().lastFrame().deadlocks.empty(); }),
                 qPrintable(page.statusText()));
        QVERIFY(page.bannerText().contains(QLatin1String("deadlock"), Qt::CaseInsensitive));
        const Frame f = page.controller().lastFrame();
        const DeadlockFrame& dl = f.deadlocks.front();
        QVERIFY(dl.certain);
        QCOMPARE(dl.processes.size(), std::size_t(2));
        for (pid_t pid : stuck.pids) {
            const auto rows = waitsOf(page.waitModel(), pid);
            QCOMPARE(rows.size(), std::size_t(1));
            QCOMPARE(rows[0]->call, QStringLiteral("read"));
            QVERIFY(!rows[0]->deadlock.isEmpty());
        }
        const TopologyView::Layout l = page.topology().layout();
        QVERIFY(l.banner.isEmpty()); // said once, on the page's banner
        const std::size_t a = l.nodeOf[dl.processes[0]], b = l.nodeOf[dl.processes[1]];
        QVERIFY(l.processes[a] && l.processes[b]);
        QVERIFY(l.onTheLeft[a] != l.onTheLeft[b]); // a loop across the channels
        for (std::size_t c : dl.channels) {
            QVERIFY(!l.channels[c].isEmpty());
        }

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString trace = dir.filePath(QStringLiteral("observe.trace.json"));
        QVERIFY(exporter::writeTrace(page.controller(), trace));
        QFile file(trace);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
        QVERIFY2(!doc.isNull(), qPrintable(error.errorString()));
        int waitSlices = 0;
        for (const QJsonValue& e : doc.object().value(QStringLiteral("traceEvents")).toArray()) {
            const QJsonObject o = e.toObject();
            const pid_t pid = pid_t(o.value(QStringLiteral("pid")).toInt());
            if (o.value(QStringLiteral("ph")).toString() == QLatin1String("X") &&
                std::count(stuck.pids.begin(), stuck.pids.end(), pid) == 1 &&
                o.value(QStringLiteral("name")).toString().startsWith(QLatin1String("read"))) {
                ++waitSlices;
            }
        }
        QCOMPARE(waitSlices, 2); // each process's one wait

        const QString dot = dir.filePath(QStringLiteral("observe.dot"));
        QVERIFY(exporter::writeWaitGraph(page.controller().lastFrame(), dot));
        QFile graph(dot);
        QVERIFY(graph.open(QIODevice::ReadOnly));
        const QByteArray text = graph.readAll();
        QVERIFY(text.startsWith("digraph"));
        for (pid_t pid : stuck.pids) {
            QVERIFY(text.contains(QByteArray::number(pid)));
        }
        if (const QString dotTool = QStandardPaths::findExecutable(QStringLiteral("dot"));
            !dotTool.isEmpty()) {
            QProcess render;
            render.start(dotTool, {QStringLiteral("-Tsvg"), dot, QStringLiteral("-o"),
                                   dir.filePath(QStringLiteral("observe.svg"))});
            QVERIFY(render.waitForFinished(20000));
            QCOMPARE(render.exitCode(), 0); // Graphviz reads it
        }
        page.stopObserving();
    }

    // Nothing to export: said in words, no file made.
    void exportWithoutFramesIsRefused() {
        LabController empty;
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("none.json"));
        const Status s = exporter::writeTrace(empty, path);
        QVERIFY(!s);
        QVERIFY(!QFile::exists(path));
    }

    // System objects' "Used by" names a queue's waiter: a child in msgrcv for type 3 holds
    // nothing /proc lists per object, yet it uses the queue.
    void objectsPageShowsAQueuesWaiter() {
        const MsgrcvWaiter waiter;
        QVERIFY(waiter.msqid >= 0 && waiter.child > 0);
        const int msqid = waiter.msqid;
        const pid_t child = waiter.child;
        ObjectsPage page;
        page.setInteractive(false);
        const auto usersOfQueue = [&] {
            InventoryModel& model = page.model();
            for (int r = 0; r < model.rowCount(); ++r) {
                const IpcObject* o = model.object(r);
                if (o && o->kind == IpcKind::SysvMsg && o->id == msqid) {
                    return model.data(model.index(r, InventoryModel::UsersColumn)).toString();
                }
            }
            return QString();
        };
        const QString expected = QStringLiteral("%1 waits in msgrcv").arg(child);
        QVERIFY2(waitUntil(
                     [&] {
                         page.refreshNow();
                         return usersOfQueue().contains(expected);
                     },
                     20000),
                 qPrintable(usersOfQueue()));
        QVERIFY(usersOfQueue().contains(QLatin1String("type 3")));
    }

    // System objects' "Observe who uses it" names the object the Observe page is given.
    void objectRefOfAnInventoryRow() {
        IpcObject pipe;
        pipe.kind = IpcKind::Pipe;
        pipe.name = "pipe:[88123]";
        const ObjectRef ref = ObjectsPage::objectRefOf(pipe);
        QCOMPARE(ref.kind, IpcKind::Pipe);
        QCOMPARE(ref.inode, std::optional<std::uint64_t>(88123));
        QCOMPARE(ref.text(), std::string("pipe:[88123]"));
        IpcObject queue;
        queue.kind = IpcKind::SysvMsg;
        queue.id = 5;
        QCOMPARE(ObjectsPage::objectRefOf(queue).text(), std::string("sysv-msg 5"));
    }

    // The main window has the page, --tab's name for it, and the object's users observed from
    // the System objects page.
    void mainWindowObservesAnObjectsUsers() {
        MainWindow window;
        QVERIFY(window.showPage(QStringLiteral("observe")));
        QCOMPARE(window.tabs().currentWidget(), &window.observePage());
        ObjectRef pipe;
        pipe.kind = IpcKind::Pipe;
        pipe.inode = m_pipeInode;
        Q_EMIT window.objectsPage().observeRequested(pipe);
        QCOMPARE(window.tabs().currentWidget(), &window.observePage());
        QVERIFY(window.observePage().controller().isObserving());
        QCOMPARE(window.observePage().controller().observeOptions()->selection.objects,
                 std::vector<ObjectRef>{pipe});
        // Its users: this test (the write end) and the child (the read end, waiting).
        QVERIFY(waitUntil(
            [&] { return waitsOf(window.observePage().waitModel(), m_child).size() == 1; }));
        window.observePage().stopObserving();
    }

    // The Lab's File › Open Recording given a recorded observation: the Observe page is shown
    // and replays it (its processes, their waits and its channels); the Lab is left as it was.
    // --replay takes the same way (MainWindow::openRecording).
    void labOpensARecordedObservationOnTheObservePage() {
        Deadlock2 stuck;
        QCOMPARE(stuck.pids.size(), std::size_t(2));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("deadlock.ipcrec"));
        const std::vector<std::string> channels = recordDeadlock(stuck, path);
        QCOMPARE(channels.size(), std::size_t(2)); // the two pipes between them

        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(window.showPage(QStringLiteral("lab")));
        {
            FileDialogAnswer answer(path);
            window.labPage().openRecordingAction()->trigger();
            QVERIFY(answer.answered);
        }
        ObservePage& observe = window.observePage();
        QCOMPARE(window.tabs().currentWidget(), &observe);
        QVERIFY(observe.controller().isReplaying());
        QVERIFY(observe.controller().hasObservation());
        QVERIFY(!window.labPage().controller().isReplaying());
        for (pid_t pid : stuck.pids) {
            QVERIFY2(waitUntil([&] {
                         const auto rows = waitsOf(observe.waitModel(), pid);
                         return rows.size() == 1 && rows[0]->call == QLatin1String("read");
                     }),
                     qPrintable(observe.statusText()));
        }
        QCOMPARE(channelsOf(observe.controller().lastFrame()), channels);
        const TopologyView::Layout l = observe.topology().layout();
        for (pid_t pid : stuck.pids) {
            const auto entry = entryOf(observe.controller().lastFrame(), pid);
            QVERIFY(entry);
            QVERIFY(l.processes[l.nodeOf[*entry]].has_value()); // drawn
        }
        for (const QRectF& channel : l.channels) {
            QVERIFY(!channel.isEmpty());
        }
        QVERIFY(observe.statusText().startsWith(QLatin1String("Replaying an observation")));

        // From the command line (--replay FILE): the same page.
        QVERIFY(window.showPage(QStringLiteral("lab")));
        auto recording = readRecording(path.toStdString());
        QVERIFY(recording);
        QVERIFY(window.openRecording(std::move(*recording), path));
        QCOMPARE(window.tabs().currentWidget(), &observe);
        QVERIFY(observe.controller().isReplaying());

        // A Lab page on its own (no Observe page to hand it to) refuses it in words.
        LabPage lab(KernelLimits::read());
        const Status refused = lab.openRecording(path);
        QVERIFY(!refused);
        QVERIFY(QString::fromStdString(refused.error().message)
                    .contains(QLatin1String("Observe page")));
        QVERIFY(!lab.controller().isReplaying());
    }

    // --observe PIDS at launch (before the picker's first listing): once listed, the picker
    // shows exactly those processes selected, and Start would observe them again.
    void observedPidsAreSelectedInThePicker() {
        MainWindow window;
        window.show();
        ObservePage& page = window.observePage();
        page.setIpcOnly(true);
        QVERIFY(window.showPage(QStringLiteral("observe"))); // lists the processes
        QCOMPARE(page.processModel().rowOf(m_child), -1);    // not yet: the listing is queued
        ObserveOptions options;
        options.selection.pids = {m_child, ::getpid()};
        std::sort(options.selection.pids.begin(), options.selection.pids.end());
        QVERIFY(page.observe(options));
        QVERIFY2(waitUntil([&] { return selectedPids(page) == options.selection.pids; }),
                 qPrintable(QStringLiteral("%1 selected").arg(selectedPids(page).size())));
        QCOMPARE(page.options().selection.pids, options.selection.pids);
        QVERIFY(page.options().selection.trees.empty());
        // A later listing keeps them selected.
        page.refreshProcesses();
        QSignalSpy listed(&page, &ObservePage::processesListed);
        QVERIFY(listed.wait(20000));
        QCOMPARE(selectedPids(page), options.selection.pids);
        page.stopObserving();

        // With descendants: the tree's root selected, "With descendants" checked.
        ObserveOptions tree;
        tree.selection.trees = {m_child};
        QVERIFY(page.observe(tree));
        QCOMPARE(selectedPids(page), std::vector<pid_t>{m_child}); // listed already
        QCOMPARE(page.options().selection.trees, std::vector<pid_t>{m_child});
        page.stopObserving();
    }

    // An observed process that holds no IPC object stays listed under "uses IPC only".
    void observedProcessesStayListedUnderIpcOnly() {
        ProcessListModel model;
        ProcessFilterModel filter;
        filter.setSourceModel(&model);
        ProcessSummary quiet;
        quiet.pid = 4242;
        quiet.command = "sleep 100";
        ProcessSummary talker = quiet;
        talker.pid = 4243;
        talker.usesIpc = true;
        model.merge({quiet, talker});
        filter.setIpcOnly(true);
        QCOMPARE(filter.rowCount(), 1);
        filter.setAlwaysListed({4242});
        QCOMPARE(filter.rowCount(), 2);
        filter.setSearchText(QStringLiteral("4242"));
        QCOMPARE(filter.rowCount(), 1); // the search still applies
        filter.setSearchText({});
        filter.setAlwaysListed({});
        QCOMPARE(filter.rowCount(), 1);
    }

    // At 1024×700 the picker's columns fit its width: the command line last, taking what the
    // others leave, wide enough for its header; long command lines cut in the middle, whole in
    // the tooltip.
    void pickerColumnsFollowTheWindow() {
        MainWindow window;
        window.resize(1024, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ObservePage& page = window.observePage();
        QSignalSpy listed(&page, &ObservePage::processesListed);
        QVERIFY(window.showPage(QStringLiteral("observe")));
        QVERIFY(listed.wait(20000));
        QTableView& view = page.processView();
        QHeaderView* header = view.horizontalHeader();
        QCOMPARE(header->logicalIndex(header->count() - 1), int(ProcessListModel::CommandColumn));
        QVERIFY(header->stretchLastSection());
        // Under "uses IPC only" every row would say "yes": the command line has that room.
        page.setIpcOnly(true);
        QVERIFY(view.isColumnHidden(ProcessListModel::IpcColumn));
        int total = 0;
        for (int c = 0; c < header->count(); ++c) {
            total += header->isSectionHidden(c) ? 0 : header->sectionSize(c);
        }
        QVERIFY2(total <= view.viewport()->width(),
                 qPrintable(QStringLiteral("%1 > %2").arg(total).arg(view.viewport()->width())));
        QVERIFY(!view.horizontalScrollBar()->isVisible());
        const int commandWidth = header->sectionSize(ProcessListModel::CommandColumn);
        const QString title = page.processModel()
                                  .headerData(ProcessListModel::CommandColumn, Qt::Horizontal)
                                  .toString();
        QVERIFY2(commandWidth >= header->fontMetrics().horizontalAdvance(title),
                 qPrintable(QStringLiteral("%1 px for \"%2\"").arg(commandWidth).arg(title)));
        for (int c : {ProcessListModel::PidColumn, ProcessListModel::ParentColumn}) {
            QCOMPARE(header->sectionResizeMode(c), QHeaderView::ResizeToContents);
        }
        QCOMPARE(view.textElideMode(), Qt::ElideMiddle);
        page.setIpcOnly(false);
        QVERIFY(!view.isColumnHidden(ProcessListModel::IpcColumn));

        // The waits table: every column in view, how long they wait included.
        auto* waits = page.findChild<QTableView*>(QStringLiteral("waits"));
        QVERIFY(waits);
        int waitsWidth = 0;
        for (int c = 0; c < waits->horizontalHeader()->count(); ++c) {
            waitsWidth += waits->horizontalHeader()->sectionSize(c);
        }
        QVERIFY2(
            waitsWidth <= waits->viewport()->width(),
            qPrintable(QStringLiteral("%1 > %2").arg(waitsWidth).arg(waits->viewport()->width())));
        const int row = page.processModel().rowOf(m_child);
        QVERIFY(row >= 0);
        const QString tip =
            page.processModel()
                .data(page.processModel().index(row, ProcessListModel::CommandColumn),
                      Qt::ToolTipRole)
                .toString();
        QVERIFY(tip.contains(m_command));
    }

    // The "Exact flow (eBPF)" box asks for the eBPF tier where it can start (Auto): as root the
    // probe is started directly; remembered across sessions.
    void exactFlowToggleMapsToOptions() {
        {
            ObservePage page;
            page.exactFlowBox().setChecked(false);
            QCOMPARE(page.options().exactFlow, ExactFlowMode::Off);
            page.exactFlowBox().setChecked(true);
            const ObserveOptions o = page.options();
            QCOMPARE(o.exactFlow, ExactFlowMode::Auto);
            const ProbeStart expected =
                probeStart(true, ::geteuid() == 0, QCoreApplication::applicationDirPath());
            QCOMPARE(o.launcher, expected.launcher);
            QCOMPARE(QString::fromStdString(o.probePath), expected.probePath);
            if (::geteuid() == 0) {
                QCOMPARE(o.launcher, ProbeLauncher::Direct);
            }
            page.saveState();
        }
        ObservePage again;
        again.exactFlowBox().setChecked(false);
        again.restoreState();
        QVERIFY(again.exactFlowBox().isChecked());
        QCOMPARE(again.options().exactFlow, ExactFlowMode::Auto);
        again.exactFlowBox().setChecked(false);
        again.saveState();
        ObservePage third;
        third.restoreState();
        QVERIFY(!third.exactFlowBox().isChecked());
    }

    // pkexec only for an installed probe (the policy names that path); a build tree's probe is
    // started directly, with advice in words unless it holds file capabilities.
    void probeStartPicksTheLauncher() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QCOMPARE(probeStart(false, false, dir.path()).mode, ExactFlowMode::Off);

        const QString bin = dir.filePath(QStringLiteral("usr/bin"));
        QVERIFY(QDir().mkpath(bin));
        const ProbeStart missing = probeStart(true, false, bin);
        QCOMPARE(missing.mode, ExactFlowMode::Auto);
        QVERIFY2(missing.advice.contains(QLatin1String("not installed")),
                 qPrintable(missing.advice));

        const QString installed =
            dir.filePath(QStringLiteral("usr/libexec/ipcscope/ipcscope-probe"));
        QVERIFY(placeExecutable(installed));
        QCOMPARE(installedProbePath(bin), installed);
        const ProbeStart asUser = probeStart(true, false, bin);
        QCOMPARE(asUser.launcher, ProbeLauncher::Pkexec);
        QCOMPARE(asUser.probePath, installed);
        QVERIFY(asUser.advice.isEmpty());
        const ProbeStart asRoot = probeStart(true, true, bin);
        QCOMPARE(asRoot.launcher, ProbeLauncher::Direct);
        QCOMPARE(asRoot.probePath, installed);

        const QString build = dir.filePath(QStringLiteral("build/bin"));
        const QString built = build + QStringLiteral("/ipcscope-probe");
        QVERIFY(placeExecutable(built));
        const ProbeStart fromBuild = probeStart(true, false, build);
        QCOMPARE(fromBuild.launcher, ProbeLauncher::Direct);
        QCOMPARE(fromBuild.probePath, built);
        QVERIFY2(fromBuild.advice.contains(QLatin1String("setcap cap_bpf,cap_perfmon+ep")) &&
                     fromBuild.advice.contains(built) &&
                     fromBuild.advice.contains(QLatin1String("root")),
                 qPrintable(fromBuild.advice));
        QVERIFY(probeStart(true, true, build).advice.isEmpty());

        // With the capabilities set (as root here), nothing is left to advise.
        const QString setcap = QStandardPaths::findExecutable(
            QStringLiteral("setcap"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
        if (setcap.isEmpty() || ::geteuid() != 0) {
            QSKIP("setcap (libcap2-bin) or root is missing: the capability case is not checked");
        }
        QCOMPARE(QProcess::execute(setcap, {QStringLiteral("cap_bpf,cap_perfmon+ep"), built}), 0);
        const ProbeStart capable = probeStart(true, false, build);
        QCOMPARE(capable.launcher, ProbeLauncher::Direct);
        QVERIFY2(capable.advice.isEmpty(), qPrintable(capable.advice));
    }

    // A frame counted by ipcscope-probe reads as exact everywhere: the flow table, the
    // channel's box, the node's rate, the note above the views and the status line.
    void exactFlowReadsAsExact() {
        const std::string note = "Exact: counted in the kernel by ipcscope-probe.";
        const Recording rec = flowRecording(false, note);
        ObservePage page;
        QAbstractItemModelTester tester(&page.flowModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(page.openRecording(rec, QStringLiteral("exact.ipcrec")));
        const FlowTableModel& flows = page.flowModel();
        QVERIFY(waitUntil([&] { return flows.rowCount() == 3; }));
        QCOMPARE(cell(flows, 40001, FlowTableModel::FiguresColumn), QStringLiteral("exact"));
        QCOMPARE(cell(flows, 40002, FlowTableModel::FiguresColumn), QStringLiteral("exact"));
        QCOMPARE(cell(flows, 40001, FlowTableModel::MessagesColumn),
                 QString::fromStdString(formatCount(1200)));
        QCOMPARE(cell(flows, 40002, FlowTableModel::BytesColumn),
                 QString::fromStdString(formatBytes(1200.0 * 4096)));
        QCOMPARE(cell(flows, 40001, FlowTableModel::ByteRateColumn),
                 QString::fromStdString(formatRate(300.0 * 4096)));
        QCOMPARE(cell(flows, 40003, FlowTableModel::FiguresColumn), QStringLiteral("not counted"));
        QCOMPARE(cell(flows, 40003, FlowTableModel::MessagesColumn), QStringLiteral("—"));

        const Frame& f = page.controller().lastFrame();
        const QString flow = TopologyView::flowText(f, 0);
        QVERIFY2(flow.startsWith(QLatin1String("exact: ")) && !flow.contains(QStringLiteral("≈")),
                 qPrintable(flow));
        QVERIFY2(flow.contains(QString::fromStdString(formatRate(300.0 * 4096))), qPrintable(flow));
        QVERIFY(TopologyView::flowText(f, 1).isEmpty()); // nothing counted there
        QCOMPARE(TopologyView::rateText(f, 0), QStringLiteral("300/s"));
        QVERIFY2(page.flowNoteText().contains(QString::fromStdString(note)),
                 qPrintable(page.flowNoteText()));
        QVERIFY2(page.statusText().contains(QLatin1String("exact flow")),
                 qPrintable(page.statusText()));
    }

    // Estimates are marked "≈" and "estimated" wherever a figure is shown, and the note says why
    // they are only estimates.
    void estimatedFlowIsMarked() {
        const std::string note = "Estimated: ipcscope-probe needs root or CAP_BPF and CAP_PERFMON.";
        ObservePage page;
        QAbstractItemModelTester tester(&page.flowModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(page.openRecording(flowRecording(true, note), QStringLiteral("estimated.ipcrec")));
        const FlowTableModel& flows = page.flowModel();
        QVERIFY(waitUntil([&] { return flows.rowCount() == 3; }));
        QCOMPARE(cell(flows, 40001, FlowTableModel::FiguresColumn), QStringLiteral("estimated"));
        for (int column :
             {int(FlowTableModel::MessagesColumn), int(FlowTableModel::BytesColumn),
              int(FlowTableModel::MessageRateColumn), int(FlowTableModel::ByteRateColumn)}) {
            const QString text = cell(flows, 40002, column);
            QVERIFY2(text.startsWith(QStringLiteral("≈ ")), qPrintable(text));
        }
        QCOMPARE(cell(flows, 40003, FlowTableModel::FiguresColumn), QStringLiteral("not counted"));

        const Frame& f = page.controller().lastFrame();
        const QString flow = TopologyView::flowText(f, 0);
        QVERIFY2(flow.startsWith(QStringLiteral("estimated: ≈ ")), qPrintable(flow));
        QCOMPARE(TopologyView::rateText(f, 0), QStringLiteral("≈ 300/s"));
        QVERIFY2(page.flowNoteText().contains(QString::fromStdString(note)),
                 qPrintable(page.flowNoteText()));
        QVERIFY2(page.statusText().contains(QLatin1String("flow estimated")),
                 qPrintable(page.statusText()));

        // The same table row turns exact when the next frames are (merged, not reset).
        QVERIFY(page.openRecording(flowRecording(false, ""), QStringLiteral("exact.ipcrec")));
        QVERIFY(waitUntil([&] {
            return cell(flows, 40001, FlowTableModel::FiguresColumn) == QLatin1String("exact");
        }));
        QVERIFY2(page.flowNoteText().contains(QLatin1String("exact")),
                 qPrintable(page.flowNoteText()));
    }

    // The queued-per-channel chart leaves out channels whose fill level is unknown (observed
    // pipes: only a holder can ask) and says so; a System V queue's, counted by the kernel, is
    // charted with its name.
    void queuedChartShowsOnlyKnownLevels() {
        {
            Deadlock2 stuck;
            QCOMPARE(stuck.pids.size(), std::size_t(2));
            ObservePage page;
            ObserveOptions options;
            options.selection.pids = stuck.pids;
            options.interval = std::chrono::milliseconds(50);
            QVERIFY(page.observe(options));
            QVERIFY(waitUntil([&] { return page.controller().lastFrame().channels.size() == 2; }));
            QVERIFY(waitUntil([&] { return page.controller().frames().size() >= 3; }));
            QCOMPARE(page.depthChart().seriesCount(), 0);
            QVERIFY(page.depthChart().noteShown());
            page.stopObserving();
        }
        const MsgrcvWaiter waiter;
        QVERIFY(waiter.msqid >= 0 && waiter.child > 0);
        const int msqid = waiter.msqid;
        const pid_t child = waiter.child;
        ObservePage page;
        ObserveOptions options;
        options.selection.pids = {child};
        options.interval = std::chrono::milliseconds(50);
        QVERIFY(page.observe(options));
        const auto queueCharted = [&] {
            const QStringList names = page.depthChart().seriesNames();
            return !names.isEmpty() && names.filter(QString::number(msqid)).size() == names.size();
        };
        QVERIFY2(waitUntil(queueCharted),
                 qPrintable(page.depthChart().seriesNames().join(QStringLiteral(", "))));
        QVERIFY(!page.depthChart().noteShown());
        page.stopObserving();
    }
};

QTEST_MAIN(TestObserveUi)
#include "tst_observeui.moc"
