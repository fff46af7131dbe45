#include "observation.h"

#include <string_view>

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

// Identity only: what tells two objects apart on one system. Compared field by field, the
// cheapest first: maps of channels compare objects thousands of times a sample.
std::strong_ordering ObjectRef::operator<=>(const ObjectRef& other) const {
    if (const auto c = kind <=> other.kind; c != 0) {
        return c;
    }
    if (const auto c = ipcNamespace.value_or(0) <=> other.ipcNamespace.value_or(0); c != 0) {
        return c;
    }
    if (isSysv(kind)) {
        return id.value_or(-1) <=> other.id.value_or(-1);
    }
    if (kind == IpcKind::Pipe || kind == IpcKind::Fifo || isUnixSocket(kind)) {
        return inode.value_or(0) <=> other.inode.value_or(0);
    }
    return std::string_view(name) <=> std::string_view(other.name);
}

bool ObjectRef::operator==(const ObjectRef& other) const {
    return (*this <=> other) == 0;
}

} // namespace ipcscope
