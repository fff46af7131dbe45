// Memory over a long run: the lab as ipcscope-cli drives it (Run::start, a sample every 100 ms,
// the JSON and text reports at the end) and the whole GUI offscreen (the real main window, its
// LabController and LabPage driving a real run, every view updated and painted), each at 16
// and 64 workers. Every configuration runs in a fresh child process; this process reads the
// child's VmRSS every --interval seconds and once more when the run has finished and its
// report is made, then prints the series, the RSS at the warm-up mark and at the end, and the
// growth after the warm-up mark per hour. A program, not a test: the figures depend on the
// machine and on what else runs on it.
//
//   bench_memory [--seconds S] [--warmup S] [--interval S] [--workers N[,N...]]
//                [--mode lab|gui|both] [--mechanism NAME]
//
// Defaults: 600 s runs, a 300 s warm-up, a sample every 10 s, 16 and 64 workers (half
// producers, half consumers), both modes, over a pipe.

#include "lab/labpage.h"
#include "mainwindow.h"

#include "lab/report.h"
#include "lab/run.h"
#include "lab/spawn.h"

#include "base/uniquefd.h"

#include <QApplication>
#include <QTimer>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <fstream>
#include <optional>
#include <poll.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace ipcscope;

namespace {

constexpr int kDoneFd = 3; // child -> parent: "done" once the run finished and its report is made
constexpr int kHoldFd = 4; // parent -> child: closed when the child may exit

struct Options {
    double seconds = 600;
    double warmup = 300;
    double interval = 10;
    std::vector<std::uint32_t> workers{16, 64};
    bool lab = true;
    bool gui = true;
    Mechanism mechanism = Mechanism::Pipe;
};

RunConfig runConfig(Mechanism mechanism, std::uint32_t workers, double seconds) {
    RunConfig c;
    c.mechanism = mechanism;
    c.producers = workers / 2;
    c.consumers = workers - workers / 2;
    c.durationS = seconds;
    return c;
}

// Tells the parent the run is over, then waits until it has read the RSS.
void reportDoneAndHold(const std::string& detail) {
    const std::string line = "done " + detail + "\n";
    if (::write(kDoneFd, line.data(), line.size()) < 0) {
        std::perror("bench_memory: child: write");
    }
    char c;
    while (::read(kHoldFd, &c, 1) < 0 && errno == EINTR) {
    }
}

int childLab(const RunConfig& config) {
    auto run = Run::start(config);
    if (!run) {
        std::fprintf(stderr, "bench_memory: %s\n", run.error().message.c_str());
        return 1;
    }
    while (!(*run)->finished()) {
        (*run)->sample();
        if (!(*run)->finished()) {
            timespec ts{0, 100'000'000}; // the CLI's pace
            ::nanosleep(&ts, nullptr);
        }
    }
    // What ipcscope-cli makes at the end, kept alive while the parent measures.
    const std::string json = reportToJson((*run)->report());
    const std::string text = reportToText((*run)->report());
    reportDoneAndHold("json_bytes=" + std::to_string(json.size()) +
                      " events_listed=" + std::to_string((*run)->report().events.size()) +
                      " events_total=" + std::to_string((*run)->report().eventCounts.total()));
    return 0;
}

int childGui(int argc, char** argv, const RunConfig& config) {
    if (std::getenv("QT_QPA_PLATFORM") == nullptr) {
        ::setenv("QT_QPA_PLATFORM", "offscreen", 1);
    }
    QApplication app(argc, argv);
    // Its own settings: the benchmark never touches the user's saved layout or last setup.
    QApplication::setOrganizationName(QStringLiteral("ipcscope-bench"));
    QApplication::setApplicationName(QStringLiteral("bench_memory"));
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    LabController& controller = window.labPage().controller();
    QObject::connect(&controller, &LabController::finished, &app, [&] {
        // Let the last frame and the verdict be painted first, as on screen.
        QTimer::singleShot(0, &app, [&] {
            QApplication::processEvents();
            const RunReport& r = *controller.report();
            reportDoneAndHold("events_listed=" + std::to_string(r.events.size()) +
                              " events_total=" + std::to_string(r.eventCounts.total()) +
                              " samples=" + std::to_string(controller.samples().rows().size()));
            QApplication::quit();
        });
    });
    if (!window.labPage().startRun(config)) {
        std::fprintf(stderr, "bench_memory: the GUI could not start the run\n");
        return 1;
    }
    return QApplication::exec();
}

std::optional<double> rssMiB(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            return std::strtod(line.c_str() + 6, nullptr) / 1024.0; // kB
        }
    }
    return std::nullopt;
}

double nowS() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

struct Sample {
    double t;
    double mib;
};

// Runs one configuration in a child; prints its series and figures. False when it failed.
bool measure(const Options& o, const char* mode, std::uint32_t workers) {
    int fds[4];
    if (::pipe2(fds, O_CLOEXEC) != 0 || ::pipe2(fds + 2, O_CLOEXEC) != 0) {
        std::perror("bench_memory: pipe");
        return false;
    }
    UniqueFd doneRead(fds[0]), doneWrite(fds[1]), holdRead(fds[2]), holdWrite(fds[3]);
    char self[4096];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        std::perror("bench_memory: /proc/self/exe");
        return false;
    }
    self[n] = '\0';
    SpawnRequest req;
    req.path = self;
    req.args = {"--child",     mode,
                "--workers",   std::to_string(workers),
                "--seconds",   std::to_string(o.seconds),
                "--mechanism", std::string(mechanismInfo(o.mechanism).name)};
    req.fds = {doneWrite.get(), holdRead.get()}; // at 3 and 4 in the child
    req.dieWithParent = true;
    auto pid = spawnProcess(req);
    doneWrite.reset(); // the child's ends
    holdRead.reset();
    if (!pid) {
        std::fprintf(stderr, "bench_memory: %s\n", pid.error().message.c_str());
        return false;
    }
    std::printf("%s, %u workers (%s, %u producers + %u consumers), %.0f s run:\n", mode, workers,
                std::string(mechanismInfo(o.mechanism).name).c_str(), workers / 2,
                workers - workers / 2, o.seconds);
    std::fflush(stdout);

    std::vector<Sample> samples;
    const double t0 = nowS();
    double next = t0 + o.interval;
    std::string status;
    bool finished = false;
    while (!finished) {
        const double now = nowS();
        if (now >= next) {
            if (const auto m = rssMiB(*pid)) {
                samples.push_back({now - t0, *m});
            }
            next += o.interval;
            continue;
        }
        pollfd p{doneRead.get(), POLLIN, 0};
        const int r = ::poll(&p, 1, int((next - now) * 1000) + 1);
        if (r <= 0) {
            continue;
        }
        char buf[512];
        const ssize_t got = ::read(doneRead.get(), buf, sizeof buf);
        if (got <= 0) {
            break; // the child ended without saying it finished
        }
        status.append(buf, std::size_t(got));
        finished = status.find('\n') != std::string::npos;
    }
    std::optional<Sample> end;
    if (finished) {
        if (const auto m = rssMiB(*pid)) {
            end = Sample{nowS() - t0, *m};
        }
    }
    holdWrite.reset(); // the child may exit now
    int wstatus = 0;
    while (::waitpid(*pid, &wstatus, 0) < 0 && errno == EINTR) {
    }
    if (!finished || !end || samples.empty() || !WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
        std::printf("  FAILED: the child %s\n",
                    finished ? "did not exit cleanly" : "ended before its run finished");
        return false;
    }

    std::printf("  RSS (MiB) every %.0f s:", o.interval);
    for (const Sample& s : samples) {
        std::printf(" %.1f", s.mib);
    }
    std::printf("\n");
    // The sample closest to the warm-up mark.
    const Sample* warm = nullptr;
    for (const Sample& s : samples) {
        if (!warm || std::abs(s.t - o.warmup) < std::abs(warm->t - o.warmup)) {
            warm = &s;
        }
    }
    std::printf("  at %.0f s: %.1f MiB; at the end (run finished, report made, %.0f s): %.1f "
                "MiB\n",
                warm->t, warm->mib, end->t, end->mib);
    if (end->t > warm->t) {
        // Also split in the steady part (warm-up mark to the last sample of the running run)
        // and the step at the end (the report): a short run overstates a one-time step.
        const double perHour = (end->mib - warm->mib) / (end->t - warm->t) * 3600.0;
        const Sample& last = samples.back();
        std::printf("  growth after %.0f s: %+.1f MiB per hour (while running %+.1f MiB per "
                    "hour, then %+.1f MiB at the end)\n",
                    warm->t, perHour,
                    last.t > warm->t ? (last.mib - warm->mib) / (last.t - warm->t) * 3600.0 : 0.0,
                    end->mib - last.mib);
    }
    status.erase(status.find('\n'));
    std::printf("  %s\n", status.c_str() + std::strlen("done "));
    std::fflush(stdout);
    return true;
}

bool parseNumber(const char* text, double& out) {
    char* endp = nullptr;
    errno = 0;
    out = std::strtod(text, &endp);
    return errno == 0 && endp != text && *endp == '\0' && out > 0 && out < 1e7;
}

bool parseWorkers(const std::string& text, std::vector<std::uint32_t>& out) {
    out.clear();
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t comma = std::min(text.find(',', pos), text.size());
        std::uint32_t n = 0;
        const auto r = std::from_chars(text.data() + pos, text.data() + comma, n);
        if (r.ec != std::errc{} || r.ptr != text.data() + comma || n < 2 || n > 128) {
            return false;
        }
        out.push_back(n);
        pos = comma + 1;
    }
    return !out.empty();
}

int usage(const char* problem) {
    std::fprintf(stderr,
                 "bench_memory: %s\nusage: bench_memory [--seconds S] [--warmup S] [--interval S] "
                 "[--workers N[,N...]] [--mode lab|gui|both] [--mechanism NAME]\n",
                 problem);
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    std::string child;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
        if (!value) {
            return usage(("missing value after " + a).c_str());
        }
        ++i;
        if (a == "--seconds" || a == "--warmup" || a == "--interval") {
            double v = 0;
            if (!parseNumber(value, v)) {
                return usage(
                    (a + " takes a positive number of seconds, got '" + value + "'").c_str());
            }
            (a == "--seconds" ? o.seconds : a == "--warmup" ? o.warmup : o.interval) = v;
        } else if (a == "--workers") {
            if (!parseWorkers(value, o.workers)) {
                return usage(("--workers takes numbers from 2 to 128 separated by commas, got '" +
                              std::string(value) + "'")
                                 .c_str());
            }
        } else if (a == "--mode") {
            const std::string m = value;
            if (m != "lab" && m != "gui" && m != "both") {
                return usage(("--mode takes lab, gui or both, got '" + m + "'").c_str());
            }
            o.lab = m != "gui";
            o.gui = m != "lab";
        } else if (a == "--mechanism") {
            const auto m = parseMechanism(value);
            if (!m) {
                return usage(("unknown mechanism '" + std::string(value) + "'").c_str());
            }
            o.mechanism = *m;
        } else if (a == "--child") { // internal: one configuration, measured by the parent
            child = value;
            if (child != "lab" && child != "gui") {
                return usage(("--child takes lab or gui, got '" + child + "'").c_str());
            }
        } else {
            return usage(("unknown option " + a).c_str());
        }
    }
    if (!child.empty()) {
        const RunConfig config = runConfig(o.mechanism, o.workers.front(), o.seconds);
        return child == "gui" ? childGui(argc, argv, config) : childLab(config);
    }
    if (o.warmup >= o.seconds) {
        return usage("--warmup must be shorter than --seconds");
    }
    std::printf("bench_memory: RSS of each configuration in its own process; growth = (RSS at "
                "the end - RSS at %.0f s) per hour. The machine's other load slows the runs, "
                "not the memory.\n",
                o.warmup);
    bool ok = true;
    for (const char* mode : {"lab", "gui"}) {
        if ((mode[0] == 'l' && !o.lab) || (mode[0] == 'g' && !o.gui)) {
            continue;
        }
        for (std::uint32_t w : o.workers) {
            ok = measure(o, mode, w) && ok;
        }
    }
    return ok ? 0 : 1;
}
