#pragma once

#include "observe/observer.h"

#include <QString>

namespace ipcscope {

// How the Observe page starts ipcscope-probe for exact flow (DESIGN.md §7). The GUI runs as
// the user: as root it starts the probe itself; otherwise through polkit's pkexec, which
// grants org.ipcscope.probe only to the path its policy names, the installed probe
// (<prefix>/libexec/ipcscope/ipcscope-probe). A probe in a build tree is started directly: it
// works when it holds CAP_BPF and CAP_PERFMON (setcap), else `advice` says what to do.
struct ProbeStart {
    ExactFlowMode mode = ExactFlowMode::Off;
    ProbeLauncher launcher = ProbeLauncher::Direct;
    QString probePath; // empty: the Observer looks for it (and says so when it is missing)
    QString advice;    // what to do for exact figures, in words; empty when nothing is missing
};

// `programDir`: where the running program is (QCoreApplication::applicationDirPath()).
ProbeStart probeStart(bool exactFlow, bool root, const QString& programDir);

// Where an installed program's probe is: <programDir>/../libexec/ipcscope/ipcscope-probe.
QString installedProbePath(const QString& programDir);

} // namespace ipcscope
