#include "observation.h"

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

} // namespace ipcscope
