#include "guardian.h"

#include "base/privatedir.h"
#include "mechanisms/manifest.h"

#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <string>
#include <string_view>
#include <unistd.h>

namespace {

constexpr int kLifelineFd = 3;

} // namespace

int runGuardian(int argc, char** argv) {
    pid_t lab = 0;
    const std::string_view labText = argc == 4 ? argv[3] : "";
    if (argc != 4 ||
        std::from_chars(labText.data(), labText.data() + labText.size(), lab).ptr !=
            labText.data() + labText.size() ||
        lab <= 0) {
        std::fputs("ipcscope-worker: usage: --guardian RUN_DIR LAB_PID\n", stderr);
        return 2;
    }
    // A manifest naming any other lab than the one that started us is not ours to act on.
    const std::string runDir = argv[2];
    // Interrupts aimed at the lab's terminal or process group are not for us: our job starts
    // when the lab is gone.
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE}) {
        std::signal(sig, SIG_IGN);
    }
    // Opened and verified now, while the lab that made it is alive; used by descriptor later.
    const auto dir = ipcscope::openPrivateDir(runDir);
    if (!dir) {
        std::fprintf(stderr, "ipcscope guardian: ignoring %s: %s\n", runDir.c_str(),
                     dir.error().message.c_str());
        return 1;
    }
    char byte;
    while (::read(kLifelineFd, &byte, 1) != 0) {
        if (errno != EINTR) {
            break;
        }
    }
    const auto manifest = ipcscope::readRunManifest(dir->get(), runDir);
    if (!manifest) {
        if (manifest.error().errnoValue == ENOENT) {
            return 0; // the lab cleaned up (or never got as far as creating anything)
        }
        std::fprintf(stderr, "ipcscope guardian: ignoring %s\n", manifest.error().message.c_str());
        return 1;
    }
    if (manifest->labPid != lab) {
        std::fprintf(stderr,
                     "ipcscope guardian: ignoring %s: its manifest names lab pid %d, not %d\n",
                     runDir.c_str(), int(manifest->labPid), int(lab));
        return 1;
    }
    // The workers die with the lab (PR_SET_PDEATHSIG); their objects do not.
    const auto cleanup = ipcscope::cleanUpRun(*manifest, dir->get(), runDir);
    for (const auto& problem : manifest->problems) {
        std::fprintf(stderr, "ipcscope guardian: %s\n", problem.c_str());
    }
    for (const auto& r : cleanup.removals) {
        if (r.outcome == ipcscope::ManifestRemoval::Outcome::Skipped) {
            std::fprintf(stderr, "ipcscope guardian: %s\n", r.message.c_str());
        }
    }
    for (const auto& e : cleanup.errors) {
        std::fprintf(stderr, "ipcscope guardian: %s\n", e.c_str());
    }
    return cleanup.errors.empty() ? 0 : 1;
}
