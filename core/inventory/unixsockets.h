#pragma once

// Every Unix domain socket in the observer's network namespace, from NETLINK_SOCK_DIAG
// (UNIX_DIAG_NAME | VFS | PEER | ICONS | RQLEN | UID): type, state, peer, name and queues, by
// inode. /proc/PID/fd only says "socket:[inode]"; this says what that socket is and who is at
// the other end. Reading it has no effect on the sockets.
//
// Only the network namespace of the reading process: a socket of a process in another network
// namespace (a container) is not in the table, although its "socket:[inode]" shows in /proc.

#include "base/ipckind.h"
#include "base/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <sys/types.h>
#include <unordered_map>
#include <vector>

namespace ipcscope {

struct UnixSocketInfo {
    std::uint64_t inode = 0;
    IpcKind kind = IpcKind::UnixStream; // UnixStream, UnixDgram or UnixSeqpacket
    std::string state; // "listening", "connected", "unconnected", "connecting" ("state N" else)
    std::optional<std::uint64_t> peerInode;
    // Connected, but the other end has been closed: reads return what is queued, then EOF.
    bool peerClosed = false;
    // A client whose connection a listener has not accepted yet (its peer has no inode until
    // accept()): the listener's inode.
    std::optional<std::uint64_t> awaitingAcceptBy;
    // Bound path, "@abstract" (the leading NUL, and any NUL in it, shown as '@'), or "" when
    // unnamed. A connection accepted from a listener carries the listener's name.
    std::string name;
    // Not listening: stream/seqpacket, bytes waiting to be read; datagram, the size of the
    // next datagram only (the kernel's SIOCINQ). Listening: connections waiting to be accepted.
    std::uint32_t receiveQueue = 0;
    // Not listening: kernel memory held by data this socket sent that is not read yet
    // (sk_wmem_alloc, buffer overhead included: not a byte count of payload).
    std::uint32_t sendQueue = 0;
    std::optional<std::uint32_t> backlogLimit;     // listening: listen()'s backlog
    std::vector<std::uint64_t> pendingConnections; // listening: client inodes not yet accepted
    std::optional<uid_t> uid;                      // who created it (kernel 5.3+)
    // Bound to a path: the socket file's inode and device (it may have been unlinked since).
    std::optional<std::uint32_t> fileInode, fileDevice;

    bool listening() const { return state == "listening"; }
    bool operator==(const UnixSocketInfo&) const = default;
};

class UnixSocketTable {
public:
    // One dump of the kernel's table. Fails with a sentence when the netlink socket cannot be
    // opened or the kernel lacks unix_diag.
    static Result<UnixSocketTable> read();
    static UnixSocketTable fromList(std::vector<UnixSocketInfo> sockets); // tests, recordings

    const UnixSocketInfo* find(std::uint64_t inode) const;
    const std::vector<UnixSocketInfo>& all() const { return m_sockets; }

private:
    std::vector<UnixSocketInfo> m_sockets;
    std::unordered_map<std::uint64_t, std::size_t> m_byInode;
};

// "listening", "connected", ... for a kernel socket state (TCP_LISTEN, TCP_ESTABLISHED, ...).
std::string unixSocketStateName(int kernelState);

} // namespace ipcscope
