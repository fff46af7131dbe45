#pragma once

// The guardian of a run: a small process the lab starts next to its workers, in a session of
// its own. It waits for the lab to go away (end of file on an inherited pipe). If the lab
// cleaned up, the run directory is gone and the guardian just exits; if the lab was killed,
// the guardian removes every object the run's manifest lists, then the run directory.
//
//   ipcscope-worker --guardian RUN_DIR      (fd 3: read end of the lab's lifeline pipe)
int runGuardian(int argc, char** argv);
