#pragma once

// The options of a run on a command line, shared by `ipcscope-cli run` and `ipcscope --run`
// so both accept exactly the same words. QtCore only.

#include "base/result.h"
#include "mechanisms/mechanism.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>

#include <optional>

namespace ipcscope {

class RunOptions {
public:
    RunOptions();
    // Adds --producers, --consumers, --size, --rate, --consumer-rate, --capacity, --duration,
    // --messages, --types, --receive-type, --raw.
    void addTo(QCommandLineParser& parser) const;
    // Reads them after parsing; `mechanismName` is the positional argument or --run's value.
    // Errors are sentences for the user (bad usage: exit status 2 for the CLI): a number out of
    // range, an option given twice, an option that does not apply to the mechanism.
    Result<RunConfig> read(const QCommandLineParser& parser, const QString& mechanismName) const;
    // The first of these options on the command line ("--producers"), if any: for refusing them
    // where no run is configured from them (a lesson sets its own).
    std::optional<QString> firstSet(const QCommandLineParser& parser) const;

private:
    QList<QCommandLineOption> m_options;
};

// QCommandLineParser keeps the last of repeated values without a word: refuse any option given
// more than once ("--rate is given twice; give each option once").
// Options named in `repeatable` are meant to be given several times (ls --kind).
Status refuseRepeatedOptions(const QCommandLineParser& parser, const QStringList& repeatable = {});

} // namespace ipcscope
