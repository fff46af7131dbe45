// System V message queue: the lab's channel. (Stub: being implemented.)

#include "mechanisms/channels.h"

namespace ipcscope {

Result<std::unique_ptr<Channel>> createSysvMsgChannel(const RunConfig&, const RunContext&) {
    return Error{"the System V message queue mechanism is not implemented yet"};
}

} // namespace ipcscope
