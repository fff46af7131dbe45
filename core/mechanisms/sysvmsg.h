#pragma once

// System V message queue: the worker's endpoint.
// msgsnd(2)/msgrcv(2) with the message type in front of the text. The type lives in the scratch
// headroom just before the message (message.h), so no copy is needed.

#include "mechanisms/endpoint.h"
#include "mechanisms/message.h"

#include <cstring>
#include <span>
#include <sys/msg.h>

namespace ipcscope {

class SysvMsgEndpoint {
public:
    static Result<SysvMsgEndpoint> open(const EndpointParams& params, Role role) {
        const auto id = params.number("msqid");
        if (!id) {
            return id.error();
        }
        return SysvMsgEndpoint(int(*id), role == Role::Consumer ? params.receiveType : 0);
    }

    template <class Probe>
    IoResult send(std::span<const std::byte> msg, const SendMeta& meta, Probe& probe) {
        // [long mtype][text]: mtype goes in the headroom right before msg.data().
        auto* frame = const_cast<std::byte*>(msg.data()) - sizeof(long);
        std::memcpy(frame, &meta.type, sizeof(long));
        probe.stepGate(CallKind::Msgsnd);
        return observedCall(probe, CallKind::Msgsnd, 0,
                            [&] { return result(::msgsnd(m_id, frame, msg.size(), 0)); });
    }

    template <class Probe>
    IoResult receive(std::span<std::byte> buf, ReceiveMode mode, Probe& probe) {
        auto* frame = buf.data() - sizeof(long);
        ssize_t n = -1;
        // MSG_NOERROR is not used: an oversized message must fail loudly (E2BIG), not be cut.
        const auto tryOnce = [&] {
            n = ::msgrcv(m_id, frame, buf.size(), m_type, IPC_NOWAIT);
            // With IPC_NOWAIT, "nothing of our type yet" is ENOMSG rather than EAGAIN.
            return n < 0 && errno == ENOMSG ? IoResult{IoStatus::WouldBlock, ENOMSG} : result(n);
        };
        if (mode == ReceiveMode::Wait) {
            probe.stepGate(CallKind::Msgrcv);
        }
        IoResult r =
            mode == ReceiveMode::NoWait ? tryOnce() : observedCall(probe, CallKind::Msgrcv, 0, [&] {
                return result(n = ::msgrcv(m_id, frame, buf.size(), m_type, 0));
            });
        if (r.status == IoStatus::Ok && std::size_t(n) != buf.size()) {
            return {IoStatus::Malformed, 0};
        }
        if (r.status == IoStatus::Error && r.err == E2BIG) {
            return {IoStatus::Malformed, E2BIG};
        }
        return r;
    }

private:
    SysvMsgEndpoint(int id, long type)
        : m_id(id)
        , m_type(type) {}
    static IoResult result(long rc) {
        return rc >= 0 ? IoResult::ok() : IoResult::fromErrno(errno);
    }

    int m_id;
    long m_type;
};

} // namespace ipcscope
