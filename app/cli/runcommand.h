#pragma once

#include <QStringList>

// `ipcscope-cli run MECHANISM ...` and `ipcscope-cli mechanisms`.
int runRunCommand(const QStringList& args);
int runMechanismsCommand(const QStringList& args);
