#include "observation.h"

#include <algorithm>

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
