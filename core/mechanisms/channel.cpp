#include "mechanisms/channel.h"
#include "mechanisms/channels.h"
#include "mechanisms/endpoint.h"

#include "base/naming.h"

#include <charconv>

namespace ipcscope {

std::string RunContext::posixName(std::string_view role) const {
    return "/" + std::string(kPosixNamePrefix) + std::to_string(labPid) + "." +
           std::to_string(runId) + "." + std::string(role);
}

std::int32_t sysvKeyCandidate(const RunContext& context, std::uint32_t attempt,
                              std::uint32_t objectIndex) {
    // Mix lab pid, run id, object and attempt into the low 16 bits; collisions are retried.
    std::uint32_t h = std::uint32_t(context.labPid) * 2654435761u ^ context.runId * 40503u ^
                      objectIndex * 131u ^ attempt * 2246822519u;
    h ^= h >> 16;
    std::uint32_t low = h & 0xffffu;
    if (low == 0) {
        low = 1;
    }
    return std::int32_t(kSysvKeyPrefix | low);
}

Result<long long> EndpointParams::number(std::string_view key) const {
    const std::string* v = find(key);
    if (!v) {
        return Error{"missing channel parameter '" + std::string(key) + "'"};
    }
    long long out = 0;
    const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec != std::errc() || end != v->data() + v->size()) {
        return Error{"channel parameter '" + std::string(key) + "' is not a number: '" + *v + "'"};
    }
    return out;
}

Result<std::string> EndpointParams::text(std::string_view key) const {
    const std::string* v = find(key);
    if (!v) {
        return Error{"missing channel parameter '" + std::string(key) + "'"};
    }
    return *v;
}

Result<std::unique_ptr<Channel>> createChannel(const RunConfig& config, const RunContext& context) {
    switch (config.mechanism) {
    case Mechanism::Pipe:
        return createPipeChannel(config, context);
    case Mechanism::Fifo:
        return createFifoChannel(config, context);
    case Mechanism::UnixStream:
    case Mechanism::UnixDgram:
        return createSocketChannel(config, context);
    case Mechanism::SysvMsg:
        return createSysvMsgChannel(config, context);
    case Mechanism::PosixMq:
        return createPosixMqChannel(config, context);
    case Mechanism::SysvShm:
        return createSysvShmChannel(config, context);
    case Mechanism::PosixShm:
        return createPosixShmChannel(config, context);
    case Mechanism::SysvSem:
        return createSysvSemChannel(config, context);
    }
    return Error{"unknown mechanism"};
}

} // namespace ipcscope
