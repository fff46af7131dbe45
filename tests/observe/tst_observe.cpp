// Observing processes ipcscope did not start: what /proc says a process is doing, read from a
// fixture tree (formats of proc(5)) and from a real child blocked in read(2).

#include "observe/kernelview.h"

#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <fcntl.h>
#include <sys/prctl.h>
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

    void namesTheCallsThatMatterForIpc() {
        QCOMPARE(syscallName(SYS_msgrcv), std::string("msgrcv"));
        QCOMPARE(syscallName(SYS_write), std::string("write"));
        QCOMPARE(syscallName(SYS_futex), std::string("futex"));
        QCOMPARE(syscallName(-1), std::string());
    }
};

QTEST_GUILESS_MAIN(TestObserve)
#include "tst_observe.moc"
