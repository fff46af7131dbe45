#pragma once

#include <QStringList>

// `ipcscope-cli observe`: programs ipcscope did not start, sampled from /proc (DESIGN.md §7):
// who holds which channel, who waits in which call on which object and for how long, and the
// wait cycles. Returns the exit status: 0 success, 1 failure, 2 bad usage.
int runObserveCommand(const QStringList& args);
