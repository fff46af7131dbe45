#pragma once

// POSIX message queue: the worker's endpoint (mq_overview(7)).
// Two descriptors on the same queue, one blocking and one O_NONBLOCK, so that "try without
// waiting" needs no mq_setattr call (and never changes the flags another worker sees).

#include "base/uniquefd.h"
#include "mechanisms/endpoint.h"

#include <fcntl.h>
#include <mqueue.h>
#include <span>

namespace ipcscope {

class PosixMqEndpoint {
public:
    static Result<PosixMqEndpoint> open(const EndpointParams& params, Role role) {
        const auto name = params.text("name");
        if (!name) {
            return name.error();
        }
        const int access = role == Role::Producer ? O_WRONLY : O_RDONLY;
        const mqd_t blocking = ::mq_open(name->c_str(), access | O_CLOEXEC);
        if (blocking == mqd_t(-1)) {
            return Error::fromErrno("cannot open POSIX message queue " + *name);
        }
        UniqueFd waiting(blocking); // on Linux an mqd_t is a file descriptor
        const mqd_t nonBlocking = ::mq_open(name->c_str(), access | O_CLOEXEC | O_NONBLOCK);
        if (nonBlocking == mqd_t(-1)) {
            return Error::fromErrno("cannot open POSIX message queue " + *name);
        }
        return PosixMqEndpoint(std::move(waiting), UniqueFd(nonBlocking));
    }

    template <class Probe>
    IoResult send(std::span<const std::byte> msg, const SendMeta& meta, Probe& probe) {
        const auto* data = reinterpret_cast<const char*>(msg.data());
        probe.stepGate(CallKind::MqSend);
        return observedCall(probe, CallKind::MqSend, 0, [&] {
            return result(::mq_send(m_blocking.get(), data, msg.size(), meta.priority));
        });
    }

    template <class Probe>
    IoResult receive(std::span<std::byte> buf, ReceiveMode mode, Probe& probe) {
        auto* data = reinterpret_cast<char*>(buf.data());
        ssize_t n = -1;
        const auto tryOnce = [&] {
            return result(n = ::mq_receive(m_nonBlocking.get(), data, buf.size(), nullptr));
        };
        if (mode == ReceiveMode::Wait) {
            probe.stepGate(CallKind::MqReceive);
        }
        const IoResult r =
            mode == ReceiveMode::NoWait
                ? tryOnce()
                : observedCall(probe, CallKind::MqReceive, 0, [&] {
                      return result(n = ::mq_receive(m_blocking.get(), data, buf.size(), nullptr));
                  });
        if (r.status == IoStatus::Ok && std::size_t(n) != buf.size()) {
            return {IoStatus::Malformed, 0};
        }
        return r;
    }

private:
    PosixMqEndpoint(UniqueFd blocking, UniqueFd nonBlocking)
        : m_blocking(std::move(blocking))
        , m_nonBlocking(std::move(nonBlocking)) {}
    static IoResult result(long rc) {
        return rc >= 0 ? IoResult::ok() : IoResult::fromErrno(errno);
    }

    UniqueFd m_blocking;
    UniqueFd m_nonBlocking;
};

} // namespace ipcscope
