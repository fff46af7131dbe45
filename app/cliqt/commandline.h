#pragma once

// What every `ipcscope-cli` subcommand does with its arguments before its own work: parse them,
// refuse an option given twice, answer --help. Bad usage is exit status 2.

#include <QCommandLineParser>
#include <QStringList>

// Prints "ipcscope-cli COMMAND: MESSAGE" on standard error; returns 2, the bad-usage status.
int usage(const char* command, const QString& message);

// Parses `args` (what follows the subcommand's name) with `parser`, and refuses an option given
// twice unless it is `repeatable`. False after saying what is wrong, as usage() does.
bool parseArguments(QCommandLineParser& parser, const char* command, const QStringList& args,
                    const QStringList& repeatable = {});

// With --help: prints the help text, its usage line naming "ipcscope-cli COMMAND", on standard
// output and returns true.
bool printHelpIfAsked(const QCommandLineParser& parser, const char* command);
