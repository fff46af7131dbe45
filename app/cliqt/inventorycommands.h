#pragma once

#include <QStringList>

// `ipcscope-cli rm`: removes IPC objects safely (issue 3; ls and limits are app/cli's).
// Takes the arguments after the subcommand name and returns the process exit status:
// 0 success, 1 failure, 2 bad usage.
int runRmCommand(const QStringList& args);
