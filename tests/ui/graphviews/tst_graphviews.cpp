// The run views draw any frame, not only a Lab run's: three channels (one of unknown capacity,
// observed kinds), five processes, one of them on two channels. Frames made by hand: no process
// is started. With IPCSCOPE_SCREENSHOT set, the views are saved as one picture (run under
// xvfb-run with QT_QPA_PLATFORM=xcb to see them as a user would).

#include "runviews/chartviews.h"
#include "runviews/runhistory.h"
#include "runviews/topologyview.h"
#include "runviews/workertablemodel.h"

#include <QAbstractItemModelTester>
#include <QGridLayout>
#include <QHeaderView>
#include <QImage>
#include <QTableView>
#include <QtTest>

using namespace ipcscope;

namespace {

ChannelFrame channel(ChannelKind kind, std::string identity, std::optional<std::uint64_t> capacity,
                     std::string unit, std::uint64_t depth) {
    ChannelFrame c;
    c.kind = kind;
    c.identity = std::move(identity);
    c.capacity = capacity;
    c.unit = std::move(unit);
    c.depth = depth;
    c.depthFromKernel = true;
    return c;
}

ProcessFrame process(pid_t pid, std::string command, WorkerState state = WorkerState::Running) {
    ProcessFrame p;
    p.pid = pid;
    p.command = std::move(command);
    p.state = state;
    p.stateForAtLeast = true; // seen from outside: since the first sample that saw it
    return p;
}

// A pipeline (gen | filter, filter -> queue -> sink) beside a POSIX queue of jobs, `step`
// samples of 0.5 s into the observation.
Frame graphFrame(int step) {
    Frame f;
    f.elapsedNs = std::uint64_t(step) * 500'000'000u;
    f.channels = {channel(IpcKind::Pipe, "pipe:[48213]", 65536, "bytes", 40960),
                  channel(IpcKind::SysvMsg, "msqid 5", 16384, "bytes", 2048 + 512 * (step % 8)),
                  channel(IpcKind::PosixMq, "/jobs", std::nullopt, "messages", 12)};
    f.channels[1].waitingSenders = 1;
    f.processes = {process(2001, "gen --fast"), process(2002, "filter -n", WorkerState::Blocked),
                   process(2003, "sink"), process(2004, "dispatcher"),
                   process(2005, "jobworker", WorkerState::Throttled)};
    f.processes[4].call = CallKind::Throttle;
    f.processes[4].stateForNs = 4'000'000;
    ProcessFrame& filter = f.processes[1];
    filter.call = CallKind::Msgsnd;
    filter.waitChannel = 1;
    filter.stateForNs = 2'400'000'000;
    f.endpoints = {{0, 0, EndpointDirection::Send}, {1, 0, EndpointDirection::Receive},
                   {1, 1, EndpointDirection::Send}, {2, 1, EndpointDirection::Receive},
                   {3, 2, EndpointDirection::Send}, {4, 2, EndpointDirection::Receive}};
    const double rates[] = {4000, 3900, 3900, 3800, 120, 110};
    for (std::size_t i = 0; i < f.endpoints.size(); ++i) {
        EndpointFrame& e = f.endpoints[i];
        e.messagesPerS = rates[i];
        e.bytesPerS = rates[i] * 64;
        e.messages = std::uint64_t(rates[i] * 0.5 * step);
        e.bytes = e.messages * 64;
        e.estimated = true;
        ProcessFrame& p = f.processes[e.process];
        p.messages = std::max(p.messages, e.messages);
        p.bytes = std::max(p.bytes, e.bytes);
    }
    return f;
}

// A Lab run's frame: one channel, 2 producers, 2 consumers.
Frame labFrame() {
    Frame f;
    f.elapsedNs = 2'000'000'000;
    f.channels = {channel(Mechanism::SysvMsg, "msqid 9", 16384, "bytes", 8192)};
    for (std::uint32_t i = 0; i < 4; ++i) {
        ProcessFrame p;
        p.worker = WorkerId{i < 2 ? Role::Producer : Role::Consumer, i % 2};
        p.pid = pid_t(3000 + i);
        p.state = WorkerState::Running;
        f.processes.push_back(p);
    }
    addLabEndpoints(f);
    return f;
}

int rowsWithPid(const QAbstractItemModel& model, int pid) {
    int n = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
        n += model.data(model.index(r, WorkerTableModel::PidColumn)).toInt() == pid ? 1 : 0;
    }
    return n;
}

} // namespace

class TestGraphViews : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void workerTableHasARowPerProcess() {
        WorkerTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int step = 0; step < 5; ++step) {
            model.setFrame(graphFrame(step));
        }
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(rowsWithPid(model, 2002), 1); // on two channels, listed once
        const int filter = 1;
        QCOMPARE(model.data(model.index(filter, WorkerTableModel::RoleColumn)).toString(),
                 QStringLiteral("filter -n"));
        QVERIFY(model.data(model.index(filter, WorkerTableModel::CallColumn))
                    .toString()
                    .startsWith(QStringLiteral("msgsnd")));
        // Its rate: what it moves, not what it receives plus what it sends.
        QCOMPARE(
            model
                .data(model.index(filter, WorkerTableModel::RateColumn), WorkerTableModel::SortRole)
                .toDouble(),
            3900.0);
        // A Lab frame reads as before: workers by role and index.
        model.setFrame(labFrame());
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.data(model.index(2, WorkerTableModel::RoleColumn)).toString(),
                 QStringLiteral("consumer 0"));
    }

    void topologyLaysOutEveryChannelAndProcess() {
        TopologyView view;
        view.resize(1100, 520);
        view.setSnapshot(graphFrame(4));
        const TopologyView::Layout l = view.layout();
        QCOMPARE(l.channels.size(), std::size_t(3));
        QCOMPARE(l.processes.size(), std::size_t(5));
        QVERIFY(l.hiddenLeft.empty() && l.hiddenRight.empty());
        // Senders left (the filter too: it sends on), those that only receive right.
        QCOMPARE(l.onTheLeft, (std::vector<bool>{true, true, false, true, false}));
        std::vector<QRectF> boxes(l.channels);
        for (const auto& r : l.processes) {
            QVERIFY(r);
            boxes.push_back(*r);
        }
        for (std::size_t i = 0; i < boxes.size(); ++i) {
            QVERIFY(view.rect().contains(boxes[i].toRect()));
            for (std::size_t j = i + 1; j < boxes.size(); ++j) {
                QVERIFY2(!boxes[i].intersects(boxes[j]),
                         qPrintable(QStringLiteral("%1 and %2 overlap").arg(i).arg(j)));
            }
        }
        // A fill bar only where the capacity is known.
        const Frame f = graphFrame(4);
        for (std::size_t c = 0; c < 3; ++c) {
            const auto box = TopologyView::channelBox(l.channels[c], f.channels[c], l.unit);
            QCOMPARE(box.fillBar.has_value(), f.channels[c].capacity.has_value());
            QVERIFY(box.details.bottom() <= l.channels[c].bottom());
        }
        QVERIFY(!view.grab().isNull()); // paints

        // A Lab run: one channel with its bar, the workers on their sides, as always.
        view.setSnapshot(labFrame());
        const TopologyView::Layout lab = view.layout();
        QCOMPARE(lab.channels.size(), std::size_t(1));
        QCOMPARE(lab.onTheLeft, (std::vector<bool>{true, true, false, false}));
        const auto box =
            TopologyView::channelBox(lab.channels[0], labFrame().channels[0], lab.unit);
        QVERIFY(box.fillBar && !box.compact);
        QVERIFY(!view.grab().isNull());
    }

    void chartsHaveASeriesPerProcessAndChannel() {
        RunHistory history;
        for (int step = 0; step < 20; ++step) {
            history.add(graphFrame(step));
        }
        QCOMPARE(history.processes().size(), std::size_t(5));
        QCOMPARE(history.channels().size(), std::size_t(3));
        QVERIFY(history.maxMessagesPerS() > 3000);
        ThroughputChartView throughput;
        throughput.setHistory(history);
        QCOMPARE(throughput.seriesCount(), 5);
        DepthChartView depth;
        depth.setHistory(history);
        QCOMPARE(depth.seriesCount(), 3 + 2); // a depth each, a capacity where known
        BlockingTimelineView timeline;
        timeline.setHistory(history);
        QCOMPARE(timeline.laneCount(), 5);
        for (QWidget* w : std::initializer_list<QWidget*>{&throughput, &depth, &timeline}) {
            w->resize(640, 320);
            QVERIFY(!w->grab().isNull());
        }
        // Back to a Lab run: its one channel's lines, named as ever.
        RunHistory lab;
        lab.add(labFrame());
        depth.setHistory(lab);
        QCOMPARE(depth.seriesCount(), 2);
        throughput.setHistory(lab);
        QCOMPARE(throughput.seriesCount(), 2); // two workers per role: a sum per role
        throughput.setPerProcess(true);
        throughput.setHistory(lab);
        QCOMPARE(throughput.seriesCount(), 4);
    }

    // An observed pipe's fill level is unknown (only a holder can ask): no line and no legend
    // entry for it; the queue whose level the kernel counts keeps its lines, named. With no
    // known level at all the chart says so instead.
    void depthChartLeavesOutUnknownLevels() {
        RunHistory history;
        for (int step = 0; step < 4; ++step) {
            Frame f = graphFrame(step);
            f.channels[0].depthFromKernel = false; // the pipe
            f.channels[2].depthFromKernel = false; // say the POSIX queue too
            history.add(f);
        }
        QVERIFY(!history.channels()[0].levelKnown);
        QVERIFY(history.channels()[1].levelKnown);
        DepthChartView depth;
        depth.setEstimated(true);
        depth.setHistory(history);
        QCOMPARE(depth.seriesNames(), (QStringList{QStringLiteral("msqid 5: queued"),
                                                   QStringLiteral("msqid 5: capacity")}));
        QVERIFY(!depth.noteShown());

        RunHistory pipesOnly;
        Frame f = graphFrame(1);
        f.channels.resize(1);
        f.channels[0].depthFromKernel = false;
        f.endpoints.resize(2);
        f.processes[1].waitChannel = 0;
        pipesOnly.add(f);
        depth.setHistory(pipesOnly);
        QCOMPARE(depth.seriesCount(), 0);
        QVERIFY(depth.noteShown());
        depth.clear(); // as before any run: the Lab's one channel
        QCOMPARE(depth.seriesCount(), 2);
        QVERIFY(!depth.noteShown());
    }

    // The views together, as a window would show them; saved when IPCSCOPE_SCREENSHOT names a
    // file.
    void screenshot() {
        RunHistory history;
        for (int step = 0; step <= 24; ++step) {
            history.add(graphFrame(step));
        }
        QWidget window;
        window.setWindowTitle(QStringLiteral("ipcscope — a graph frame"));
        auto* grid = new QGridLayout(&window);
        auto* topology = new TopologyView;
        auto* timeline = new BlockingTimelineView;
        auto* throughput = new ThroughputChartView;
        auto* depth = new DepthChartView;
        auto* table = new QTableView;
        auto* model = new WorkerTableModel(table);
        table->setModel(model);
        table->verticalHeader()->hide();
        table->horizontalHeader()->setStretchLastSection(true);
        grid->addWidget(topology, 0, 0, 1, 2);
        grid->addWidget(table, 1, 0, 1, 2);
        grid->addWidget(timeline, 2, 0, 1, 2);
        grid->addWidget(throughput, 3, 0);
        grid->addWidget(depth, 3, 1);
        grid->setRowStretch(0, 3);
        grid->setRowStretch(1, 2);
        grid->setRowStretch(2, 2);
        grid->setRowStretch(3, 3);
        window.resize(1280, 1280);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const Frame last = graphFrame(24);
        topology->setSnapshot(last);
        model->setFrame(last);
        table->resizeColumnsToContents();
        timeline->setHistory(history);
        throughput->setHistory(history);
        depth->setHistory(history);
        QCoreApplication::processEvents();
        const QImage image = window.grab().toImage();
        QVERIFY(!image.isNull());
        if (const QString path = qEnvironmentVariable("IPCSCOPE_SCREENSHOT"); !path.isEmpty()) {
            QVERIFY2(image.save(path), qPrintable(path));
        }
    }
};

QTEST_MAIN(TestGraphViews)
#include "tst_graphviews.moc"
