#pragma once

// The kernel's IPC limits that decide whether a run can be set up, read from /proc (the root
// is a parameter so tests can use fixture trees).

#include <cstdint>
#include <optional>
#include <string>

namespace ipcscope {

struct KernelLimits {
    // System V (/proc/sys/kernel/...)
    std::optional<std::uint64_t> msgmax; // largest message, bytes
    std::optional<std::uint64_t> msgmnb; // default (and unprivileged maximum) queue size, bytes
    std::optional<std::uint64_t> msgmni;
    std::optional<std::uint64_t> semmsl; // semaphores per set     (sem field 1)
    std::optional<std::uint64_t> semmns; // semaphores system-wide (sem field 2)
    std::optional<std::uint64_t> semopm; // operations per semop   (sem field 3)
    std::optional<std::uint64_t> semmni; // semaphore sets         (sem field 4)
    std::optional<std::uint64_t> shmmax; // largest segment, bytes
    std::optional<std::uint64_t> shmall; // pages system-wide
    std::optional<std::uint64_t> shmmni;
    // POSIX message queues (/proc/sys/fs/mqueue/...)
    std::optional<std::uint64_t> mqMsgMax;
    std::optional<std::uint64_t> mqMsgsizeMax;
    std::optional<std::uint64_t> mqMsgDefault;
    std::optional<std::uint64_t> mqMsgsizeDefault;
    std::optional<std::uint64_t> mqQueuesMax;
    // Pipes and sockets
    std::optional<std::uint64_t> pipeMaxSize; // /proc/sys/fs/pipe-max-size
    std::optional<std::uint64_t> wmemMax;     // /proc/sys/net/core/wmem_max
    std::uint64_t pipeBuf = 4096;             // PIPE_BUF: writes up to this size are atomic
    static constexpr std::uint64_t kSemValueMax = 32767;  // SEMVMX
    static constexpr std::uint64_t kMqHardMsgMax = 65536; // HARD_MSGMAX, for privileged callers
    static constexpr std::uint64_t kMqHardMsgsizeMax = 16 << 20; // HARD_MSGSIZEMAX

    // CAP_SYS_RESOURCE lets a process go past the soft limits (msgmnb, mq msg_max, pipe-max-size).
    bool mayExceedSoftLimits = false;

    static KernelLimits read(const std::string& procRoot = "/proc");
};

// Whether the calling process has CAP_SYS_RESOURCE in its effective set.
bool hasSysResourceCapability(const std::string& procRoot = "/proc");

} // namespace ipcscope
