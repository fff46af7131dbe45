// What the GUI takes from what it shows: the GUI's CPU share of one core while it watches a
// run, and the workers' throughput with the GUI watching against `ipcscope-cli run --json`
// alone (the same options), at 2 workers (1 x 1 at 100 msg/s, 1 x 1 unthrottled) and 16
// workers (8 x 8 at 2000 msg/s per producer).
//
// The GUI is ipcscope's main window in this process, shown offscreen at 1600 x 1000 on the Lab
// (what `ipcscope --run ...` does, with the run's report at hand); its CPU is this process's
// utime + stime from /proc/self/stat over the run, from Start to the report. The workers are
// separate processes: their time is not in it. The CLI's own share is read the same way from
// /proc/PID/stat while it runs.
//
// Each round runs the GUI once and the CLI twice, the order rotated; CLI/CLI (the second CLI
// run over the first of the same round) is the noise floor of this machine: a GUI/CLI ratio
// inside its spread is no measurable effect. Medians and min-max over the rounds.
//
//   bench_guiload [--seconds S] [--rounds N] [--case 1x1-100|1x1-max|8x8-2000]... [--verbose]
// ("running" excludes the start-up, which forks every worker and waits for it to be ready;
// --verbose prints each run)

#include "lab/labpage.h"
#include "mainwindow.h"

#include "lab/run.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <optional>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

using namespace ipcscope;

namespace {

bool g_verbose = false;

struct Case {
    const char* name;
    std::uint32_t producers, consumers;
    double rate; // per producer, 0 = as fast as possible
};

constexpr Case kCases[] = {
    {"1x1-100", 1, 1, 100},
    {"1x1-max", 1, 1, 0},
    {"8x8-2000", 8, 8, 2000},
};

double monotonicS() {
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// utime + stime of one process (all its threads, none of its children), in seconds.
std::optional<double> cpuSeconds(pid_t pid) {
    const std::string path =
        pid == 0 ? std::string("/proc/self/stat") : "/proc/" + std::to_string(pid) + "/stat";
    FILE* f = std::fopen(path.c_str(), "re");
    if (!f) {
        return std::nullopt;
    }
    char buf[1024];
    const std::size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    std::fclose(f);
    buf[n] = 0;
    const char* p = std::strrchr(buf, ')'); // the command may hold spaces and parentheses
    if (!p) {
        return std::nullopt;
    }
    // After ')': state is field 3; utime and stime are fields 14 and 15.
    unsigned long long utime = 0, stime = 0;
    if (std::sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime,
                    &stime) != 2) {
        return std::nullopt;
    }
    return double(utime + stime) / double(::sysconf(_SC_CLK_TCK));
}

struct Measured {
    double cpuShare = 0; // of one core, over the run
    double messagesPerS = 0;
    double runningCpuShare = 0; // the GUI's, once the workers are started (start-up excluded)
};

RunConfig configFor(const Case& c, double seconds) {
    RunConfig config;
    config.mechanism = Mechanism::Pipe;
    config.producers = c.producers;
    config.consumers = c.consumers;
    config.producerRate = c.rate;
    config.durationS = seconds;
    return config;
}

std::optional<Measured> measureGui(MainWindow& window, const RunConfig& config) {
    LabPage& lab = window.labPage();
    QEventLoop loop;
    bool done = false;
    const auto finished = QObject::connect(&lab.controller(), &LabController::finished, &loop, [&] {
        done = true;
        loop.quit();
    });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    deadline.start(int((config.durationS.value_or(10) + 30) * 1000));
    const auto cpu0 = cpuSeconds(0);
    const double t0 = monotonicS();
    if (!lab.startRun(config)) {
        std::fprintf(stderr, "bench_guiload: the Lab did not start the run\n");
        return std::nullopt;
    }
    const auto cpuStarted = cpuSeconds(0);
    const double tStarted = monotonicS();
    loop.exec();
    const double t1 = monotonicS();
    const auto cpu1 = cpuSeconds(0);
    QObject::disconnect(finished);
    const auto& report = lab.controller().report();
    if (!done || !report || !cpu0 || !cpu1 || !report->totals.clean() || report->workersFailed()) {
        std::fprintf(stderr, "bench_guiload: the GUI's run did not finish cleanly\n");
        return std::nullopt;
    }
    if (g_verbose) {
        std::fprintf(stderr,
                     "GUI: %llu received, %llu sent, %.3f s; starting took %.3f s CPU in %.3f s, "
                     "the rest %.3f s CPU in %.3f s\n",
                     (unsigned long long)report->totals.messagesReceived,
                     (unsigned long long)report->totals.messagesSent, report->durationS,
                     *cpuStarted - *cpu0, tStarted - t0, *cpu1 - *cpuStarted, t1 - tStarted);
    }
    return Measured{(*cpu1 - *cpu0) / (t1 - t0),
                    double(report->totals.messagesReceived) / report->durationS,
                    (*cpu1 - *cpuStarted) / (t1 - tStarted)};
}

std::optional<double> jsonNumber(const std::string& json, const std::string& key,
                                 std::size_t from = 0) {
    const std::size_t at = json.find("\"" + key + "\":", from);
    if (at == std::string::npos) {
        return std::nullopt;
    }
    return std::strtod(json.c_str() + at + key.size() + 3, nullptr);
}

std::optional<Measured> measureCli(const std::string& cli, const Case& c, double seconds) {
    char outPath[] = "/tmp/bench_guiload.XXXXXX";
    const int out = ::mkstemp(outPath);
    if (out < 0) {
        return std::nullopt;
    }
    ::unlink(outPath);
    const std::vector<std::string> args{cli,
                                        "run",
                                        "pipe",
                                        "--producers",
                                        std::to_string(c.producers),
                                        "--consumers",
                                        std::to_string(c.consumers),
                                        "--rate",
                                        std::to_string(int(c.rate)),
                                        "--duration",
                                        std::to_string(seconds),
                                        "--json",
                                        "--quiet"};
    std::vector<char*> argv;
    for (const auto& a : args) {
        argv.push_back(const_cast<char*>(a.c_str()));
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out, STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, cli.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        std::fprintf(stderr, "bench_guiload: cannot start %s: %s\n", cli.c_str(),
                     std::strerror(spawned));
        ::close(out);
        return std::nullopt;
    }
    const double t0 = monotonicS();
    double cpu = 0;
    int status = 0;
    for (;;) {
        // The last reading before it exits (a zombie's stat still holds its own times).
        if (const auto now = cpuSeconds(pid)) {
            cpu = *now;
        }
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            break;
        }
        timespec ts{0, 50'000'000};
        ::nanosleep(&ts, nullptr);
    }
    const double t1 = monotonicS();
    std::string json;
    ::lseek(out, 0, SEEK_SET);
    char buf[4096];
    for (ssize_t n; (n = ::read(out, buf, sizeof buf)) > 0;) {
        json.append(buf, std::size_t(n));
    }
    ::close(out);
    const std::size_t totals = json.find("\"totals\":");
    const auto received = jsonNumber(json, "messages_received", totals);
    // The run's own length, just before its totals (the config's duration_s comes earlier).
    const std::size_t lengthAt = json.rfind("\"duration_s\":", totals);
    const double duration = lengthAt == std::string::npos || totals == std::string::npos
                                ? 0.0
                                : jsonNumber(json, "duration_s", lengthAt).value_or(0.0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || totals == std::string::npos ||
        !received || duration <= 0) {
        std::fprintf(stderr, "bench_guiload: the CLI's run did not finish cleanly\n");
        return std::nullopt;
    }
    if (g_verbose) {
        std::fprintf(stderr, "CLI: %.0f received, %.3f s\n", *received, duration);
    }
    return Measured{cpu / (t1 - t0), *received / duration};
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string spread(const std::vector<double>& v, double scale = 1, int decimals = 3) {
    const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f-%.*f", decimals, *lo * scale, decimals, *hi * scale);
    return buf;
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    // A settings directory of its own: no window state of a previous use, nothing left behind.
    char configDir[] = "/tmp/bench_guiload-config.XXXXXX";
    if (!::mkdtemp(configDir)) {
        std::perror("bench_guiload: mkdtemp");
        return 1;
    }
    qputenv("XDG_CONFIG_HOME", configDir);
    int status = 0;
    {
        QApplication app(argc, argv);
        double seconds = 3.0;
        int rounds = 5;
        std::vector<Case> cases;
        for (int i = 1; i < argc; ++i) {
            const std::string a = argv[i];
            if (a == "--seconds" && i + 1 < argc) {
                seconds = std::max(0.5, std::atof(argv[++i]));
            } else if (a == "--rounds" && i + 1 < argc) {
                rounds = std::max(1, std::atoi(argv[++i]));
            } else if (a == "--verbose") {
                g_verbose = true;
            } else if (a == "--case" && i + 1 < argc) {
                const std::string name = argv[++i];
                const auto it = std::find_if(std::begin(kCases), std::end(kCases),
                                             [&](const Case& c) { return name == c.name; });
                if (it == std::end(kCases)) {
                    std::fprintf(stderr, "bench_guiload: no case %s (1x1-100, 1x1-max, 8x8-2000)\n",
                                 name.c_str());
                    return 2;
                }
                cases.push_back(*it);
            } else {
                std::fprintf(stderr, "usage: bench_guiload [--seconds S] [--rounds N] "
                                     "[--case 1x1-100|1x1-max|8x8-2000]... [--verbose]\n");
                return 2;
            }
        }
        if (cases.empty()) {
            cases.assign(std::begin(kCases), std::end(kCases));
        }
        const std::string cli = QDir(QCoreApplication::applicationDirPath())
                                    .filePath(QStringLiteral("ipcscope-cli"))
                                    .toStdString();
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        window.showPage(QStringLiteral("lab"));
        std::printf("GUI (this process's main window, offscreen %dx%d, Lab shown) against "
                    "ipcscope-cli run --json, pipe,\n%d interleaved rounds of three %.1f s runs "
                    "(GUI, CLI, CLI; order rotated)\n",
                    window.width(), window.height(), rounds, seconds);
        std::printf("GUI CPU = its utime+stime over the run as a share of one core (running: "
                    "from the workers' start on,\nstart-up excluded); CLI CPU the same for the "
                    "CLI over its whole run; ratio = workers' msg/s with the GUI / with the CLI; "
                    "CLI/CLI = second CLI run / first (the noise floor)\n");
        std::printf("%-9s %8s %13s %8s %13s %8s %13s %11s %11s %7s %13s %7s %13s\n", "case",
                    "GUI CPU", "spread", "running", "spread", "CLI CPU", "spread", "GUI msg/s",
                    "CLI msg/s", "ratio", "spread", "CLI/CLI", "spread");
        for (const Case& c : cases) {
            const RunConfig config = configFor(c, seconds);
            std::vector<double> guiCpu, guiRunningCpu, cliCpu, guiRate, cliRate, ratios, controls;
            for (int r = 0; r < rounds; ++r) {
                std::optional<Measured> gui, cliA, cliB;
                for (int k = 0; k < 3; ++k) {
                    const int slot = (k + r) % 3; // 0 = GUI, 1 = CLI A, 2 = CLI B
                    if (slot == 0) {
                        gui = measureGui(window, config);
                    } else {
                        (slot == 1 ? cliA : cliB) = measureCli(cli, c, seconds);
                    }
                }
                if (!gui || !cliA || !cliB || cliA->messagesPerS <= 0) {
                    status = 1;
                    continue;
                }
                const double cliMean = (cliA->messagesPerS + cliB->messagesPerS) / 2;
                guiCpu.push_back(gui->cpuShare);
                guiRunningCpu.push_back(gui->runningCpuShare);
                cliCpu.push_back((cliA->cpuShare + cliB->cpuShare) / 2);
                guiRate.push_back(gui->messagesPerS);
                cliRate.push_back(cliMean);
                ratios.push_back(gui->messagesPerS / cliMean);
                controls.push_back(cliB->messagesPerS / cliA->messagesPerS);
            }
            if (ratios.empty()) {
                continue;
            }
            std::printf("%-9s %7.1f%% %13s %7.1f%% %13s %7.1f%% %13s %11.0f %11.0f %7.3f %13s "
                        "%7.3f %13s\n",
                        c.name, median(guiCpu) * 100, spread(guiCpu, 100, 1).c_str(),
                        median(guiRunningCpu) * 100, spread(guiRunningCpu, 100, 1).c_str(),
                        median(cliCpu) * 100, spread(cliCpu, 100, 1).c_str(), median(guiRate),
                        median(cliRate), median(ratios), spread(ratios).c_str(), median(controls),
                        spread(controls).c_str());
            std::fflush(stdout);
        }
    }
    QDir(QString::fromLocal8Bit(configDir)).removeRecursively();
    return status;
}
