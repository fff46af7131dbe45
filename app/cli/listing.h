#pragma once

// `ipcscope-cli ls` and `ipcscope-cli limits` (issue 3, issue 14): the system's IPC objects and
// the kernel's limits, with lsipc's habits (-o COLUMNS, --list-columns, -n, -r, -b,
// --time-format, the same column names where the meaning is the same). Qt-free: these two
// commands are the ones people run in loops and scripts, and QtCore's start-up alone costs
// more than lsipc's whole run.
//
// Each takes the arguments after the command's name and returns the exit status: 0 success,
// 1 failure, 2 bad usage.

#include <string>
#include <vector>

int runLsCommand(const std::vector<std::string>& args);
int runLimitsCommand(const std::vector<std::string>& args);
