#include "ipckind.h"

namespace ipcscope {

std::string_view ipcKindName(IpcKind kind) {
    switch (kind) {
    case IpcKind::SysvMsg:
        return "sysv-msg";
    case IpcKind::SysvShm:
        return "sysv-shm";
    case IpcKind::SysvSem:
        return "sysv-sem";
    case IpcKind::PosixMq:
        return "posix-mq";
    case IpcKind::PosixShm:
        return "posix-shm";
    case IpcKind::PosixSem:
        return "posix-sem";
    case IpcKind::Pipe:
        return "pipe";
    case IpcKind::Fifo:
        return "fifo";
    case IpcKind::UnixStream:
        return "unix-stream";
    case IpcKind::UnixDgram:
        return "unix-dgram";
    case IpcKind::UnixSeqpacket:
        return "unix-seqpacket";
    }
    return "?";
}

std::optional<IpcKind> parseIpcKind(std::string_view name) {
    for (IpcKind k : kAllIpcKinds) {
        if (ipcKindName(k) == name) {
            return k;
        }
    }
    return std::nullopt;
}

} // namespace ipcscope
