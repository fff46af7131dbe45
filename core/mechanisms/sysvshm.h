#pragma once

// System V shared memory ring: the worker's endpoint. (Stub: being implemented.)

#include "mechanisms/endpoint.h"

#include <span>

namespace ipcscope {

class SysvShmEndpoint {
public:
    static Result<SysvShmEndpoint> open(const EndpointParams&, Role) {
        return Error{"the System V shared memory ring endpoint is not implemented yet"};
    }

    template <class Probe> IoResult send(std::span<const std::byte>, const SendMeta&, Probe&) {
        return {IoStatus::Error, ENOSYS};
    }

    template <class Probe> IoResult receive(std::span<std::byte>, ReceiveMode, Probe&) {
        return {IoStatus::Error, ENOSYS};
    }
};

} // namespace ipcscope
