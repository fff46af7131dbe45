// Overhead of observation: every mechanism run instrumented and --raw (telemetry compiled out
// of the loops), interleaved round by round in one process, at 64 B and 4 KiB messages. Each
// round runs raw, instrumented and raw again (order rotated), so the table shows next to the
// instrumented/raw ratio the raw/raw ratio of the same round: the noise floor of this machine.
// An overhead is real only where the instrumented ratio leaves the raw/raw spread.
//
//   bench_lab [--seconds S] [--pairs N] [--mechanism NAME]...

#include "lab/run.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

using namespace ipcscope;

namespace {

struct Measured {
    double messagesPerS = 0;
    double cpuNsPerMessage = 0; // all workers' CPU time (wait4 rusage) per message moved
};

std::optional<Measured> measure(RunConfig config) {
    auto run = Run::start(config);
    if (!run) {
        std::fprintf(stderr, "bench_lab: %s\n", run.error().message.c_str());
        return std::nullopt;
    }
    while (!(*run)->finished()) {
        (*run)->sample();
        timespec ts{0, 20'000'000};
        ::nanosleep(&ts, nullptr);
    }
    const RunReport& r = (*run)->report();
    if (!r.totals.clean() || r.workersFailed()) {
        std::fprintf(stderr, "bench_lab: %s run was not clean\n",
                     mechanismInfo(config.mechanism).name.data());
        return std::nullopt;
    }
    std::uint64_t cpu = 0;
    for (const auto& w : r.workers) {
        cpu += w.exit ? w.exit->cpuNs : 0;
    }
    const double messages = double(std::max<std::uint64_t>(1, r.totals.messagesReceived));
    return Measured{double(r.totals.messagesReceived) / r.durationS, double(cpu) / messages};
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

} // namespace

int main(int argc, char** argv) {
    double seconds = 1.0;
    int pairs = 5;
    std::vector<Mechanism> mechanisms;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--seconds" && i + 1 < argc) {
            seconds = std::atof(argv[++i]);
        } else if (a == "--pairs" && i + 1 < argc) {
            pairs = std::atoi(argv[++i]);
        } else if (a == "--mechanism" && i + 1 < argc) {
            const auto m = parseMechanism(argv[++i]);
            if (!m) {
                std::fprintf(stderr, "bench_lab: unknown mechanism %s\n", argv[i]);
                return 2;
            }
            mechanisms.push_back(*m);
        } else {
            std::fprintf(stderr,
                         "usage: bench_lab [--seconds S] [--pairs N] [--mechanism NAME]...\n");
            return 2;
        }
    }
    if (mechanisms.empty()) {
        for (const auto& m : allMechanisms()) {
            mechanisms.push_back(m.id);
        }
    }
    std::printf("instrumented/raw throughput, 1 producer x 1 consumer, %d interleaved rounds of "
                "three %.1f s runs (raw, instrumented, raw)\n",
                pairs, seconds);
    std::printf(
        "ratio = instrumented msg/s / raw msg/s; raw/raw = second raw run / first raw run of the\n"
        "same round (the noise floor: differences inside its spread are not overhead);\n"
        "CPU ratio = raw CPU time per message / instrumented CPU time per message (the cost of "
        "observing; wait4 rusage of all workers)\n");
    std::printf("%-12s %6s %12s %12s %8s %15s %8s %15s %10s %15s\n", "mechanism", "size",
                "raw msg/s", "instr msg/s", "ratio", "spread", "raw/raw", "spread", "CPU ratio",
                "spread");
    int failures = 0;
    for (Mechanism m : mechanisms) {
        const bool payload = mechanismInfo(m).carriesPayload;
        for (std::uint32_t size : {64u, 4096u}) {
            if (!payload && size != 64) {
                continue;
            }
            std::vector<double> ratios, controls, raws, instrs, cpuRatios;
            for (int p = 0; p < pairs; ++p) {
                RunConfig c;
                c.mechanism = m;
                c.messageSize = size;
                c.durationS = seconds;
                // Rotate the instrumented run through the three positions of a round, so drift
                // over time favours no side.
                std::optional<Measured> instr, rawA, rawB;
                for (int k = 0; k < 3; ++k) {
                    const int slot = (k + p) % 3; // 0 = instrumented, 1 = raw A, 2 = raw B
                    c.raw = slot != 0;
                    (slot == 0 ? instr : slot == 1 ? rawA : rawB) = measure(c);
                }
                if (!instr || !rawA || !rawB || rawA->messagesPerS <= 0 ||
                    rawB->messagesPerS <= 0 || instr->cpuNsPerMessage <= 0) {
                    ++failures;
                    continue;
                }
                const double raw = (rawA->messagesPerS + rawB->messagesPerS) / 2;
                const double rawCpu = (rawA->cpuNsPerMessage + rawB->cpuNsPerMessage) / 2;
                ratios.push_back(instr->messagesPerS / raw);
                controls.push_back(rawB->messagesPerS / rawA->messagesPerS);
                cpuRatios.push_back(rawCpu / instr->cpuNsPerMessage);
                raws.push_back(raw);
                instrs.push_back(instr->messagesPerS);
            }
            if (ratios.empty()) {
                continue;
            }
            const auto [lo, hi] = std::minmax_element(ratios.begin(), ratios.end());
            const auto [klo, khi] = std::minmax_element(controls.begin(), controls.end());
            const auto [clo, chi] = std::minmax_element(cpuRatios.begin(), cpuRatios.end());
            std::printf("%-12s %6u %12.0f %12.0f %8.3f %7.3f-%-7.3f %8.3f %7.3f-%-7.3f %10.3f "
                        "%7.3f-%-7.3f\n",
                        mechanismInfo(m).name.data(), size, median(raws), median(instrs),
                        median(ratios), *lo, *hi, median(controls), *klo, *khi, median(cpuRatios),
                        *clo, *chi);
            std::fflush(stdout);
        }
    }
    return failures == 0 ? 0 : 1;
}
