#pragma once

#include "base/result.h"
#include "mechanisms/kernellimits.h"
#include "mechanisms/mechanism.h"

#include <string>
#include <vector>

namespace ipcscope {

// Limits of ipcscope itself (not of the kernel).
inline constexpr std::uint32_t kMaxWorkersPerRole = 64;
inline constexpr std::uint32_t kMaxMessageSize = 16u << 20;
inline constexpr double kMaxDurationS = 24 * 3600;
inline constexpr double kMaxRate = 1e9;
inline constexpr std::uint64_t kMaxRingSlots = 65536;
// Counts are printed in JSON; beyond 2^53 readers that parse numbers as doubles round them.
inline constexpr std::uint64_t kMaxMessages = (std::uint64_t(1) << 53) - 1;
inline constexpr std::uint32_t kMaxHoldWindows = 16; // Scenario::holdFirstMessageWindows

// Checks a run's configuration against the kernel's limits before anything is created.
// On success returns warnings (things that will happen and are worth knowing, like writes
// above PIPE_BUF interleaving); on failure an error that names the limit and its value.
Result<std::vector<std::string>> validateConfig(const RunConfig& config,
                                                const KernelLimits& limits);

} // namespace ipcscope
