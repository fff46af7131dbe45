// POSIX objects (/dev/shm, /dev/mqueue) and the processes using IPC objects (/proc/PID).

#include "inventory.h"

#include "base/boundedcall.h"
#include "base/naming.h"
#include "base/procfs.h"
#include "base/uniquefd.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <map>
#include <mqueue.h>
#include <pwd.h>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

namespace ipcscope {

std::string userName(uid_t uid) {
    char buf[4096];
    passwd pw{};
    passwd* result = nullptr;
    if (::getpwuid_r(uid, &pw, buf, sizeof buf, &result) == 0 && result) {
        return result->pw_name;
    }
    return std::to_string(uid);
}

std::string groupName(gid_t gid) {
    char buf[4096];
    group gr{};
    group* result = nullptr;
    if (::getgrgid_r(gid, &gr, buf, sizeof buf, &result) == 0 && result) {
        return result->gr_name;
    }
    return std::to_string(gid);
}

namespace {

constexpr long kMqueueMagic = 0x19800202; // linux/magic.h MQUEUE_MAGIC

void fillFromStat(IpcObject& o, const struct stat& st) {
    o.uid = st.st_uid;
    o.gid = st.st_gid;
    o.mode = st.st_mode & 07777;
    o.sizeBytes = std::uint64_t(st.st_size);
    o.inode = st.st_ino;
    o.ctimeNs = std::int64_t(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec;
    o.changeTime = st.st_ctim.tv_sec;
    o.owner = userName(st.st_uid);
    o.group = groupName(st.st_gid);
}

} // namespace

void InventoryScanner::scanPosixShm(Inventory& out) {
    const InventoryOptions& opt = m_options;
    const bool listed = forEachDirEntry(opt.shmRoot, [&](std::string_view entry) {
        const std::string path = opt.shmRoot + "/" + std::string(entry);
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
            return; // vanished meanwhile, or not an object (directories, links)
        }
        const bool semaphore = entry.starts_with("sem.");
        IpcObject o;
        o.kind = semaphore ? IpcKind::PosixSem : IpcKind::PosixShm;
        if (!opt.wants(o.kind)) {
            return;
        }
        o.name = "/" + std::string(semaphore ? entry.substr(4) : entry);
        fillFromStat(o, st);
        if (semaphore && st.st_size >= 8) {
            // glibc's sem_t on 64-bit: one 64-bit word, value in the low half, waiters in the
            // high half. Read it (never map: a truncated file would raise SIGBUS).
            // O_NOATIME where we may (owner or CAP_FOWNER): a look is not an access of theirs.
            // O_NONBLOCK and fstat: /dev/shm is world-writable, and a FIFO swapped in after the
            // lstat must not hang the scan.
            constexpr int kFlags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK;
            UniqueFd fd(::open(path.c_str(), kFlags | O_NOATIME));
            if (!fd && errno == EPERM) {
                fd.reset(::open(path.c_str(), kFlags));
            }
            struct stat opened {};
            std::uint64_t word = 0;
            if (fd && ::fstat(fd.get(), &opened) == 0 && S_ISREG(opened.st_mode) &&
                ::pread(fd.get(), &word, sizeof word, 0) == ssize_t(sizeof word)) {
                o.posixSemValue = int(word & 0x7fffffffu);
                o.posixSemWaiters = int(word >> 32);
            }
        }
        o.ours = labPidFromPosixName(o.name).has_value();
        out.objects.push_back(std::move(o));
    });
    if (!listed) {
        out.warnings.push_back("cannot list " + opt.shmRoot +
                               " (POSIX shared memory and semaphores): " + std::strerror(errno));
    }
}

void InventoryScanner::scanPosixMq(Inventory& out) {
    const InventoryOptions& opt = m_options;
    struct statfs fs {};
    const bool exists = ::statfs(opt.mqueueRoot.c_str(), &fs) == 0;
    if (!exists || (opt.live && fs.f_type != kMqueueMagic)) {
        out.warnings.push_back(
            "POSIX message queues cannot be listed: the mqueue filesystem is not mounted at " +
            opt.mqueueRoot + ". Mount it with: mount -t mqueue none " + opt.mqueueRoot);
        return;
    }
    const bool listed = forEachDirEntry(opt.mqueueRoot, [&](std::string_view entry) {
        const std::string path = opt.mqueueRoot + "/" + std::string(entry);
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
            return;
        }
        IpcObject o;
        o.kind = IpcKind::PosixMq;
        o.name = "/" + std::string(entry);
        fillFromStat(o, st);
        // Not the file's "QSIZE:" line: reading /dev/mqueue/NAME sets the queue's atime and
        // ctime (mqueue_read_file), so every listing would rewrite "changed" and break the
        // identity a later delete checks. mq_open + mq_getattr leave both alone (measured).
        o.sizeBytes = 0;
        if (opt.live) {
            const mqd_t mq = ::mq_open(o.name.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
            if (mq != mqd_t(-1)) {
                mq_attr attr{};
                if (::mq_getattr(mq, &attr) == 0) {
                    o.messages = std::uint64_t(attr.mq_curmsgs);
                    o.maxMessages = std::uint64_t(attr.mq_maxmsg);
                    o.maxMessageSize = std::uint64_t(attr.mq_msgsize);
                }
                ::mq_close(mq);
            }
        }
        o.ours = labPidFromPosixName(o.name).has_value();
        out.objects.push_back(std::move(o));
    });
    if (!listed) {
        out.warnings.push_back("cannot list " + opt.mqueueRoot + ": " + std::strerror(errno));
    }
}

namespace {

// What one process holds, read on a worker within the per-process budget (boundedcall.h).
struct ProcessHoldings {
    std::string command;
    struct Fd {
        ProcessUse use;
        std::string target; // readlink of /proc/PID/fd/N
        IpcKind kind = IpcKind::Pipe;
        std::uint64_t inode = 0; // pipe or socket inode
        std::pair<dev_t, ino_t> fifo{};
    };
    std::vector<Fd> fds;
    std::vector<int> shmids;                  // System V segments attached
    std::vector<std::uint64_t> shmFileInodes; // /dev/shm files mapped
};

std::string accessText(const std::optional<std::string>& fdinfo) {
    // The access mode says which end is held.
    const auto mode = fdinfoAccessMode(fdinfo);
    if (!mode) {
        return "open";
    }
    return *mode == O_RDONLY ? "read end" : *mode == O_WRONLY ? "write end" : "read+write";
}

ProcessHoldings readHoldings(pid_t pid, const InventoryOptions& opt, bool haveMqueue,
                             dev_t mqueueDev, bool socketHolders, JobProgress& progress) {
    ProcessHoldings h;
    const std::string base = opt.procRoot + "/" + std::to_string(pid);
    if (opt.users) {
        // Mappings: "/SYSV%08x (deleted)" with the shmid as inode; "/dev/shm/NAME".
        progress.set(base + "/maps");
        std::set<std::string> seen;
        for (const MappedFile& m : mappedFiles(readProcFile(base + "/maps").value_or(""))) {
            if (!seen.insert(m.path).second) {
                continue;
            }
            if (m.path.starts_with("/SYSV")) {
                h.shmids.push_back(int(m.inode)); // inode = shmid
            } else if (m.path.starts_with(opt.shmRoot + "/")) {
                // By inode, not name: sem_open() maps a temporary file that it then links
                // into place, so the creator's mapping shows a deleted temporary name.
                h.shmFileInodes.push_back(m.inode);
            }
        }
    }
    const std::string fdDir = base + "/fd";
    progress.set(fdDir);
    forEachDirEntry(fdDir, [&](std::string_view fdName) {
        int fd = -1;
        if (std::from_chars(fdName.data(), fdName.data() + fdName.size(), fd).ec != std::errc()) {
            return;
        }
        const std::string link = fdDir + "/" + std::string(fdName);
        progress.set(link);
        char target[4096];
        const ssize_t n = ::readlink(link.c_str(), target, sizeof target - 1);
        if (n <= 0) {
            return;
        }
        ProcessHoldings::Fd f;
        f.target.assign(target, std::size_t(n));
        if (f.target.starts_with("pipe:[")) {
            f.kind = IpcKind::Pipe;
            std::from_chars(f.target.data() + 6, f.target.data() + f.target.size() - 1, f.inode);
        } else if (f.target.starts_with("socket:[")) {
            if (!socketHolders) {
                return;
            }
            // Which kind of socket, and whether it is a Unix one at all: the sock_diag table
            // says (attachSocketHolders); the access mode means nothing for a socket.
            f.kind = IpcKind::UnixStream;
            std::from_chars(f.target.data() + 8, f.target.data() + f.target.size() - 1, f.inode);
            f.use = {pid, {}, "open", fd};
            h.fds.push_back(std::move(f));
            return;
        } else if (f.target.starts_with("/")) {
            // Only paths can be FIFOs or queues: sockets, anon inodes and the rest need no
            // stat (one call less per descriptor: most are pipes and sockets).
            struct stat st {};
            if (::stat(link.c_str(), &st) != 0) {
                return;
            }
            if (S_ISFIFO(st.st_mode)) {
                f.kind = IpcKind::Fifo;
                f.fifo = {st.st_dev, st.st_ino};
            } else if (opt.users && haveMqueue && st.st_dev == mqueueDev && S_ISREG(st.st_mode)) {
                f.kind = IpcKind::PosixMq;
            } else {
                return;
            }
        } else {
            return;
        }
        progress.set(base + "/fdinfo/" + std::string(fdName));
        f.use = {pid, {}, accessText(readProcFile(base + "/fdinfo/" + std::string(fdName))), fd};
        h.fds.push_back(std::move(f));
    });
    if (!h.fds.empty() || !h.shmids.empty() || !h.shmFileInodes.empty()) {
        progress.set(base + "/comm");
        const auto comm = readProcFile(base + "/comm").value_or(std::string());
        h.command = comm.substr(0, comm.find('\n'));
    }
    return h;
}

} // namespace

void InventoryScanner::scanProcesses(Inventory& out) {
    const InventoryOptions& opt = m_options;
    struct Endpoint {
        std::string name;
        std::vector<ProcessUse> users;
    };
    std::map<std::uint64_t, Endpoint> pipes;                       // by inode
    std::map<std::pair<dev_t, ino_t>, Endpoint> fifos;             // by device + inode
    std::map<int, std::vector<ProcessUse>> shmUsers;               // by shmid
    std::map<std::uint64_t, std::vector<ProcessUse>> shmFileUsers; // /dev/shm files by inode
    std::map<std::string, std::vector<ProcessUse>> mqUsers;        // by queue name
    SocketHolders sockets;                                         // by socket inode
    const bool socketHolders = opt.wantsUnixSockets() && (opt.users || opt.socketHolders);
    struct stat mqueueDir {};
    const bool haveMqueue = ::stat(opt.mqueueRoot.c_str(), &mqueueDir) == 0;

    std::vector<pid_t> pids;
    forEachDirEntry(opt.procRoot, [&](std::string_view entry) {
        pid_t pid = 0;
        if (std::from_chars(entry.data(), entry.data() + entry.size(), pid).ec == std::errc()) {
            pids.push_back(pid);
        }
    });
    // Read on a worker, one handover for all; slots shared, as a left read may still finish.
    auto slots = std::make_shared<std::vector<ProcessHoldings>>(pids.size());
    const dev_t mqueueDev = mqueueDir.st_dev;
    const auto skipped = forEachBounded(
        pids.size(),
        [slots, pids, opt, haveMqueue, mqueueDev, socketHolders](std::size_t i,
                                                                 JobProgress& progress) {
            (*slots)[i] =
                readHoldings(pids[i], opt, haveMqueue, mqueueDev, socketHolders, progress);
        },
        opt.perProcessBudget);
    std::size_t nextSkip = 0;
    for (std::size_t i = 0; i < pids.size(); ++i) {
        const pid_t pid = pids[i];
        if (nextSkip < skipped.size() && skipped[nextSkip].index == i) {
            out.warnings.push_back("process " + std::to_string(pid) +
                                   " left out: " + skipped[nextSkip++].why);
            continue;
        }
        ProcessHoldings& holdings = (*slots)[i];
        for (int shmid : holdings.shmids) {
            shmUsers[shmid].push_back({pid, holdings.command, "attached", -1});
        }
        for (std::uint64_t inode : holdings.shmFileInodes) {
            shmFileUsers[inode].push_back({pid, holdings.command, "mapped", -1});
        }
        for (auto& f : holdings.fds) {
            f.use.command = holdings.command;
            if (f.kind == IpcKind::Pipe) {
                auto& e = pipes[f.inode];
                e.name = std::move(f.target);
                e.users.push_back(std::move(f.use));
            } else if (f.kind == IpcKind::Fifo) {
                auto& e = fifos[f.fifo];
                e.name = std::move(f.target);
                e.users.push_back(std::move(f.use));
            } else if (isUnixSocket(f.kind)) {
                sockets[f.inode].push_back(std::move(f.use));
            } else {
                mqUsers[f.target].push_back(std::move(f.use)); // mq descriptors read "/name"
            }
        }
    }

    if (opt.users) {
        for (IpcObject& o : out.objects) {
            if (o.kind == IpcKind::SysvShm && o.id) {
                if (auto it = shmUsers.find(*o.id); it != shmUsers.end()) {
                    o.users = it->second;
                }
            } else if ((o.kind == IpcKind::PosixShm || o.kind == IpcKind::PosixSem) && o.inode) {
                if (auto it = shmFileUsers.find(*o.inode); it != shmFileUsers.end()) {
                    o.users = it->second;
                }
            } else if (o.kind == IpcKind::PosixMq) {
                if (auto it = mqUsers.find(o.name); it != mqUsers.end()) {
                    o.users = it->second;
                }
            }
        }
    }
    if (socketHolders) {
        attachSocketHolders(out, sockets);
    }
    if (opt.wants(IpcKind::Pipe)) {
        for (auto& [inode, e] : pipes) {
            IpcObject o;
            o.kind = IpcKind::Pipe;
            o.name = std::move(e.name);
            o.inode = inode;
            o.users = std::move(e.users);
            out.objects.push_back(std::move(o));
        }
    }
    if (opt.wants(IpcKind::Fifo)) {
        for (auto& [devIno, e] : fifos) {
            IpcObject o;
            o.kind = IpcKind::Fifo;
            o.name = std::move(e.name);
            struct stat st {};
            if (::stat(o.name.c_str(), &st) == 0) {
                fillFromStat(o, st);
            }
            o.inode = devIno.second;
            o.users = std::move(e.users);
            out.objects.push_back(std::move(o));
        }
    }
}

} // namespace ipcscope
