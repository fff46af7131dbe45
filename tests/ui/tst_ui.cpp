// The GUI, driven through its widgets offscreen, against real runs.

#include "../common/testsupport.h"

#include "classroom/classroompage.h"
#include "common/corestrings.h"
#include "lab/labpage.h"
#include "lab/runpanel.h"
#include "mainwindow.h"
#include "objects/inventorymodel.h"
#include "objects/limitspage.h"
#include "objects/objectspage.h"
#include "objects/watchwindow.h"
#include "recording/sampletable.h"
#include "runviews/chartviews.h"
#include "runviews/eventlogmodel.h"
#include "runviews/runhistory.h"
#include "runviews/workertablemodel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QItemSelectionModel>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include "base/format.h"
#include "base/uniquefd.h"

#include <QComboBox>
#include <QTextBrowser>

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStatusBar>
#include <QToolBar>

#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

using namespace ipcscope;
using namespace testsupport;

namespace {

// Selects the row whose id or name is `idOrName`; false when it is not shown.
bool selectObject(ObjectsPage& page, const QString& idOrName) {
    QAbstractItemModel* shown = page.view().model();
    for (int r = 0; r < shown->rowCount(); ++r) {
        if (shown->index(r, InventoryModel::IdColumn).data().toString() == idOrName) {
            page.view().selectionModel()->select(shown->index(r, 0),
                                                 QItemSelectionModel::ClearAndSelect |
                                                     QItemSelectionModel::Rows);
            return true;
        }
    }
    return false;
}

// Selects the row of the System V object with this id; false when it is not shown.
bool selectObject(ObjectsPage& page, int id) {
    return selectObject(page, QString::number(id));
}

// The Usage cell of the selected row.
QString selectedUsage(ObjectsPage& page) {
    const QModelIndexList rows = page.view().selectionModel()->selectedRows();
    return rows.size() == 1
               ? rows.first().siblingAtColumn(InventoryModel::UsageColumn).data().toString()
               : QString();
}

std::uint64_t inodeOf(int fd) {
    struct stat st {};
    return ::fstat(fd, &st) == 0 ? std::uint64_t(st.st_ino) : 0;
}

} // namespace

class TestUi : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { useTestSettings(); }

    void modelsPassTheModelTester() {
        WorkerTableModel workers;
        EventLogModel events;
        QAbstractItemModelTester workerTester(
            &workers, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester eventTester(
            &events, QAbstractItemModelTester::FailureReportingMode::QtTest);
        RunHistory history;
        RunConfig c;
        c.mechanism = Mechanism::SysvMsg;
        c.producers = 2;
        c.consumers = 3;
        c.messages = 20000;
        auto run = Run::start(c, labOptions());
        QVERIFY2(run, run ? "" : run.error().message.c_str());
        QVERIFY(runToEnd(**run, 60000, [&](const Frame& f) {
            history.add(f);
            workers.setFrame(f);
            events.append(f.newEvents, f.processes);
        }));
        QCOMPARE(workers.rowCount(), 5);
        QCOMPARE(workers.data(workers.index(0, WorkerTableModel::RoleColumn)).toString(),
                 QStringLiteral("producer 0"));
        QCOMPARE(workers.data(workers.index(4, WorkerTableModel::MessagesColumn),
                              WorkerTableModel::SortRole)
                         .toULongLong() +
                     workers
                         .data(workers.index(3, WorkerTableModel::MessagesColumn),
                               WorkerTableModel::SortRole)
                         .toULongLong() +
                     workers
                         .data(workers.index(2, WorkerTableModel::MessagesColumn),
                               WorkerTableModel::SortRole)
                         .toULongLong(),
                 qulonglong(20000));
        for (int i = 0; i < EventLogModel::kMaxRows + 10; ++i) {
            events.appendText(QStringLiteral("line %1").arg(i));
        }
        QCOMPARE(events.rowCount(), EventLogModel::kMaxRows); // bounded
        workers.clear();
        QCOMPARE(workers.rowCount(), 0);
    }

    void historyStaysBounded() {
        RunHistory history(10.0);
        Frame f;
        f.processes.resize(16);
        for (int i = 0; i < 16; ++i) {
            f.processes[i].worker = WorkerId{i < 8 ? Role::Producer : Role::Consumer, 0};
        }
        f.channels.resize(1);
        std::size_t atTen = 0;
        for (int step = 0; step < 30 * 60; ++step) { // a minute at 30 Hz, window 10 s
            f.elapsedNs = std::uint64_t(step) * 33'333'333u;
            for (auto& w : f.processes) {
                w.messages += 100;
                w.state = step % 60 < 30 ? WorkerState::Running : WorkerState::Blocked;
                w.stateForNs = 0;
            }
            history.add(f);
            if (step == 30 * 10) {
                atTen = history.pointCount();
            }
        }
        QVERIFY(atTen > 0);
        // After six windows' worth of frames the history holds about one window.
        QVERIFY2(
            history.pointCount() <= atTen * 11 / 10 + 32,
            qPrintable(QStringLiteral("%1 points vs %2").arg(history.pointCount()).arg(atTen)));
        QVERIFY(history.channels().front().depth.front().timeS >= history.nowS() - 10.0 - 0.1);
        QVERIFY(history.maxMessagesPerS() > 2000); // 100 messages per 1/30 s
    }

    // An hour of a 64-worker run at 30 Hz, hand-made, with a burst of notable events every
    // second: what the GUI keeps of it (the event log, the charts' history, the samples for
    // Export Data) stops growing after the first minutes, and the event log says how many
    // earlier events it no longer lists.
    void longRunStaysBounded() {
        EventLogModel events;
        // Checks every signal against the whole model, so only while the log first fills up and
        // overflows (it walks all rows on each one).
        auto tester = std::make_unique<QAbstractItemModelTester>(
            &events, QAbstractItemModelTester::FailureReportingMode::QtTest);
        RunHistory history;
        SampleTable samples;
        Frame f;
        f.processes.resize(64);
        for (std::uint32_t i = 0; i < 64; ++i) {
            f.processes[i].worker = WorkerId{i < 32 ? Role::Producer : Role::Consumer, i % 32};
            f.processes[i].pid = pid_t(1000 + i);
        }
        f.channels.resize(1);
        f.channels[0].capacity = 65536;
        f.channels[0].unit = "bytes";
        constexpr int kFrames = 3600 * 30;
        constexpr int kTenMinutes = 600 * 30;
        std::size_t historyAtTen = 0;
        std::size_t rowsAtTen = 0;
        std::uint64_t eventsFed = 0;
        std::string lastText;
        for (int step = 0; step < kFrames; ++step) {
            f.elapsedNs = std::uint64_t(step) * 33'333'333u;
            for (std::uint32_t i = 0; i < 64; ++i) {
                ProcessFrame& w = f.processes[i];
                w.messages += 100 + i;
                w.bytes += 6400;
                w.state =
                    (step / 15 + int(i)) % 3 == 0 ? WorkerState::Blocked : WorkerState::Running;
                w.call = w.state == WorkerState::Blocked ? CallKind::Write : CallKind::None;
            }
            f.channels[0].depth = std::uint64_t(step % 65536);
            f.newEvents.clear();
            if (step % 30 == 0) {
                for (int e = 0; e < 50; ++e) {
                    RunEvent ev;
                    ev.timeNs = f.elapsedNs;
                    ev.worker = e % 64;
                    ev.kind = EventKind::LongBlock;
                    ev.value = 12'000'000;
                    ev.text = "producer " + std::to_string(e % 32) + " waited 12 ms in write #" +
                              std::to_string(eventsFed);
                    lastText = ev.text;
                    f.newEvents.push_back(std::move(ev));
                    ++eventsFed;
                }
            }
            history.add(f);
            samples.add(f);
            events.append(f.newEvents, f.processes);
            if (step == 60 * 30) {
                QVERIFY(events.omittedCount() > 0);
                tester.reset();
            }
            if (step == kTenMinutes) {
                historyAtTen = history.pointCount();
                rowsAtTen = samples.rows().size();
            }
        }
        // The history holds its window, and no more after ten minutes than at ten minutes.
        QVERIFY(historyAtTen > 0);
        QVERIFY2(history.pointCount() <= historyAtTen * 11 / 10 + 64,
                 qPrintable(QStringLiteral("%1 points vs %2 at ten minutes")
                                .arg(history.pointCount())
                                .arg(historyAtTen)));
        // The samples: at most maxRows(), as many at the end as at ten minutes give or take
        // a halving, evenly spaced from the first frame, the last frame last.
        const auto& rows = samples.rows();
        QVERIFY2(rows.size() <= samples.maxRows(),
                 qPrintable(QStringLiteral("%1 rows").arg(rows.size())));
        QVERIFY(rows.size() >= samples.maxRows() / 2);
        QVERIFY(rowsAtTen <= samples.maxRows());
        QVERIFY(samples.maxRows() * 64 <= SampleTable::kMaxCells);
        QCOMPARE(rows.front().elapsedNs, quint64(0));
        QCOMPARE(rows.back().elapsedNs, f.elapsedNs);
        QCOMPARE(samples.workers(rows.size() - 1)[63].messages, f.processes[63].messages);
        const std::uint64_t spacing = rows[1].elapsedNs - rows[0].elapsedNs;
        QCOMPARE(spacing, std::uint64_t(samples.stride()) * 33'333'333u);
        for (std::size_t i = 1; i + 1 < rows.size(); ++i) {
            QCOMPARE(rows[i].elapsedNs - rows[i - 1].elapsedNs, spacing);
        }
        // The event log: its bound, the first row counting what went, the newest event last.
        QCOMPARE(events.rowCount(), EventLogModel::kMaxRows);
        QCOMPARE(events.omittedCount(), eventsFed - (EventLogModel::kMaxRows - 1));
        const QString first = events.data(events.index(0, EventLogModel::TextColumn)).toString();
        QVERIFY2(first.contains(QString::number(events.omittedCount())), qPrintable(first));
        QCOMPARE(
            events.data(events.index(events.rowCount() - 1, EventLogModel::TextColumn)).toString(),
            QString::fromStdString(lastText));
        QVERIFY(events.data(events.index(1, EventLogModel::TextColumn))
                    .toString()
                    .startsWith(QStringLiteral("producer")));
        events.clear();
        QCOMPARE(events.rowCount(), 0);
        QCOMPARE(events.omittedCount(), quint64(0));
    }

    // Start a run through the window, see counts rise and a producer shown blocked behind a
    // throttled consumer, stop it, and find nothing left behind.
    void runThroughTheWidgets() {
        QTemporaryDir runtime;
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        LabPage& lab = window.labPage();
        lab.controller().setLabOptions(labOptions(runtime.path()));
        RunConfig c;
        c.mechanism = Mechanism::PosixShm;
        c.producers = 2;
        c.consumers = 1;
        c.consumerRate = 100;
        c.durationS = 60;
        c.capacity = 4;
        lab.runPanel().setConfig(c);
        QVERIFY(lab.runPanel().isValid());
        QVERIFY(lab.startAction()->isEnabled());
        lab.startAction()->trigger();
        QVERIFY(lab.controller().isActive());
        QVERIFY(!lab.startAction()->isEnabled());
        QVERIFY(lab.stopAction()->isEnabled());
        const RunInfo info = *lab.controller().runInfo();
        const auto objects = info.objects;
        auto pids = info.workerPids;
        pids.push_back(info.guardianPid);
        const std::string runDir = info.runDirectory;

        WorkerTableModel& model = lab.workerModel();
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() == 3 &&
                                     model.data(model.index(2, WorkerTableModel::MessagesColumn),
                                                WorkerTableModel::SortRole)
                                             .toULongLong() > 20,
                                 20000);
        // A producer waits on "empty" in sem_wait, and the table says so with the call name.
        QTRY_VERIFY_WITH_TIMEOUT(
            model.data(model.index(0, WorkerTableModel::StateColumn)).toString() ==
                    QStringLiteral("blocked") &&
                model.data(model.index(0, WorkerTableModel::CallColumn))
                    .toString()
                    .startsWith(QStringLiteral("sem_wait")),
            20000);
        QVERIFY(lab.statusText().startsWith(QStringLiteral("Running")));
        lab.stopAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!lab.controller().isActive(), 30000);
        QVERIFY(lab.controller().report());
        QVERIFY(lab.controller().report()->totals.clean());
        QVERIFY(lab.startAction()->isEnabled());
        QVERIFY(lab.statusText().contains(QStringLiteral("clean")));
        const QStringList left = leftoversAfterWait(objects, runDir, pids);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QStringLiteral(", "))));
    }

    void pauseActionStopsWorkers() {
        QTemporaryDir runtime;
        MainWindow window;
        LabPage& lab = window.labPage();
        lab.controller().setLabOptions(labOptions(runtime.path()));
        RunConfig c;
        c.mechanism = Mechanism::Pipe;
        c.producerRate = 1000;
        c.durationS = 60;
        QVERIFY(lab.startRun(c));
        QTRY_VERIFY_WITH_TIMEOUT(lab.controller().lastFrame().totals.messagesReceived > 10, 20000);
        lab.pauseAction()->trigger();
        QVERIFY(lab.controller().isPaused());
        QTRY_VERIFY_WITH_TIMEOUT(
            lab.workerModel()
                .data(lab.workerModel().index(0, WorkerTableModel::StateColumn))
                .toString()
                .contains(QStringLiteral("stopped")),
            5000);
        lab.pauseAction()->trigger();
        QVERIFY(!lab.controller().isPaused());
        lab.stopAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!lab.controller().isActive(), 30000);
    }

    // Closing the window during a run removes everything, as the CLI does.
    void closingTheWindowEndsTheRun() {
        QTemporaryDir runtime;
        auto* window = new MainWindow;
        LabPage& lab = window->labPage();
        lab.controller().setLabOptions(labOptions(runtime.path()));
        RunConfig c;
        c.mechanism = Mechanism::SysvMsg;
        c.durationS = 60;
        QVERIFY(lab.startRun(c));
        QTRY_VERIFY_WITH_TIMEOUT(lab.controller().lastFrame().totals.messagesReceived > 10, 20000);
        const RunInfo info = *lab.controller().runInfo();
        const auto objects = info.objects;
        auto pids = info.workerPids;
        pids.push_back(info.guardianPid);
        const std::string runDir = info.runDirectory;
        QVERIFY(window->close());
        delete window;
        const QStringList left = leftoversAfterWait(objects, runDir, pids);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QStringLiteral(", "))));
    }

    // A refresh announces only the rows that changed (DESIGN.md §6): an unchanged scan emits
    // no dataChanged at all, one changed queue emits one for its own row.
    void inventoryRefreshAnnouncesChangedRowsOnly() {
        Inventory inv;
        for (int id : {3, 4, 5}) {
            IpcObject o;
            o.kind = IpcKind::SysvMsg;
            o.id = id;
            o.key = 100 + id;
            o.messages = 0;
            inv.objects.push_back(o);
        }
        InventoryModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.merge(inv);
        QCOMPARE(model.rowCount(), 3);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        model.merge(inv);
        QCOMPARE(changes.count(), 0);

        inv.objects[1].messages = 7; // queue 4 received messages
        model.merge(inv);
        QCOMPARE(changes.count(), 1);
        const auto topLeft = changes.front().at(0).value<QModelIndex>();
        const auto bottomRight = changes.front().at(1).value<QModelIndex>();
        QCOMPARE(model.object(topLeft.row())->id, std::optional<int>(4));
        QCOMPARE(bottomRight.row(), topLeft.row());
        QCOMPARE(topLeft.column(), 0);
        QCOMPARE(bottomRight.column(), InventoryModel::ColumnCount - 1);
        QCOMPARE(model.index(topLeft.row(), InventoryModel::UsageColumn).data().toString(),
                 InventoryModel::usageText(inv.objects[1]));
    }

    // The object browser lists a queue the test creates, merges refreshes without resets, and
    // deletes it through the page: gone from the kernel.
    void objectBrowserDeletesWhatItShows() {
        const int id = ::msgget(IPC_PRIVATE, IPC_CREAT | 0600);
        QVERIFY(id >= 0);
        const auto cleanup = qScopeGuard([id] { ::msgctl(id, IPC_RMID, nullptr); });
        ObjectsPage page;
        page.setInteractive(false);
        QAbstractItemModelTester tester(&page.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&page.model(), &QAbstractItemModel::modelReset);
        page.setTextFilter(QString::number(id));
        QTRY_VERIFY_WITH_TIMEOUT(page.view().model()->rowCount() >= 1, 10000);
        // Select the row of our queue.
        QAbstractItemModel* shown = page.view().model();
        int row = -1;
        for (int r = 0; r < shown->rowCount(); ++r) {
            if (shown->index(r, InventoryModel::IdColumn).data().toString() ==
                QString::number(id)) {
                row = r;
            }
        }
        QVERIFY(row >= 0);
        page.view().selectionModel()->select(
            shown->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(page.deleteAction()->isEnabled());
        const QStringList errors = page.deleteSelected(false);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        msqid_ds ds{};
        QVERIFY(::msgctl(id, IPC_STAT, &ds) != 0); // gone from the kernel
        // The row is shown as vanished, then goes; the model was never reset.
        QTRY_VERIFY_WITH_TIMEOUT(!selectObject(page, id), 15000);
        QCOMPARE(resets.count(), 0);
    }

    // The saved refresh interval is a number in a user-writable file: 1e300 (int() of it was
    // undefined behaviour, a negative timer interval here) or NaN land in the spin box's range.
    void savedRefreshIntervalStaysInRange() {
        for (const auto& [saved, expectedMs] :
             {std::pair{1e300, 60000}, std::pair{-5.0, 200}, std::pair{qQNaN(), 1000}}) {
            QSettings().setValue(QStringLiteral("objects/interval"), saved);
            ObjectsPage page;
            page.setInteractive(false);
            page.restoreState();
            const QList<QTimer*> timers = page.findChildren<QTimer*>(Qt::FindDirectChildrenOnly);
            QCOMPARE(timers.size(), qsizetype(1));
            QCOMPARE(timers.front()->interval(), expectedMs);
        }
        QSettings().remove(QStringLiteral("objects/interval"));
    }

    void ownerAndKindFilters() {
        const int id = ::msgget(IPC_PRIVATE, IPC_CREAT | 0600);
        QVERIFY(id >= 0);
        const auto cleanup = qScopeGuard([id] { ::msgctl(id, IPC_RMID, nullptr); });
        ObjectsPage page;
        page.setTextFilter(QString::number(id));
        QTRY_VERIFY_WITH_TIMEOUT(selectObject(page, id), 10000);
        page.setOwnerFilter(QStringLiteral("no-such-user"));
        QVERIFY(!selectObject(page, id));
        page.setOwnerFilter(QString::fromStdString(userName(::geteuid())));
        QVERIFY(selectObject(page, id));
        page.setOwnerFilter(QString());
        QVERIFY(selectObject(page, id));
    }

    // Unix sockets the test makes are rows of their kind: a socketpair's ends say who is at the
    // other end and what is queued, a listener how many wait to be accepted; the details name
    // the other end; Delete is refused in words and the socket lives on.
    void objectBrowserShowsUnixSockets() {
        int pair[2] = {-1, -1};
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
        const UniqueFd a(pair[0]), b(pair[1]);
        QCOMPARE(::write(a.get(), "hello", 5), ssize_t(5));
        const std::string name = "tst_ui." + std::to_string(::getpid()) + ".listen";
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path + 1, name.data(), name.size());
        const auto length = socklen_t(offsetof(sockaddr_un, sun_path) + 1 + name.size());
        const UniqueFd listener(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
        QCOMPARE(::bind(listener.get(), reinterpret_cast<const sockaddr*>(&address), length), 0);
        QCOMPARE(::listen(listener.get(), 4), 0);
        std::vector<UniqueFd> clients;
        for (int i = 0; i < 2; ++i) {
            clients.emplace_back(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
            QCOMPARE(::connect(clients.back().get(), reinterpret_cast<const sockaddr*>(&address),
                               length),
                     0);
        }
        QFile commFile(QStringLiteral("/proc/self/comm"));
        QVERIFY(commFile.open(QIODevice::ReadOnly));
        const QString me = QStringLiteral("%1 %2")
                               .arg(::getpid())
                               .arg(QString::fromUtf8(commFile.readAll().trimmed()));
        const QString socketA = QStringLiteral("socket:[%1]").arg(inodeOf(a.get()));
        const QString socketB = QStringLiteral("socket:[%1]").arg(inodeOf(b.get()));

        ObjectsPage page;
        page.setInteractive(false);
        QAbstractItemModelTester tester(&page.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // The kind filter offers the socket kinds by their titles.
        auto* kinds = page.findChild<QComboBox*>();
        QVERIFY(kinds);
        for (IpcKind k : {IpcKind::UnixStream, IpcKind::UnixDgram, IpcKind::UnixSeqpacket}) {
            QVERIFY(kinds->findText(ipcKindText(k)) >= 0);
        }
        kinds->setCurrentIndex(kinds->findText(ipcKindText(IpcKind::UnixStream)));
        QTRY_VERIFY_WITH_TIMEOUT(selectObject(page, socketA), 10000);
        page.setPaused(true);
        QCOMPARE(selectedUsage(page),
                 QStringLiteral("connected to %1 (pid %2) · 0 B queued").arg(socketB, me));
        QVERIFY(selectObject(page, socketB));
        QCOMPARE(selectedUsage(page),
                 QStringLiteral("connected to %1 (pid %2) · 5 B queued").arg(socketA, me));
        auto* details = page.findChild<QTextBrowser*>();
        QVERIFY(details);
        QVERIFY2(details->toPlainText().contains(QStringLiteral("Other end")) &&
                     details->toPlainText().contains(socketA),
                 qPrintable(details->toPlainText()));
        QVERIFY(selectObject(page, QStringLiteral("@") + QString::fromStdString(name)));
        QCOMPARE(selectedUsage(page), QStringLiteral("listening · 2 waiting to be accepted"));

        QVERIFY(selectObject(page, socketA));
        const QStringList errors = page.deleteSelected(false);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().contains(QStringLiteral("cannot be removed from outside")) &&
                     errors.first().contains(QStringLiteral("does not close the socket")),
                 qPrintable(errors.first()));
        QCOMPARE(::write(b.get(), "x", 1), ssize_t(1)); // still open, still connected
    }

    // Deleting an object that vanished meanwhile explains itself in words.
    void deletingAVanishedObjectSaysSo() {
        const int id = ::msgget(IPC_PRIVATE, IPC_CREAT | 0600);
        QVERIFY(id >= 0);
        // Removed here if the test fails before it removes the queue itself (a queue left
        // behind by a page that never showed it under load).
        auto cleanup = qScopeGuard([id] { ::msgctl(id, IPC_RMID, nullptr); });
        ObjectsPage page;
        page.setInteractive(false);
        page.setPaused(true);
        page.setTextFilter(QString::number(id));
        QTRY_VERIFY_WITH_TIMEOUT(selectObject(page, id), 10000);
        cleanup.dismiss();
        QCOMPARE(::msgctl(id, IPC_RMID, nullptr), 0); // someone else removes it first
        const QStringList errors = page.deleteSelected(false);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().contains(QStringLiteral("does not exist")),
                 qPrintable(errors.first()));
    }

    // An object this user may not remove: the page says why, in words, and it survives.
    void permissionErrorIsShownInWords() {
        if (::geteuid() != 0) {
            QSKIP("needs root: only root can create an object that the test then may not remove "
                  "(the test "
                  "drops its effective uid around the delete)");
        }
        const int id = ::msgget(IPC_PRIVATE, IPC_CREAT | 0600); // root's, private
        QVERIFY(id >= 0);
        const auto cleanup = qScopeGuard([id] { ::msgctl(id, IPC_RMID, nullptr); });
        ObjectsPage page;
        page.setInteractive(false);
        page.setPaused(true);
        page.setTextFilter(QString::number(id));
        QTRY_VERIFY_WITH_TIMEOUT(selectObject(page, id), 10000);
        QCOMPARE(::seteuid(65534), 0); // System V permission checks use the effective uid
        const QStringList errors = page.deleteSelected(false);
        QCOMPARE(::seteuid(0), 0);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().contains(QStringLiteral("permission denied")) &&
                     errors.first().contains(QStringLiteral("belongs to root")),
                 qPrintable(errors.first()));
        QCOMPARE(page.lastMessage(), errors.first());
        msqid_ds ds{};
        QCOMPARE(::msgctl(id, IPC_STAT, &ds), 0); // still there
    }

    // Watch any object (here a semaphore set the test made, not ipcscope's): the chart follows
    // its values live.
    void watchFollowsAnObject() {
        const int id = ::semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
        QVERIFY(id >= 0);
        const auto cleanup = qScopeGuard([id] { ::semctl(id, 0, IPC_RMID); });
        ObjectsPage page;
        page.setInteractive(false);
        page.setTextFilter(QString::number(id));
        QTRY_VERIFY_WITH_TIMEOUT(selectObject(page, id), 10000);
        QVERIFY(page.watchAction()->isEnabled());
        auto* window = qobject_cast<WatchWindow*>(page.watchSelected());
        QVERIFY(window);
        QTRY_VERIFY_WITH_TIMEOUT(window->chart().sampleCount() >= 2, 10000);
        QCOMPARE(window->chart().seriesCount(), 4); // two values, two waiter counts
        QCOMPARE(::semctl(id, 1, SETVAL, 7), 0);
        QTRY_VERIFY_WITH_TIMEOUT(window->statusText().contains(QStringLiteral("[0,7]")), 10000);
        QCOMPARE(::semctl(id, 0, IPC_RMID), 0);
        QTRY_VERIFY_WITH_TIMEOUT(window->statusText().contains(QStringLiteral("disappeared")),
                                 10000);
        window->close();
    }

    // Deleting a segment a child process has attached: the question names the child and says
    // IPC_RMID only marks it; afterwards the outcome read back from the kernel says it is still
    // attached, and its row stays (marked, not struck out as gone) until the child detaches.
    void deletingAnAttachedSegmentSaysItIsOnlyMarked() {
        const int id = ::shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
        QVERIFY(id >= 0);
        auto cleanup = qScopeGuard([id] { ::shmctl(id, IPC_RMID, nullptr); });
        int ready[2], release[2];
        QCOMPARE(::pipe2(ready, O_CLOEXEC), 0);
        QCOMPARE(::pipe2(release, O_CLOEXEC), 0);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            // Only async-signal-safe calls: attach, say so, wait for the parent, leave.
            void* at = ::shmat(id, nullptr, 0);
            char c = at == reinterpret_cast<void*>(-1) ? 'n' : 'y';
            (void)!::write(ready[1], &c, 1);
            ::close(release[1]);
            (void)!::read(release[0], &c, 1);
            ::_exit(0);
        }
        ::close(ready[1]);
        ::close(release[0]);
        auto reap = qScopeGuard([&] {
            ::close(release[1]); // the child reads EOF and exits (detaching)
            ::waitpid(child, nullptr, 0);
        });
        char attached = 0;
        QCOMPARE(::read(ready[0], &attached, 1), ssize_t(1));
        ::close(ready[0]);
        QCOMPARE(attached, 'y');

        ObjectsPage page;
        page.setInteractive(false);
        QSortFilterProxyModel* shown = qobject_cast<QSortFilterProxyModel*>(page.view().model());
        QVERIFY(shown);
        QAbstractItemModelTester tester(shown,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.setTextFilter(QString::number(id));
        // Selected once the child shows among its users (the holders scan reads /proc).
        QTRY_VERIFY_WITH_TIMEOUT(selectObject(page, id) && !page.selectedObjects().empty() &&
                                     !page.selectedObjects().front().users.empty(),
                                 15000);
        const QString question = page.deleteConfirmationText(page.selectedObjects());
        QVERIFY2(question.contains(QStringLiteral("pid %1 (tst_ui").arg(child)),
                 qPrintable(question));
        QVERIFY2(question.contains(QStringLiteral("only marks it for destruction")) &&
                     question.contains(QStringLiteral("disappears when the last process detaches")),
                 qPrintable(question));
        const QStringList errors = page.deleteSelected(false);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(page.lastConfirmation(), question);
        const QString expected =
            QStringLiteral("marked for destruction; still attached by pid %1").arg(child);
        QVERIFY2(page.lastMessage().contains(expected), qPrintable(page.lastMessage()));
        QVERIFY2(page.statusText().contains(expected), qPrintable(page.statusText()));
        shmid_ds ds{};
        QCOMPARE(::shmctl(id, IPC_STAT, &ds), 0); // the kernel still has it
        QVERIFY(ds.shm_perm.mode & SHM_DEST);
        // The row, after the next scans: the same row, shown as marked, never as vanished.
        const auto rowOf = [&]() -> QModelIndex {
            for (int r = 0; r < shown->rowCount(); ++r) {
                const QModelIndex i = shown->index(r, InventoryModel::IdColumn);
                if (i.data().toString() == QString::number(id)) {
                    return i;
                }
            }
            return {};
        };
        QTRY_VERIFY_WITH_TIMEOUT(rowOf().isValid() &&
                                     rowOf()
                                         .siblingAtColumn(InventoryModel::UsageColumn)
                                         .data()
                                         .toString()
                                         .contains(QStringLiteral("destroy pending")),
                                 10000);
        QCOMPARE(rowOf().data(InventoryModel::VanishedRole).toBool(), false);
        QCOMPARE(rowOf().data(Qt::FontRole).value<QFont>().strikeOut(), false);
        QVERIFY(rowOf().data(Qt::ToolTipRole).toString().contains(QStringLiteral("Marked")));
        // The child detaches: the kernel destroys it, and the row goes.
        reap.dismiss();
        ::close(release[1]);
        QCOMPARE(::waitpid(child, nullptr, 0), child);
        QTRY_VERIFY_WITH_TIMEOUT(::shmctl(id, IPC_STAT, &ds) != 0, 10000);
        cleanup.dismiss();
        QTRY_VERIFY_WITH_TIMEOUT(!rowOf().isValid(), 15000);
    }

    // The count follows the filter, an empty result says so over the view, anonymous pipes are
    // hidden until asked for, and a pipe's details say only what is known.
    void filterCountsAndHidesSystemPipes() {
        const int id = ::msgget(IPC_PRIVATE, IPC_CREAT | 0600);
        QVERIFY(id >= 0);
        const auto cleanup = qScopeGuard([id] { ::msgctl(id, IPC_RMID, nullptr); });
        int fds[2];
        QCOMPARE(::pipe2(fds, O_CLOEXEC), 0);
        const UniqueFd readEnd(fds[0]), writeEnd(fds[1]);
        const QString pipeName = QStringLiteral("pipe:[%1]").arg(inodeOf(fds[0]));
        ObjectsPage page;
        page.setInteractive(false);
        page.resize(1024, 600);
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(selectObject(page, id), 10000);
        QVERIFY(!selectObject(page, pipeName)); // hidden by default
        page.setShowAnonymousPipes(true);
        QTRY_VERIFY_WITH_TIMEOUT(selectObject(page, pipeName), 10000);
        page.setShowAnonymousPipes(false);
        QVERIFY(!selectObject(page, pipeName));
        page.setTextFilter(pipeName); // a search finds it anyway
        QVERIFY(selectObject(page, pipeName));
        // Its details say only what is known of its owner.
        auto* details = page.findChild<QTextBrowser*>();
        QVERIFY(details);
        const QString text = details->toPlainText();
        QVERIFY2(!text.contains(QStringLiteral("(uid )")) &&
                     !text.contains(QStringLiteral(", group\n")),
                 qPrintable(text));
        page.setPaused(true);
        page.setTextFilter(QStringLiteral("no object is called this %1").arg(::getpid()));
        QCOMPARE(page.view().model()->rowCount(), 0);
        const int listed = page.model().rowCount();
        QVERIFY2(page.statusText().startsWith(QStringLiteral("0 of %1 object").arg(listed)),
                 qPrintable(page.statusText()));
        QLabel* empty = nullptr;
        for (auto* l : page.view().viewport()->findChildren<QLabel*>()) {
            if (l->text().startsWith(QStringLiteral("No object matches the filter"))) {
                empty = l;
            }
        }
        QVERIFY(empty);
        QVERIFY(empty->isVisible());
        page.setTextFilter(QString());
        QVERIFY(!empty->isVisible());
        // At 1024 pixels the filter keeps a usable width.
        auto* filter = page.findChild<QLineEdit*>();
        QVERIFY(filter);
        QVERIFY2(filter->width() >=
                     filter->fontMetrics().horizontalAdvance(QStringLiteral("Filter: owner, name")),
                 qPrintable(QString::number(filter->width())));
        // The columns fit the view: the last one ends at its right edge.
        const QHeaderView* header = page.view().horizontalHeader();
        QVERIFY(header->sectionViewportPosition(InventoryModel::UsersColumn) <
                page.view().viewport()->width());
    }

    // The Lab's Start/Pause/Stop are not shown on pages that have no run.
    void runControlsOnlyWhereTheyApply() {
        MainWindow window;
        window.show();
        auto* bar = window.findChild<QToolBar*>(QStringLiteral("runToolBar"));
        QVERIFY(bar);
        QVERIFY(window.showPage(QStringLiteral("lab")));
        QVERIFY(bar->isVisible());
        for (const char* page : {"objects", "limits"}) {
            QVERIFY(window.showPage(QLatin1String(page)));
            QVERIFY2(!bar->isVisible(), page);
        }
        QVERIFY(window.showPage(QStringLiteral("lab")));
        QVERIFY(bar->isVisible());
    }

    // A geometry saved on a large screen fits a small one: no larger, and inside it.
    void restoredGeometryFitsTheScreen() {
        const QRect small(0, 0, 1024, 700);
        QCOMPARE(MainWindow::fitToScreen(QRect(300, 200, 1600, 1000), small), small);
        QCOMPARE(MainWindow::fitToScreen(QRect(500, 400, 800, 600), small),
                 QRect(224, 100, 800, 600));
        QCOMPARE(MainWindow::fitToScreen(QRect(10, 20, 800, 600), small), QRect(10, 20, 800, 600));
        const QRect offset(1600, 0, 1024, 700); // a second screen to the right
        QCOMPARE(MainWindow::fitToScreen(QRect(0, 0, 1600, 1000), offset), offset);
        // Through the window: saved at 1600×1000, restored on the offscreen screen.
        {
            MainWindow big;
            big.setGeometry(0, 0, 1600, 1000);
            QSettings().setValue(QStringLiteral("window/geometry"), big.saveGeometry());
        }
        MainWindow window;
        const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
        QVERIFY2(available.contains(window.geometry()), qPrintable(QStringLiteral("%1×%2 on %3×%4")
                                                                       .arg(window.width())
                                                                       .arg(window.height())
                                                                       .arg(available.width())
                                                                       .arg(available.height())));
        QSettings().remove(QStringLiteral("window/geometry"));
    }

    // Presentation mode on a 1024×768 projector: the window asks for no more than the screen,
    // full screen it covers the screen and no more, and the large status line stays one line.
    void presentationWindowFitsAProjector() {
        MainWindow window;
        window.resize(1024, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showPage(QStringLiteral("classroom")));
        QVERIFY(window.classroomPage().selectLesson(QStringLiteral("bounded-buffer")));
        const int normalStatus = QFontInfo(window.statusBar()->font()).pixelSize();
        window.classroomPage().presentationAction()->setChecked(true);
        QApplication::processEvents();
        const QSize least = window.minimumSizeHint();
        QVERIFY2(least.width() <= 1024 && least.height() <= 768,
                 qPrintable(QStringLiteral("%1×%2").arg(least.width()).arg(least.height())));
        const QRect screen = window.screen()->geometry();
        QVERIFY(waitUntil([&] { return window.isFullScreen(); }));
        QApplication::processEvents();
        QVERIFY2(screen.contains(window.frameGeometry()),
                 qPrintable(QStringLiteral("%1×%2 on %3×%4")
                                .arg(window.frameGeometry().width())
                                .arg(window.frameGeometry().height())
                                .arg(screen.width())
                                .arg(screen.height())));
        QVERIFY(QFontInfo(window.statusBar()->font()).pixelSize() >= normalStatus * 1.4);
        auto* status = window.statusBar()->findChild<QLabel*>();
        QVERIFY(status);
        status->setText(QStringLiteral("Step by step: press Step (F10) for one more operation"));
        QApplication::processEvents();
        QVERIFY2(window.statusBar()->height() <
                     2 * QFontMetrics(window.statusBar()->font()).height(),
                 qPrintable(QString::number(window.statusBar()->height())));
        window.classroomPage().presentationAction()->setChecked(false);
    }

    // The Watch window's chart names the object and has a capacity line where one is known.
    void watchChartHasUnitsAndCapacity() {
        IpcObject queue;
        queue.kind = IpcKind::SysvMsg;
        queue.id = 5;
        queue.sizeBytes = 2048;
        queue.queueLimitBytes = 16384;
        const auto gauges = WatchWindow::gaugesOf(queue);
        QCOMPARE(gauges.size(), std::size_t(2));
        QCOMPARE(gauges[1].first, QStringLiteral("capacity (msg_qbytes)"));
        QCOMPARE(gauges[1].second, 16.0);
        QCOMPARE(WatchWindow::valueAxisOf(queue), QStringLiteral("queued (KiB)"));
        IpcObject mq;
        mq.kind = IpcKind::PosixMq;
        mq.name = "/q";
        mq.messages = 3;
        mq.maxMessages = 10;
        QCOMPARE(WatchWindow::gaugesOf(mq).back().second, 10.0);
    }

    void limitsPageShowsPipesAndSockets() {
        LimitsPage page;
        InventoryScanner scanner;
        page.update(scanner.scan());
        QMap<QString, QString> limits;
        for (int r = 0; r < page.table().rowCount(); ++r) {
            limits[page.table().item(r, 0)->text()] = page.table().item(r, 2)->text();
        }
        QCOMPARE(limits.value(QStringLiteral("PIPE_BUF")),
                 QString::fromStdString(formatBytes(4096)));
        QFile f(QStringLiteral("/proc/sys/fs/pipe-max-size"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(limits.value(QStringLiteral("fs.pipe-max-size")),
                 QString::fromStdString(formatBytes(f.readAll().trimmed().toDouble())));
        for (const char* name : {"net.core.rmem_max", "net.core.wmem_max", "net.core.rmem_default",
                                 "net.core.wmem_default"}) {
            QVERIFY2(limits.value(QLatin1String(name)).endsWith(QStringLiteral("B")), name);
        }
        QVERIFY(limits.value(QStringLiteral("net.unix.max_dgram_qlen"))
                    .contains(QStringLiteral("datagram")));
        QVERIFY(limits.value(QStringLiteral("fs.pipe-user-pages-soft"))
                    .contains(QStringLiteral("pages")));
    }

    void limitsPageShowsUsage() {
        LimitsPage page;
        InventoryScanner scanner;
        page.update(scanner.scan());
        QVERIFY(page.table().rowCount() >= 15);
        QCOMPARE(page.table().item(0, 0)->text(), QStringLiteral("MSGMNI"));
        QVERIFY(page.table().cellWidget(0, 3) != nullptr); // a usage bar
    }

    // A dark palette: the custom-painted views take their colours from it (a light background
    // under dark text would be unreadable). The picture is kept for a person to look at when
    // IPCSCOPE_SCREENSHOT_DIR is set.
    void darkPaletteIsFollowed() {
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        const QPalette old = QApplication::palette();
        QApplication::setPalette(dark);
        const auto restore = qScopeGuard([old] { QApplication::setPalette(old); });
        QTemporaryDir runtime;
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        LabPage& lab = window.labPage();
        lab.controller().setLabOptions(labOptions(runtime.path()));
        RunConfig c;
        c.mechanism = Mechanism::SysvMsg;
        c.producers = 2;
        c.consumers = 2;
        c.consumerRate = 200;
        c.durationS = 30;
        QVERIFY(lab.startRun(c));
        QTRY_VERIFY_WITH_TIMEOUT(lab.controller().history().nowS() > 3.0, 20000);
        const QImage shot = window.grab().toImage();
        lab.stopAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!lab.controller().isActive(), 30000);
        if (const QByteArray dir = qgetenv("IPCSCOPE_SCREENSHOT_DIR"); !dir.isEmpty()) {
            shot.save(QString::fromLocal8Bit(dir) + QStringLiteral("/lab-dark.png"));
        }
        // The topology and timeline backgrounds follow the palette's base colour.
        auto* topology = window.findChild<QWidget*>(QStringLiteral("topology"));
        QVERIFY(topology);
        const QImage topo = topology->grab().toImage();
        QCOMPARE(QColor(topo.pixel(2, 2)).lightness() < 80, true);
    }

    void invalidSetupDisablesStart() {
        MainWindow window;
        LabPage& lab = window.labPage();
        RunConfig c;
        c.mechanism = Mechanism::SysvMsg;
        c.messageSize = 100000; // over msgmax
        lab.runPanel().setConfig(c);
        QVERIFY(!lab.runPanel().isValid());
        QVERIFY(lab.runPanel().problem().contains(QStringLiteral("msgmax")));
        QVERIFY(!lab.startAction()->isEnabled());
        c.messageSize = 64;
        lab.runPanel().setConfig(c);
        QVERIFY(lab.runPanel().isValid());
        QVERIFY(lab.startAction()->isEnabled());
    }
};

QTEST_MAIN(TestUi)
#include "tst_ui.moc"
