#pragma once

#include <QStringList>

// `ipcscope-cli ls | limits | rm`: the system IPC inventory (issue 3).
// Each takes the arguments after the subcommand name and returns the process exit status:
// 0 success, 1 failure, 2 bad usage.
int runLsCommand(const QStringList& args);
int runLimitsCommand(const QStringList& args);
int runRmCommand(const QStringList& args);
