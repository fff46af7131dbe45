#pragma once

#include "base/result.h"

#include <string>
#include <sys/types.h>
#include <vector>

namespace ipcscope {

struct SpawnRequest {
    std::string path;              // absolute path of the executable; never looked up in PATH
    std::vector<std::string> args; // argv[1..]
    std::vector<int> fds;      // placed at 3, 4, 5, ... in the child; all others are closed on exec
    bool dieWithParent = true; // PR_SET_PDEATHSIG(SIGKILL)
    bool newSession = false;   // setsid(): out of reach of signals sent to the lab's group
    // Descriptors to become the child's stdin, stdout and stderr (-1: inherited).
    int stdinFd = -1;
    int stdoutFd = -1;
    int stderrFd = -1;
};

// fork + exec with only async-signal-safe calls in the child. Reports exec failures (missing
// or non-executable binary) as errors in the parent.
Result<pid_t> spawnProcess(const SpawnRequest& request);

// Path of one of ipcscope's helper programs (ipcscope-worker, ipcscope-probe): next to the
// running executable, else in the install's libexec.
Result<std::string> findHelperExecutable(const std::string& name);
// findHelperExecutable("ipcscope-worker").
Result<std::string> findWorkerExecutable();

} // namespace ipcscope
