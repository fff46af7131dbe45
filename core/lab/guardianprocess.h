#pragma once

// The lab's side of a run's guardian (app/worker/guardian.h): a process in a session of its own
// that holds the read end of a lifeline pipe. If the lab dies, the lifeline closes with the run
// directory still there, and the guardian removes what the run's manifest lists.

#include "base/result.h"
#include "base/uniquefd.h"

#include <string>
#include <sys/types.h>

namespace ipcscope {

class GuardianProcess {
public:
    GuardianProcess() = default;
    ~GuardianProcess() { stop(); }
    GuardianProcess(const GuardianProcess&) = delete;
    GuardianProcess& operator=(const GuardianProcess&) = delete;

    // Starts `workerPath --guardian runDir labPid`.
    Status start(const std::string& workerPath, const std::string& runDir, pid_t labPid);

    // Closes the lifeline and reaps the guardian. Call it once the run directory is gone: the
    // guardian then finds nothing to clean and exits (it is killed after 2 s if it does not).
    void stop();

    pid_t pid() const { return m_pid; } // 0 when not running

private:
    pid_t m_pid = 0;
    UniqueFd m_pidfd;
    UniqueFd m_lifeline; // write end
};

} // namespace ipcscope
