#pragma once

// The kinds of IPC object ipcscope knows, shared by a run's manifest (what it created) and the
// inventory (what the system has). One enum, one set of names: "sysv-msg" means the same in a
// manifest, in `ipcscope-cli ls --kind` and in JSON.

#include <cstdint>
#include <optional>
#include <string_view>

namespace ipcscope {

enum class IpcKind : std::uint8_t {
    SysvMsg,
    SysvShm,
    SysvSem,
    PosixMq,
    PosixShm,
    PosixSem,
    Pipe, // anonymous: in the inventory only (it vanishes with its last holder)
    Fifo,
    // Unix domain sockets (NETLINK_SOCK_DIAG): in the inventory and observations only.
    UnixStream,
    UnixDgram,
    UnixSeqpacket
};
inline constexpr IpcKind kAllIpcKinds[] = {
    IpcKind::SysvMsg,    IpcKind::SysvShm,   IpcKind::SysvSem,      IpcKind::PosixMq,
    IpcKind::PosixShm,   IpcKind::PosixSem,  IpcKind::Pipe,         IpcKind::Fifo,
    IpcKind::UnixStream, IpcKind::UnixDgram, IpcKind::UnixSeqpacket};

std::string_view ipcKindName(IpcKind kind); // "sysv-msg", ... (stable: CLI, JSON, manifests)
std::optional<IpcKind> parseIpcKind(std::string_view name);

inline bool isUnixSocket(IpcKind k) {
    return k == IpcKind::UnixStream || k == IpcKind::UnixDgram || k == IpcKind::UnixSeqpacket;
}

inline bool isSysv(IpcKind k) {
    return k == IpcKind::SysvMsg || k == IpcKind::SysvShm || k == IpcKind::SysvSem;
}

} // namespace ipcscope
