// System V shared memory ring: the lab's channel. (Stub: being implemented.)

#include "mechanisms/channels.h"

namespace ipcscope {

Result<std::unique_ptr<Channel>> createSysvShmChannel(const RunConfig&, const RunContext&) {
    return Error{"the System V shared memory ring mechanism is not implemented yet"};
}

} // namespace ipcscope
