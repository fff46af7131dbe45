#pragma once

// The kernel's own view of a process: what /proc says it is doing. It confirms the workers'
// self-reported state and is the only view of processes ipcscope did not start.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace ipcscope {

struct KernelTaskView {
    char state = '?';  // /proc/PID/stat field 3: R running, S sleeping, D disk, T stopped, Z zombie
    std::string wchan; // kernel function it sleeps in (names vary between kernels), "" when running
    std::optional<long>
        syscall; // number of the call it is in, from /proc/PID/syscall (needs ptrace access)
    std::string syscallName; // "msgrcv", "write", ...; "" when unknown or not in a call
    std::string syscallText; // the raw /proc/PID/syscall line

    std::string stateText() const; // "sleeping", "stopped", ...
};

// The state letter of a /proc/PID/stat line: after the last ')', as the command name may hold
// spaces and ')'.
std::optional<char> stateOfStatLine(std::string_view stat);

// A /proc/PID/syscall line: "NR a1 .. a6 sp pc" sets `number` and `args`; "-1 sp pc" (not in a
// call) and "running" leave `number` empty (and `args` zero). False when it cannot be read.
bool parseSyscallLine(std::string_view line, std::optional<long>& number,
                      std::array<std::uint64_t, 6>& args);

std::optional<KernelTaskView> readKernelTaskView(pid_t pid, const std::string& procRoot = "/proc");

// Names of the system calls that matter for IPC, by number on this architecture.
std::string syscallName(long number);

} // namespace ipcscope
