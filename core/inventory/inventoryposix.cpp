// POSIX objects (/dev/shm, /dev/mqueue) and the processes using IPC objects (/proc/PID).

#include "inventory.h"

#include "base/naming.h"
#include "base/uniquefd.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
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

// Directory entries without "." and "..", as raw bytes (names may hold spaces, newlines,
// anything but '/' and NUL).
template <typename Fn> bool forEachEntry(const std::string& dir, Fn&& fn) {
    DIR* d = ::opendir(dir.c_str());
    if (!d) {
        return false;
    }
    while (dirent* e = ::readdir(d)) {
        const std::string_view name(e->d_name);
        if (name != "." && name != "..") {
            fn(name);
        }
    }
    ::closedir(d);
    return true;
}

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

std::string readFirstLine(const std::string& path) {
    std::ifstream in(path);
    std::string s;
    std::getline(in, s);
    return s;
}

} // namespace

void InventoryScanner::scanPosixShm(Inventory& out) {
    const InventoryOptions& opt = m_options;
    const bool listed = forEachEntry(opt.shmRoot, [&](std::string_view entry) {
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
    const bool listed = forEachEntry(opt.mqueueRoot, [&](std::string_view entry) {
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

    forEachEntry(opt.procRoot, [&](std::string_view entry) {
        pid_t pid = 0;
        if (std::from_chars(entry.data(), entry.data() + entry.size(), pid).ec != std::errc()) {
            return;
        }
        const std::string base = opt.procRoot + "/" + std::string(entry);
        const std::string command = readFirstLine(base + "/comm");
        if (opt.users) {
            // Mappings: "/SYSV%08x (deleted)" with the shmid as inode; "/dev/shm/NAME".
            std::ifstream maps(base + "/maps");
            std::string line;
            std::set<std::string> seen;
            while (std::getline(maps, line)) {
                const auto slash = line.find('/');
                if (slash == std::string::npos) {
                    continue;
                }
                std::string path = line.substr(slash);
                if (path.ends_with(" (deleted)")) {
                    path.resize(path.size() - 10);
                }
                if (!seen.insert(path).second) {
                    continue;
                }
                // maps fields: address perms offset dev inode path
                std::istringstream fields(line);
                std::string address, perms, offset, dev;
                long long inode = -1;
                fields >> address >> perms >> offset >> dev >> inode;
                if (inode < 0) {
                    continue;
                }
                if (path.starts_with("/SYSV")) {
                    shmUsers[int(inode)].push_back({pid, command, "attached", -1}); // inode = shmid
                } else if (path.starts_with(opt.shmRoot + "/")) {
                    // By inode, not name: sem_open() maps a temporary file that it then links
                    // into place, so the creator's mapping shows a deleted temporary name.
                    shmFileUsers[std::uint64_t(inode)].push_back({pid, command, "mapped", -1});
                }
            }
        }
        const std::string fdDir = base + "/fd";
        forEachEntry(fdDir, [&](std::string_view fdName) {
            int fd = -1;
            if (std::from_chars(fdName.data(), fdName.data() + fdName.size(), fd).ec !=
                std::errc()) {
                return;
            }
            const std::string link = fdDir + "/" + std::string(fdName);
            char target[4096];
            const ssize_t n = ::readlink(link.c_str(), target, sizeof target - 1);
            if (n <= 0) {
                return;
            }
            const std::string_view t(target, std::size_t(n));
            if (t.starts_with("socket:[")) { // which kind of socket: the sock_diag table says
                std::uint64_t inode = 0;
                std::from_chars(t.data() + 8, t.data() + t.size() - 1, inode);
                if (socketHolders) {
                    sockets[inode].push_back({pid, command, "open", fd});
                }
                return;
            }
            const bool isPipe = t.starts_with("pipe:[");
            struct stat st {};
            const bool statted = ::stat(link.c_str(), &st) == 0;
            const bool isFifo = !isPipe && statted && S_ISFIFO(st.st_mode);
            const bool isMq = !isPipe && !isFifo && statted && haveMqueue &&
                              st.st_dev == mqueueDir.st_dev && S_ISREG(st.st_mode);
            if (!isPipe && !isFifo && !isMq) {
                return;
            }
            // fdinfo "flags:" is octal open flags: the access mode says which end is held.
            std::string how = "open";
            std::ifstream info(base + "/fdinfo/" + std::string(fdName));
            std::string l;
            while (std::getline(info, l)) {
                if (l.starts_with("flags:")) {
                    unsigned flags = 0;
                    std::istringstream(l.substr(6)) >> std::oct >> flags;
                    const unsigned acc = flags & O_ACCMODE;
                    how = acc == O_RDONLY   ? "read end"
                          : acc == O_WRONLY ? "write end"
                                            : "read+write";
                    break;
                }
            }
            ProcessUse use{pid, command, how, fd};
            if (isPipe) {
                std::uint64_t inode = 0;
                std::from_chars(t.data() + 6, t.data() + t.size() - 1, inode);
                auto& e = pipes[inode];
                e.name = std::string(t);
                e.users.push_back(std::move(use));
            } else if (isFifo) {
                auto& e = fifos[{st.st_dev, st.st_ino}];
                e.name = std::string(t);
                e.users.push_back(std::move(use));
            } else if (opt.users) {
                mqUsers[std::string(t)].push_back(std::move(use)); // mq descriptors read "/name"
            }
        });
    });

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
