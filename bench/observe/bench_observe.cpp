// The Observer's cost and reaction time (issue 11): 200 real processes (pipe pairs: a reader
// and a writer each), half of the pairs stuck for good, half where the writer wakes its reader
// now and then; observed at 10 Hz. Prints
//   - the observer's CPU time (user + system of this process, which does nothing else) as a
//     share of one core (target: at most 3 %);
//   - the latency from a reader starting to wait (it stamps CLOCK_MONOTONIC into a shared page
//     just before read(2)) to the first frame showing it blocked in read, in sample intervals,
//     p50 and p99 (target: p99 at most 2).
//
//   bench_observe [--seconds S] [--pairs N] [--interval MS]

#include "observe/observer.h"

#include "base/clock.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace ipcscope;

namespace {

// One reader's latest wait, written by the reader, read by the benchmark.
struct WaitStamp {
    std::atomic<std::uint64_t> startNs;    // when it was about to call read(2)
    std::atomic<std::uint64_t> generation; // bumped with each new wait
};

void sleepNs(std::uint64_t ns) {
    timespec ts{time_t(ns / 1'000'000'000u), long(ns % 1'000'000'000u)};
    while (::nanosleep(&ts, &ts) != 0) {
    }
}

pid_t forkChild(pid_t parent) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) {
            ::_exit(0);
        }
    }
    return pid;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) {
        return 0;
    }
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(p / 100.0 * double(v.size())))];
}

double toSeconds(const timeval& t) {
    return double(t.tv_sec) + double(t.tv_usec) / 1e6;
}

double cpuSeconds() {
    rusage ru{};
    ::getrusage(RUSAGE_SELF, &ru);
    return toSeconds(ru.ru_utime) + toSeconds(ru.ru_stime);
}

double systemCpuSeconds() { // in the kernel: mostly formatting the /proc files read
    rusage ru{};
    ::getrusage(RUSAGE_SELF, &ru);
    return toSeconds(ru.ru_stime);
}

} // namespace

int main(int argc, char** argv) {
    double seconds = 10;
    int pairs = 100;
    int intervalMs = 100;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--seconds")) {
            seconds = std::atof(argv[i + 1]);
        } else if (!std::strcmp(argv[i], "--pairs")) {
            pairs = std::atoi(argv[i + 1]);
        } else if (!std::strcmp(argv[i], "--interval")) {
            intervalMs = std::atoi(argv[i + 1]);
        } else {
            std::fprintf(stderr,
                         "usage: bench_observe [--seconds S] [--pairs N] [--interval MS]\n");
            return 2;
        }
    }
    if (!(seconds > 0) || pairs < 1 || pairs > 2000 || intervalMs < 10) {
        std::fprintf(stderr, "bench_observe: bad arguments\n");
        return 2;
    }

    void* page = ::mmap(nullptr, sizeof(WaitStamp) * std::size_t(pairs), PROT_READ | PROT_WRITE,
                        MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) {
        std::perror("bench_observe: mmap");
        return 1;
    }
    auto* stamps = new (page) WaitStamp[std::size_t(pairs)];
    const pid_t self = ::getpid();
    std::vector<pid_t> children;
    std::map<pid_t, int> readerSlot; // pid → its stamp
    for (int i = 0; i < pairs; ++i) {
        int fds[2];
        if (::pipe(fds) != 0) {
            std::perror("bench_observe: pipe");
            return 1;
        }
        const bool active = i % 2 == 0; // the other half stays stuck
        const pid_t reader = forkChild(self);
        if (reader == 0) {
            ::close(fds[1]);
            char byte;
            for (;;) {
                stamps[i].startNs.store(monotonicNs());
                stamps[i].generation.fetch_add(1);
                if (::read(fds[0], &byte, 1) <= 0) {
                    ::_exit(0);
                }
            }
        }
        const pid_t writer = forkChild(self);
        if (writer == 0) {
            ::close(fds[0]);
            std::srand(unsigned(::getpid()));
            for (;;) {
                // Active: a byte every 0.2 to 0.7 s, at no fixed phase to the samples.
                sleepNs(active ? 200'000'000u + std::uint64_t(std::rand() % 500) * 1'000'000u
                               : 3600'000'000'000u);
                if (::write(fds[1], "x", 1) != 1) {
                    ::_exit(0);
                }
            }
        }
        ::close(fds[0]);
        ::close(fds[1]);
        children.push_back(reader);
        children.push_back(writer);
        readerSlot[reader] = i;
    }

    ObserveOptions options;
    options.selection.pids = children;
    options.interval = std::chrono::milliseconds(intervalMs);
    Observer observer(options);
    const std::uint64_t intervalNs = std::uint64_t(intervalMs) * 1'000'000u;

    std::vector<std::uint64_t> seenGeneration(std::size_t(pairs), 0);
    std::vector<double> latencies; // in intervals
    std::vector<double> sampleMs;
    std::size_t samples = 0;
    std::size_t channels = 0;
    // The first sample reads every process in full (descriptors, mappings, threads); later ones
    // read each thread's call and state, and each process in full every few seconds. The CPU
    // share is measured over the later ones; the first is timed apart.
    const double firstCpu = cpuSeconds();
    const std::uint64_t firstStart = monotonicNs();
    observer.sample();
    const double firstCpuS = cpuSeconds() - firstCpu;
    const double firstS = double(monotonicNs() - firstStart) / 1e9;
    const double cpuStart = cpuSeconds();
    const double systemStart = systemCpuSeconds();
    const std::uint64_t start = monotonicNs();
    std::uint64_t next = start;
    // Sampled into one Observation and one Frame, as the CLI does: their storage is reused.
    Observation observation;
    Frame frame;
    while (monotonicNs() - start < std::uint64_t(seconds * 1e9)) {
        const std::uint64_t before = monotonicNs();
        observer.sample(observation);
        observationFrame(observation, frame);
        const std::uint64_t shown = monotonicNs(); // when the frame exists
        sampleMs.push_back(double(shown - before) / 1e6);
        ++samples;
        channels = frame.channels.size();
        for (const auto& p : frame.processes) {
            const auto slot = readerSlot.find(p.pid);
            if (slot == readerSlot.end() || p.state != WorkerState::Blocked ||
                p.call != CallKind::Read) {
                continue;
            }
            WaitStamp& s = stamps[slot->second];
            const std::uint64_t generation = s.generation.load();
            const std::uint64_t startNs = s.startNs.load();
            // A stamp written during the sample may belong to a wait /proc did not show yet: it
            // counts from the next sample on (which can only overstate the latency).
            if (generation != seenGeneration[std::size_t(slot->second)] && startNs <= before) {
                seenGeneration[std::size_t(slot->second)] = generation;
                // The first wait of each reader began before observing did: not a latency.
                if (startNs >= start) {
                    latencies.push_back(double(shown - startNs) / double(intervalNs));
                }
            }
        }
        next += intervalNs;
        const std::uint64_t now = monotonicNs();
        if (next > now) {
            sleepNs(next - now);
        }
    }
    const double wallS = double(monotonicNs() - start) / 1e9;
    const double cpuS = cpuSeconds() - cpuStart;
    const double systemS = systemCpuSeconds() - systemStart;

    for (pid_t pid : children) {
        ::kill(pid, SIGKILL);
    }
    for (pid_t pid : children) {
        ::waitpid(pid, nullptr, 0);
    }

    std::printf(
        "bench_observe: %zu processes (%d pipe pairs, half stuck), %d ms interval, %.1f s\n",
        children.size(), pairs, intervalMs, wallS);
    std::printf("  samples: %zu (%zu channels per frame); sample took p50 %.1f ms, p99 %.1f ms\n",
                samples, channels, percentile(sampleMs, 50), percentile(sampleMs, 99));
    std::printf("  first sample (every process in full): %.0f ms, %.0f ms of CPU\n", firstS * 1e3,
                firstCpuS * 1e3);
    std::printf("  observer CPU after it: %.3f s in %.1f s = %.2f %% of one core (target <= 3 %%); "
                "%.3f s of it in the kernel\n",
                cpuS, wallS, 100.0 * cpuS / wallS, systemS);
    std::printf("  wait-to-frame latency over %zu waits: p50 %.2f, p99 %.2f, max %.2f sample "
                "intervals (target p99 <= 2)\n",
                latencies.size(), percentile(latencies, 50), percentile(latencies, 99),
                percentile(latencies, 100));
    return 0;
}
