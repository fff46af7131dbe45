#include "inventorycommands.h"

#include <cstdio>

int runLsCommand(const QStringList&) {
    std::fputs("ipcscope-cli: 'ls' is not built yet\n", stderr);
    return 1;
}

int runLimitsCommand(const QStringList&) {
    std::fputs("ipcscope-cli: 'limits' is not built yet\n", stderr);
    return 1;
}

int runRmCommand(const QStringList&) {
    std::fputs("ipcscope-cli: 'rm' is not built yet\n", stderr);
    return 1;
}
