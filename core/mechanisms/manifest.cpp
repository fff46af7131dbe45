#include "manifest.h"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <mqueue.h>
#include <semaphore.h>
#include <sstream>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

namespace ipcscope {

std::string RunManifest::serialize() const {
    std::ostringstream out;
    out << "ipcscope-manifest 1\n";
    out << "lab " << labPid << ' ' << labStartTime << '\n';
    for (const auto& o : objects) {
        out << "object " << ipcKindName(o.kind) << ' ';
        if (isSysv(o.kind)) {
            char key[16];
            std::snprintf(key, sizeof key, "0x%08x", unsigned(o.key));
            out << o.id << ' ' << key;
        } else {
            out << o.name; // our names and paths contain no newlines
        }
        out << '\n';
    }
    return out.str();
}

Result<RunManifest> RunManifest::parse(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    if (!std::getline(in, line) || line != "ipcscope-manifest 1") {
        return Error{"not an ipcscope manifest (first line must be 'ipcscope-manifest 1')"};
    }
    RunManifest m;
    int lineNo = 1;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.empty()) {
            continue;
        }
        std::istringstream fields(line);
        std::string word;
        fields >> word;
        if (word == "lab") {
            if (!(fields >> m.labPid >> m.labStartTime)) {
                return Error{"manifest line " + std::to_string(lineNo) +
                             ": expected 'lab PID STARTTIME'"};
            }
        } else if (word == "object") {
            std::string kindName;
            fields >> kindName;
            const auto kind = parseIpcKind(kindName);
            if (!kind || *kind == IpcKind::Pipe) {
                return Error{"manifest line " + std::to_string(lineNo) + ": unknown object kind '" +
                             kindName + "'"};
            }
            ManifestObject o{*kind, -1, 0, {}};
            if (isSysv(*kind)) {
                std::string key;
                if (!(fields >> o.id >> key)) {
                    return Error{"manifest line " + std::to_string(lineNo) +
                                 ": expected 'object KIND ID KEY'"};
                }
                o.key = std::int32_t(std::stoul(key, nullptr, 16));
            } else {
                fields >> std::ws;
                std::getline(fields, o.name);
                if (o.name.empty()) {
                    return Error{"manifest line " + std::to_string(lineNo) + ": missing name"};
                }
            }
            m.objects.push_back(std::move(o));
        } else {
            return Error{"manifest line " + std::to_string(lineNo) + ": unknown entry '" + word +
                         "'"};
        }
    }
    if (m.labPid <= 0) {
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

Result<RunManifest> readManifest(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        return Error::fromErrno("cannot read the run manifest " + path);
    }
    std::stringstream buf;
    buf << in.rdbuf();
    return RunManifest::parse(buf.str());
}

namespace {

// A System V id can be reused by a new object once ours is gone: remove only if the key still
// matches.
template <typename Stat, typename Ctl>
Status removeSysv(const ManifestObject& o, Ctl ctl, int statCmd) {
    Stat ds{};
    if (ctl(o.id, statCmd, &ds) != 0) {
        if (errno == EINVAL || errno == EIDRM) {
            return Ok{}; // already gone
        }
        return Error::fromErrno("cannot inspect " + std::string(ipcKindName(o.kind)) + " " +
                                std::to_string(o.id));
    }
    if (ds.sem_perm_key() != o.key) {
        return Ok{}; // the id now belongs to somebody else: ours is gone
    }
    if (ctl(o.id, IPC_RMID, nullptr) != 0 && errno != EINVAL && errno != EIDRM) {
        return Error::fromErrno("cannot remove " + std::string(ipcKindName(o.kind)) + " " +
                                std::to_string(o.id));
    }
    return Ok{};
}

struct MsgStat : msqid_ds {
    key_t sem_perm_key() const { return msg_perm.__key; }
};
struct ShmStat : shmid_ds {
    key_t sem_perm_key() const { return shm_perm.__key; }
};
struct SemStat : semid_ds {
    key_t sem_perm_key() const { return sem_perm.__key; }
};

} // namespace

bool manifestObjectExists(const ManifestObject& o) {
    switch (o.kind) {
    case ObjectKind::SysvMsg: {
        msqid_ds ds{};
        return ::msgctl(o.id, IPC_STAT, &ds) == 0;
    }
    case ObjectKind::SysvShm: {
        shmid_ds ds{};
        return ::shmctl(o.id, IPC_STAT, &ds) == 0;
    }
    case ObjectKind::SysvSem: {
        semid_ds ds{};
        return ::semctl(o.id, 0, IPC_STAT, &ds) == 0;
    }
    case ObjectKind::PosixMq:
        return ::access(("/dev/mqueue" + o.name).c_str(), F_OK) == 0;
    case ObjectKind::PosixShm:
        return ::access(("/dev/shm" + o.name).c_str(), F_OK) == 0;
    case ObjectKind::PosixSem:
        return ::access(("/dev/shm/sem." + o.name.substr(1)).c_str(), F_OK) == 0;
    case ObjectKind::Fifo:
        return ::access(o.name.c_str(), F_OK) == 0;
    case ObjectKind::Pipe:
        break; // never in a manifest
    }
    return false;
}

Status removeManifestObject(const ManifestObject& o) {
    switch (o.kind) {
    case ObjectKind::SysvMsg:
        return removeSysv<MsgStat>(
            o, [](int id, int cmd, MsgStat* ds) { return ::msgctl(id, cmd, ds); }, IPC_STAT);
    case ObjectKind::SysvShm:
        return removeSysv<ShmStat>(
            o, [](int id, int cmd, ShmStat* ds) { return ::shmctl(id, cmd, ds); }, IPC_STAT);
    case ObjectKind::SysvSem:
        return removeSysv<SemStat>(
            o,
            [](int id, int cmd, SemStat* ds) {
                return ds ? ::semctl(id, 0, cmd, ds) : ::semctl(id, 0, cmd);
            },
            IPC_STAT);
    case ObjectKind::PosixMq:
        if (::mq_unlink(o.name.c_str()) != 0 && errno != ENOENT) {
            return Error::fromErrno("cannot remove POSIX message queue " + o.name);
        }
        return Ok{};
    case ObjectKind::PosixShm:
        if (::shm_unlink(o.name.c_str()) != 0 && errno != ENOENT) {
            return Error::fromErrno("cannot remove POSIX shared memory " + o.name);
        }
        return Ok{};
    case ObjectKind::PosixSem:
        if (::sem_unlink(o.name.c_str()) != 0 && errno != ENOENT) {
            return Error::fromErrno("cannot remove POSIX semaphore " + o.name);
        }
        return Ok{};
    case ObjectKind::Fifo:
        if (::unlink(o.name.c_str()) != 0 && errno != ENOENT) {
            return Error::fromErrno("cannot remove FIFO " + o.name);
        }
        return Ok{};
    case ObjectKind::Pipe:
        return Error{"an anonymous pipe cannot be removed: it vanishes with its last holder"};
    }
    return Error{"unknown object kind"};
}

} // namespace ipcscope
