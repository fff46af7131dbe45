#include "observe/probelaunch.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <sys/xattr.h>

#ifndef IPCSCOPE_PROBE_RELATIVE
#define IPCSCOPE_PROBE_RELATIVE "../libexec/ipcscope/ipcscope-probe"
#endif

namespace ipcscope {

namespace {

bool isExecutable(const QString& path) {
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}

// File capabilities (setcap) live in this extended attribute; whether they are the right ones
// the probe says when it starts.
bool hasFileCapabilities(const QString& path) {
    return ::getxattr(QFile::encodeName(path).constData(), "security.capability", nullptr, 0) > 0;
}

} // namespace

QString installedProbePath(const QString& programDir) {
    return QDir::cleanPath(
        QDir(programDir).absoluteFilePath(QStringLiteral(IPCSCOPE_PROBE_RELATIVE)));
}

ProbeStart probeStart(bool exactFlow, bool root, const QString& programDir) {
    ProbeStart s;
    if (!exactFlow) {
        return s;
    }
    s.mode = ExactFlowMode::Auto; // the /proc tier goes on when the probe cannot start
    const QString installed = installedProbePath(programDir);
    const QString built =
        QDir::cleanPath(QDir(programDir).absoluteFilePath(QStringLiteral("ipcscope-probe")));
    if (root) {
        s.probePath = isExecutable(built) ? built : isExecutable(installed) ? installed : QString();
        return s;
    }
    if (isExecutable(installed)) {
        // pkexec compares this very path with the policy's: no symbolic links resolved.
        s.launcher = ProbeLauncher::Pkexec;
        s.probePath = installed;
        return s;
    }
    if (isExecutable(built)) {
        s.probePath = built;
        if (!hasFileCapabilities(built)) {
            s.advice =
                QCoreApplication::translate(
                    "ipcscope::ProbeLaunch",
                    "This ipcscope runs from a build tree, where polkit cannot start its probe "
                    "(polkit allows only the installed one). For exact flow, run ipcscope as "
                    "root, or give this build's probe the rights once: sudo setcap "
                    "cap_bpf,cap_perfmon+ep %1 (or install ipcscope with cmake --install).")
                    .arg(built);
        }
        return s;
    }
    s.advice = QCoreApplication::translate(
        "ipcscope::ProbeLaunch",
        "ipcscope-probe is not installed with this ipcscope (it is built where clang, "
        "bpftool, libbpf-dev and the kernel's BTF are there): only estimates.");
    return s;
}

} // namespace ipcscope
