#pragma once

// One lab run: real worker processes moving data over one mechanism.
//
// The API is poll-driven and never blocks for long, so the GUI thread can own a Run: call
// sample() from a timer (every 50-250 ms); it reads the telemetry, reaps exited workers,
// advances the run (stop, drain, finish) and returns a Frame. Workers are forked from the
// thread that calls start(): keep that thread alive for the run (PR_SET_PDEATHSIG is tied to
// the forking thread).
//
// Nothing outlives a Run: the destructor kills and reaps every worker still alive and removes
// every kernel object. If the whole lab process is killed, its workers die with it and the
// run's guardian process removes the objects.

#include "base/result.h"
#include "lab/frame.h"
#include "lab/notableevents.h"
#include "mechanisms/channel.h"
#include "mechanisms/kernellimits.h"
#include "telemetry/telemetry.h"

#include <memory>
#include <optional>
#include <string>

namespace ipcscope {

struct LabOptions {
    std::optional<std::string> workerPath;           // default: findWorkerExecutable()
    std::optional<std::string> runtimeDir;           // default: runtimeBaseDir()
    std::optional<KernelLimits> limits;              // default: KernelLimits::read()
    std::uint64_t longBlockThresholdNs = 10'000'000; // blocks longer than this become events
    std::uint64_t drainPatienceNs =
        1'000'000'000; // no progress this long while draining: give up waiting
    std::uint64_t killDeadlineNs = 5'000'000'000; // workers that ignore stop this long are killed
    std::uint64_t stallReportNs = 5'000'000'000;  // nothing moves and all wait this long: deadlock
    SeenShape seen; // the duplicate check's window and hole table (tests make them small)
    // The report lists the most recent this many notable events of each kind (and counts all).
    std::size_t eventsKeptPerKind = NotableEvents::kKeptPerKind;
};

class Run {
public:
    static Result<std::unique_ptr<Run>> start(const RunConfig& config,
                                              const LabOptions& options = {});
    ~Run();
    Run(const Run&) = delete;
    Run& operator=(const Run&) = delete;

    Frame sample();

    void pause();       // SIGSTOP every live worker; elapsed run time stops counting
    void resume();      // SIGCONT
    void requestStop(); // producers finish, consumers drain what is queued, then the run ends

    // Classroom controls. setPace: at least this long between one worker's operations (0 = the
    // configured rates only), applied at once. In step mode every worker waits before each
    // operation until step() lets each perform exactly one more.
    void setPace(std::uint64_t minIntervalNs);
    void setStepMode(bool on);
    bool stepMode() const;
    void step();
    FrameControl control() const; // as the next frame will carry it
    bool finished() const;
    bool paused() const;

    const RunConfig& config() const;
    const std::vector<std::string>& warnings() const;
    std::vector<pid_t> workerPids() const;
    pid_t guardianPid() const;
    const std::string& runDirectory() const;
    std::vector<ManifestObject> objects() const;

    // The final report; valid once finished().
    const RunReport& report() const;

    struct Impl;

private:
    explicit Run(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace ipcscope
