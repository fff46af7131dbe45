// Listing speed against util-linux's lsipc, end to end, side by side in one run: N System V
// message queues (0, 1,000 and 10,000), each program started as a process as a user starts it.
// Three comparisons:
//   table    `ipcscope-cli ls --kind sysv-msg`                vs `lsipc -q`
//   columns  the same with lsipc's columns (-o KEY,ID,PERMS,OWNER,USEDBYTES,MSGS,LSPID,LRPID)
//   json     `ipcscope-cli ls --kind sysv-msg --json`         vs `lsipc -q -J`
// Each round runs lsipc, ours and lsipc again (order rotated): ours/lsipc against the mean of
// the two lsipc runs, and lsipc/lsipc, the noise floor of this machine (a ratio inside its
// spread is no difference). Wall time and CPU time (user + system, wait4's rusage: less
// disturbed by other load than wall time) are both reported, as medians with min-max spreads.
// Also: the in-process scan time, and heap allocations of a refresh of an unchanged system
// (counted with a replaced operator new).
//
// The queues are removed by a guardian process (its own session, so a Ctrl-C or a kill of the
// group spares it) when this program ends in any way, SIGKILL included: it is told each id and
// removes them all once the pipe from us reaches end of file.
//
//   bench_inventory [--rounds N]

#include "inventory/inventory.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <spawn.h>
#include <string>
#include <sys/msg.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace {

std::atomic<std::uint64_t> g_allocations{0};

struct Cost {
    double wall = 0; // seconds
    double cpu = 0;  // seconds, user + system
};

Cost costOf(const std::vector<std::string>& argv) {
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
    rusage usage{};
    ::wait4(pid, &status, 0, &usage);
    const auto end = std::chrono::steady_clock::now();
    posix_spawn_file_actions_destroy(&actions);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "bench_inventory: %s failed\n", args[0]);
        std::exit(1);
    }
    const auto seconds = [](const timeval& t) {
        return double(t.tv_sec) + double(t.tv_usec) / 1e6;
    };
    return {std::chrono::duration<double>(end - start).count(),
            seconds(usage.ru_utime) + seconds(usage.ru_stime)};
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// "0.21 (0.18-0.25)"
std::string spread(const std::vector<double>& v) {
    const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    char buf[64];
    std::snprintf(buf, sizeof buf, "%5.2f (%4.2f-%4.2f)", median(v), *lo, *hi);
    return buf;
}

// The guardian: removes every queue id it is sent once we are gone or done.
class Queues {
public:
    Queues() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) {
            std::perror("pipe2");
            std::exit(1);
        }
        m_guardian = ::fork();
        if (m_guardian == 0) {
            ::close(fds[1]);
            ::setsid();
            std::signal(SIGINT, SIG_IGN);
            std::signal(SIGTERM, SIG_IGN);
            std::signal(SIGHUP, SIG_IGN);
            std::vector<int> ids;
            int id = 0;
            while (::read(fds[0], &id, sizeof id) == sizeof id) {
                ids.push_back(id);
            }
            for (int queue : ids) {
                ::msgctl(queue, IPC_RMID, nullptr);
            }
            ::_exit(0);
        }
        ::close(fds[0]);
        m_toGuardian = fds[1];
    }
    ~Queues() {
        ::close(m_toGuardian);
        int status = 0;
        ::waitpid(m_guardian, &status, 0);
    }
    std::size_t size() const { return m_count; }
    bool add() {
        const int id = ::msgget(IPC_PRIVATE, IPC_CREAT | 0600);
        if (id < 0) {
            return false;
        }
        // A write of 4 bytes to a pipe is atomic; the guardian reads as fast as we write.
        if (::write(m_toGuardian, &id, sizeof id) != sizeof id) {
            ::msgctl(id, IPC_RMID, nullptr);
            return false;
        }
        ++m_count;
        return true;
    }

private:
    pid_t m_guardian = -1;
    int m_toGuardian = -1;
    std::size_t m_count = 0;
};

struct Comparison {
    const char* name;
    std::vector<std::string> lsipc;
    std::vector<std::string> ours;
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
    int rounds = 9;
    if (argc == 3 && std::string(argv[1]) == "--rounds") {
        rounds = std::max(1, std::atoi(argv[2]));
    } else if (argc != 1) {
        std::fprintf(stderr, "usage: bench_inventory [--rounds N]\n");
        return 2;
    }
    char self[4096];
    const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    self[n > 0 ? n : 0] = '\0';
    std::string cli(self);
    cli = cli.substr(0, cli.rfind('/')) + "/ipcscope-cli";

    const std::vector<Comparison> comparisons = {
        {"table", {"lsipc", "-q"}, {cli, "ls", "--kind", "sysv-msg"}},
        {"columns",
         {"lsipc", "-q"},
         {cli, "ls", "--kind", "sysv-msg", "-o", "KEY,ID,PERMS,OWNER,USEDBYTES,MSGS,LSPID,LRPID"}},
        {"json", {"lsipc", "-q", "-J"}, {cli, "ls", "--kind", "sysv-msg", "--json"}},
    };
    std::printf("listing System V message queues end to end: ipcscope-cli vs lsipc, %d "
                "interleaved rounds of lsipc, ours, lsipc (order rotated)\n",
                rounds);
    std::printf("ratio = ours / mean of the round's two lsipc runs; noise = second lsipc / first "
                "(the noise floor); median (min-max)\n");
    std::printf("%7s %-8s | %9s %9s %19s %19s | %9s %9s %19s %19s\n", "queues", "output", "lsipc",
                "ours", "wall ratio", "wall noise", "lsipc CPU", "our CPU", "CPU ratio",
                "CPU noise");
    Queues queues;
    for (int target : {0, 1000, 10000}) {
        while (int(queues.size()) < target) {
            if (!queues.add()) {
                std::perror("msgget");
                return 1;
            }
        }
        for (const auto& c : comparisons) {
            std::vector<double> lsipcWall, oursWall, wallRatio, wallNoise, lsipcCpu, oursCpu,
                cpuRatio, cpuNoise;
            for (int r = 0; r < rounds; ++r) {
                Cost a, b, ours;
                for (int k = 0; k < 3; ++k) { // ours first, second or third in turn
                    const int slot = (k + r) % 3;
                    (slot == 0 ? ours : slot == 1 ? a : b) = costOf(slot == 0 ? c.ours : c.lsipc);
                }
                lsipcWall.push_back((a.wall + b.wall) / 2);
                oursWall.push_back(ours.wall);
                wallRatio.push_back(ours.wall / lsipcWall.back());
                wallNoise.push_back(b.wall / a.wall);
                lsipcCpu.push_back((a.cpu + b.cpu) / 2);
                oursCpu.push_back(ours.cpu);
                cpuRatio.push_back(ours.cpu / std::max(lsipcCpu.back(), 1e-6));
                cpuNoise.push_back(b.cpu / std::max(a.cpu, 1e-6));
            }
            std::printf("%7d %-8s | %7.2fms %7.2fms %19s %19s | %7.2fms %7.2fms %19s %19s\n",
                        target, c.name, median(lsipcWall) * 1e3, median(oursWall) * 1e3,
                        spread(wallRatio).c_str(), spread(wallNoise).c_str(),
                        median(lsipcCpu) * 1e3, median(oursCpu) * 1e3, spread(cpuRatio).c_str(),
                        spread(cpuNoise).c_str());
            std::fflush(stdout);
        }
        if (target == 0) {
            continue;
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
        std::printf("%7d in-process scan: %.2f ms, %llu allocations per refresh for %zu objects\n",
                    target, median(scans) * 1e3, static_cast<unsigned long long>(allocations),
                    inventory.objects.size());
    }
    return 0;
}
