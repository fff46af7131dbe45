// System V semaphore tokens: the lab's channel. (Stub: being implemented.)

#include "mechanisms/channels.h"

namespace ipcscope {

Result<std::unique_ptr<Channel>> createSysvSemChannel(const RunConfig&, const RunContext&) {
    return Error{"the System V semaphore tokens mechanism is not implemented yet"};
}

} // namespace ipcscope
