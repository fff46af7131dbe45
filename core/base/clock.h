#pragma once

#include <cstdint>
#include <ctime>

namespace ipcscope {

// CLOCK_MONOTONIC in nanoseconds; served by the vDSO, so no system call.
inline std::uint64_t monotonicNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::uint64_t(ts.tv_sec) * 1'000'000'000u + std::uint64_t(ts.tv_nsec);
}

} // namespace ipcscope
