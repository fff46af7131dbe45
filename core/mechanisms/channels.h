#pragma once

// One factory per mechanism family; createChannel() picks among them. Internal to the library.

#include "mechanisms/channel.h"

namespace ipcscope {

Result<std::unique_ptr<Channel>> createPipeChannel(const RunConfig&, const RunContext&);
Result<std::unique_ptr<Channel>> createFifoChannel(const RunConfig&, const RunContext&);
Result<std::unique_ptr<Channel>> createSocketChannel(const RunConfig&,
                                                     const RunContext&); // unix-stream, unix-dgram
Result<std::unique_ptr<Channel>> createSysvMsgChannel(const RunConfig&, const RunContext&);
Result<std::unique_ptr<Channel>> createPosixMqChannel(const RunConfig&, const RunContext&);
Result<std::unique_ptr<Channel>> createSysvShmChannel(const RunConfig&, const RunContext&);
Result<std::unique_ptr<Channel>> createPosixShmChannel(const RunConfig&, const RunContext&);
Result<std::unique_ptr<Channel>> createSysvSemChannel(const RunConfig&, const RunContext&);

// A fresh System V key with ipcscope's prefix (naming.h) for IPC_CREAT | IPC_EXCL; callers
// retry with the next candidate on EEXIST.
// A System V semaphore set of `count` semaphores with an ipcscope key (keyOut).
Result<int> createSysvSemSet(const RunContext& context, std::uint32_t objectIndex, int count,
                             key_t& keyOut);

std::int32_t sysvKeyCandidate(const RunContext& context, std::uint32_t attempt,
                              std::uint32_t objectIndex);

} // namespace ipcscope
