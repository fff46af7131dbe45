// Unix domain sockets in the inventory: the kernel's table (unixsockets.h) as IpcObjects, with
// who holds each socket and who holds its peer, from the descriptor scan.

#include "inventory.h"
#include "unixsockets.h"

#include <set>
#include <unistd.h>
#include <unordered_set>

namespace ipcscope {

namespace {

std::string readLink(const std::string& path) {
    char target[256];
    const ssize_t n = ::readlink(path.c_str(), target, sizeof target);
    return n > 0 ? std::string(target, std::size_t(n)) : std::string();
}

} // namespace

void InventoryScanner::scanUnixSockets(Inventory& out) {
    if (!m_options.live) {
        return; // the kernel's sockets are not part of a fixture tree
    }
    const auto table = UnixSocketTable::read();
    if (!table) {
        out.warnings.push_back(table.error().message);
        return;
    }
    for (const UnixSocketInfo& s : table->all()) {
        if (!m_options.wants(s.kind)) {
            continue;
        }
        IpcObject o;
        o.kind = s.kind;
        o.name = s.name.empty() ? "socket:[" + std::to_string(s.inode) + "]" : s.name;
        o.inode = s.inode;
        o.uid = s.uid;
        o.socketState = s.state;
        o.peerInode = s.peerInode;
        o.peerClosed = s.peerClosed;
        o.awaitingAcceptBy = s.awaitingAcceptBy;
        if (s.listening()) {
            o.pendingConnections = s.pendingConnections;
            o.backlogLimit = s.backlogLimit;
        } else {
            o.receiveQueue = s.receiveQueue;
            o.sendQueue = s.sendQueue;
        }
        out.objects.push_back(std::move(o));
    }
}

void InventoryScanner::attachSocketHolders(Inventory& out, SocketHolders& holders) {
    std::unordered_set<std::uint64_t> listed;
    for (IpcObject& o : out.objects) {
        if (!isUnixSocket(o.kind) || !o.inode) {
            continue;
        }
        listed.insert(*o.inode);
        if (const auto it = holders.find(*o.inode); it != holders.end()) {
            o.users = it->second;
        }
        // A client not accepted yet: the listener's holders are the ones who can accept it.
        if (const auto peer = o.peerInode ? o.peerInode : o.awaitingAcceptBy) {
            if (const auto it = holders.find(*peer); it != holders.end()) {
                o.peerUsers = it->second;
            }
        }
    }
    if (!m_options.live) {
        return;
    }
    // Sockets the table does not know are TCP, netlink and the like, or Unix sockets of another
    // network namespace, which sock_diag cannot show from here: name the processes of the
    // latter, so a missing socket is not a mystery.
    const std::string ownNamespace = readLink(m_options.procRoot + "/self/ns/net");
    std::set<pid_t> checked, elsewhere;
    for (const auto& [inode, users] : holders) {
        if (listed.count(inode)) {
            continue;
        }
        for (const ProcessUse& u : users) {
            if (checked.insert(u.pid).second && !ownNamespace.empty()) {
                const std::string ns =
                    readLink(m_options.procRoot + "/" + std::to_string(u.pid) + "/ns/net");
                if (!ns.empty() && ns != ownNamespace) {
                    elsewhere.insert(u.pid);
                }
            }
        }
    }
    if (!elsewhere.empty()) {
        std::string pids;
        int shown = 0;
        for (pid_t pid : elsewhere) {
            if (shown++ == 5) {
                pids += " and " + std::to_string(elsewhere.size() - 5) + " more";
                break;
            }
            pids += (pids.empty() ? "" : ", ") + std::to_string(pid);
        }
        out.warnings.push_back("Unix sockets of processes in another network namespace (pid " +
                               pids +
                               ") are not listed: the kernel's socket table (sock_diag) shows "
                               "only ipcscope's own network namespace");
    }
}

} // namespace ipcscope
