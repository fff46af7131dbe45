#pragma once

// The worker's command line: what the lab (core/lab/workerset.cpp) tells each ipcscope-worker,
// written and parsed here so that the two cannot drift apart. Every number travels as an exact
// integer (rates as the interval in ns they give), so what the worker reads is what the lab meant.
// Descriptors are inherited at fixed numbers: 3 = telemetry, 4.. = channel ends.

#include "base/result.h"
#include "mechanisms/channel.h"
#include "mechanisms/endpoint.h"
#include "mechanisms/mechanism.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ipcscope {

inline constexpr int kTelemetryFd = 3;
inline constexpr int kFirstChannelFd = 4;
inline constexpr int kMaxChannelFds = 15; // spawnProcess places 16 descriptors in all

struct WorkerArgs {
    Mechanism mechanism = Mechanism::Pipe;
    Role role = Role::Producer;
    std::uint32_t index = 0;      // among its role
    std::uint32_t slot = 0;       // telemetry slot
    std::uint64_t intervalNs = 0; // at least this long between operations; 0 = as fast as possible
    std::uint64_t quota = 0;      // producer: messages to send, 0 = until told to stop
    std::uint32_t messageTypes = 1;
    bool checkOrder = false;
    bool raw = false;
    std::uint64_t startDelayNs = 0; // wait this long before opening the channel (classroom)
    std::uint32_t holdWindows = 0;  // Scenario::holdFirstMessageWindows (consumer 0 only)
    EndpointParams params;          // params.fds: kFirstChannelFd, kFirstChannelFd + 1, ...

    bool operator==(const WorkerArgs&) const = default;
};

// The interval a rate (messages per second) asks for, rounded to the ns; 0 for 0 (unlimited).
// A rate so small that its interval exceeds 2^62 ns (146 years) gets 2^62: one message, then
// none for the rest of any run.
std::uint64_t intervalNsForRate(double rate);

// What worker `index` of `role` in `config` is told; `spec` is how its Channel reaches it.
WorkerArgs workerArgsFor(const RunConfig& config, Role role, std::uint32_t index,
                         std::uint32_t slot, const EndpointSpec& spec);

// argv[1..] for the worker; parseWorkerArgs() gives back an equal WorkerArgs.
std::vector<std::string> writeWorkerArgs(const WorkerArgs& args);
Result<WorkerArgs> parseWorkerArgs(int argc, char** argv);

} // namespace ipcscope
