// POSIX message queue: the lab's channel. (Stub: being implemented.)

#include "mechanisms/channels.h"

namespace ipcscope {

Result<std::unique_ptr<Channel>> createPosixMqChannel(const RunConfig&, const RunContext&) {
    return Error{"the POSIX message queue mechanism is not implemented yet"};
}

} // namespace ipcscope
