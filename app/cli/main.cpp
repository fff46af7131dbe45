// ipcscope-cli: the command-line face of the ipcscope core (thin client: no IPC logic here).
// Qt-free: `ls` and `limits` run here and start as fast as lsipc; the commands that need Qt are
// ipcscope-cli-qt's (app/cliqt), which this program becomes with the same arguments.

#include "listing.h"

#include "lab/spawn.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

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
               "  -V, --version   show the version (also -v)\n",
               out);
}

} // namespace

int main(int argc, char* argv[]) {
    if (argc < 2) {
        printUsage(stderr);
        return 2;
    }
    const std::string_view command = argv[1];
    if (command == "-h" || command == "--help" || command == "help") {
        printUsage(stdout);
        return 0;
    }
    if (command == "-V" || command == "-v" || command == "--version") {
        std::printf("ipcscope-cli %s\n", IPCSCOPE_VERSION);
        return 0;
    }
    const std::vector<std::string> args(argv + 2, argv + argc);
    if (command == "ls") {
        return runLsCommand(args);
    }
    if (command == "limits") {
        return runLimitsCommand(args);
    }
    for (std::string_view qtCommand : {"run", "mechanisms", "lessons", "rm", "observe"}) {
        if (command != qtCommand) {
            continue;
        }
        std::fflush(stdout);
        const auto program = ipcscope::findHelperExecutable("ipcscope-cli-qt");
        if (!program) {
            std::fprintf(stderr, "ipcscope-cli: %s\n", program.error().message.c_str());
            return 1;
        }
        ::execv(program->c_str(), argv);
        std::fprintf(stderr, "ipcscope-cli: cannot run %s: %s\n", program->c_str(),
                     std::strerror(errno));
        return 1;
    }
    std::fprintf(stderr, "ipcscope-cli: unknown command '%s'\n\n", argv[1]);
    printUsage(stderr);
    return 2;
}
