#include "removal.h"

#include "base/format.h"
#include "base/naming.h"
#include "base/privatedir.h"
#include "base/uniquefd.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <iterator>
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
        if (o.kind != IpcKind::PosixMq) {
            id.ctimeNs = o.ctimeNs;
        }
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
                         formatSysvKey(now.key.value_or(0)) + ", created by " + now.creator +
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
    // The entry is inspected and removed relative to its directory, without following a link:
    // what was checked is what goes, even if the name is swapped meanwhile.
    const auto slash = path.rfind('/');
    const std::string dirPath = slash == std::string::npos ? "."
                                : slash == 0               ? "/"
                                                           : path.substr(0, slash);
    const std::string entry = slash == std::string::npos ? path : path.substr(slash + 1);
    UniqueFd dir(::open(dirPath.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    struct stat st {};
    if (!dir || entry.empty() ||
        ::fstatat(dir.get(), entry.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        return Error{"no " + what + ": it does not exist (already removed?)", ENOENT};
    }
    if (kind == IpcKind::Fifo && !S_ISFIFO(st.st_mode)) {
        return Error{path + " is not a FIFO; refusing to remove it"};
    }
    if (kind == IpcKind::PosixMq && expected.ctimeNs) {
        return Error{"a POSIX message queue's change time moves with every message sent or "
                     "received, so it cannot tell whether " +
                         what + " is the queue you listed; its inode does (--inode)",
                     EINVAL};
    }
    const std::int64_t ctimeNs =
        std::int64_t(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec;
    if (expected.inode && *expected.inode != std::uint64_t(st.st_ino)) {
        return Error{"refusing to remove " + what +
                         ": it is not the object you listed any more (it was re-created under the "
                         "same name). List again and retry.",
                     ESTALE};
    }
    if (expected.ctimeNs && *expected.ctimeNs != ctimeNs) {
        return Error{"refusing to remove " + what +
                         ": it changed since you listed it (resized, or its owner or permissions "
                         "changed). List again and retry.",
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
        rc = ::unlinkat(dir.get(), entry.c_str(), 0);
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
    if (isUnixSocket(kind)) {
        return Error{
            "a Unix socket cannot be removed from outside: it closes when the last process "
            "holding it closes it. A socket bound to a path has a file that could be unlinked, "
            "but that does not close the socket: its holders keep it and its connections, and "
            "only new clients can no longer find it by that path",
            EPERM};
    }
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

namespace {

// The pid in a run directory's name, "run-<pid>-<runid>".
std::optional<pid_t> pidFromRunDirName(std::string_view name) {
    name.remove_prefix(4);
    pid_t pid = 0;
    const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), pid);
    if (ec != std::errc() || end == name.data() + name.size() || *end != '-' || pid <= 0) {
        return std::nullopt;
    }
    return pid;
}

} // namespace

StaleReport findStale(const std::string& runtimeBase, const Inventory& inventory,
                      const std::string& procRoot) {
    StaleReport report;
    std::vector<ManifestObject> liveObjects;
    const uid_t me = ::geteuid();
    auto base = openPrivateDir(runtimeBase);
    if (!base && base.error().errnoValue != ENOENT) {
        report.problems.push_back("ignoring " + runtimeBase + ": " + base.error().message);
    }
    DIR* dir = base ? ::fdopendir(::dup(base->get())) : nullptr;
    while (dir) {
        const dirent* e = ::readdir(dir);
        if (!e) {
            ::closedir(dir);
            break;
        }
        const std::string name = e->d_name;
        if (!name.starts_with("run-")) {
            continue;
        }
        const std::string runDir = runtimeBase + "/" + name;
        const auto ignore = [&](const std::string& why) {
            report.problems.push_back("ignoring " + runDir + ": " + why);
        };
        const auto runFd = openPrivateDir(name, base->get());
        if (!runFd) {
            ignore(runFd.error().message);
            continue;
        }
        auto manifest = readRunManifest(runFd->get(), runDir);
        if (!manifest) {
            report.problems.push_back("ignoring " + manifest.error().message);
            continue;
        }
        const pid_t lab = manifest->labPid;
        if (pidFromRunDirName(name) != lab) {
            ignore("its manifest names lab pid " + std::to_string(lab) +
                   ", not the pid in the directory's name");
            continue;
        }
        for (const auto& p : manifest->problems) {
            report.problems.push_back(runDir + "/manifest: " + p);
        }
        const auto start = processStartTime(lab, procRoot);
        const bool alive =
            start && (manifest->labStartTime == 0 || *start == manifest->labStartTime);
        if (alive) {
            if (const auto uid = processUid(lab, procRoot); uid && *uid != me) {
                ignore("its lab pid " + std::to_string(lab) + " is a process of uid " +
                       std::to_string(*uid) + ", not yours");
                continue;
            }
            liveObjects.insert(liveObjects.end(), manifest->objects.begin(),
                               manifest->objects.end());
        } else {
            report.runs.push_back({runDir, lab, std::move(*manifest)});
        }
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
            for (const auto& m : run.manifest.objects) {
                if (match(m)) {
                    return true;
                }
            }
        }
        return false;
    };
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

StaleCleanup removeStale(const StaleReport& report) {
    StaleCleanup out;
    for (const auto& run : report.runs) {
        const std::size_t count = run.manifest.objects.size();
        // Checked again right before acting: the report may be minutes old.
        const auto runFd = openPrivateDir(run.runDir);
        if (!runFd) {
            out.errors.push_back("ignoring " + run.runDir + ": " + runFd.error().message);
            out.notRemoved += count;
            continue;
        }
        const std::string from = " (left by lab pid " + std::to_string(run.labPid) + ")";
        RunCleanup c = cleanUpRun(run.manifest, runFd->get(), run.runDir);
        for (const auto& r : c.removals) {
            switch (r.outcome) {
            case ManifestRemoval::Outcome::Removed:
                ++out.removed;
                out.lines.push_back(r.message + from);
                break;
            case ManifestRemoval::Outcome::AlreadyGone:
                out.lines.push_back(r.message + from);
                break;
            case ManifestRemoval::Outcome::Skipped:
                ++out.notRemoved;
                out.lines.push_back(r.message + from);
                break;
            }
        }
        out.notRemoved += c.errors.size();
        std::move(c.errors.begin(), c.errors.end(), std::back_inserter(out.errors));
        if (!c.directoryRemoved) {
            out.lines.push_back("kept " + run.runDir +
                                ": not everything its manifest names could be removed");
        }
    }
    for (const auto& o : report.orphans) {
        if (o.id) {
            ++out.notRemoved;
            out.lines.push_back(
                "not removed: " + std::string(ipcKindTitle(o.kind)) + " " + std::to_string(*o.id) +
                " has an ipcscope key but no run manifest; remove it with 'ipcscope-cli rm " +
                std::string(ipcKindName(o.kind)) + " " + std::to_string(*o.id) +
                "' if it is unused");
            continue;
        }
        const auto r = removeIpcObject(o.kind, o.name, ObjectIdentity::of(o));
        if (r) {
            ++out.removed;
            out.lines.push_back(r->message + " (its lab is gone)");
        } else {
            ++out.notRemoved;
            out.errors.push_back(r.error().message);
        }
    }
    return out;
}

} // namespace ipcscope
