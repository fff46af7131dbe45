// Stand-in so procscan links before the unixsock branch lands: fromList/find only. The
// unixsock branch owns this file; on merge take its version.

#include "unixsockets.h"

namespace ipcscope {

Result<UnixSocketTable> UnixSocketTable::read() {
    return Error{"reading Unix sockets is not built in this branch", 0};
}

UnixSocketTable UnixSocketTable::fromList(std::vector<UnixSocketInfo> sockets) {
    UnixSocketTable t;
    t.m_sockets = std::move(sockets);
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
