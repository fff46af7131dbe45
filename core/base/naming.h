#pragma once

// How ipcscope marks the kernel objects its runs create, so that the leftovers of a killed
// lab can be recognised later (`ipcscope-cli rm --stale`) and never confused with others'.
//
//  - System V keys:  0x1bc5XXXX (high 16 bits fixed, low 16 bits chosen per object).
//  - POSIX names:    "/ipcscope.<labpid>.<runid>.<role>", e.g. /ipcscope.4242.1.ring;
//                    named semaphores appear in /dev/shm as "sem.ipcscope.4242.1.empty".
//  - Files (FIFOs):  inside the run directory <runtimeBaseDir()>/run-<labpid>-<runid>/.
//  - Each run directory holds a text "manifest" (see RunManifest) naming the lab process
//    (pid + start time, so a reused pid is not mistaken for the lab) and every object.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace ipcscope {

inline constexpr std::uint32_t kSysvKeyPrefix = 0x1bc50000u;
inline constexpr std::uint32_t kSysvKeyPrefixMask = 0xffff0000u;
inline constexpr std::string_view kPosixNamePrefix = "ipcscope.";

inline bool isIpcscopeSysvKey(std::int32_t key) {
    return (std::uint32_t(key) & kSysvKeyPrefixMask) == kSysvKeyPrefix;
}

// Where run directories go: "$XDG_RUNTIME_DIR/ipcscope" when XDG_RUNTIME_DIR is a directory only
// the caller can write (no other user can pre-create names there), else "/tmp/ipcscope-<euid>",
// which must then pass the checks of createPrivateDir()/openPrivateDir() before any use.
std::string runtimeBaseDir();

// The lab pid encoded in a POSIX object name ("ipcscope.<pid>.<run>.<role>", with or without
// the leading '/' or the "sem." prefix of /dev/shm); nullopt when the name is not ours.
std::optional<pid_t> labPidFromPosixName(std::string_view name);

// Start time of a process in clock ticks since boot (/proc/PID/stat field 22), the
// standard guard against pid reuse; nullopt when the process does not exist.
std::optional<std::uint64_t> processStartTime(pid_t pid, const std::string& procRoot = "/proc");

// The real uid a process runs as (owner of /proc/PID); nullopt when it does not exist.
std::optional<uid_t> processUid(pid_t pid, const std::string& procRoot = "/proc");

} // namespace ipcscope
