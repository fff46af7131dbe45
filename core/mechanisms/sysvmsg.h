#pragma once

// System V message queue: the worker's endpoint. (Stub: being implemented.)

#include "mechanisms/endpoint.h"

#include <span>

namespace ipcscope {

class SysvMsgEndpoint {
public:
    static Result<SysvMsgEndpoint> open(const EndpointParams&, Role) {
        return Error{"the System V message queue endpoint is not implemented yet"};
    }

    template <class Probe> IoResult send(std::span<const std::byte>, const SendMeta&, Probe&) {
        return {IoStatus::Error, ENOSYS};
    }

    template <class Probe> IoResult receive(std::span<std::byte>, ReceiveMode, Probe&) {
        return {IoStatus::Error, ENOSYS};
    }
};

} // namespace ipcscope
