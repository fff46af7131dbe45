#include "removal.h"

#include "base/naming.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <dirent.h>
#include <mqueue.h>
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ipcscope {

ObjectIdentity ObjectIdentity::of(const IpcObject& o) {
    ObjectIdentity id;
    if (o.id) {
        id.key = o.key;
        id.creatorUid = o.cuid;
        id.changeTime = o.changeTime;
    } else {
        id.inode = o.inode;
        id.ctimeNs = o.ctimeNs;
    }
    return id;
}

namespace {

std::string describeKind(IpcKind kind) {
    return std::string(ipcKindTitle(kind));
}

std::string youAre() {
    const uid_t me = ::geteuid();
    return userName(me) + " (uid " + std::to_string(me) + ")";
}

std::string hexKey(std::int32_t key) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08x", unsigned(key));
    return buf;
}

Result<RemovalResult> removeSysv(IpcKind kind, const std::string& idText,
                                 const ObjectIdentity& expected, const InventoryOptions& roots) {
    int id = -1;
    if (std::from_chars(idText.data(), idText.data() + idText.size(), id).ec != std::errc() ||
        id < 0) {
        return Error{"'" + idText + "' is not a System V id (a whole number, as in the ID column)"};
    }
    // Re-read the object from /proc (readable without permission on the object itself).
    InventoryOptions opt = roots;
    opt.kinds = {kind};
    opt.users = false;
    opt.semaphoreValues = false;
    InventoryScanner scanner(opt);
    const Inventory inv = scanner.scan();
    const auto it = std::find_if(inv.objects.begin(), inv.objects.end(),
                                 [&](const IpcObject& o) { return o.id && *o.id == id; });
    const std::string what = describeKind(kind) + " " + std::to_string(id);
    if (it == inv.objects.end()) {
        return Error{"no " + what + ": it does not exist (already removed?)", ENOENT};
    }
    const IpcObject& now = *it;
    if ((expected.key && now.key != expected.key) ||
        (expected.creatorUid && now.cuid != expected.creatorUid) ||
        (expected.changeTime && now.changeTime != expected.changeTime)) {
        return Error{"refusing to remove " + what +
                         ": it is not the object you listed any more (now key " +
                         hexKey(now.key.value_or(0)) + ", created by " + now.creator +
                         "); the id was reused. List again and retry.",
                     ESTALE};
    }
    int rc = 0;
    switch (kind) {
    case IpcKind::SysvMsg:
        rc = ::msgctl(id, IPC_RMID, nullptr);
        break;
    case IpcKind::SysvShm:
        rc = ::shmctl(id, IPC_RMID, nullptr);
        break;
    default:
        rc = ::semctl(id, 0, IPC_RMID);
        break;
    }
    if (rc != 0) {
        const int err = errno;
        if (err == EPERM || err == EACCES) {
            return Error{"permission denied: " + what + " belongs to " + now.owner + " (uid " +
                             std::to_string(now.uid.value_or(0)) + ") and was created by " +
                             now.creator + "; you are " + youAre() +
                             ". Only its owner, its creator or root may remove it.",
                         err};
        }
        if (err == EINVAL || err == EIDRM) {
            return Error{"no " + what + ": it was removed just now by someone else", err};
        }
        return Error::fromErrno("cannot remove " + what, err);
    }
    RemovalResult r;
    if (kind == IpcKind::SysvShm && now.attached.value_or(0) > 0) {
        r.markedForDestruction = true;
        r.message = what + " is marked for destruction: it disappears when the last of its " +
                    std::to_string(*now.attached) +
                    " attached process(es) detaches (its key is now IPC_PRIVATE)";
    } else {
        r.message = "removed " + what;
    }
    return r;
}

Result<RemovalResult> removePosix(IpcKind kind, const std::string& nameIn,
                                  const ObjectIdentity& expected, const InventoryOptions& roots) {
    if (kind == IpcKind::Pipe) {
        return Error{
            "a pipe has no name to remove: it disappears when the last process closes its ends"};
    }
    std::string name = nameIn;
    std::string path;
    if (kind == IpcKind::Fifo) {
        path = name;
    } else {
        if (!name.starts_with('/')) {
            name.insert(0, "/");
        }
        if (name.find('/', 1) != std::string::npos || name.size() < 2) {
            return Error{"'" + nameIn +
                         "' is not a POSIX object name (one '/' followed by a name)"};
        }
        path = (kind == IpcKind::PosixMq ? roots.mqueueRoot : roots.shmRoot) +
               (kind == IpcKind::PosixSem ? "/sem." : "/") + name.substr(1);
    }
    const std::string what = describeKind(kind) + " " + name;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        return Error{"no " + what + ": it does not exist (already removed?)", ENOENT};
    }
    if (kind == IpcKind::Fifo && !S_ISFIFO(st.st_mode)) {
        return Error{path + " is not a FIFO; refusing to remove it"};
    }
    const std::int64_t ctimeNs =
        std::int64_t(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec;
    if ((expected.inode && *expected.inode != std::uint64_t(st.st_ino)) ||
        (expected.ctimeNs && *expected.ctimeNs != ctimeNs)) {
        return Error{"refusing to remove " + what +
                         ": it is not the object you listed any more (it was re-created under the "
                         "same name). "
                         "List again and retry.",
                     ESTALE};
    }
    int rc = 0;
    switch (kind) {
    case IpcKind::PosixMq:
        rc = ::mq_unlink(name.c_str());
        break;
    case IpcKind::PosixShm:
        rc = ::shm_unlink(name.c_str());
        break;
    case IpcKind::PosixSem:
        rc = ::sem_unlink(name.c_str());
        break;
    default:
        rc = ::unlink(path.c_str());
        break;
    }
    if (rc != 0) {
        const int err = errno;
        if (err == EACCES || err == EPERM) {
            return Error{"permission denied: " + what + " belongs to " + userName(st.st_uid) +
                             " (uid " + std::to_string(st.st_uid) + "); you are " + youAre() +
                             ". Removing it needs write permission on " +
                             path.substr(0, path.rfind('/')) +
                             " (and, with the sticky bit, ownership).",
                         err};
        }
        if (err == ENOENT) {
            return Error{"no " + what + ": it was removed just now by someone else", err};
        }
        return Error::fromErrno("cannot remove " + what, err);
    }
    return RemovalResult{"removed " + what +
                             (kind == IpcKind::Fifo
                                  ? ""
                                  : " (processes that have it open keep it until they close it)"),
                         false};
}

} // namespace

Result<RemovalResult> removeIpcObject(IpcKind kind, const std::string& idOrName,
                                      const ObjectIdentity& expected,
                                      const InventoryOptions& roots) {
    switch (kind) {
    case IpcKind::SysvMsg:
    case IpcKind::SysvShm:
    case IpcKind::SysvSem:
        return removeSysv(kind, idOrName, expected, roots);
    default:
        return removePosix(kind, idOrName, expected, roots);
    }
}

std::vector<LimitUsage> limitsWithUsage(const KernelLimits& l, const Inventory& inv) {
    std::uint64_t queues = 0, segments = 0, shmPages = 0, sets = 0, sems = 0, mqs = 0;
    const std::uint64_t page = std::uint64_t(::sysconf(_SC_PAGESIZE));
    for (const auto& o : inv.objects) {
        switch (o.kind) {
        case IpcKind::SysvMsg:
            ++queues;
            break;
        case IpcKind::SysvShm:
            ++segments;
            shmPages += (o.sizeBytes + page - 1) / page;
            break;
        case IpcKind::SysvSem:
            ++sets;
            sems += o.semaphores.value_or(0);
            break;
        case IpcKind::PosixMq:
            ++mqs;
            break;
        default:
            break;
        }
    }
    return {
        {"MSGMNI", "Number of message queues", l.msgmni, queues, ""},
        {"MSGMAX", "Max size of message", l.msgmax, std::nullopt, "bytes"},
        {"MSGMNB", "Default max size of queue", l.msgmnb, std::nullopt, "bytes"},
        {"SHMMNI", "Shared memory segments", l.shmmni, segments, ""},
        {"SHMALL", "Shared memory pages", l.shmall, shmPages, "pages"},
        {"SHMMAX", "Max size of shared memory segment", l.shmmax, std::nullopt, "bytes"},
        {"SHMMIN", "Min size of shared memory segment", 1, std::nullopt, "bytes"},
        {"SEMMNI", "Number of semaphore identifiers", l.semmni, sets, ""},
        {"SEMMNS", "Total number of semaphores", l.semmns, sems, ""},
        {"SEMMSL", "Max semaphores per semaphore set", l.semmsl, std::nullopt, ""},
        {"SEMOPM", "Max number of operations per semop(2)", l.semopm, std::nullopt, ""},
        {"SEMVMX", "Semaphore max value", KernelLimits::kSemValueMax, std::nullopt, ""},
        {"MQ_QUEUES_MAX", "Number of POSIX message queues", l.mqQueuesMax, mqs, ""},
        {"MQ_MSG_MAX", "Max messages per POSIX queue", l.mqMsgMax, std::nullopt, ""},
        {"MQ_MSGSIZE_MAX", "Max size of a POSIX message", l.mqMsgsizeMax, std::nullopt, "bytes"},
        {"MQ_MSG_DEFAULT", "Default messages per POSIX queue", l.mqMsgDefault, std::nullopt, ""},
        {"MQ_MSGSIZE_DEFAULT", "Default size of a POSIX message", l.mqMsgsizeDefault, std::nullopt,
         "bytes"},
    };
}

StaleReport findStale(const std::string& runtimeBase, const Inventory& inventory,
                      const std::string& procRoot) {
    StaleReport report;
    std::vector<ManifestObject> liveObjects;
    if (DIR* dir = ::opendir(runtimeBase.c_str())) {
        while (dirent* e = ::readdir(dir)) {
            const std::string name = e->d_name;
            if (!name.starts_with("run-")) {
                continue;
            }
            const std::string runDir = runtimeBase + "/" + name;
            const auto manifest = readManifest(runDir + "/manifest");
            if (!manifest) {
                report.problems.push_back(runDir + ": " + manifest.error().message);
                continue;
            }
            const auto start = processStartTime(manifest->labPid, procRoot);
            const bool alive =
                start && (manifest->labStartTime == 0 || *start == manifest->labStartTime);
            if (alive) {
                liveObjects.insert(liveObjects.end(), manifest->objects.begin(),
                                   manifest->objects.end());
            } else {
                report.runs.push_back({runDir, manifest->labPid, manifest->objects});
            }
        }
        ::closedir(dir);
    }
    const auto listed = [&](const IpcObject& o) {
        const auto match = [&](const ManifestObject& m) {
            return o.id ? (m.id == *o.id && m.key == o.key.value_or(0)) : m.name == o.name;
        };
        for (const auto& m : liveObjects) {
            if (match(m)) {
                return true;
            }
        }
        for (const auto& run : report.runs) {
            for (const auto& m : run.objects) {
                if (match(m)) {
                    return true;
                }
            }
        }
        return false;
    };
    const uid_t me = ::geteuid();
    for (const auto& o : inventory.objects) {
        if (!o.ours || listed(o)) {
            continue;
        }
        if (o.id) {
            // Ours by key; the creator is unknown for queues and semaphores: only report those
            // created by this user (never touch others').
            if (o.cuid && *o.cuid == me) {
                report.orphans.push_back(o);
            }
        } else if (const auto pid = labPidFromPosixName(o.name);
                   pid && !processStartTime(*pid, procRoot) && o.uid && *o.uid == me) {
            report.orphans.push_back(o);
        }
    }
    return report;
}

std::vector<std::string> removeStale(const StaleReport& report, std::vector<std::string>* errors) {
    std::vector<std::string> done;
    for (const auto& run : report.runs) {
        bool allGone = true;
        for (const auto& o : run.objects) {
            if (const auto s = removeManifestObject(o); !s) {
                allGone = false;
                if (errors) {
                    errors->push_back(s.error().message);
                }
            } else {
                done.push_back("removed " + std::string(ipcKindName(o.kind)) + " " +
                               (o.id >= 0 ? std::to_string(o.id) : o.name) + " (left by lab pid " +
                               std::to_string(run.labPid) + ")");
            }
        }
        if (allGone) {
            ::unlink((run.runDir + "/manifest").c_str());
            ::rmdir(run.runDir.c_str());
        }
    }
    for (const auto& o : report.orphans) {
        if (o.id) {
            done.push_back(
                "not removed: " + std::string(ipcKindTitle(o.kind)) + " " + std::to_string(*o.id) +
                " has an ipcscope key but no run manifest; remove it with 'ipcscope-cli rm " +
                std::string(ipcKindName(o.kind)) + " " + std::to_string(*o.id) +
                "' if it is unused");
            continue;
        }
        const auto r = removeIpcObject(o.kind, o.name, ObjectIdentity::of(o));
        if (r) {
            done.push_back(r->message + " (its lab is gone)");
        } else if (errors) {
            errors->push_back(r.error().message);
        }
    }
    return done;
}

} // namespace ipcscope
