#pragma once

// System V semaphores alone: counting tokens (semop(2)). Tokens carry no data.
//   producer: one semop of { P(space), V(tokens) }   — waits while the capacity is used up
//   consumer: one semop of { P(tokens), V(space) }   — waits while there is no token
// Both operations are applied atomically by the kernel, so a token is never half moved.

#include "mechanisms/endpoint.h"

#include <span>
#include <sys/sem.h>

namespace ipcscope {

enum TokenSemaphore : std::uint8_t { kTokenSpace = 0, kTokenTokens = 1 };
inline constexpr const char* kTokenSemaphoreNames[] = {"space", "tokens"};

class SysvSemEndpoint {
public:
    static Result<SysvSemEndpoint> open(const EndpointParams& params, Role) {
        const auto semid = params.number("semid");
        if (!semid) {
            return semid.error();
        }
        return SysvSemEndpoint(int(*semid));
    }

    template <class Probe>
    IoResult send(std::span<const std::byte>, const SendMeta&, Probe& probe) {
        return move(kTokenSpace, kTokenTokens, ReceiveMode::Wait, probe);
    }

    template <class Probe> IoResult receive(std::span<std::byte>, ReceiveMode mode, Probe& probe) {
        return move(kTokenTokens, kTokenSpace, mode, probe);
    }

private:
    explicit SysvSemEndpoint(int semid)
        : m_semid(semid) {}

    template <class Probe>
    IoResult move(std::uint8_t from, std::uint8_t to, ReceiveMode mode, Probe& probe) {
        const auto op = [&](bool noWait) {
            sembuf ops[2] = {{from, -1, short(noWait ? IPC_NOWAIT : 0)}, {to, +1, 0}};
            if (::semop(m_semid, ops, 2) == 0) {
                return IoResult::ok();
            }
            return errno == EINVAL ? IoResult{IoStatus::Eof, EINVAL} : IoResult::fromErrno(errno);
        };
        if (mode == ReceiveMode::NoWait) {
            return op(true);
        }
        probe.stepGate(CallKind::Semop, from);
        return observedCall(probe, CallKind::Semop, from, [&] { return op(false); });
    }

    int m_semid;
};

} // namespace ipcscope
