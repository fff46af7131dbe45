// Pipe, FIFO and Unix socket channels: the lab creates the objects, hands each worker its end,
// then lets go of its own copies so that EOF and EPIPE behave as in any program.

#include "mechanisms/channel.h"
#include "mechanisms/channels.h"
#include "mechanisms/streamendpoint.h"

#include "base/uniquefd.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ipcscope {

namespace {

constexpr std::uint64_t kDefaultPipeSize = 65536; // 16 pages, pipe(7)

class PipeChannel final : public Channel {
public:
    PipeChannel(UniqueFd readEnd, UniqueFd writeEnd, std::uint64_t capacity,
                std::uint32_t messageSize, bool readerKeepsWriteEnd)
        : m_read(std::move(readEnd))
        , m_write(std::move(writeEnd))
        , m_capacity(capacity)
        , m_messageSize(messageSize)
        , m_readerKeepsWriteEnd(readerKeepsWriteEnd) {}
    EndpointSpec endpoint(Role role, std::uint32_t) const override {
        if (role == Role::Consumer && m_readerKeepsWriteEnd) {
            // The classic mistake: the reader never closes its copy of the write end, so the
            // pipe always has a writer and read() never returns EOF.
            return EndpointSpec{{m_read.get(), m_write.get()}, {}};
        }
        return EndpointSpec{{role == Role::Producer ? m_write.get() : m_read.get()}, {}};
    }
    void releaseWorkerEnds() override {
        m_read.reset();
        m_write.reset();
    }
    ChannelGauge gauge() const override {
        return {};
    } // no side-effect-free kernel view: from telemetry
    std::uint64_t capacity() const override { return m_capacity; }
    std::uint64_t capacityInMessages() const override { return m_capacity / m_messageSize + 1; }
    std::vector<ManifestObject> objects() const override {
        return {};
    } // vanishes with its last holder

private:
    UniqueFd m_read;
    UniqueFd m_write;
    std::uint64_t m_capacity;
    std::uint32_t m_messageSize;
    bool m_readerKeepsWriteEnd;
};

class FifoChannel final : public Channel {
public:
    FifoChannel(std::string path, std::optional<std::uint64_t> capacity, std::uint32_t messageSize,
                bool writerComparesFd)
        : m_path(std::move(path))
        , m_requested(capacity)
        , m_messageSize(messageSize)
        , m_writerComparesFd(writerComparesFd) {}
    ~FifoChannel() override { ::unlink(m_path.c_str()); }
    EndpointSpec endpoint(Role role, std::uint32_t) const override {
        EndpointSpec spec{{}, {{"path", m_path}}};
        if (role == Role::Producer && m_writerComparesFd) {
            spec.values.emplace_back(kFifoWriterComparesFd, "1");
        }
        if (m_requested) {
            spec.values.emplace_back("capacity", std::to_string(*m_requested));
        }
        return spec;
    }
    ChannelGauge gauge() const override {
        return {};
    } // opening it ourselves would change the rendezvous
    std::uint64_t capacity() const override { return m_requested.value_or(kDefaultPipeSize); }
    std::uint64_t capacityInMessages() const override { return capacity() / m_messageSize + 1; }
    std::vector<ManifestObject> objects() const override {
        return {{ObjectKind::Fifo, -1, 0, m_path}};
    }

private:
    std::string m_path;
    std::optional<std::uint64_t> m_requested;
    std::uint32_t m_messageSize;
    bool m_writerComparesFd;
};

class SocketChannel final : public Channel {
public:
    SocketChannel(UniqueFd producerEnd, UniqueFd consumerEnd, std::uint64_t capacity,
                  std::uint32_t messageSize)
        : m_producerEnd(std::move(producerEnd))
        , m_consumerEnd(std::move(consumerEnd))
        , m_capacity(capacity)
        , m_messageSize(messageSize) {}
    EndpointSpec endpoint(Role role, std::uint32_t) const override {
        return EndpointSpec{{role == Role::Producer ? m_producerEnd.get() : m_consumerEnd.get()},
                            {}};
    }
    void releaseWorkerEnds() override {
        m_producerEnd.reset();
        m_consumerEnd.reset();
    }
    ChannelGauge gauge() const override { return {}; }
    std::uint64_t capacity() const override { return m_capacity; }
    std::uint64_t capacityInMessages() const override {
        // Every queued message costs at least its payload against the send buffer.
        return m_capacity / m_messageSize + 1;
    }
    std::vector<ManifestObject> objects() const override { return {}; }

private:
    UniqueFd m_producerEnd;
    UniqueFd m_consumerEnd;
    std::uint64_t m_capacity;
    std::uint32_t m_messageSize;
};

} // namespace

Result<std::unique_ptr<Channel>> createPipeChannel(const RunConfig& config, const RunContext&) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        return Error::fromErrno("cannot create a pipe");
    }
    UniqueFd readEnd(fds[0]);
    UniqueFd writeEnd(fds[1]);
    if (config.capacity && ::fcntl(writeEnd.get(), F_SETPIPE_SZ, int(*config.capacity)) < 0) {
        return Error::fromErrno("cannot set the pipe capacity to " +
                                std::to_string(*config.capacity) + " bytes");
    }
    const int size = ::fcntl(writeEnd.get(), F_GETPIPE_SZ);
    if (size < 0) {
        return Error::fromErrno("cannot read the pipe capacity");
    }
    return std::unique_ptr<Channel>(
        std::make_unique<PipeChannel>(std::move(readEnd), std::move(writeEnd), std::uint64_t(size),
                                      config.messageSize, config.scenario.readerKeepsWriteEnd));
}

Result<std::unique_ptr<Channel>> createFifoChannel(const RunConfig& config,
                                                   const RunContext& context) {
    std::string path = context.runDir + "/fifo";
    if (::mkfifo(path.c_str(), 0600) != 0) {
        return Error::fromErrno("cannot create the FIFO " + path);
    }
    return std::unique_ptr<Channel>(std::make_unique<FifoChannel>(
        std::move(path), config.capacity, config.messageSize, config.scenario.writerComparesFd));
}

Result<std::unique_ptr<Channel>> createSocketChannel(const RunConfig& config, const RunContext&) {
    const bool datagram = config.mechanism == Mechanism::UnixDgram;
    int sv[2];
    if (::socketpair(AF_UNIX, (datagram ? SOCK_DGRAM : SOCK_STREAM) | SOCK_CLOEXEC, 0, sv) != 0) {
        return Error::fromErrno("cannot create a Unix socket pair");
    }
    UniqueFd producerEnd(sv[0]);
    UniqueFd consumerEnd(sv[1]);
    if (config.capacity) {
        const int bytes = int(*config.capacity);
        // The kernel doubles the value it is given (socket(7)); ask for half so SO_SNDBUF reads
        // back as the capacity.
        const int request = bytes / 2;
        if (::setsockopt(producerEnd.get(), SOL_SOCKET, SO_SNDBUF, &request, sizeof request) != 0) {
            return Error::fromErrno("cannot set the socket buffer to " + std::to_string(bytes) +
                                    " bytes");
        }
    }
    int sndbuf = 0;
    socklen_t len = sizeof sndbuf;
    if (::getsockopt(producerEnd.get(), SOL_SOCKET, SO_SNDBUF, &sndbuf, &len) != 0) {
        return Error::fromErrno("cannot read the socket buffer size");
    }
    return std::unique_ptr<Channel>(std::make_unique<SocketChannel>(
        std::move(producerEnd), std::move(consumerEnd), std::uint64_t(sndbuf), config.messageSize));
}

} // namespace ipcscope
