// POSIX shared memory ring: the lab's channel. (Stub: being implemented.)

#include "mechanisms/channels.h"

namespace ipcscope {

Result<std::unique_ptr<Channel>> createPosixShmChannel(const RunConfig&, const RunContext&) {
    return Error{"the POSIX shared memory ring mechanism is not implemented yet"};
}

} // namespace ipcscope
