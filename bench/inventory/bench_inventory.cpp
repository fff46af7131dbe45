// Listing speed against util-linux's lsipc, side by side in one run: N System V message queues
// (1k and 10k), `ipcscope-cli ls --kind sysv-msg --json` vs `lsipc -q --json`, interleaved, both
// as processes. Also: the in-process scan time, and heap allocations of a refresh of an
// unchanged system (counted with a replaced operator new).
//
//   bench_inventory [--rounds N]

#include "inventory/inventory.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <new>
#include <spawn.h>
#include <string>
#include <sys/msg.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace {

std::atomic<std::uint64_t> g_allocations{0};

double secondsOf(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const auto& a : argv) {
        args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    const auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    if (posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ) != 0) {
        std::fprintf(stderr, "bench_inventory: cannot run %s\n", args[0]);
        std::exit(1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    posix_spawn_file_actions_destroy(&actions);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "bench_inventory: %s failed\n", args[0]);
        std::exit(1);
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Queues created by this benchmark, removed on every way out.
struct Queues {
    std::vector<int> ids;
    ~Queues() {
        for (int id : ids) {
            msgctl(id, IPC_RMID, nullptr);
        }
    }
};

} // namespace

void* operator new(std::size_t size) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size ? size : 1)) {
        return p;
    }
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}

int main(int argc, char** argv) {
    int rounds = 7;
    if (argc == 3 && std::string(argv[1]) == "--rounds") {
        rounds = std::max(1, std::atoi(argv[2]));
    }
    char self[4096];
    const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    self[n > 0 ? n : 0] = '\0';
    std::string cli(self);
    cli = cli.substr(0, cli.rfind('/')) + "/ipcscope-cli";

    Queues queues;
    // Each program's fixed cost (exec, dynamic loading, Qt start-up for ours), measured in the same
    // run with no queues, so that the listing work itself can be compared as well.
    std::vector<double> lsipcEmpty, oursEmpty;
    for (int r = 0; r < rounds; ++r) {
        lsipcEmpty.push_back(secondsOf({"lsipc", "-q", "--json"}));
        oursEmpty.push_back(secondsOf({cli, "ls", "--kind", "sysv-msg", "--json"}));
    }
    std::printf("listing System V message queues: ipcscope vs lsipc, %d interleaved rounds\n",
                rounds);
    std::printf("fixed cost with no queues: lsipc %.2f ms, ipcscope-cli %.2f ms\n",
                median(lsipcEmpty) * 1e3, median(oursEmpty) * 1e3);
    std::printf("%8s | %9s %9s %6s | %10s %9s %6s | %s\n", "queues", "lsipc", "ours", "ratio",
                "lsipc work", "our scan", "ratio", "allocations per refresh");
    for (int target : {1000, 10000}) {
        while (int(queues.ids.size()) < target) {
            const int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
            if (id < 0) {
                std::perror("msgget");
                return 1;
            }
            queues.ids.push_back(id);
        }
        std::vector<double> ours, theirs;
        for (int r = 0; r < rounds; ++r) {
            // Alternate the order so neither side always runs on a warm cache.
            if (r % 2 == 0) {
                theirs.push_back(secondsOf({"lsipc", "-q", "--json"}));
                ours.push_back(secondsOf({cli, "ls", "--kind", "sysv-msg", "--json"}));
            } else {
                ours.push_back(secondsOf({cli, "ls", "--kind", "sysv-msg", "--json"}));
                theirs.push_back(secondsOf({"lsipc", "-q", "--json"}));
            }
        }
        ipcscope::InventoryOptions options;
        options.kinds = {ipcscope::IpcKind::SysvMsg};
        options.details = false; // the same facts lsipc shows: no per-object system call
        ipcscope::InventoryScanner scanner(options);
        ipcscope::Inventory inventory;
        scanner.scan(inventory); // warm: buffers and name cache sized
        std::vector<double> scans;
        std::uint64_t allocations = 0;
        for (int r = 0; r < rounds; ++r) {
            const std::uint64_t before = g_allocations.load();
            const auto start = std::chrono::steady_clock::now();
            scanner.scan(inventory);
            scans.push_back(
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
            allocations = g_allocations.load() - before;
        }
        const double lsipcWork = median(theirs) - median(lsipcEmpty);
        std::printf("%8d | %7.2fms %7.2fms %6.2f | %8.2fms %7.2fms %6.2f | %llu for %zu objects\n",
                    target, median(theirs) * 1e3, median(ours) * 1e3, median(ours) / median(theirs),
                    lsipcWork * 1e3, median(scans) * 1e3, median(scans) / lsipcWork,
                    static_cast<unsigned long long>(allocations), inventory.objects.size());
    }
    return 0;
}
