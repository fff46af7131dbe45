// When the Lab's views update: frames are coalesced to the rate the eye needs, a hidden page
// does no work for them, and what is left on screen is the last frame, exactly. Against real
// runs, in a main window shown offscreen.

#include "../common/testsupport.h"

#include "lab/labpage.h"
#include "mainwindow.h"
#include "runviews/workertablemodel.h"

#include "base/format.h"

#include <QChartView>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace ipcscope;
using namespace testsupport;

namespace {

// Counts the paint events of the widgets it watches.
class PaintCounter : public QObject {
public:
    void watch(QWidget* w) {
        w->installEventFilter(this);
        m_watched.push_back(w);
    }
    int paints() const { return m_paints; }
    int watched() const { return int(m_watched.size()); }
    void reset() { m_paints = 0; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Paint) {
            ++m_paints;
        }
        return QObject::eventFilter(watched, event);
    }

private:
    int m_paints = 0;
    std::vector<QWidget*> m_watched;
};

// The Lab's run views: topology, timeline, the charts' and the worker table's viewports.
void watchRunViews(LabPage& lab, PaintCounter& counter) {
    for (const char* name : {"topology", "timeline"}) {
        auto* w = lab.findChild<QWidget*>(QString::fromLatin1(name));
        QVERIFY(w);
        counter.watch(w);
    }
    for (auto* chart : lab.findChildren<QChartView*>()) {
        counter.watch(chart->viewport());
    }
    for (auto* table : lab.findChildren<QTableView*>()) {
        if (table->model() && table->model()->columnCount() == WorkerTableModel::ColumnCount) {
            counter.watch(table->viewport());
        }
    }
}

quint64 shownMessages(const WorkerTableModel& m, int row) {
    return m.data(m.index(row, WorkerTableModel::MessagesColumn), WorkerTableModel::SortRole)
        .toULongLong();
}

} // namespace

class TestViewPacing : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { useTestSettings(); }

    // While another page is shown the Lab's frames keep coming (history, samples), and not one
    // of its views is repainted nor its worker table updated; shown again, it shows the latest
    // frame at once.
    void hiddenLabGetsFramesWithoutRepainting() {
        QTemporaryDir runtime;
        MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showPage(QStringLiteral("lab")));
        LabPage& lab = window.labPage();
        lab.controller().setLabOptions(labOptions(runtime.path()));
        PaintCounter paints;
        watchRunViews(lab, paints);
        QCOMPARE(paints.watched(), 5); // topology, timeline, two charts, the worker table
        int tableUpdates = 0;
        connect(&lab.workerModel(), &QAbstractItemModel::dataChanged, this,
                [&] { ++tableUpdates; });

        RunConfig c;
        c.mechanism = Mechanism::Pipe;
        c.producerRate = 500;
        c.durationS = 60;
        QVERIFY(lab.startRun(c));
        QVERIFY(waitUntil([&] { return paints.paints() > 0 && tableUpdates > 0; }, 20000));

        QVERIFY(window.showPage(QStringLiteral("classroom")));
        QCoreApplication::processEvents(); // what was pending before the switch
        paints.reset();
        tableUpdates = 0;
        const std::size_t framesBefore = lab.controller().samples().rows().size();
        const std::uint64_t receivedBefore = lab.controller().lastFrame().totals.messagesReceived;
        // Many frames with messages moved in them, while the Lab is hidden.
        QVERIFY(waitUntil(
            [&] {
                return lab.controller().samples().rows().size() >= framesBefore + 20 &&
                       lab.controller().lastFrame().totals.messagesReceived > receivedBefore;
            },
            20000));
        QCOMPARE(paints.paints(), 0);
        QCOMPARE(tableUpdates, 0);

        // Shown again: the table holds the frame of that moment, before any new one comes.
        QVERIFY(window.showPage(QStringLiteral("lab")));
        const Frame& now = lab.controller().lastFrame();
        QCOMPARE(lab.workerModel().rowCount(), int(now.processes.size()));
        for (int row = 0; row < lab.workerModel().rowCount(); ++row) {
            QCOMPARE(shownMessages(lab.workerModel(), row),
                     now.processes[std::size_t(row)].messages);
        }
        QVERIFY(tableUpdates > 0);
        QVERIFY(waitUntil([&] { return paints.paints() > 0; }));

        lab.stopAction()->trigger();
        QVERIFY(waitUntil([&] { return lab.controller().report().has_value(); }, 30000));
    }

    // Frames coalesced into fewer refreshes still end on the last one: after an unthrottled run
    // (frames full of change) the table and the status line show the report's totals exactly.
    void lastFrameIsShownExactly() {
        QTemporaryDir runtime;
        MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showPage(QStringLiteral("lab")));
        LabPage& lab = window.labPage();
        lab.controller().setLabOptions(labOptions(runtime.path()));

        RunConfig c;
        c.mechanism = Mechanism::Pipe;
        c.producers = 2;
        c.consumers = 2;
        c.durationS = 1.5;
        QVERIFY(lab.startRun(c));
        QVERIFY(waitUntil([&] { return lab.controller().report().has_value(); }, 30000));
        const RunReport& report = *lab.controller().report();
        QVERIFY(report.totals.messagesReceived > 0);
        QVERIFY(report.totals.clean());

        const WorkerTableModel& table = lab.workerModel();
        QCOMPARE(table.rowCount(), int(report.workers.size()));
        std::uint64_t shownSum = 0;
        for (int row = 0; row < table.rowCount(); ++row) {
            const ProcessFrame& w = report.workers[std::size_t(row)];
            QCOMPARE(shownMessages(table, row), w.messages);
            QCOMPARE(table
                         .data(table.index(row, WorkerTableModel::BytesColumn),
                               WorkerTableModel::SortRole)
                         .toULongLong(),
                     w.bytes);
            shownSum += w.messages;
        }
        QCOMPARE(shownSum, report.totals.messagesSent + report.totals.messagesReceived);
        const QString status = lab.statusText();
        QVERIFY2(status.contains(
                     QString::fromStdString(formatCount(double(report.totals.messagesReceived)))),
                 qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("clean")), qPrintable(status));
    }
};

QTEST_MAIN(TestViewPacing)
#include "tst_viewpacing.moc"
