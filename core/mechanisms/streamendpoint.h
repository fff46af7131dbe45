#pragma once

// Endpoints for byte streams (pipe, FIFO, Unix stream socket) and datagram sockets.
// A message may need several calls on a stream: a started message is always finished, even
// across signals, so streams never carry half messages because of ipcscope itself.

#include "base/uniquefd.h"
#include "mechanisms/endpoint.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <span>

namespace ipcscope {

// Pipes and FIFOs. Draining reads "take what is there" without touching the O_NONBLOCK flag
// that every worker sharing the open file description would see: -1 with EAGAIN when a read
// would wait, 0 at end of file.
struct PipeIo {
    static constexpr CallKind kWriteCall = CallKind::Write;
    static constexpr CallKind kReadCall = CallKind::Read;
    static ssize_t write(int fd, const std::byte* p, std::size_t n) { return ::write(fd, p, n); }
    static ssize_t tryRead(int fd, std::byte* p, std::size_t n) {
        iovec v{p, n};
        const ssize_t got = ::preadv2(fd, &v, 1, -1, RWF_NOWAIT);
        if (got >= 0 || errno != EOPNOTSUPP) {
            return got;
        }
        // RWF_NOWAIT is refused on a FIFO opened with open(2) (and on pipes by older kernels): ask
        // poll. Readable (data, or no writer left: end of file) means read() returns at once; a
        // reader sharing the FIFO could take the data first, but a drain comes only after every
        // writer has gone, so read() then returns end of file (and the lab's repeated nudge ends
        // any other wait: EINTR).
        pollfd ready{fd, POLLIN, 0};
        int readable;
        while ((readable = ::poll(&ready, 1, 0)) < 0 && errno == EINTR) {
        }
        if (readable == 0) {
            errno = EAGAIN;
        }
        return readable > 0 ? ::read(fd, p, n) : -1;
    }
    static ssize_t read(int fd, std::byte* p, std::size_t n) { return ::read(fd, p, n); }
};

struct SocketIo {
    static constexpr CallKind kWriteCall = CallKind::Send;
    static constexpr CallKind kReadCall = CallKind::Recv;
    static ssize_t write(int fd, const std::byte* p, std::size_t n) {
        return ::send(fd, p, n, MSG_NOSIGNAL);
    }
    static ssize_t tryRead(int fd, std::byte* p, std::size_t n) {
        return ::recv(fd, p, n, MSG_DONTWAIT);
    }
    static ssize_t read(int fd, std::byte* p, std::size_t n) { return ::recv(fd, p, n, 0); }
};

// The parameter that makes a FIFO writer lose its descriptor (Scenario::writerComparesFd).
inline constexpr const char* kFifoWriterComparesFd = "writer_compares_fd";

template <class Io> class StreamEndpoint {
public:
    static constexpr CallKind kSendCall = Io::kWriteCall;
    static constexpr CallKind kReceiveCall = Io::kReadCall;

    explicit StreamEndpoint(UniqueFd fd)
        : m_fd(std::move(fd)) {}

    template <class Probe>
    IoResult send(std::span<const std::byte> msg, const SendMeta&, Probe& probe) {
        std::size_t done = 0;
        while (done < msg.size()) {
            ssize_t n = -1;
            const IoResult r = transfer(probe, Io::kWriteCall, [&] {
                return n = Io::write(m_fd.get(), msg.data() + done, msg.size() - done);
            });
            if (r.status == IoStatus::Ok) {
                done += std::size_t(n);
            } else if (r.status == IoStatus::Interrupted && done > 0) {
                continue; // finish the message we started
            } else {
                return r;
            }
        }
        return IoResult::ok();
    }

    // Returns Ok only with the whole buffer filled.
    template <class Probe>
    IoResult receive(std::span<std::byte> buf, ReceiveMode mode, Probe& probe) {
        std::size_t done = 0;
        while (done < buf.size()) {
            ssize_t n = -1;
            IoResult r;
            if (mode == ReceiveMode::NoWait && done == 0) {
                // Draining: take what is there without waiting.
                n = Io::tryRead(m_fd.get(), buf.data(), buf.size());
                r = n >= 0 ? IoResult::ok() : IoResult::fromErrno(errno);
            } else {
                r = transfer(probe, Io::kReadCall, [&] {
                    return n = Io::read(m_fd.get(), buf.data() + done, buf.size() - done);
                });
            }
            if (r.status == IoStatus::Ok) {
                if (n == 0) {
                    return {done == 0 ? IoStatus::Eof : IoStatus::Truncated, 0};
                }
                done += std::size_t(n);
            } else if (r.status == IoStatus::Interrupted && done > 0) {
                continue;
            } else {
                return r;
            }
        }
        return IoResult::ok();
    }

    // One read of at most buf.size() bytes, as the course notes' reader makes it
    // (read(fd, buf, PIPE_BUF): what is there, whole writes or parts of them): Ok with `got` bytes
    // (0: end of file).
    template <class Probe>
    IoResult receiveSome(std::span<std::byte> buf, ReceiveMode mode, Probe& probe,
                         std::size_t& got) {
        ssize_t n = -1;
        IoResult r;
        if (mode == ReceiveMode::NoWait) {
            n = Io::tryRead(m_fd.get(), buf.data(), buf.size());
            r = n >= 0 ? IoResult::ok() : IoResult::fromErrno(errno);
        } else {
            r = transfer(probe, Io::kReadCall,
                         [&] { return n = Io::read(m_fd.get(), buf.data(), buf.size()); });
        }
        got = r.status == IoStatus::Ok ? std::size_t(n) : 0;
        return r;
    }

    int fd() const { return m_fd.get(); }

private:
    template <class Probe, class WaitFn>
    IoResult transfer(Probe& probe, CallKind call, WaitFn&& wait) {
        probe.stepGate(call);
        return observedCall(probe, call, 0, [&] {
            const ssize_t n = wait();
            return n >= 0 ? IoResult::ok() : IoResult::fromErrno(errno);
        });
    }

    UniqueFd m_fd;
};

// One message per datagram: a short datagram is a corrupted message, not a partial one.
class DatagramEndpoint {
public:
    explicit DatagramEndpoint(UniqueFd fd)
        : m_fd(std::move(fd)) {}

    template <class Probe>
    IoResult send(std::span<const std::byte> msg, const SendMeta&, Probe& probe) {
        probe.stepGate(CallKind::Send);
        return observedCall(probe, CallKind::Send, 0, [&] {
            return result(SocketIo::write(m_fd.get(), msg.data(), msg.size()));
        });
    }

    template <class Probe>
    IoResult receive(std::span<std::byte> buf, ReceiveMode mode, Probe& probe) {
        ssize_t n = -1;
        IoResult r;
        if (mode == ReceiveMode::NoWait) {
            n = SocketIo::tryRead(m_fd.get(), buf.data(), buf.size());
            r = n >= 0 ? IoResult::ok() : IoResult::fromErrno(errno);
        } else {
            probe.stepGate(CallKind::Recv);
            r = observedCall(probe, CallKind::Recv, 0, [&] {
                return result(n = SocketIo::read(m_fd.get(), buf.data(), buf.size()));
            });
        }
        if (r.status == IoStatus::Ok && std::size_t(n) != buf.size()) {
            return {IoStatus::Malformed, 0};
        }
        return r;
    }

private:
    static IoResult result(ssize_t n) {
        return n >= 0 ? IoResult::ok() : IoResult::fromErrno(errno);
    }
    UniqueFd m_fd;
};

} // namespace ipcscope
