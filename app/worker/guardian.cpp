#include "guardian.h"

#include "mechanisms/manifest.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <string>
#include <unistd.h>

namespace {

constexpr int kLifelineFd = 3;

} // namespace

int runGuardian(int argc, char** argv) {
    if (argc != 3) {
        std::fputs("ipcscope-worker: usage: --guardian RUN_DIR\n", stderr);
        return 2;
    }
    const std::string runDir = argv[2];
    // Interrupts aimed at the lab's terminal or process group are not for us: our job starts
    // when the lab is gone.
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE}) {
        std::signal(sig, SIG_IGN);
    }
    char byte;
    while (::read(kLifelineFd, &byte, 1) != 0) {
        if (errno != EINTR) {
            break;
        }
    }
    const std::string manifestPath = runDir + "/manifest";
    const auto manifest = ipcscope::readManifest(manifestPath);
    if (!manifest) {
        return 0; // the lab cleaned up (or never got as far as creating anything)
    }
    // The workers die with the lab (PR_SET_PDEATHSIG); their objects do not.
    int failures = 0;
    for (const auto& object : manifest->objects) {
        if (const auto status = ipcscope::removeManifestObject(object); !status) {
            std::fprintf(stderr, "ipcscope guardian: %s\n", status.error().message.c_str());
            ++failures;
        }
    }
    if (failures == 0) {
        ::unlink(manifestPath.c_str());
        ::rmdir(runDir.c_str());
    }
    return failures == 0 ? 0 : 1;
}
