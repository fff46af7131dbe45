// Overhead of observation: every mechanism run instrumented and --raw (telemetry compiled out
// of the loops), interleaved pair by pair in one process, at 64 B and 4 KiB messages. Prints
// the instrumented/raw throughput ratio (median and spread over the pairs).
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

std::optional<double> throughput(RunConfig config) {
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
    return double(r.totals.messagesReceived) / r.durationS;
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
    std::printf("instrumented/raw throughput, 1 producer x 1 consumer, %d interleaved pairs of "
                "%.1f s runs\n",
                pairs, seconds);
    std::printf("%-12s %6s %14s %14s %8s %17s\n", "mechanism", "size", "raw msg/s", "instr msg/s",
                "ratio", "spread (min-max)");
    int failures = 0;
    for (Mechanism m : mechanisms) {
        const bool payload = mechanismInfo(m).carriesPayload;
        for (std::uint32_t size : {64u, 4096u}) {
            if (!payload && size != 64) {
                continue;
            }
            std::vector<double> ratios, raws, instrs;
            for (int p = 0; p < pairs; ++p) {
                RunConfig c;
                c.mechanism = m;
                c.messageSize = size;
                c.durationS = seconds;
                // Alternate which goes first so drift over time does not favour one side.
                std::optional<double> instr, raw;
                for (int k = 0; k < 2; ++k) {
                    c.raw = (k == 0) == (p % 2 == 0);
                    (c.raw ? raw : instr) = throughput(c);
                }
                if (!instr || !raw || *raw <= 0) {
                    ++failures;
                    continue;
                }
                ratios.push_back(*instr / *raw);
                raws.push_back(*raw);
                instrs.push_back(*instr);
            }
            if (ratios.empty()) {
                continue;
            }
            const auto [lo, hi] = std::minmax_element(ratios.begin(), ratios.end());
            std::printf("%-12s %6u %14.0f %14.0f %8.3f %8.3f-%-8.3f\n",
                        mechanismInfo(m).name.data(), size, median(raws), median(instrs),
                        median(ratios), *lo, *hi);
            std::fflush(stdout);
        }
    }
    return failures == 0 ? 0 : 1;
}
