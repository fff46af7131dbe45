// The Lab's views against real runs: the charts, the timeline and the tables agree with the
// kernel; throughput by role with a per-worker range (one line per worker on demand); fill in
// one scaled unit; a timeline legend with every colour; the setup panel out of the way during
// a run.

#include "../common/testsupport.h"

#include "lab/labpage.h"
#include "lab/runpanel.h"
#include "mainwindow.h"
#include "runviews/chartviews.h"
#include "runviews/runhistory.h"
#include "runviews/workertablemodel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QHeaderView>
#include <QScrollBar>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace ipcscope;
using namespace testsupport;

namespace {

ProcessFrame worker(Role role, WorkerState state, CallKind call, std::uint64_t stateForNs) {
    ProcessFrame p;
    p.worker = WorkerId{role, 0};
    p.pid = role == Role::Producer ? 100 : 101;
    p.state = state;
    p.call = call;
    p.stateForNs = stateForNs;
    return p;
}

Frame frameAt(double timeS, std::vector<ProcessFrame> processes) {
    Frame f;
    f.elapsedNs = std::uint64_t(timeS * 1e9);
    f.processes = std::move(processes);
    ChannelFrame c;
    c.kind = Mechanism::SysvMsg;
    c.unit = "bytes";
    c.capacity = 4096;
    c.depth = 4096;
    c.depthFromKernel = true;
    f.channels.push_back(c);
    return f;
}

// The segment of `h` that covers time `t` (the last one that does).
const StateSegment* segmentAt(const ProcessHistory& h, double t) {
    const StateSegment* found = nullptr;
    for (const StateSegment& s : h.segments) {
        if (s.startS <= t && t < s.endS) {
            found = &s;
        }
    }
    return found;
}

} // namespace

class TestLabViews : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_runtime;

private Q_SLOTS:
    void initTestCase() {
        useTestSettings();
        QVERIFY(m_runtime.isValid());
    }

    // A consumer seen for a moment inside msgrcv, then throttled again: its wait lasted as
    // long as its own counter says (20 ms), not until the next state it was seen in.
    void historyEndsWaitsWhereCountersSay() {
        RunHistory history;
        ProcessFrame c = worker(Role::Consumer, WorkerState::Throttled, CallKind::Throttle, 0);
        history.add(frameAt(1.0, {c}));
        c = worker(Role::Consumer, WorkerState::Blocked, CallKind::Msgrcv, 10'000'000);
        c.blockedNs[std::size_t(CallKind::Throttle)] = 5'000'000;
        history.add(frameAt(1.033, {c})); // in msgrcv since 1.023
        c = worker(Role::Consumer, WorkerState::Throttled, CallKind::Throttle, 3'000'000);
        c.blockedNs[std::size_t(CallKind::Throttle)] = 5'000'000;
        c.blockedNs[std::size_t(CallKind::Msgrcv)] = 20'000'000; // the wait: 1.023 to 1.043
        history.add(frameAt(1.066, {c}));                        // throttled since 1.063
        const ProcessHistory& h = history.processes().front();
        const StateSegment* waiting = segmentAt(h, 1.03);
        QVERIFY(waiting && waiting->state == WorkerState::Blocked);
        QCOMPARE(qRound(waiting->endS * 1000), 1043);
        const StateSegment* after = segmentAt(h, 1.05);
        QVERIFY(after);
        QCOMPARE(after->state, WorkerState::Running);
        const StateSegment* throttled = segmentAt(h, 1.064);
        QVERIFY(throttled && throttled->state == WorkerState::Throttled);
        // A gauge that could not be read leaves a gap in the fill, not a made-up value.
        Frame broken = frameAt(1.1, {c});
        broken.channels.front().problem = "the message queue was removed by someone else";
        broken.channels.front().depth = 0;
        broken.channels.front().depthFromKernel = false;
        const std::size_t points = history.channels().front().depth.size();
        history.add(broken);
        QCOMPARE(history.channels().front().depth.size(), points);
    }

    // The Lab page on a real run: posix-mq, consumer held to 100 messages/s; the producer is
    // stopped while it waits for room (as a producer without CPU), so the consumer empties the
    // queue and waits for data, then goes on. Every view the history feeds agrees with the
    // kernel: the fill within 0..capacity, never 0 while the producer is drawn waiting for
    // room, the producer and the consumer never drawn waiting at once, and the consumer's rate
    // not above its throttle.
    void viewsAgreeWithTheKernel() {
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        LabPage& lab = window.labPage();
        lab.controller().setLabOptions(labOptions(m_runtime.path()));
        RunConfig c;
        c.mechanism = Mechanism::PosixMq;
        c.consumerRate = 100;
        c.durationS = 60; // stopped below
        QVERIFY(lab.startRun(c));
        const pid_t producer = lab.controller().runInfo()->workerPids.front();
        // Waiting for room: stop it there.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const ProcessFrame& p = lab.controller().lastFrame().processes.front();
                return p.state == WorkerState::Blocked && p.call == CallKind::MqSend &&
                       p.stateForNs > 1'000'000;
            }(),
            20000);
        QCOMPARE(::kill(producer, SIGSTOP), 0);
        // Fill points of 0 from here on are the emptied queue, not the start-up's empty one
        // (which may come as late as the producer's first wait, on a quiet machine).
        const double stoppedAtS = lab.controller().history().nowS();
        auto cont = qScopeGuard([&] { ::kill(producer, SIGCONT); });
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const Frame& f = lab.controller().lastFrame();
                return f.channels.front().depth == 0 &&
                       f.processes.back().state == WorkerState::Blocked;
            }(),
            20000);
        const double emptiedAtS = lab.controller().history().nowS();
        QTRY_VERIFY_WITH_TIMEOUT(lab.controller().history().nowS() > emptiedAtS + 0.3, 20000);
        QCOMPARE(::kill(producer, SIGCONT), 0);
        const double continuedAtS = lab.controller().history().nowS();
        QTRY_VERIFY_WITH_TIMEOUT(lab.controller().history().nowS() > continuedAtS + 1.0, 20000);

        const RunHistory& h = lab.controller().history();
        const ProcessHistory& p = h.processes().front();
        const ProcessHistory& consumer = h.processes().back();
        QVERIFY(p.worker && p.worker->role == Role::Producer);
        const ChannelHistory& ch = h.channels().front();
        QVERIFY(ch.capacity);
        int emptyPoints = 0;
        for (const DepthPoint& d : ch.depth) {
            QVERIFY2(d.depth >= 0 && d.depth <= double(*ch.capacity),
                     qPrintable(QStringLiteral("fill %1 at %2 s").arg(d.depth).arg(d.timeS)));
            if (d.depth == 0 && d.timeS > stoppedAtS) {
                ++emptyPoints;
                const StateSegment* s = segmentAt(p, d.timeS);
                QVERIFY2(!s || s->state != WorkerState::Blocked,
                         qPrintable(QStringLiteral("fill 0 at %1 s while the producer is drawn "
                                                   "waiting in %2")
                                        .arg(d.timeS)
                                        .arg(QString::fromUtf8(callName(s->call).data()))));
            }
        }
        QVERIFY2(emptyPoints > 0, "the queue was never seen empty: nothing was tested");
        // Drawn waiting at once: at most a millisecond (the workers' clock against the lab's).
        double overlapS = 0;
        for (const StateSegment& a : p.segments) {
            for (const StateSegment& b : consumer.segments) {
                if (a.state == WorkerState::Blocked && b.state == WorkerState::Blocked) {
                    overlapS +=
                        std::max(0.0, std::min(a.endS, b.endS) - std::max(a.startS, b.startS));
                }
            }
        }
        QVERIFY2(overlapS < 0.001,
                 qPrintable(QStringLiteral("both drawn waiting for %1 ms").arg(overlapS * 1e3)));
        // The consumer's rate never far above its throttle (over 0.25 s: one message is 4/s;
        // the rest is this thread's own scheduling between a frame's clock and its counters).
        for (const RatePoint& r : consumer.rates) {
            QVERIFY2(
                r.messagesPerS < 130,
                qPrintable(
                    QStringLiteral("consumer at %1/s at %2 s").arg(r.messagesPerS).arg(r.timeS)));
        }
        cont.dismiss();
        lab.stopAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!lab.controller().isActive(), 30000);
        QVERIFY(lab.controller().report()->totals.clean());
    }

    // 8 × 8 workers on a pipe, on a 1600 × 1000 screen and on a 1024 × 700 one: the throughput
    // chart sums each role with the range of its workers; one line per worker on demand,
    // remembered; every value axis's title is drawn in full, with its unit; the workers table
    // shows whole rows, all 16 where the page has room; the setup panel is out of the way
    // during the run and back after it.
    void eightByEightRun_data() {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("everyRow"); // all 16 rows shown without scrolling
        QTest::newRow("1600x1000") << QSize(1600, 1000) << true;
        QTest::newRow("1024x700") << QSize(1024, 700) << false;
    }

    void eightByEightRun() {
        QFETCH(QSize, size);
        QFETCH(bool, everyRow);
        QSettings().remove(QStringLiteral("lab"));
        MainWindow window;
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        LabPage& lab = window.labPage();
        QAbstractItemModelTester tester(&lab.workerModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        lab.controller().setLabOptions(labOptions(m_runtime.path()));
        RunConfig c;
        c.mechanism = Mechanism::Pipe;
        c.producers = 8;
        c.consumers = 8;
        c.producerRate = 200;
        c.durationS = 60;
        QVERIFY(lab.startRun(c));
        QVERIFY2(!lab.setupVisible(), "the setup panel stays during the run");
        QVERIFY(!lab.showSetupAction()->isChecked());
        auto* chart = window.findChild<ThroughputChartView*>();
        QVERIFY(chart);
        QTRY_VERIFY_WITH_TIMEOUT(lab.controller().history().nowS() > 1.0, 20000);
        QCOMPARE(window.size(), size);
        // 8 producers at 200/s: the sums are counted in thousands, and the axis says so in full
        // (the chart cut it to "thousand messag…" before).
        QTRY_COMPARE(chart->axisTitle(), QStringLiteral("thousand messages/s"));
        QTRY_COMPARE(chart->drawnAxisTitle(), chart->axisTitle());
        auto* fill = lab.findChild<DepthChartView*>();
        QVERIFY(fill);
        QTRY_COMPARE(fill->axisTitle(), QStringLiteral("KiB queued"));
        QTRY_COMPARE(fill->drawnAxisTitle(), fill->axisTitle());
        QCOMPARE(chart->seriesCount(), 2);
        const QStringList names = chart->seriesNames();
        QVERIFY2(names.contains(QStringLiteral("producers (sum of 8)")) &&
                     names.contains(QStringLiteral("consumers (sum of 8)")),
                 qPrintable(names.join(QStringLiteral(", "))));
        QCOMPARE(names.size(), 4); // and a band per role
        lab.perWorkerBox().setChecked(true);
        QCOMPARE(chart->seriesCount(), 16);
        QVERIFY(chart->seriesNames().contains(QStringLiteral("consumer 7")));
        QCOMPARE(QSettings().value(QStringLiteral("lab/throughputPerWorker")).toBool(), true);

        // The workers table ends at a row's end (no row cut in half); on the large screen it
        // shows every worker without scrolling; the last row is always reachable.
        auto* table = window.findChild<QTableView*>(QStringLiteral("workerTable"));
        QVERIFY(table);
        QCOMPARE(table->model()->rowCount(), 16);
        QCoreApplication::processEvents(); // the splitter's last move, laid out
        const int rowHeight = table->rowHeight(0);
        const int shown = table->viewport()->height();
        QVERIFY2(shown >= 16 * rowHeight || shown % rowHeight == 0,
                 qPrintable(QStringLiteral("a viewport of %1 px shows %2 rows of %3 px")
                                .arg(shown)
                                .arg(double(shown) / rowHeight, 0, 'f', 2)
                                .arg(rowHeight)));
        const QRect last = table->visualRect(table->model()->index(15, 0));
        if (everyRow) {
            QCOMPARE(table->verticalScrollBar()->value(), 0);
            QVERIFY2(table->viewport()->rect().contains(last),
                     qPrintable(QStringLiteral("the last row at %1..%2 px, the viewport %3 px")
                                    .arg(last.top())
                                    .arg(last.bottom())
                                    .arg(shown)));
        } else {
            QVERIFY2(table->viewport()->rect().contains(last) ||
                         table->verticalScrollBar()->isVisible(),
                     "the last worker cannot be reached");
        }
        table->scrollToBottom();
        QVERIFY(
            table->viewport()->rect().contains(table->visualRect(table->model()->index(15, 0))));

        // F9 brings the setup back during the run, and that is remembered.
        lab.showSetupAction()->trigger();
        QVERIFY(lab.setupVisible());
        QCOMPARE(QSettings().value(QStringLiteral("lab/hideSetupDuringRun")).toBool(), false);
        lab.showSetupAction()->trigger();
        QVERIFY(!lab.setupVisible());
        QCOMPARE(QSettings().value(QStringLiteral("lab/hideSetupDuringRun")).toBool(), true);
        lab.stopAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!lab.controller().isActive(), 30000);
        QVERIFY(lab.controller().report()->totals.clean());
        // Hidden during the run: its end shows it again (the next setup is in it).
        QTRY_VERIFY(lab.setupVisible());

        // A new page remembers one line per worker.
        lab.saveState();
        LabPage again(KernelLimits::read());
        again.restoreState();
        QVERIFY(again.perWorkerBox().isChecked());
        QSettings().remove(QStringLiteral("lab"));
    }

    // Bytes in one scaled unit, titled with it; counts in their own unit.
    void fillChartUnits_data() {
        QTest::addColumn<Mechanism>("mechanism");
        QTest::addColumn<quint64>("capacity");
        QTest::addColumn<QString>("title");
        QTest::newRow("sysv-msg 16000 B")
            << Mechanism::SysvMsg << quint64(16000) << QStringLiteral("KiB queued");
        QTest::newRow("sysv-msg 1000 B")
            << Mechanism::SysvMsg << quint64(1000) << QStringLiteral("B queued");
        QTest::newRow("posix-mq") << Mechanism::PosixMq << quint64(10)
                                  << QStringLiteral("messages queued");
        QTest::newRow("unix-stream")
            << Mechanism::UnixStream << quint64(0) << QStringLiteral("KiB queued");
    }

    void fillChartUnits() {
        QFETCH(Mechanism, mechanism);
        QFETCH(quint64, capacity);
        QFETCH(QString, title);
        RunConfig c;
        c.mechanism = mechanism;
        c.messages = 200;
        if (capacity) {
            c.capacity = capacity;
        }
        auto run = Run::start(c, labOptions(m_runtime.path()));
        QVERIFY2(run, run ? "" : run.error().message.c_str());
        RunHistory history;
        QVERIFY(runToEnd(**run, 30000, [&](const Frame& f) { history.add(f); }));
        DepthChartView chart;
        chart.resize(600, 300);
        chart.setHistory(history);
        QCOMPARE(chart.axisTitle(), title);
        if (mechanism == Mechanism::UnixStream) {
            QVERIFY(chart.seriesNames().contains(QStringLiteral("send buffer limit")));
            QVERIFY(chart.toolTip().contains(QStringLiteral("overhead")));
        }
    }

    // Every colour a lane can show is in the legend, and the legend fits the view: it flows
    // onto more lines when narrow.
    void timelineLegendShowsEveryState_data() {
        QTest::addColumn<int>("width");
        QTest::newRow("1600 wide") << 620;
        QTest::newRow("1024 wide") << 380;
        QTest::newRow("narrow") << 230;
    }

    void timelineLegendShowsEveryState() {
        QFETCH(int, width);
        BlockingTimelineView view;
        view.resize(width, 300);
        const QStringList texts = view.legendTexts();
        for (const QString& wanted :
             {QStringLiteral("start-up"), QStringLiteral("running"), QStringLiteral("blocked"),
              QStringLiteral("throttled"), QStringLiteral("waiting for step"),
              QStringLiteral("draining"), QStringLiteral("exited"), QStringLiteral("stopped")}) {
            QVERIFY2(texts.contains(wanted), qPrintable(wanted));
        }
        QVERIFY2(QRectF(view.rect()).contains(view.legendBounds()),
                 qPrintable(QStringLiteral("legend %1 px wide in a view of %2")
                                .arg(view.legendBounds().right())
                                .arg(width)));
    }

    void cleanupTestCase() {
        QCOMPARE(QDir(m_runtime.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 0);
    }
};

QTEST_MAIN(TestLabViews)
#include "tst_labviews.moc"
