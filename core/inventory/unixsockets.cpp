#include "unixsockets.h"

#include "base/uniquefd.h"

#include <cerrno>
#include <cstring>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>

namespace ipcscope {

std::string unixSocketStateName(int kernelState) {
    switch (kernelState) {
    case TCP_LISTEN:
        return "listening";
    case TCP_ESTABLISHED:
        return "connected";
    case TCP_CLOSE:
        return "unconnected";
    case TCP_SYN_SENT:
        return "connecting";
    default:
        return "state " + std::to_string(kernelState);
    }
}

namespace {

constexpr std::uint32_t kSequence = 0x1bc5; // ours; replies carry it back
constexpr int kReplyTimeoutS = 5;           // a dump takes milliseconds: never hang on one

std::optional<IpcKind> kindOfType(int type) {
    switch (type) {
    case SOCK_STREAM:
        return IpcKind::UnixStream;
    case SOCK_DGRAM:
        return IpcKind::UnixDgram;
    case SOCK_SEQPACKET:
        return IpcKind::UnixSeqpacket;
    default:
        return std::nullopt;
    }
}

template <typename T> std::optional<T> attributeValue(const rtattr* a) {
    if (RTA_PAYLOAD(a) < sizeof(T)) {
        return std::nullopt;
    }
    T v{};
    std::memcpy(&v, RTA_DATA(a), sizeof v);
    return v;
}

// The sun_path bytes of UNIX_DIAG_NAME: a path ends at its NUL; an abstract name starts with
// one and may hold more, shown as '@' as `ss -x` does.
std::string nameOf(const rtattr* a) {
    std::string name(static_cast<const char*>(RTA_DATA(a)), RTA_PAYLOAD(a));
    if (name.empty()) {
        return name;
    }
    if (name.front() != '\0') {
        return name.substr(0, name.find('\0'));
    }
    for (char& c : name) {
        c = c == '\0' ? '@' : c;
    }
    return name;
}

std::optional<UnixSocketInfo> parseSocket(const nlmsghdr* h) {
    if (h->nlmsg_len < NLMSG_LENGTH(sizeof(unix_diag_msg))) {
        return std::nullopt;
    }
    const auto* m = static_cast<const unix_diag_msg*>(NLMSG_DATA(h));
    const auto kind = kindOfType(m->udiag_type);
    if (m->udiag_family != AF_UNIX || !kind) {
        return std::nullopt;
    }
    UnixSocketInfo s;
    s.inode = m->udiag_ino;
    s.kind = *kind;
    s.state = unixSocketStateName(m->udiag_state);
    int length = int(h->nlmsg_len - NLMSG_LENGTH(sizeof(unix_diag_msg)));
    for (auto* a = reinterpret_cast<const rtattr*>(reinterpret_cast<const char*>(m) +
                                                   NLMSG_ALIGN(sizeof(unix_diag_msg)));
         RTA_OK(a, length); a = RTA_NEXT(a, length)) {
        switch (a->rta_type) {
        case UNIX_DIAG_NAME:
            s.name = nameOf(a);
            break;
        case UNIX_DIAG_VFS:
            if (const auto vfs = attributeValue<unix_diag_vfs>(a)) {
                s.fileInode = vfs->udiag_vfs_ino;
                s.fileDevice = vfs->udiag_vfs_dev;
            }
            break;
        case UNIX_DIAG_PEER:
            // 0: the peer has been closed (an orphaned socket has no inode any more).
            if (const auto peer = attributeValue<std::uint32_t>(a)) {
                if (*peer != 0) {
                    s.peerInode = *peer;
                } else {
                    s.peerClosed = true;
                }
            }
            break;
        case UNIX_DIAG_ICONS: {
            const std::size_t count = RTA_PAYLOAD(a) / sizeof(std::uint32_t);
            const auto* inodes = static_cast<const unsigned char*>(RTA_DATA(a));
            for (std::size_t i = 0; i < count; ++i) {
                std::uint32_t inode = 0;
                std::memcpy(&inode, inodes + i * sizeof inode, sizeof inode);
                s.pendingConnections.push_back(inode);
            }
            break;
        }
        case UNIX_DIAG_RQLEN:
            if (const auto q = attributeValue<unix_diag_rqlen>(a)) {
                s.receiveQueue = q->udiag_rqueue;
                // Listening, the kernel puts the backlog limit where the send queue would be.
                if (m->udiag_state == TCP_LISTEN) {
                    s.backlogLimit = q->udiag_wqueue;
                } else {
                    s.sendQueue = q->udiag_wqueue;
                }
            }
            break;
        case UNIX_DIAG_UID:
            if (const auto uid = attributeValue<std::uint32_t>(a)) {
                s.uid = uid_t(*uid);
            }
            break;
        default:
            break;
        }
    }
    return s;
}

// A client connected to a listener that has not accepted it has a peer without an inode, as a
// socket whose peer was closed does; the listener's list of pending clients tells them apart.
void markAwaitingAccept(std::vector<UnixSocketInfo>& sockets) {
    std::unordered_map<std::uint64_t, std::uint64_t> listenerOf;
    for (const UnixSocketInfo& s : sockets) {
        for (std::uint64_t client : s.pendingConnections) {
            if (client != 0) {
                listenerOf.emplace(client, s.inode);
            }
        }
    }
    for (UnixSocketInfo& s : sockets) {
        if (const auto it = listenerOf.find(s.inode); it != listenerOf.end() && !s.peerInode) {
            s.peerClosed = false;
            s.awaitingAcceptBy = it->second;
        }
    }
}

Error dumpError(int err) {
    if (err == ENOENT || err == EOPNOTSUPP) {
        return Error{"the kernel has no unix_diag (CONFIG_UNIX_DIAG, module unix_diag): Unix "
                     "sockets cannot be listed",
                     err};
    }
    return Error::fromErrno("the kernel refused to list Unix sockets (sock_diag)", err);
}

} // namespace

Result<UnixSocketTable> UnixSocketTable::read() {
    UniqueFd fd(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG));
    if (!fd) {
        return Error::fromErrno(
            "cannot open a NETLINK_SOCK_DIAG socket, so Unix sockets cannot be listed");
    }
    const timeval timeout{kReplyTimeoutS, 0};
    ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);

    struct {
        nlmsghdr header;
        unix_diag_req request;
    } message{};
    message.header.nlmsg_len = sizeof message;
    message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    message.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    message.header.nlmsg_seq = kSequence;
    message.request.sdiag_family = AF_UNIX;
    message.request.udiag_states = ~0u; // every state
    message.request.udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_VFS | UDIAG_SHOW_PEER |
                                 UDIAG_SHOW_ICONS | UDIAG_SHOW_RQLEN | UDIAG_SHOW_UID;
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    ssize_t sent = 0;
    do {
        sent = ::sendto(fd.get(), &message, sizeof message, 0,
                        reinterpret_cast<const sockaddr*>(&kernel), sizeof kernel);
    } while (sent < 0 && errno == EINTR);
    if (sent != ssize_t(sizeof message)) {
        return Error::fromErrno("cannot ask the kernel for its Unix sockets (sock_diag)");
    }

    std::vector<UnixSocketInfo> sockets;
    // Aligned for nlmsghdr; one page of the dump is at most 32 KiB.
    std::vector<std::uint64_t> buffer(64 * 1024 / sizeof(std::uint64_t));
    for (;;) {
        iovec io{buffer.data(), buffer.size() * sizeof(std::uint64_t)};
        msghdr reply{};
        reply.msg_iov = &io;
        reply.msg_iovlen = 1;
        const ssize_t n = ::recvmsg(fd.get(), &reply, 0);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return Error{"the kernel did not finish listing Unix sockets within " +
                             std::to_string(kReplyTimeoutS) + " s (sock_diag)",
                         ETIMEDOUT};
        }
        if (n < 0) {
            return Error::fromErrno("cannot read the kernel's list of Unix sockets (sock_diag)");
        }
        if (n == 0 || (reply.msg_flags & MSG_TRUNC)) {
            return Error{"the kernel's list of Unix sockets came back truncated (sock_diag)", EIO};
        }
        int left = int(n);
        for (auto* h = reinterpret_cast<const nlmsghdr*>(buffer.data()); NLMSG_OK(h, left);
             h = NLMSG_NEXT(h, left)) {
            if (h->nlmsg_seq != kSequence) {
                continue; // not an answer to our request
            }
            if (h->nlmsg_type == NLMSG_DONE) {
                // A dump that failed midway ends with a negative errno in NLMSG_DONE.
                int status = 0;
                if (h->nlmsg_len >= NLMSG_LENGTH(sizeof status)) {
                    std::memcpy(&status, NLMSG_DATA(h), sizeof status);
                }
                if (status < 0) {
                    return dumpError(-status);
                }
                markAwaitingAccept(sockets);
                return fromList(std::move(sockets));
            }
            if (h->nlmsg_type == NLMSG_ERROR) {
                if (h->nlmsg_len < NLMSG_LENGTH(sizeof(nlmsgerr))) {
                    return Error{"the kernel answered the Unix socket dump with a short error "
                                 "message (sock_diag)",
                                 EIO};
                }
                const auto* e = static_cast<const nlmsgerr*>(NLMSG_DATA(h));
                if (e->error != 0) {
                    return dumpError(-e->error);
                }
                continue; // an acknowledgement
            }
            if (h->nlmsg_type == SOCK_DIAG_BY_FAMILY) {
                if (auto s = parseSocket(h)) {
                    sockets.push_back(std::move(*s));
                }
            }
        }
    }
}

UnixSocketTable UnixSocketTable::fromList(std::vector<UnixSocketInfo> sockets) {
    UnixSocketTable t;
    t.m_sockets = std::move(sockets);
    t.m_byInode.reserve(t.m_sockets.size());
    for (std::size_t i = 0; i < t.m_sockets.size(); ++i) {
        t.m_byInode.emplace(t.m_sockets[i].inode, i);
    }
    return t;
}

const UnixSocketInfo* UnixSocketTable::find(std::uint64_t inode) const {
    const auto it = m_byInode.find(inode);
    return it == m_byInode.end() ? nullptr : &m_sockets[it->second];
}

} // namespace ipcscope
