// Stale cleanup (`rm --stale`): the objects of runs whose lab is gone are removed, those of live
// runs are not, and run directories or manifests someone else could have planted (here, in
// private namespaces as another user) remove nothing.

#include "../common/inventoryfixture.h"

using namespace ipcscope;
using namespace inventorytests;
using namespace testsupport;

class TestInventoryStale : public QObject, private InventoryFixture {
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { removeCreated(); }

    // A run directory whose lab is gone: its objects are found and removed; a live run's are not.
    void staleRunsAreCleaned() {
        QTemporaryDir runtime;
        const int queue = makeMarkedQueue();
        QVERIFY(queue >= 0);
        msqid_ds ds{};
        QCOMPARE(::msgctl(queue, IPC_STAT, &ds), 0);
        const int liveQueue = makeMarkedQueue();
        QVERIFY(liveQueue >= 0);
        msqid_ds liveDs{};
        QCOMPARE(::msgctl(liveQueue, IPC_STAT, &liveDs), 0);

        const pid_t dead = deadPid();
        QVERIFY(dead > 0);
        const std::string shmName = "/ipcscope." + std::to_string(dead) + ".1.stale";
        QVERIFY(makeShm(shmName));
        const std::string staleDir =
            runtime.path().toStdString() + "/run-" + std::to_string(dead) + "-1";
        QVERIFY(QDir().mkdir(QString::fromStdString(staleDir)));
        const std::string fifo = staleDir + "/fifo";
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        RunManifest staleManifest;
        staleManifest.labPid = dead;
        staleManifest.labStartTime = 12345;
        staleManifest.objects = {{ObjectKind::SysvMsg, queue, ds.msg_perm.__key, {}},
                                 {ObjectKind::PosixShm, -1, 0, shmName},
                                 {ObjectKind::Fifo, -1, 0, fifo}};
        QVERIFY(writeManifest(staleDir + "/manifest", staleManifest));
        const std::string liveDir =
            runtime.path().toStdString() + "/run-" + std::to_string(::getpid()) + "-1";
        QVERIFY(QDir().mkdir(QString::fromStdString(liveDir)));
        RunManifest liveManifest;
        liveManifest.labPid = ::getpid();
        liveManifest.labStartTime = processStartTime(::getpid()).value();
        liveManifest.objects = {{ObjectKind::SysvMsg, liveQueue, liveDs.msg_perm.__key, {}}};
        QVERIFY(writeManifest(liveDir + "/manifest", liveManifest));

        const StaleReport report = findStale(runtime.path().toStdString(), ownInventory());
        QVERIFY(report.problems.empty());
        QCOMPARE(report.runs.size(), std::size_t(1));
        QCOMPARE(report.runs.front().labPid, dead);
        const StaleCleanup done = removeStale(report);
        QVERIFY(done.errors.empty());
        QCOMPARE(done.removed, std::size_t(3));
        QCOMPARE(done.notRemoved, std::size_t(0));
        QVERIFY(!sysvObjectExists(IpcKind::SysvMsg, queue, ds.msg_perm.__key)); // removed
        QVERIFY(!QFile::exists(QStringLiteral("/dev/shm") + QString::fromStdString(shmName)));
        QVERIFY(!QFileInfo::exists(QString::fromStdString(staleDir)));
        QCOMPARE(::msgctl(liveQueue, IPC_STAT, &liveDs), 0); // the live run's object is untouched
        QVERIFY(QFileInfo::exists(QString::fromStdString(liveDir)));
    }

    // Run directories and manifests someone else could have written are never acted on, and even
    // a trusted manifest removes only what carries ipcscope's mark: each refusal is named, every
    // object is still there afterwards, and nothing is said to be removed.
    void untrustedOrUnmarkedManifestsRemoveNothing() {
        QTemporaryDir runtime;
        const std::string base = runtime.path().toStdString();
        const pid_t dead = deadPid();
        const int marked = makeMarkedQueue();
        const int privateQueue = makeQueue(); // key 0: not an ipcscope key
        QVERIFY(marked >= 0 && privateQueue >= 0);
        msqid_ds markedDs{};
        QCOMPARE(::msgctl(marked, IPC_STAT, &markedDs), 0);
        const std::string foreignShm = posixName("foreign");
        QVERIFY(makeShm(foreignShm));
        const std::string otherLabShm = "/ipcscope." + std::to_string(::getpid()) + ".9.x";
        QVERIFY(makeShm(otherLabShm));
        const std::string outsideFifo = base + "/outside-fifo";
        QCOMPARE(::mkfifo(outsideFifo.c_str(), 0600), 0);

        bool written = true;
        const auto makeRun = [&](const std::string& name, const RunManifest& m) {
            const std::string dir = base + "/" + name;
            written = written && QDir().mkdir(QString::fromStdString(dir)) &&
                      writeManifest(dir + "/manifest", m);
            return dir;
        };
        RunManifest forged;
        forged.labPid = dead;
        forged.objects = {{ObjectKind::SysvMsg, marked, markedDs.msg_perm.__key, {}}};
        const std::string dirRun = "run-" + std::to_string(dead);
        // 1. A run directory others may write.
        const std::string open = makeRun(dirRun + "-1", forged);
        QCOMPARE(::chmod(open.c_str(), 0777), 0);
        // 2. A manifest others may write.
        const std::string openManifest = makeRun(dirRun + "-2", forged);
        QCOMPARE(::chmod((openManifest + "/manifest").c_str(), 0666), 0);
        // 3. A symlink to a run directory.
        const std::string target = makeRun("elsewhere", forged);
        QCOMPARE(::symlink(target.c_str(), (base + "/" + dirRun + "-3").c_str()), 0);
        // 4. A manifest that is a symlink.
        const std::string linked = base + "/" + dirRun + "-4";
        QVERIFY(QDir().mkdir(QString::fromStdString(linked)));
        QCOMPARE(::symlink((target + "/manifest").c_str(), (linked + "/manifest").c_str()), 0);
        // 5. A directory named for another pid than the manifest's lab.
        makeRun("run-" + std::to_string(::getppid()) + "-5", forged);
        QVERIFY(written);
        // 6. A trusted manifest naming what is not ours, and a line that cannot be read.
        const std::string trusted = base + "/" + dirRun + "-6";
        QVERIFY(QDir().mkdir(QString::fromStdString(trusted)));
        writeFile(QString::fromStdString(trusted + "/victim.txt"), "keep me");
        RunManifest unmarked;
        unmarked.labPid = dead;
        unmarked.objects = {
            {ObjectKind::SysvMsg, privateQueue, 0, {}},                                // key 0
            {ObjectKind::SysvMsg, privateQueue, std::int32_t(kSysvKeyPrefix | 7), {}}, // id reused
            {ObjectKind::PosixShm, -1, 0, foreignShm},               // not ipcscope's
            {ObjectKind::PosixShm, -1, 0, otherLabShm},              // another lab's
            {ObjectKind::Fifo, -1, 0, trusted + "/victim.txt"},      // not a FIFO
            {ObjectKind::Fifo, -1, 0, outsideFifo},                  // outside the run
            {ObjectKind::Fifo, -1, 0, trusted + "/../outside-fifo"}, // escapes the run
        };
        writeFile(QString::fromStdString(trusted + "/manifest"),
                  QByteArray::fromStdString(unmarked.serialize() + "object sysv-msg 0 zz\n"));
        QCOMPARE(::chmod((trusted + "/manifest").c_str(), 0600), 0);

        const StaleReport report = findStale(base, ownInventory());
        const auto said = [](const std::vector<std::string>& lines, const std::string& text) {
            return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) {
                return l.find(text) != std::string::npos;
            });
        };
        const auto all = [](const std::vector<std::string>& lines) {
            std::string s;
            for (const auto& l : lines) {
                s += l + "\n";
            }
            return s;
        };
        const std::string problems = all(report.problems);
        QVERIFY2(said(report.problems, open + ": writable by group or others (mode 0777)"),
                 problems.c_str());
        QVERIFY2(said(report.problems, openManifest + "/manifest is writable by group or others"),
                 problems.c_str());
        QVERIFY2(said(report.problems, dirRun + "-3: a symbolic link"), problems.c_str());
        QVERIFY2(said(report.problems, dirRun + "-4/manifest is a symbolic link"),
                 problems.c_str());
        QVERIFY2(said(report.problems, "-5: its manifest names lab pid " + std::to_string(dead)),
                 problems.c_str());
        QVERIFY2(said(report.problems,
                      trusted + "/manifest: manifest line 10: expected 'object KIND ID KEY'"),
                 problems.c_str());
        QCOMPARE(report.runs.size(), std::size_t(1)); // only the trusted one

        const StaleCleanup done = removeStale(report);
        const std::string lines = all(done.lines) + all(done.errors);
        QCOMPARE(done.removed, std::size_t(0));
        // ... and the marked queue, which only untrusted manifests name, is an orphan: reported.
        QCOMPARE(done.notRemoved, unmarked.objects.size() + 1);
        QVERIFY2(std::none_of(done.lines.begin(), done.lines.end(),
                              [](const std::string& l) { return l.starts_with("removed"); }),
                 lines.c_str());
        QVERIFY2(said(done.lines, "not removed: System V message queue " + std::to_string(marked) +
                                      " has an ipcscope key but no run manifest"),
                 lines.c_str());
        QVERIFY2(said(done.lines, "skipped: sysv-msg " + std::to_string(privateQueue) +
                                      " has key 0x00000000, not an ipcscope key"),
                 lines.c_str());
        QVERIFY2(said(done.lines, "skipped: sysv-msg " + std::to_string(privateQueue) +
                                      " is not the object the run created (key 0x00000000 ≠ " +
                                      formatSysvKey(std::int32_t(kSysvKeyPrefix | 7)) + ")"),
                 lines.c_str());
        QVERIFY2(said(done.lines, "skipped: posix-shm " + foreignShm + " is not named /ipcscope."),
                 lines.c_str());
        QVERIFY2(said(done.lines, "skipped: posix-shm " + otherLabShm + " is not named"),
                 lines.c_str());
        QVERIFY2(said(done.lines, "skipped: fifo " + trusted + "/victim.txt is not a FIFO"),
                 lines.c_str());
        QVERIFY2(said(done.lines, "skipped: fifo " + outsideFifo + " is not inside the run"),
                 lines.c_str());
        QVERIFY2(said(done.lines, "kept " + trusted), lines.c_str());

        // Everything is still there.
        QCOMPARE(::msgctl(marked, IPC_STAT, &markedDs), 0);
        msqid_ds ds{};
        QCOMPARE(::msgctl(privateQueue, IPC_STAT, &ds), 0);
        QVERIFY(QFile::exists(QStringLiteral("/dev/shm") + QString::fromStdString(foreignShm)));
        QVERIFY(QFile::exists(QStringLiteral("/dev/shm") + QString::fromStdString(otherLabShm)));
        QVERIFY(QFile::exists(QString::fromStdString(trusted + "/victim.txt")));
        struct stat st {};
        QVERIFY(::lstat(outsideFifo.c_str(), &st) == 0 && S_ISFIFO(st.st_mode));
        QVERIFY(QFile::exists(QString::fromStdString(target + "/manifest")));
        ::chmod(open.c_str(), 0700); // so QTemporaryDir can remove it
    }

    // The reported attack: another user plants a run directory and manifest where root's runs
    // would go (/tmp/ipcscope-0, root has no XDG_RUNTIME_DIR), naming root's files and a queue
    // made by ipcmk. In private IPC and mount namespaces (tmpfs over /tmp and /dev/shm, a fresh
    // mqueue), with an unused uid as the attacker, so nothing of the machine's is at stake.
    void plantedManifestsRemoveNothing() {
        if (::geteuid() != 0) {
            QSKIP("needs root: it acts as another user (setpriv) in private namespaces (unshare)");
        }
        for (const char* tool : {"unshare", "setpriv", "ipcmk", "ipcs"}) {
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty()) {
                QSKIP("util-linux tools are missing");
            }
        }
        uid_t attacker = 64123;
        while (::getpwuid(attacker)) {
            ++attacker;
        }
        const QString script = QStringLiteral(R"(
set -u
# The build may itself live under /tmp: keep its binaries reachable through a bind mount on a
# private tmpfs elsewhere before /tmp is covered.
stage=
for d in /mnt /media /srv /opt; do [ -d "$d" ] && stage=$d && break; done
[ -n "$stage" ] && mount -t tmpfs tmpfs "$stage" && mkdir "$stage/bin" &&
    mount --bind "$BIN" "$stage/bin" || exit 89
CLI=$stage/bin/ipcscope-cli
mount -t tmpfs -o mode=1777 tmpfs /tmp && mount -t tmpfs -o mode=1777 tmpfs /dev/shm &&
    mount -t mqueue none /dev/mqueue || exit 90
qid=$(ipcmk -Q | awk '{print $NF}')
key=$(ipcs -q | awk -v id="$qid" '$2 == id { print $1 }')
echo secret > /tmp/victim.txt
: > /dev/shm/rootshm
manifest="ipcscope-manifest 1
lab 99999 0
object sysv-msg 0 0x00000000
object sysv-msg $qid $key
object posix-shm /rootshm
object fifo /tmp/victim.txt"
report() {
    echo "rc=$1"
    test -f /tmp/victim.txt && echo kept:victim
    test -e /dev/shm/rootshm && echo kept:rootshm
    ipcs -q | grep -q "^$key " && echo kept:queue
}
echo "== planted"
setpriv --reuid $ATTACKER --regid $ATTACKER --clear-groups sh -c     "mkdir -p /tmp/ipcscope-0/run-99999-1 && echo "\$0" > /tmp/ipcscope-0/run-99999-1/manifest"     "$manifest" || exit 91
env -u XDG_RUNTIME_DIR "$CLI" rm --stale 2>&1; report $?
env -u XDG_RUNTIME_DIR "$CLI" run pipe --duration 0.1 --quiet 2>&1; echo "run-rc=$?"
echo "== own"
rm -rf /tmp/ipcscope-0 && mkdir -m 700 /tmp/ipcscope-0 /tmp/ipcscope-0/run-99999-1 &&
    echo "$manifest" > /tmp/ipcscope-0/run-99999-1/manifest && chmod 600 /tmp/ipcscope-0/run-99999-1/manifest
env -u XDG_RUNTIME_DIR "$CLI" rm --stale 2>&1; report $?
)");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BIN"), QCoreApplication::applicationDirPath());
        env.insert(QStringLiteral("ATTACKER"), QString::number(attacker));
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral("unshare"),
                {QStringLiteral("--ipc"), QStringLiteral("--mount"),
                 QStringLiteral("--propagation"), QStringLiteral("private"),
                 QStringLiteral("--fork"), QStringLiteral("sh"), QStringLiteral("-c"), script});
        QVERIFY(p.waitForFinished(60000));
        const QString out = QString::fromUtf8(p.readAll());
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, qPrintable(out));
        const QString planted = out.section(QStringLiteral("== own"), 0, 0);
        const QString own = out.section(QStringLiteral("== own"), 1);
        const QString owner = QStringLiteral("owned by uid %1, not by you (uid 0)").arg(attacker);
        QVERIFY2(planted.contains(QStringLiteral("ignoring /tmp/ipcscope-0: ") + owner),
                 qPrintable(out));
        QVERIFY2(planted.contains(QStringLiteral("/tmp/ipcscope-0 is ") + owner +
                                  QStringLiteral("; refusing to use it")),
                 qPrintable(out));
        QVERIFY2(planted.contains(QStringLiteral("run-rc=1")), qPrintable(out));
        QVERIFY2(!own.contains(QStringLiteral("\nremoved")) &&
                     !own.startsWith(QStringLiteral("removed")),
                 qPrintable(out));
        QVERIFY2(
            own.contains(QStringLiteral("has key 0x00000000, not an ipcscope key")) &&
                own.contains(QStringLiteral("posix-shm /rootshm is not named /ipcscope.99999.")) &&
                own.contains(QStringLiteral("fifo /tmp/victim.txt is not inside the run")),
            qPrintable(out));
        for (const QString& part : {planted, own}) {
            QVERIFY2(part.contains(QStringLiteral("rc=1")) &&
                         part.contains(QStringLiteral("kept:victim")) &&
                         part.contains(QStringLiteral("kept:rootshm")) &&
                         part.contains(QStringLiteral("kept:queue")),
                     qPrintable(out));
        }
    }
};

QTEST_GUILESS_MAIN(TestInventoryStale)
#include "tst_inventorystale.moc"
