#include "observation.h"

#include <algorithm>
#include <tuple>

namespace ipcscope {

std::string ObjectRef::text() const {
    const std::string kindName(ipcKindName(kind));
    if (isSysv(kind)) {
        return kindName + " " + (id ? std::to_string(*id) : std::string("?"));
    }
    if (kind == IpcKind::Pipe || isUnixSocket(kind)) {
        std::string t = (kind == IpcKind::Pipe ? std::string("pipe") : kindName) + ":[" +
                        (inode ? std::to_string(*inode) : std::string("?")) + "]";
        return name.empty() ? t : t + " " + name;
    }
    return kindName + " " + name;
}

namespace {
// Identity only: what tells two objects apart on one system.
auto identityOf(const ObjectRef& r) {
    const bool byId = isSysv(r.kind);
    const bool byInode = r.kind == IpcKind::Pipe || r.kind == IpcKind::Fifo || isUnixSocket(r.kind);
    return std::tuple(r.kind, r.ipcNamespace.value_or(0), byId ? r.id.value_or(-1) : -1,
                      byInode ? r.inode.value_or(0) : 0,
                      byId || byInode ? std::string_view() : std::string_view(r.name));
}
} // namespace

std::strong_ordering ObjectRef::operator<=>(const ObjectRef& other) const {
    return identityOf(*this) <=> identityOf(other);
}

bool ObjectRef::operator==(const ObjectRef& other) const {
    return identityOf(*this) == identityOf(other);
}

ExactFlow& ExactFlow::operator+=(const ExactFlow& other) {
    bytesSent += other.bytesSent;
    bytesReceived += other.bytesReceived;
    messagesSent += other.messagesSent;
    messagesReceived += other.messagesReceived;
    bytesSentPerS += other.bytesSentPerS;
    bytesReceivedPerS += other.bytesReceivedPerS;
    messagesSentPerS += other.messagesSentPerS;
    messagesReceivedPerS += other.messagesReceivedPerS;
    calls += other.calls;
    waits += other.waits;
    waitNs += other.waitNs;
    maxWaitNs = std::max(maxWaitNs, other.maxWaitNs);
    return *this;
}

} // namespace ipcscope
