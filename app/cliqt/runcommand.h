#pragma once

#include <QStringList>

// `ipcscope-cli run MECHANISM ...` (or `run --lesson NAME`) and `ipcscope-cli mechanisms`.
int runRunCommand(const QStringList& args);
int runMechanismsCommand(const QStringList& args);
// `ipcscope-cli lessons`: the Classroom's lessons and pitfalls.
int runLessonsCommand(const QStringList& args);
