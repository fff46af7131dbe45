#pragma once

// Every Unix domain socket in the observer's network namespace, from NETLINK_SOCK_DIAG
// (UNIX_DIAG_NAME | PEER | RQLEN | ICONS | VFS): type, state, peer, name and queues, by inode.
// /proc/PID/fd only says "socket:[inode]"; this says what that socket is and who is at the
// other end. Reading it has no effect on the sockets.

#include "base/ipckind.h"
#include "base/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ipcscope {

struct UnixSocketInfo {
    std::uint64_t inode = 0;
    IpcKind kind = IpcKind::UnixStream; // UnixStream, UnixDgram or UnixSeqpacket
    std::string state;                  // "listening", "connected", "unconnected", "connecting"
    std::optional<std::uint64_t> peerInode;
    std::string name; // bound path, "@abstract", or "" when unnamed
    // Stream/seqpacket: bytes waiting to be read (connected) or connections waiting to be
    // accepted (listening); datagram: bytes queued to receive and to send.
    std::uint32_t receiveQueue = 0;
    std::uint32_t sendQueue = 0;
    std::vector<std::uint64_t> pendingConnections; // listening: inodes not yet accepted

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

} // namespace ipcscope
