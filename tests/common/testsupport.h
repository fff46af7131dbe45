#pragma once

// Shared helpers for the QtTest suites (header-only: tests link libraries, never sources).

#include "base/privatedir.h"
#include "lab/run.h"
#include "mechanisms/manifest.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTest>

#include <csignal>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace testsupport {

inline QString workerPath() {
    return QCoreApplication::applicationDirPath() + QStringLiteral("/ipcscope-worker");
}

inline QString cliPath() {
    return QCoreApplication::applicationDirPath() + QStringLiteral("/ipcscope-cli");
}

// The lab's options for a test: our worker, and the run directories in `runtimeDir` (a
// temporary one) where given.
inline ipcscope::LabOptions labOptions(const QString& runtimeDir = {}) {
    ipcscope::LabOptions o;
    o.workerPath = workerPath().toStdString();
    if (!runtimeDir.isEmpty()) {
        o.runtimeDir = runtimeDir.toStdString();
    }
    return o;
}

// Settings (QSettings) of this test, in a test location, starting empty: never the user's.
inline void useTestSettings() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ipcscope-tests"));
    QSettings().clear();
}

// The manifest in run directory `dir`, read with the checks the guardian and rm --stale apply.
inline ipcscope::Result<ipcscope::RunManifest> readManifestIn(const std::string& dir) {
    auto fd = ipcscope::openPrivateDir(dir);
    if (!fd) {
        return fd.error();
    }
    return ipcscope::readRunManifest(fd->get(), dir);
}

// Polls `condition` every few milliseconds until it holds or the deadline passes.
inline bool waitUntil(const std::function<bool()>& condition, int timeoutMs = 10000) {
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired()) {
            return condition();
        }
        QTest::qWait(10);
    }
    return true;
}

// Samples a run until it finishes (or the deadline passes); returns the frames seen.
inline bool runToEnd(ipcscope::Run& run, int timeoutMs = 60000,
                     const std::function<void(const ipcscope::Frame&)>& onFrame = {}) {
    return waitUntil(
        [&] {
            const ipcscope::Frame f = run.sample();
            if (onFrame) {
                onFrame(f);
            }
            return run.finished();
        },
        timeoutMs);
}

// Is this exact System V object (id with this key) still in /proc/sysvipc?
inline bool sysvObjectExists(ipcscope::ObjectKind kind, int id, std::int32_t key) {
    const char* file = kind == ipcscope::ObjectKind::SysvMsg   ? "/proc/sysvipc/msg"
                       : kind == ipcscope::ObjectKind::SysvShm ? "/proc/sysvipc/shm"
                                                               : "/proc/sysvipc/sem";
    std::ifstream in(file);
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        long long k = 0;
        int objId = -1;
        fields >> k >> objId;
        if (objId == id && std::int32_t(k) == key) {
            return true;
        }
    }
    return false;
}

inline bool objectExists(const ipcscope::ManifestObject& o) {
    using ipcscope::ObjectKind;
    switch (o.kind) {
    case ObjectKind::SysvMsg:
    case ObjectKind::SysvShm:
    case ObjectKind::SysvSem:
        return sysvObjectExists(o.kind, o.id, o.key);
    case ObjectKind::PosixMq:
        return QFile::exists(QStringLiteral("/dev/mqueue") + QString::fromStdString(o.name));
    case ObjectKind::PosixShm:
        return QFile::exists(QStringLiteral("/dev/shm") + QString::fromStdString(o.name));
    case ObjectKind::PosixSem:
        return QFile::exists(QStringLiteral("/dev/shm/sem.") +
                             QString::fromStdString(o.name).mid(1));
    case ObjectKind::Fifo:
        return QFile::exists(QString::fromStdString(o.name));
    case ObjectKind::Pipe:
    case ObjectKind::UnixStream:
    case ObjectKind::UnixDgram:
    case ObjectKind::UnixSeqpacket:
        break; // never in a manifest
    }
    return false;
}

// A process we started is gone: reaped, or never ours and absent.
inline bool processGone(pid_t pid) {
    if (pid <= 0) {
        return true;
    }
    int status;
    ::waitpid(pid, &status, WNOHANG); // reap if it is (or became, as a subreaper) our child
    if (::kill(pid, 0) != 0 && errno == ESRCH) {
        return true;
    }
    // A zombie that is not ours to reap has still stopped running.
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(in, line);
    const auto close = line.rfind(')');
    return close != std::string::npos && close + 2 < line.size() && line[close + 2] == 'Z';
}

// Everything the run created is gone: objects, run directory, workers, guardian.
inline QStringList leftoversOf(const std::vector<ipcscope::ManifestObject>& objects,
                               const std::string& runDir, const std::vector<pid_t>& pids) {
    QStringList left;
    for (const auto& o : objects) {
        if (objectExists(o)) {
            left << QStringLiteral("%1 %2 %3")
                        .arg(QString::fromUtf8(ipcscope::ipcKindName(o.kind).data()))
                        .arg(o.id)
                        .arg(QString::fromStdString(o.name));
        }
    }
    if (!runDir.empty() && QFileInfo::exists(QString::fromStdString(runDir))) {
        left << QStringLiteral("run directory ") + QString::fromStdString(runDir);
    }
    for (pid_t pid : pids) {
        if (!processGone(pid)) {
            left << QStringLiteral("process %1").arg(pid);
        }
    }
    return left;
}

// What is still left of a run once it has had `timeoutMs` to go (empty as soon as nothing is).
inline QStringList leftoversAfterWait(const std::vector<ipcscope::ManifestObject>& objects,
                                      const std::string& runDir, const std::vector<pid_t>& pids,
                                      int timeoutMs = 10000) {
    QStringList left;
    waitUntil(
        [&] {
            left = leftoversOf(objects, runDir, pids);
            return left.isEmpty();
        },
        timeoutMs);
    return left;
}

// Reads /proc/PID/stat field 4 (ppid).
inline pid_t parentOf(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(in, line);
    const auto close = line.rfind(')');
    if (close == std::string::npos) {
        return 0;
    }
    std::istringstream rest(line.substr(close + 2));
    char state;
    pid_t ppid = 0;
    rest >> state >> ppid;
    return ppid;
}

inline std::vector<pid_t> childrenOf(pid_t parent) {
    std::vector<pid_t> out;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString& e : entries) {
        bool ok = false;
        const pid_t pid = e.toInt(&ok);
        if (ok && parentOf(pid) == parent) {
            out.push_back(pid);
        }
    }
    return out;
}

} // namespace testsupport
