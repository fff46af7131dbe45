#pragma once

// POSIX shared memory ring: the worker's endpoint. (Stub: being implemented.)

#include "mechanisms/endpoint.h"

#include <span>

namespace ipcscope {

class PosixShmEndpoint {
public:
    static Result<PosixShmEndpoint> open(const EndpointParams&, Role) {
        return Error{"the POSIX shared memory ring endpoint is not implemented yet"};
    }

    template <class Probe> IoResult send(std::span<const std::byte>, const SendMeta&, Probe&) {
        return {IoStatus::Error, ENOSYS};
    }

    template <class Probe> IoResult receive(std::span<std::byte>, ReceiveMode, Probe&) {
        return {IoStatus::Error, ENOSYS};
    }
};

} // namespace ipcscope
