#include "manifest.h"

#include "base/format.h"
#include "base/jsonwriter.h"
#include "base/naming.h"
#include "base/privatedir.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <mqueue.h>
#include <semaphore.h>
#include <sstream>
#include <string_view>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ipcscope {

std::string RunManifest::serialize() const {
    std::ostringstream out;
    out << "ipcscope-manifest 1\n";
    out << "lab " << labPid << ' ' << labStartTime << '\n';
    for (const auto& o : objects) {
        out << "object " << ipcKindName(o.kind) << ' ';
        if (isSysv(o.kind)) {
            out << o.id << ' ' << formatSysvKey(o.key);
        } else {
            out << o.name; // our names and paths contain no newlines
        }
        out << '\n';
    }
    return out.str();
}

namespace {

// The next space-separated word of `rest`, removed from it.
std::string_view nextWord(std::string_view& rest) {
    const auto begin = rest.find_first_not_of(' ');
    if (begin == std::string_view::npos) {
        rest = {};
        return {};
    }
    rest.remove_prefix(begin);
    const auto end = std::min(rest.find(' '), rest.size());
    const std::string_view word = rest.substr(0, end);
    rest.remove_prefix(end);
    return word;
}

template <typename T> bool parseWhole(std::string_view text, T& out, int base = 10) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out, base);
    return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

// "0x1bc50001" (as serialize() writes it), the whole word.
bool parseKey(std::string_view text, std::int32_t& key) {
    if (text.starts_with("0x") || text.starts_with("0X")) {
        text.remove_prefix(2);
    }
    std::uint32_t value = 0;
    if (!parseWhole(text, value, 16)) {
        return false;
    }
    key = std::int32_t(value);
    return true;
}

} // namespace

Result<RunManifest> RunManifest::parse(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    if (!std::getline(in, line) || line != "ipcscope-manifest 1") {
        return Error{"not an ipcscope manifest (first line must be 'ipcscope-manifest 1')"};
    }
    RunManifest m;
    bool haveLab = false;
    int lineNo = 1;
    while (std::getline(in, line)) {
        ++lineNo;
        const std::string at = "manifest line " + std::to_string(lineNo) + ": ";
        std::string_view rest = line;
        const std::string_view word = nextWord(rest);
        if (word.empty()) {
            continue;
        }
        if (word == "lab") {
            if (haveLab) {
                return Error{at + "a second 'lab' line"};
            }
            if (!parseWhole(nextWord(rest), m.labPid) || m.labPid <= 0 ||
                !parseWhole(nextWord(rest), m.labStartTime) || !nextWord(rest).empty()) {
                return Error{at + "expected 'lab PID STARTTIME' with whole numbers"};
            }
            haveLab = true;
        } else if (word == "object") {
            const std::string kindName(nextWord(rest));
            const auto kind = parseIpcKind(kindName);
            if (!kind || *kind == IpcKind::Pipe) {
                m.problems.push_back(at + "unknown object kind '" + kindName + "'; skipped");
                continue;
            }
            ManifestObject o{*kind, -1, 0, {}};
            if (isSysv(*kind)) {
                if (!parseWhole(nextWord(rest), o.id) || o.id < 0 ||
                    !parseKey(nextWord(rest), o.key) || !nextWord(rest).empty()) {
                    m.problems.push_back(
                        at + "expected 'object KIND ID KEY' (a whole id, a hex key); skipped");
                    continue;
                }
            } else {
                const auto begin = rest.find_first_not_of(' ');
                o.name = begin == std::string_view::npos ? "" : std::string(rest.substr(begin));
                if (o.name.empty()) {
                    m.problems.push_back(at + "missing name; skipped");
                    continue;
                }
            }
            m.objects.push_back(std::move(o));
        } else {
            m.problems.push_back(at + "unknown entry '" + std::string(word) + "'; skipped");
        }
    }
    if (!haveLab) {
        return Error{"manifest names no lab process"};
    }
    return m;
}

Status writeManifest(const std::string& path, const RunManifest& manifest) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << manifest.serialize();
        out.flush();
        if (!out) {
            return Error::fromErrno("cannot write the run manifest " + tmp);
        }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return Error::fromErrno("cannot write the run manifest " + path, err);
    }
    return Ok{};
}

Result<RunManifest> readRunManifest(int runDirFd, const std::string& runDir) {
    const std::string path = runDir + "/manifest";
    auto text = readPrivateFileAt(runDirFd, "manifest", path, kMaxManifestBytes, "a run manifest");
    if (!text) {
        return text.error();
    }
    auto manifest = RunManifest::parse(*text);
    if (!manifest) {
        return Error{path + ": " + manifest.error().message};
    }
    return manifest;
}

void writeManifestObjectJson(JsonWriter& j, const ManifestObject& o, JsonKey key) {
    j.beginObject();
    j.field("kind", ipcKindName(o.kind));
    if (o.id >= 0) {
        j.field("id", o.id);
        if (key == JsonKey::Hex) {
            j.field("key", formatSysvKey(o.key));
        } else {
            j.field("key", o.key);
        }
    }
    if (!o.name.empty()) {
        j.field("name", o.name);
    }
    j.endObject();
}

std::string unmarkedReason(const ManifestObject& o, pid_t labPid, const std::string& runDir) {
    const std::string what =
        std::string(ipcKindName(o.kind)) + " " + (isSysv(o.kind) ? std::to_string(o.id) : o.name);
    switch (o.kind) {
    case IpcKind::SysvMsg:
    case IpcKind::SysvShm:
    case IpcKind::SysvSem:
        if (!isIpcscopeSysvKey(o.key)) {
            return what + " has key " + formatSysvKey(o.key) + ", not an ipcscope key (" +
                   formatSysvKey(std::int32_t(kSysvKeyPrefix)).substr(0, 6) + "....)";
        }
        return {};
    case IpcKind::PosixMq:
    case IpcKind::PosixShm:
    case IpcKind::PosixSem: {
        const auto pid = labPidFromPosixName(o.name);
        if (!o.name.starts_with('/') || o.name.find('/', 1) != std::string::npos || !pid ||
            *pid != labPid) {
            return what + " is not named /ipcscope." + std::to_string(labPid) +
                   ".… as the objects of that run are";
        }
        return {};
    }
    case IpcKind::Fifo: {
        const std::string prefix = runDir + "/";
        if (!o.name.starts_with(prefix) || o.name.find('/', prefix.size()) != std::string::npos ||
            o.name.size() == prefix.size() || o.name.substr(prefix.size()) == "." ||
            o.name.substr(prefix.size()) == "..") {
            return what + " is not inside the run directory " + runDir;
        }
        return {};
    }
    case IpcKind::Pipe:
    case IpcKind::UnixStream:
    case IpcKind::UnixDgram:
    case IpcKind::UnixSeqpacket:
        break;
    }
    return what + " is not a kind of object a run records";
}

namespace {

using Outcome = ManifestRemoval::Outcome;

template <typename Ds> const ipc_perm& permOf(const Ds& ds);
template <> const ipc_perm& permOf(const msqid_ds& ds) {
    return ds.msg_perm;
}
template <> const ipc_perm& permOf(const shmid_ds& ds) {
    return ds.shm_perm;
}
template <> const ipc_perm& permOf(const semid_ds& ds) {
    return ds.sem_perm;
}

// A System V id is reused by a new object once ours is gone: remove only the object with the
// recorded key that we created.
template <typename Ds, typename Ctl>
Result<ManifestRemoval> removeSysv(const ManifestObject& o, const std::string& what, Ctl ctl) {
    Ds ds{};
    if (ctl(o.id, IPC_STAT, &ds) != 0) {
        if (errno == EINVAL || errno == EIDRM) {
            return ManifestRemoval{Outcome::AlreadyGone, what + " was already gone", true};
        }
        return Error::fromErrno("cannot inspect " + what);
    }
    const ipc_perm& perm = permOf(ds);
    if (perm.__key != o.key) {
        return ManifestRemoval{Outcome::Skipped,
                               "skipped: " + what + " is not the object the run created (key " +
                                   formatSysvKey(perm.__key) + " ≠ " + formatSysvKey(o.key) +
                                   "); the run's own is gone and the id was reused",
                               true};
    }
    if (perm.cuid != ::geteuid()) {
        return ManifestRemoval{Outcome::Skipped,
                               "skipped: " + what + " was created by uid " +
                                   std::to_string(perm.cuid) + ", not by you (uid " +
                                   std::to_string(::geteuid()) + ")",
                               true};
    }
    if (ctl(o.id, IPC_RMID, nullptr) != 0) {
        if (errno == EINVAL || errno == EIDRM) {
            return ManifestRemoval{Outcome::AlreadyGone, what + " was already gone", true};
        }
        return Error::fromErrno("cannot remove " + what);
    }
    return ManifestRemoval{Outcome::Removed, "removed " + what, true};
}

Result<ManifestRemoval> unlinked(int rc, const std::string& what) {
    if (rc == 0) {
        return ManifestRemoval{Outcome::Removed, "removed " + what, true};
    }
    if (errno == ENOENT) {
        return ManifestRemoval{Outcome::AlreadyGone, what + " was already gone", true};
    }
    return Error::fromErrno("cannot remove " + what);
}

} // namespace

Result<ManifestRemoval> removeManifestObject(const ManifestObject& o, pid_t labPid, int runDirFd,
                                             const std::string& runDir) {
    if (auto why = unmarkedReason(o, labPid, runDir); !why.empty()) {
        return ManifestRemoval{Outcome::Skipped, "skipped: " + why, false};
    }
    const std::string what =
        std::string(ipcKindName(o.kind)) + " " + (isSysv(o.kind) ? std::to_string(o.id) : o.name);
    switch (o.kind) {
    case IpcKind::SysvMsg:
        return removeSysv<msqid_ds>(
            o, what, [](int id, int cmd, msqid_ds* ds) { return ::msgctl(id, cmd, ds); });
    case IpcKind::SysvShm:
        return removeSysv<shmid_ds>(
            o, what, [](int id, int cmd, shmid_ds* ds) { return ::shmctl(id, cmd, ds); });
    case IpcKind::SysvSem:
        return removeSysv<semid_ds>(o, what, [](int id, int cmd, semid_ds* ds) {
            return ds ? ::semctl(id, 0, cmd, ds) : ::semctl(id, 0, cmd);
        });
    case IpcKind::PosixMq:
        return unlinked(::mq_unlink(o.name.c_str()), what);
    case IpcKind::PosixShm:
        return unlinked(::shm_unlink(o.name.c_str()), what);
    case IpcKind::PosixSem:
        return unlinked(::sem_unlink(o.name.c_str()), what);
    case IpcKind::Fifo: {
        // Relative to the verified directory, never following a link: the name cannot be
        // redirected elsewhere between the check and the unlink.
        const std::string entry = o.name.substr(runDir.size() + 1);
        struct stat st {};
        if (::fstatat(runDirFd, entry.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno == ENOENT) {
                return ManifestRemoval{Outcome::AlreadyGone, what + " was already gone", true};
            }
            return Error::fromErrno("cannot inspect " + what);
        }
        if (!S_ISFIFO(st.st_mode)) {
            return ManifestRemoval{Outcome::Skipped, "skipped: " + what + " is not a FIFO", false};
        }
        return unlinked(::unlinkat(runDirFd, entry.c_str(), 0), what);
    }
    case IpcKind::Pipe:
    case IpcKind::UnixStream:
    case IpcKind::UnixDgram:
    case IpcKind::UnixSeqpacket:
        break;
    }
    return ManifestRemoval{Outcome::Skipped, "skipped: " + what + " cannot be removed", false};
}

RunCleanup cleanUpRun(const RunManifest& manifest, int runDirFd, const std::string& runDir) {
    RunCleanup c;
    bool allGone = true;
    for (const auto& o : manifest.objects) {
        auto r = removeManifestObject(o, manifest.labPid, runDirFd, runDir);
        if (!r) {
            c.errors.push_back(r.error().message);
            allGone = false;
            continue;
        }
        allGone = allGone && r->oursGone;
        c.removals.push_back(std::move(*r));
    }
    // A manifest with unreadable lines may name more than we could act on: keep it to look at.
    if (allGone && manifest.problems.empty()) {
        ::unlinkat(runDirFd, "manifest", 0);
        c.directoryRemoved = ::rmdir(runDir.c_str()) == 0;
    }
    return c;
}

bool manifestObjectExists(const ManifestObject& o) {
    switch (o.kind) {
    case IpcKind::SysvMsg: {
        msqid_ds ds{};
        return ::msgctl(o.id, IPC_STAT, &ds) == 0;
    }
    case IpcKind::SysvShm: {
        shmid_ds ds{};
        return ::shmctl(o.id, IPC_STAT, &ds) == 0;
    }
    case IpcKind::SysvSem: {
        semid_ds ds{};
        return ::semctl(o.id, 0, IPC_STAT, &ds) == 0;
    }
    case IpcKind::PosixMq:
        return ::access(("/dev/mqueue" + o.name).c_str(), F_OK) == 0;
    case IpcKind::PosixShm:
        return ::access(("/dev/shm" + o.name).c_str(), F_OK) == 0;
    case IpcKind::PosixSem:
        return ::access(("/dev/shm/sem." + o.name.substr(1)).c_str(), F_OK) == 0;
    case IpcKind::Fifo:
        return ::access(o.name.c_str(), F_OK) == 0;
    case IpcKind::Pipe:
    case IpcKind::UnixStream:
    case IpcKind::UnixDgram:
    case IpcKind::UnixSeqpacket:
        break; // never in a manifest
    }
    return false;
}

} // namespace ipcscope
