// ipcscope-cli: the command-line face of the ipcscope core (thin client: no IPC logic here).

#include "inventorycommands.h"
#include "observecommand.h"
#include "runcommand.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

namespace {

void printUsage(FILE* out) {
    std::fputs("Usage: ipcscope-cli COMMAND [OPTIONS]\n"
               "\n"
               "Commands:\n"
               "  run MECHANISM   launch real producer/consumer processes over one IPC mechanism\n"
               "  mechanisms      list the mechanisms 'run' accepts\n"
               "  lessons         list the Classroom's lessons (run one: run --lesson NAME)\n"
               "  ls              list the IPC objects on this system\n"
               "  limits          show the kernel's IPC limits and current usage\n"
               "  rm              remove IPC objects safely\n"
               "  observe         watch running programs: channels, waits, deadlocks\n"
               "\n"
               "Run 'ipcscope-cli COMMAND --help' for the options of one command.\n"
               "  -h, --help      show this help\n"
               "  -v, --version   show the version\n",
               out);
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ipcscope-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(IPCSCOPE_VERSION));

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    if (args.isEmpty()) {
        printUsage(stderr);
        return 2;
    }
    const QString command = args.takeFirst();
    if (command == QLatin1String("-h") || command == QLatin1String("--help") ||
        command == QLatin1String("help")) {
        printUsage(stdout);
        return 0;
    }
    if (command == QLatin1String("-v") || command == QLatin1String("--version")) {
        std::printf("ipcscope-cli %s\n", IPCSCOPE_VERSION);
        return 0;
    }
    if (command == QLatin1String("run")) {
        return runRunCommand(args);
    }
    if (command == QLatin1String("mechanisms")) {
        return runMechanismsCommand(args);
    }
    if (command == QLatin1String("lessons")) {
        return runLessonsCommand(args);
    }
    if (command == QLatin1String("ls")) {
        return runLsCommand(args);
    }
    if (command == QLatin1String("limits")) {
        return runLimitsCommand(args);
    }
    if (command == QLatin1String("observe")) {
        return runObserveCommand(args);
    }
    if (command == QLatin1String("rm")) {
        return runRmCommand(args);
    }
    std::fprintf(stderr, "ipcscope-cli: unknown command '%s'\n\n", qPrintable(command));
    printUsage(stderr);
    return 2;
}
