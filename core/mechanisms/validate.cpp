#include "validate.h"

#include "base/format.h"
#include "mechanisms/message.h"

#include <cmath>
#include <string>

namespace ipcscope {

namespace {

std::string num(std::uint64_t v) {
    return std::to_string(v);
}

Error limitError(const std::string& what, std::uint64_t value, const std::string& limitName,
                 std::uint64_t limit, const std::string& where) {
    return Error{what + " " + num(value) + " exceeds the kernel's limit " + limitName + " = " +
                 num(limit) + " (" + where + ")"};
}

} // namespace

Result<std::vector<std::string>> validateConfig(const RunConfig& c, const KernelLimits& l) {
    std::vector<std::string> warnings;
    const MechanismInfo& info = mechanismInfo(c.mechanism);

    if (c.producers < 1 || c.producers > kMaxWorkersPerRole) {
        return Error{"producers must be between 1 and " + num(kMaxWorkersPerRole) + ", got " +
                     num(c.producers)};
    }
    if (c.consumers < 1 || c.consumers > kMaxWorkersPerRole) {
        return Error{"consumers must be between 1 and " + num(kMaxWorkersPerRole) + ", got " +
                     num(c.consumers)};
    }
    if (!std::isfinite(c.producerRate) || c.producerRate < 0 || c.producerRate > kMaxRate) {
        return Error{"producer rate must be 0 (as fast as possible) or a positive number of "
                     "messages per second"};
    }
    if (!std::isfinite(c.consumerRate) || c.consumerRate < 0 || c.consumerRate > kMaxRate) {
        return Error{"consumer rate must be 0 (as fast as possible) or a positive number of "
                     "messages per second"};
    }
    if (c.durationS && c.messages) {
        return Error{"give either a duration or a message count, not both"};
    }
    if (c.durationS &&
        (!std::isfinite(*c.durationS) || *c.durationS <= 0 || *c.durationS > kMaxDurationS)) {
        return Error{"duration must be more than 0 and at most " +
                     num(std::uint64_t(kMaxDurationS)) + " seconds"};
    }
    if (c.messages && *c.messages < 1) {
        return Error{"the message count must be at least 1"};
    }
    if (c.messages && *c.messages > kMaxMessages) {
        return Error{"the message count must be at most " + num(kMaxMessages) +
                     " (2^53 - 1, the largest count every JSON reader keeps exactly), got " +
                     num(*c.messages)};
    }
    if (c.messageTypes < 1) {
        return Error{"the number of message types/priorities must be at least 1"};
    }
    if (c.messageTypes != 1 && c.mechanism != Mechanism::SysvMsg &&
        c.mechanism != Mechanism::PosixMq) {
        return Error{"message types apply only to sysv-msg (types) and posix-mq (priorities), not "
                     "to " +
                     std::string(info.name)};
    }
    if (!c.receiveTypes.empty() && c.mechanism != Mechanism::SysvMsg) {
        return Error{"receive types apply only to sysv-msg, not to " + std::string(info.name)};
    }
    if (c.mechanism == Mechanism::PosixMq && c.messageTypes > 32768) {
        return Error{"posix-mq priorities must be fewer than MQ_PRIO_MAX = 32768"};
    }

    const Scenario& sc = c.scenario;
    const bool ring = c.mechanism == Mechanism::SysvShm || c.mechanism == Mechanism::PosixShm;
    if (sc.readerKeepsWriteEnd && c.mechanism != Mechanism::Pipe) {
        return Error{"the forgotten write end is a pipe mistake: use it with the pipe mechanism"};
    }
    if (sc.writerComparesFd && c.mechanism != Mechanism::Fifo) {
        return Error{"the writer that compares instead of assigning its descriptor is a FIFO "
                     "mistake: use it with the fifo mechanism"};
    }
    if (sc.textMessage != TextMessage::None && c.mechanism != Mechanism::Pipe &&
        c.mechanism != Mechanism::Fifo) {
        return Error{"text messages (the course notes' lines) are sent over a pipe or a FIFO, "
                     "not over " +
                     std::string(info.name)};
    }
    if ((sc.ringWithoutMutex || sc.emptyStartsAtZero) && !ring) {
        return Error{"ring mistakes (no mutex, empty starting at 0) need sysv-shm or posix-shm"};
    }
    if (!std::isfinite(sc.producerStartDelayS) || sc.producerStartDelayS < 0 ||
        sc.producerStartDelayS > kMaxDurationS) {
        return Error{"the producers' start delay must be between 0 and " +
                     num(std::uint64_t(kMaxDurationS)) + " seconds"};
    }
    if (!std::isfinite(sc.crashAfterS) || sc.crashAfterS < 0 || sc.crashAfterS > kMaxDurationS) {
        return Error{"the crash time must be between 0 and " + num(std::uint64_t(kMaxDurationS)) +
                     " seconds"};
    }
    if (!std::isfinite(sc.removeWhileAttachedS) || sc.removeWhileAttachedS < 0 ||
        sc.removeWhileAttachedS > kMaxDurationS) {
        return Error{"the removal time must be between 0 and " + num(std::uint64_t(kMaxDurationS)) +
                     " seconds"};
    }
    if (sc.removeWhileAttachedS > 0 && c.mechanism != Mechanism::SysvShm) {
        return Error{"removing a segment while attached needs sysv-shm"};
    }
    if (sc.holdFirstMessageWindows > 0 && !info.carriesPayload) {
        return Error{"holding a message unmarked needs a mechanism whose messages carry a "
                     "sequence number (not " +
                     std::string(info.name) + ")"};
    }
    if (sc.holdFirstMessageWindows > kMaxHoldWindows) {
        return Error{"a message can be held unmarked for at most " + num(kMaxHoldWindows) +
                     " windows"};
    }
    if (c.paceIntervalNs > std::uint64_t(kMaxDurationS * 1e9)) {
        return Error{"the pace interval must be at most " + num(std::uint64_t(kMaxDurationS)) +
                     " seconds"};
    }

    if (info.carriesPayload) {
        if (c.messageSize < kMinMessageSize) {
            return Error{
                "message size must be at least " + num(kMinMessageSize) +
                " bytes (sequence number, producer and checksum travel in every message), got " +
                num(c.messageSize)};
        }
        if (c.messageSize > kMaxMessageSize) {
            return Error{"message size " + num(c.messageSize) + " exceeds ipcscope's limit of " +
                         num(kMaxMessageSize) + " bytes"};
        }
    }

    const std::uint64_t size = c.messageSize;
    switch (c.mechanism) {
    case Mechanism::Pipe:
    case Mechanism::Fifo:
        if (c.capacity) {
            if (*c.capacity < 4096) {
                return Error{"pipe capacity must be at least one page (4096 bytes), got " +
                             num(*c.capacity)};
            }
            if (l.pipeMaxSize && *c.capacity > *l.pipeMaxSize && !l.mayExceedSoftLimits) {
                return limitError("pipe capacity", *c.capacity, "pipe-max-size", *l.pipeMaxSize,
                                  "/proc/sys/fs/pipe-max-size");
            }
            if (*c.capacity > (std::uint64_t(1) << 31)) {
                return Error{"pipe capacity " + num(*c.capacity) +
                             " exceeds the largest size the kernel accepts (2 GiB)"};
            }
        }
        if (size > l.pipeBuf && (c.producers > 1 || c.consumers > 1)) {
            warnings.push_back("messages of " + num(size) + " bytes are larger than PIPE_BUF (" +
                               num(l.pipeBuf) +
                               " bytes): with several writers or readers they can interleave and "
                               "arrive corrupted");
        }
        break;
    case Mechanism::SysvMsg: {
        if (l.msgmax && size > *l.msgmax) {
            return limitError("message size", size, "msgmax", *l.msgmax, "/proc/sys/kernel/msgmax");
        }
        const std::uint64_t qbytes = c.capacity.value_or(l.msgmnb.value_or(16384));
        if (c.capacity && l.msgmnb && *c.capacity > *l.msgmnb && !l.mayExceedSoftLimits) {
            return limitError("queue capacity", *c.capacity, "msgmnb", *l.msgmnb,
                              "/proc/sys/kernel/msgmnb");
        }
        if (c.capacity && *c.capacity > 0x7fffffffu) {
            return Error{"queue capacity " + num(*c.capacity) + " does not fit msg_qbytes"};
        }
        if (!c.receiveTypes.empty()) {
            // Which of the types 1..N that producers send does some consumer ever take?
            for (std::uint32_t type = 1; type <= c.messageTypes; ++type) {
                bool taken = false;
                for (long t : c.receiveTypes) {
                    taken |= t == 0 || t == long(type) || (t < 0 && long(type) <= -t);
                }
                if (!taken) {
                    warnings.push_back(
                        "no consumer receives messages of type " + num(type) +
                        ": they stay queued, the queue fills up and the producers block");
                    break;
                }
            }
        }
        if (qbytes < size) {
            return Error{"queue capacity of " + num(qbytes) + " bytes cannot hold one message of " +
                         num(size) + " bytes"};
        }
        break;
    }
    case Mechanism::SysvShm:
    case Mechanism::PosixShm: {
        if (c.mechanism == Mechanism::SysvShm && l.semmsl && *l.semmsl < 3) {
            return limitError("semaphores per set needed", 3, "semmsl", *l.semmsl,
                              "first field of /proc/sys/kernel/sem");
        }
        const std::uint64_t slots = c.capacity.value_or(16);
        if (slots < 1 || slots > kMaxRingSlots) {
            return Error{"ring capacity must be between 1 and " + num(kMaxRingSlots) +
                         " slots, got " + num(slots)};
        }
        if (slots > KernelLimits::kSemValueMax) {
            return limitError("ring capacity", slots, "SEMVMX", KernelLimits::kSemValueMax,
                              "the largest semaphore value");
        }
        const std::uint64_t bytes = slots * size + 4096;
        if (c.mechanism == Mechanism::SysvShm && l.shmmax && bytes > *l.shmmax) {
            return limitError("shared memory segment size", bytes, "shmmax", *l.shmmax,
                              "/proc/sys/kernel/shmmax");
        }
        break;
    }
    case Mechanism::SysvSem: {
        const std::uint64_t tokens = c.capacity.value_or(16);
        if (tokens < 1) {
            return Error{"token capacity must be at least 1"};
        }
        if (tokens > KernelLimits::kSemValueMax) {
            return limitError("token capacity", tokens, "SEMVMX", KernelLimits::kSemValueMax,
                              "the largest semaphore value");
        }
        break;
    }
    case Mechanism::PosixMq: {
        const std::uint64_t sizeLimit =
            l.mayExceedSoftLimits ? KernelLimits::kMqHardMsgsizeMax : l.mqMsgsizeMax.value_or(8192);
        if (size > sizeLimit) {
            return limitError("message size", size,
                              l.mayExceedSoftLimits ? "HARD_MSGSIZEMAX" : "msgsize_max", sizeLimit,
                              l.mayExceedSoftLimits ? "include/linux/ipc_namespace.h"
                                                    : "/proc/sys/fs/mqueue/msgsize_max");
        }
        const std::uint64_t countLimit =
            l.mayExceedSoftLimits ? KernelLimits::kMqHardMsgMax : l.mqMsgMax.value_or(10);
        const std::uint64_t maxmsg = c.capacity.value_or(l.mqMsgDefault.value_or(10));
        if (maxmsg < 1) {
            return Error{"queue capacity must be at least 1 message"};
        }
        if (maxmsg > countLimit) {
            return limitError("queue capacity", maxmsg,
                              l.mayExceedSoftLimits ? "HARD_MSGMAX" : "msg_max", countLimit,
                              l.mayExceedSoftLimits ? "include/linux/ipc_namespace.h"
                                                    : "/proc/sys/fs/mqueue/msg_max");
        }
        break;
    }
    case Mechanism::UnixStream:
    case Mechanism::UnixDgram:
        if (c.capacity) {
            if (*c.capacity < 2048) {
                return Error{"socket buffer capacity must be at least 2048 bytes, got " +
                             num(*c.capacity)};
            }
            if (l.wmemMax && *c.capacity > *l.wmemMax && !l.mayExceedSoftLimits) {
                return limitError("socket buffer capacity", *c.capacity, "wmem_max", *l.wmemMax,
                                  "/proc/sys/net/core/wmem_max");
            }
            if (*c.capacity > 0x3fffffffu) {
                return Error{"socket buffer capacity " + num(*c.capacity) +
                             " is larger than the kernel accepts"};
            }
        }
        if (c.mechanism == Mechanism::UnixDgram && c.capacity && size > *c.capacity / 2) {
            return Error{"a datagram of " + num(size) + " bytes does not fit a socket buffer of " +
                         num(*c.capacity) + " bytes (the kernel counts about twice the payload)"};
        }
        if (c.mechanism == Mechanism::UnixDgram && size > 200 * 1024) {
            return Error{
                "a datagram of " + num(size) +
                " bytes is larger than a Unix datagram socket accepts by default (about 200 KiB)"};
        }
        if (c.mechanism == Mechanism::UnixStream && (c.producers > 1 || c.consumers > 1) &&
            size > l.pipeBuf) {
            warnings.push_back("messages of " + num(size) +
                               " bytes on a shared stream socket can be split between "
                               "readers or writers and arrive corrupted");
        }
        break;
    }
    return warnings;
}

} // namespace ipcscope
