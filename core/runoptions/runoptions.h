#pragma once

// The options of a run on a command line, shared by `ipcscope-cli run` and `ipcscope --run`
// so both accept exactly the same words. QtCore only.

#include "base/result.h"
#include "mechanisms/mechanism.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>

namespace ipcscope {

class RunOptions {
public:
    RunOptions();
    // Adds --producers, --consumers, --size, --rate, --consumer-rate, --capacity, --duration,
    // --messages, --types, --receive-type, --raw.
    void addTo(QCommandLineParser& parser) const;
    // Reads them after parsing; `mechanismName` is the positional argument or --run's value.
    // Errors are sentences for the user (bad usage: exit status 2 for the CLI).
    Result<RunConfig> read(const QCommandLineParser& parser, const QString& mechanismName) const;

private:
    QList<QCommandLineOption> m_options;
};

} // namespace ipcscope
