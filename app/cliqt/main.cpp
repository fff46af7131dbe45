// ipcscope-cli-qt: the commands of ipcscope-cli that need Qt. ipcscope-cli (app/cli, Qt-free)
// answers --help, --version, ls and limits itself and execs this program for the others, with
// the same arguments.

#include "inventorycommands.h"
#include "observecommand.h"
#include "runcommand.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ipcscope-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(IPCSCOPE_VERSION));

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    const QString command = args.isEmpty() ? QString() : args.takeFirst();
    if (command == QLatin1String("run")) {
        return runRunCommand(args);
    }
    if (command == QLatin1String("mechanisms")) {
        return runMechanismsCommand(args);
    }
    if (command == QLatin1String("lessons")) {
        return runLessonsCommand(args);
    }
    if (command == QLatin1String("observe")) {
        return runObserveCommand(args);
    }
    if (command == QLatin1String("rm")) {
        return runRmCommand(args);
    }
    std::fprintf(stderr,
                 "ipcscope-cli-qt: unknown command '%s' (run, mechanisms, lessons, observe, rm; "
                 "the others are ipcscope-cli's)\n",
                 qPrintable(command));
    return 2;
}
