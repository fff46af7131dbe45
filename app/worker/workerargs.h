#pragma once

// The worker's command line, written by the lab (core/lab/workerlaunch) and read here.
// Descriptors are inherited at fixed numbers: 3 = telemetry, 4.. = channel ends.

#include "base/result.h"
#include "mechanisms/endpoint.h"
#include "mechanisms/mechanism.h"

#include <cstdint>
#include <string>

namespace ipcscope {

inline constexpr int kTelemetryFd = 3;
inline constexpr int kFirstChannelFd = 4;

struct WorkerArgs {
    Mechanism mechanism = Mechanism::Pipe;
    Role role = Role::Producer;
    std::uint32_t index = 0; // among its role
    std::uint32_t slot = 0;  // telemetry slot
    double rate = 0;
    std::uint64_t quota = 0; // producer: messages to send, 0 = until told to stop
    std::uint32_t messageTypes = 1;
    bool checkOrder = false;
    bool raw = false;
    std::uint64_t startDelayNs = 0; // wait this long before opening the channel (classroom)
    EndpointParams params;
};

Result<WorkerArgs> parseWorkerArgs(int argc, char** argv);

} // namespace ipcscope
