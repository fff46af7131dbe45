#include "procscan.h"

#include "base/boundedcall.h"
#include "base/procfs.h"
#include "base/uniquefd.h"
#include "inventory/inventory.h"
#include "kernelview.h"
#include "unixsockets.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <poll.h>
#include <set>
#include <sstream>
#include <sys/select.h>
#include <sys/sem.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/uio.h>
#include <unistd.h>

namespace ipcscope {

namespace {

constexpr long kMqueueMagic = 0x19800202; // linux/magic.h MQUEUE_MAGIC
constexpr std::uint64_t kMaxSembufs = 16; // semop: operations shown
constexpr std::uint64_t kMaxPollFds = 64; // poll: descriptors read
constexpr std::uint64_t kMaxSelectFds = 1024;

std::string firstLine(const std::optional<std::string>& text) {
    if (!text) {
        return {};
    }
    return text->substr(0, text->find('\n'));
}

template <typename T> std::optional<T> number(std::string_view s, int base = 10) {
    T v{};
    const char* end = s.data() + s.size();
    if (s.starts_with("0x")) {
        s.remove_prefix(2);
        base = 16;
    }
    const auto r = std::from_chars(s.data(), end, v, base);
    if (r.ec != std::errc() || s.empty()) {
        return std::nullopt;
    }
    return v;
}

std::vector<pid_t> numericEntries(const std::string& dir) {
    std::vector<pid_t> out;
    forEachDirEntry(dir, [&](std::string_view name) {
        if (auto n = number<pid_t>(name)) {
            out.push_back(*n);
        }
    });
    std::sort(out.begin(), out.end());
    return out;
}

// The lock is not held during the lookup: NSS may ask a slow server, and a reader left
// waiting there must not hold up the next scan's readers.
std::string cachedUserName(uid_t uid) {
    static std::mutex mutex;
    static std::map<uid_t, std::string> names;
    {
        std::lock_guard lock(mutex);
        if (auto it = names.find(uid); it != names.end()) {
            return it->second;
        }
    }
    std::string name = userName(uid);
    std::lock_guard lock(mutex);
    names.emplace(uid, name);
    return name;
}

// Fields after the command name of /proc/PID/stat (which may hold spaces and ')'): [0] is
// field 3, the state.
std::vector<std::string_view> statFields(const std::string& stat) {
    std::vector<std::string_view> fields;
    const auto close = stat.rfind(')');
    if (close == std::string::npos) {
        return fields;
    }
    std::string_view rest(stat);
    rest.remove_prefix(close + 1);
    while (!rest.empty()) {
        const auto start = rest.find_first_not_of(" \n");
        if (start == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(start);
        const auto end = rest.find_first_of(" \n");
        fields.push_back(rest.substr(0, end));
        rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
    }
    return fields;
}

std::string commandLine(const std::optional<std::string>& cmdline) {
    if (!cmdline) {
        return {};
    }
    std::string s = *cmdline;
    while (!s.empty() && s.back() == '\0') {
        s.pop_back();
    }
    std::replace(s.begin(), s.end(), '\0', ' ');
    return s;
}

std::string baseName(std::string_view path) {
    const auto slash = path.rfind('/');
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::optional<std::uint64_t> inodeOf(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        return std::nullopt;
    }
    return std::uint64_t(st.st_ino);
}

EndpointDirection directionFromFdinfo(const std::optional<std::string>& fdinfo) {
    switch (fdinfoAccessMode(fdinfo).value_or(O_RDWR)) {
    case O_RDONLY:
        return EndpointDirection::Receive;
    case O_WRONLY:
        return EndpointDirection::Send;
    default:
        return EndpointDirection::Both;
    }
}

// One line of /proc/PID/maps that names a System V segment or a file under shmRoot.
struct SharedMapping {
    std::uint64_t start = 0, end = 0;
    ObjectRef object;
};

std::vector<SharedMapping> sharedMappings(const std::string& maps, const std::string& shmRoot) {
    std::vector<SharedMapping> out;
    for (const MappedFile& file : mappedFiles(maps)) {
        SharedMapping m;
        m.start = file.start;
        m.end = file.end;
        if (file.path.starts_with("/SYSV")) {
            m.object.kind = IpcKind::SysvShm;
            m.object.id = int(file.inode); // the shmid is the inode
            if (auto key = number<std::uint32_t>(std::string_view(file.path).substr(5), 16)) {
                m.object.key = std::int32_t(*key);
            }
        } else if (file.path.starts_with(shmRoot + "/")) {
            const std::string entry = file.path.substr(shmRoot.size() + 1);
            const bool semaphore = entry.starts_with("sem.");
            m.object.kind = semaphore ? IpcKind::PosixSem : IpcKind::PosixShm;
            m.object.name = "/" + (semaphore ? entry.substr(4) : entry);
            m.object.inode = file.inode;
        } else {
            continue;
        }
        out.push_back(std::move(m));
    }
    return out;
}

// What a thread's call names before the descriptors are resolved to objects (which needs the
// socket table, outside the bounded reader).
struct RawThread {
    ObservedThread thread;
    std::vector<int> fds; // descriptors the call waits on, first one first
};

struct RawSocket {
    int fd = -1;
    std::uint64_t inode = 0;
    EndpointDirection direction = EndpointDirection::Both;
};

struct RawProcess {
    ObservedProcess process;
    std::vector<RawSocket> sockets;
    std::vector<RawThread> threads;
};

// Why the kernel refused to show us something of another process, for a person: what the
// errno means here and, where it helps, what to do about it.
std::string refusalReason(int error) {
    switch (error) {
    case EPERM:
    case EACCES:
        return "permission denied (run as the process's user and group, or as root)";
    case ESRCH:
        return "the process has ended";
    case EFAULT:
        return "its address is not mapped (the call may just have returned)";
    case ENOSYS:
        return "process_vm_readv is not in this kernel";
    default:
        return std::strerror(error);
    }
}

// Reads `length` bytes at `address` of process `pid` without stopping it. On failure `error`
// says so in words: "cannot read the semop operations of pid 42: permission denied (...)".
std::optional<std::string> readMemory(pid_t pid, std::uint64_t address, std::size_t length,
                                      const std::string& what, std::string& error) {
    std::string buf(length, '\0');
    iovec local{buf.data(), length};
    iovec remote{reinterpret_cast<void*>(address), length};
    const ssize_t n = ::process_vm_readv(pid, &local, 1, &remote, 1, 0);
    if (n < 0) {
        error = "cannot read the " + what + " of pid " + std::to_string(pid) + ": " +
                refusalReason(errno);
        return std::nullopt;
    }
    buf.resize(std::size_t(n));
    return buf;
}

std::string joinFds(const std::vector<int>& fds) {
    std::string s;
    for (int fd : fds) {
        s += (s.empty() ? "fds " : ", ") + std::to_string(fd);
    }
    return s;
}

class Reader {
public:
    Reader(pid_t pid, const ProcScanOptions& options, JobProgress& progress)
        : m_pid(pid)
        , m_options(options)
        , m_progress(progress)
        , m_base(options.procRoot + "/" + std::to_string(pid)) {}

    std::optional<RawProcess> read() {
        RawProcess raw;
        ObservedProcess& p = raw.process;
        p.pid = m_pid;
        const auto stat = readStep("stat");
        if (!stat) {
            return std::nullopt; // gone
        }
        const auto fields = statFields(*stat);
        if (fields.size() > 19) {
            p.ppid = number<pid_t>(fields[1]).value_or(0);
            p.startTicks = number<std::uint64_t>(fields[19]).value_or(0);
        }
        p.comm = firstLine(readStep("comm"));
        if (const auto status = readStep("status")) {
            const auto at = status->find("\nUid:");
            if (at != std::string::npos) {
                std::istringstream(status->substr(at + 5)) >> p.uid;
            }
        }
        m_progress.set("the name of user " + std::to_string(p.uid));
        p.user = cachedUserName(p.uid);
        p.command = commandLine(readStep("cmdline"));
        m_progress.set(m_base + "/ns/ipc");
        p.ipcNamespace = inodeOf(m_base + "/ns/ipc").value_or(0);
        readFds(raw);
        if (const auto maps = readStep("maps")) {
            m_mappings = sharedMappings(*maps, m_options.shmRoot);
            nameByInode(m_mappings);
            for (const SharedMapping& m : m_mappings) {
                p.mappedRanges.push_back(MappedRange{m.start, m.end, m.object});
                if (std::find(p.mappings.begin(), p.mappings.end(), m.object) == p.mappings.end()) {
                    p.mappings.push_back(m.object);
                }
            }
        } else {
            p.problems.push_back("cannot read the memory map of pid " + std::to_string(m_pid) +
                                 " (" + m_base + "/maps): " + refusalReason(errno));
        }
        readThreads(raw);
        return raw;
    }

private:
    // sem_open() creates a temporary file, maps it and links it into place, so its creator's
    // mapping shows the temporary name (deleted): the object's name is whatever entry of
    // shmRoot now has that inode.
    void nameByInode(std::vector<SharedMapping>& mappings) {
        std::optional<std::map<std::uint64_t, std::string>> entries; // read once, when needed
        for (SharedMapping& m : mappings) {
            ObjectRef& o = m.object;
            if ((o.kind != IpcKind::PosixSem && o.kind != IpcKind::PosixShm) || !o.inode) {
                continue;
            }
            const std::string entry =
                (o.kind == IpcKind::PosixSem ? "sem." : "") + o.name.substr(1);
            if (inodeOf(m_options.shmRoot + "/" + entry) == o.inode) {
                continue;
            }
            if (!entries) {
                m_progress.set(m_options.shmRoot);
                entries.emplace();
                forEachDirEntry(m_options.shmRoot, [&](std::string_view name) {
                    if (auto inode = inodeOf(m_options.shmRoot + "/" + std::string(name))) {
                        entries->emplace(*inode, name);
                    }
                });
            }
            if (const auto it = entries->find(*o.inode); it != entries->end()) {
                const bool semaphore = it->second.starts_with("sem.");
                o.kind = semaphore ? IpcKind::PosixSem : IpcKind::PosixShm;
                o.name = "/" + it->second.substr(semaphore ? 4 : 0);
            }
        }
    }

    std::optional<std::string> readStep(const std::string& name) {
        m_progress.set(m_base + "/" + name);
        return readProcFile(m_base + "/" + name);
    }

    void readFds(RawProcess& raw) {
        const std::string fdDir = m_base + "/fd";
        m_progress.set(fdDir);
        // The device of our /dev/mqueue, looked up for the first regular file only.
        std::optional<std::optional<dev_t>> mqueueDevice;
        const auto ourMqueueDevice = [&]() -> std::optional<dev_t> {
            if (!mqueueDevice) {
                struct stat mqueueDir {};
                mqueueDevice = ::stat(m_options.mqueueRoot.c_str(), &mqueueDir) == 0
                                   ? std::optional<dev_t>(mqueueDir.st_dev)
                                   : std::nullopt;
            }
            return *mqueueDevice;
        };
        std::vector<int> fds;
        const bool listed = forEachDirEntry(fdDir, [&](std::string_view name) {
            if (auto fd = number<int>(name)) {
                fds.push_back(*fd);
            }
        });
        if (!listed) {
            raw.process.problems.push_back("cannot list the descriptors of pid " +
                                           std::to_string(m_pid) + " (" + fdDir +
                                           "): " + refusalReason(errno));
            return;
        }
        std::sort(fds.begin(), fds.end());
        for (int fd : fds) {
            const std::string link = fdDir + "/" + std::to_string(fd);
            m_progress.set(link);
            char target[4096];
            const ssize_t n = ::readlink(link.c_str(), target, sizeof target - 1);
            if (n <= 0) {
                continue;
            }
            const std::string t(target, std::size_t(n));
            const auto direction = [&] {
                return directionFromFdinfo(readStep("fdinfo/" + std::to_string(fd)));
            };
            const auto bracketed = [&](std::string_view prefix) -> std::optional<std::uint64_t> {
                if (!t.starts_with(prefix) || !t.ends_with("]")) {
                    return std::nullopt;
                }
                return number<std::uint64_t>(
                    std::string_view(t).substr(prefix.size(), t.size() - prefix.size() - 1));
            };
            if (auto inode = bracketed("pipe:[")) {
                FdUse use{fd, {}, direction()};
                use.object.kind = IpcKind::Pipe;
                use.object.inode = inode;
                addFd(raw.process, std::move(use));
                continue;
            }
            if (auto inode = bracketed("socket:[")) {
                raw.sockets.push_back({fd, *inode, direction()});
                continue;
            }
            if (!t.starts_with("/")) {
                continue; // anon_inode:, memfd, ...: not an IPC object we name
            }
            // stat() and statfs() of the link look at the object without opening it.
            struct stat st {};
            if (::stat(link.c_str(), &st) != 0) {
                continue;
            }
            if (S_ISFIFO(st.st_mode)) {
                FdUse use{fd, {}, direction()};
                use.object.kind = IpcKind::Fifo;
                use.object.name = t;
                use.object.inode = st.st_ino;
                addFd(raw.process, std::move(use));
                continue;
            }
            if (!S_ISREG(st.st_mode)) {
                continue; // a terminal, /dev/null, ...: no statfs needed to tell
            }
            struct statfs fs {};
            const bool mqueue = st.st_dev == ourMqueueDevice() ||
                                (::statfs(link.c_str(), &fs) == 0 && fs.f_type == kMqueueMagic);
            if (mqueue) {
                FdUse use{fd, {}, direction()};
                use.object.kind = IpcKind::PosixMq;
                use.object.name = t.starts_with(m_options.mqueueRoot + "/")
                                      ? t.substr(m_options.mqueueRoot.size())
                                      : t; // mq descriptors read "/name"
                use.object.inode = st.st_ino;
                addFd(raw.process, std::move(use));
            }
        }
    }

    static void addFd(ObservedProcess& p, FdUse use) { p.fds.push_back(std::move(use)); }

    void readThreads(RawProcess& raw) {
        const std::string taskDir = m_base + "/task";
        m_progress.set(taskDir);
        for (pid_t tid : numericEntries(taskDir)) {
            const std::string tbase = taskDir + "/" + std::to_string(tid) + "/";
            RawThread rt;
            ObservedThread& t = rt.thread;
            t.tid = tid;
            m_progress.set(tbase + "stat");
            const auto stat = readProcFile(tbase + "stat");
            if (!stat) {
                continue; // the thread ended meanwhile
            }
            const auto fields = statFields(*stat);
            if (!fields.empty() && !fields[0].empty()) {
                t.state = fields[0][0];
            }
            m_progress.set(tbase + "comm");
            t.name = firstLine(readProcFile(tbase + "comm"));
            m_progress.set(tbase + "wchan");
            t.wchan = firstLine(readProcFile(tbase + "wchan"));
            if (t.wchan == "0") {
                t.wchan.clear();
            }
            if (m_options.readContextSwitches) { // status: slow for the kernel to format
                m_progress.set(tbase + "status");
                if (const auto status = readProcFile(tbase + "status")) {
                    const std::string_view key = "\nvoluntary_ctxt_switches:";
                    if (const auto at = status->find(key); at != std::string::npos) {
                        std::string_view value = std::string_view(*status).substr(at + key.size());
                        value.remove_prefix(std::min(value.find_first_not_of(" \t"), value.size()));
                        std::from_chars(value.data(), value.data() + value.size(),
                                        t.voluntarySwitches);
                    }
                }
            }
            m_progress.set(tbase + "syscall");
            const auto line = readProcFile(tbase + "syscall");
            if (!line && errno != ENOENT && errno != ESRCH && !m_saidSyscallRefused) {
                m_saidSyscallRefused = true; // once: every thread's is refused alike
                raw.process.problems.push_back("cannot see which call the threads of pid " +
                                               std::to_string(m_pid) + " are in (" + tbase +
                                               "syscall): " + refusalReason(errno));
            }
            if (line) {
                if (parseSyscallLine(*line, t.syscall, t.args) && t.syscall) {
                    t.call = syscallName(*t.syscall);
                    decodeCall(rt, raw.process);
                }
            }
            raw.threads.push_back(std::move(rt));
        }
    }

    void decodeCall(RawThread& rt, ObservedProcess& p) {
        ObservedThread& t = rt.thread;
        const std::string& c = t.call;
        const auto& a = t.args;
        static const std::set<std::string> fdCalls = {
            "read",     "readv",           "write",   "writev",   "recvmsg",
            "recvfrom", "sendmsg",         "sendto",  "accept",   "accept4",
            "connect",  "mq_timedreceive", "preadv2", "pwritev2", "mq_timedsend"};
        if (fdCalls.contains(c)) {
            rt.fds.push_back(int(a[0]));
            t.fd = int(a[0]);
        } else if (c == "msgrcv" || c == "msgsnd") {
            ObjectRef o;
            o.kind = IpcKind::SysvMsg;
            o.id = int(a[0]);
            t.object = o;
            if (c == "msgrcv") {
                const long type = long(a[3]);
                t.msgType = type;
                t.detail = type == 0  ? "any type"
                           : type > 0 ? "type " + std::to_string(type)
                                      : "type at most " + std::to_string(-type);
            }
        } else if (c == "semop" || c == "semtimedop") {
            ObjectRef o;
            o.kind = IpcKind::SysvSem;
            o.id = int(a[0]);
            t.object = o;
            t.detail = semaphoreOperations(a[1], a[2]);
        } else if (c == "futex") {
            decodeFutex(t);
        } else if (c == "epoll_wait" || c == "epoll_pwait" || c == "epoll_pwait2") {
            t.fd = int(a[0]);
            rt.fds = epollTargets(int(a[0]), t.detail);
            if (t.detail.empty()) {
                t.detail = rt.fds.empty() ? "epoll with no descriptors" : joinFds(rt.fds);
            }
        } else if (c == "poll" || c == "ppoll") {
            rt.fds = pollFds(a[0], std::min<std::uint64_t>(a[1], kMaxPollFds), t.detail);
            if (t.detail.empty()) {
                t.detail = joinFds(rt.fds);
            }
        } else if (c == "select" || c == "pselect6") {
            rt.fds = selectFds(a[0], {a[1], a[2], a[3]}, t.detail);
            if (t.detail.empty()) {
                t.detail = joinFds(rt.fds);
            }
        } else if (c == "open" || c == "openat") {
            decodeOpen(t, c == "open" ? a[0] : a[1], c == "open" ? -100 : int(a[0]));
        } else if (c == "wait4") {
            const auto child = pid_t(a[0]);
            t.detail = child > 0 ? "for child " + std::to_string(child) : "for any child";
        } else if (c == "nanosleep" || c == "clock_nanosleep") {
            t.detail = "sleeping";
        }
        (void)p;
    }

    std::string semaphoreOperations(std::uint64_t address, std::uint64_t count) {
        const std::uint64_t n = std::min(count, kMaxSembufs);
        std::string error;
        const auto bytes =
            readMemory(m_pid, address, n * sizeof(sembuf), "semop operations", error);
        if (!bytes) {
            return error;
        }
        std::string s;
        for (std::size_t i = 0; i + sizeof(sembuf) <= bytes->size(); i += sizeof(sembuf)) {
            sembuf op{};
            std::memcpy(&op, bytes->data() + i, sizeof op);
            s += (s.empty() ? "" : ", ") + std::string("semaphore ") + std::to_string(op.sem_num) +
                 ": " + std::to_string(op.sem_op);
        }
        if (count > n) {
            s += ", ... (" + std::to_string(count) + " operations)";
        }
        return s;
    }

    void decodeFutex(ObservedThread& t) {
        const std::uint64_t uaddr = t.args[0];
        for (const SharedMapping& m : m_mappings) {
            if (uaddr >= m.start && uaddr < m.end) {
                t.object = m.object;
                t.detail =
                    m.object.kind == IpcKind::PosixSem ? "sem_wait" : "futex in shared memory";
                return;
            }
        }
        t.detail = "private futex (a mutex or condition variable inside the process)";
    }

    // The descriptors an epoll instance watches, from its fdinfo's "tfd:" lines (in the
    // kernel's tree order: sorted here).
    std::vector<int> epollTargets(int epfd, std::string& error) {
        std::vector<int> out;
        const std::string path = "fdinfo/" + std::to_string(epfd);
        const auto info = readStep(path);
        if (!info) {
            error = "cannot read which descriptors the epoll of pid " + std::to_string(m_pid) +
                    " watches (" + m_base + "/" + path + "): " + refusalReason(errno);
            return out;
        }
        std::istringstream in(*info);
        std::string line;
        while (std::getline(in, line)) {
            if (line.starts_with("tfd:")) {
                std::istringstream fields(line.substr(4));
                int fd = -1;
                if (fields >> fd) {
                    out.push_back(fd);
                }
            }
        }
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }

    std::vector<int> pollFds(std::uint64_t address, std::uint64_t count, std::string& error) {
        std::vector<int> out;
        const auto bytes =
            readMemory(m_pid, address, count * sizeof(pollfd), "poll descriptors", error);
        if (!bytes) {
            return out;
        }
        for (std::size_t i = 0; i + sizeof(pollfd) <= bytes->size(); i += sizeof(pollfd)) {
            pollfd p{};
            std::memcpy(&p, bytes->data() + i, sizeof p);
            if (p.fd >= 0) {
                out.push_back(p.fd);
            }
        }
        return out;
    }

    // The descriptors in select's read, write and exception sets (null sets skipped).
    std::vector<int> selectFds(std::uint64_t nfds, const std::array<std::uint64_t, 3>& sets,
                               std::string& error) {
        std::vector<int> out;
        nfds = std::min(nfds, kMaxSelectFds);
        const std::size_t length = (nfds + 63) / 64 * 8;
        for (const std::uint64_t set : sets) {
            if (set == 0 || length == 0) {
                continue;
            }
            const auto bytes = readMemory(m_pid, set, length, "select descriptor sets", error);
            if (!bytes) {
                return out;
            }
            for (std::uint64_t fd = 0; fd < nfds && fd / 8 < bytes->size(); ++fd) {
                if ((std::uint8_t((*bytes)[fd / 8]) >> (fd % 8)) & 1) {
                    out.push_back(int(fd));
                }
            }
        }
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }

    // open()/openat() of a FIFO waits for the other end: read the path from the process's
    // memory and stat it (stat does not open it).
    void decodeOpen(ObservedThread& t, std::uint64_t pathAddress, int dirfd) {
        std::string error;
        const auto bytes = readMemory(m_pid, pathAddress, 4096, "path being opened", error);
        if (!bytes) {
            // The path may end near a page boundary: try the rest of its page.
            const std::size_t toPageEnd = 4096 - (pathAddress & 4095);
            const auto shorter =
                readMemory(m_pid, pathAddress, toPageEnd, "path being opened", error);
            if (!shorter) {
                t.detail = error;
                return;
            }
            return decodeOpenPath(t, *shorter, dirfd);
        }
        decodeOpenPath(t, *bytes, dirfd);
    }

    void decodeOpenPath(ObservedThread& t, const std::string& bytes, int dirfd) {
        const std::string path = bytes.substr(0, bytes.find('\0'));
        if (path.empty()) {
            return;
        }
        std::string absolute = path;
        std::string statPath = path;
        if (!path.starts_with("/")) {
            const std::string dir =
                dirfd == -100 ? m_base + "/cwd" : m_base + "/fd/" + std::to_string(dirfd);
            char target[4096];
            const ssize_t n = ::readlink(dir.c_str(), target, sizeof target - 1);
            absolute = (n > 0 ? std::string(target, std::size_t(n)) : dir) + "/" + path;
            statPath = dir + "/" + path;
        }
        t.detail = absolute;
        struct stat st {};
        if (::stat(statPath.c_str(), &st) == 0 && S_ISFIFO(st.st_mode)) {
            ObjectRef o;
            o.kind = IpcKind::Fifo;
            o.name = absolute;
            o.inode = st.st_ino;
            t.object = o;
        }
    }

    pid_t m_pid;
    ProcScanOptions m_options; // a copy: the reader may outlive the caller's
    JobProgress& m_progress;
    std::string m_base;
    std::vector<SharedMapping> m_mappings;
    bool m_saidSyscallRefused = false;
};

std::optional<std::uint64_t> observerNamespace(const ProcScanOptions& options) {
    return inodeOf(options.procRoot + "/self/ns/ipc");
}

bool namespaced(IpcKind kind) {
    return isSysv(kind) || kind == IpcKind::PosixMq || kind == IpcKind::PosixShm ||
           kind == IpcKind::PosixSem;
}

// The socket table and the fd → object mapping, on the caller's side of the bounded read.
ObservedProcess resolve(RawProcess raw, const ProcScanOptions& options) {
    ObservedProcess p = std::move(raw.process);
    const UnixSocketTable* sockets = options.sockets;
    if (!sockets && options.socketTable && !raw.sockets.empty()) {
        sockets = options.socketTable();
    }
    if (sockets) {
        for (const RawSocket& s : raw.sockets) {
            if (const UnixSocketInfo* info = sockets->find(s.inode)) {
                FdUse use{s.fd, {}, s.direction};
                use.object.kind = info->kind;
                use.object.inode = s.inode;
                use.object.name = info->name;
                p.fds.push_back(std::move(use));
            }
        }
        std::sort(p.fds.begin(), p.fds.end(),
                  [](const FdUse& a, const FdUse& b) { return a.fd < b.fd; });
    }
    const auto ns = observerNamespace(options);
    const auto markNamespace = [&](ObjectRef& o) {
        if (namespaced(o.kind) && p.ipcNamespace != 0 && ns && *ns != p.ipcNamespace) {
            o.ipcNamespace = p.ipcNamespace;
        }
    };
    for (FdUse& f : p.fds) {
        markNamespace(f.object);
    }
    for (ObjectRef& m : p.mappings) {
        markNamespace(m);
    }
    const auto objectOf = [&](int fd) -> std::optional<ObjectRef> {
        for (const FdUse& f : p.fds) {
            if (f.fd == fd) {
                return f.object;
            }
        }
        return std::nullopt;
    };
    for (RawThread& rt : raw.threads) {
        ObservedThread& t = rt.thread;
        for (int fd : rt.fds) {
            if (auto o = objectOf(fd)) {
                if (!t.object) {
                    t.object = *o;
                } else if (!(*t.object == *o)) {
                    t.also.push_back(*o);
                }
            }
        }
        if (t.object) {
            markNamespace(*t.object);
        }
        p.threads.push_back(std::move(t));
    }
    return p;
}

bool holds(const ObservedProcess& p, const ObjectRef& object) {
    const auto same = [&](const ObjectRef& o) { return o == object; };
    return std::any_of(p.fds.begin(), p.fds.end(),
                       [&](const FdUse& f) { return same(f.object); }) ||
           std::any_of(p.mappings.begin(), p.mappings.end(), same) ||
           std::any_of(p.threads.begin(), p.threads.end(), [&](const ObservedThread& t) {
               return (t.object && same(*t.object)) ||
                      std::any_of(t.also.begin(), t.also.end(), same);
           });
}

} // namespace

std::vector<ObservedProcess> scanProcesses(const std::vector<pid_t>& pids,
                                           const ProcScanOptions& options) {
    ProcScanOptions copy = options;
    copy.sockets = nullptr; // the table is the caller's: only used after the bounded reads
    copy.socketTable = nullptr;
    // Slots the readers fill; shared, as a left reader may still write its slot later.
    auto slots = std::make_shared<std::vector<std::optional<RawProcess>>>(pids.size());
    const auto skipped = forEachBounded(
        pids.size(),
        [slots, pids, copy](std::size_t i, JobProgress& progress) {
            (*slots)[i] = Reader(pids[i], copy, progress).read();
        },
        options.perProcessBudget);
    std::vector<ObservedProcess> out;
    std::size_t nextSkip = 0;
    for (std::size_t i = 0; i < pids.size(); ++i) {
        if (nextSkip < skipped.size() && skipped[nextSkip].index == i) {
            ObservedProcess p;
            p.pid = pids[i];
            p.problems.push_back("skipped: " + skipped[nextSkip++].why);
            out.push_back(std::move(p));
        } else if ((*slots)[i]) {
            out.push_back(resolve(std::move(*(*slots)[i]), options));
        }
    }
    return out;
}

std::optional<ObservedProcess> scanProcess(pid_t pid, const ProcScanOptions& options) {
    auto scanned = scanProcesses({pid}, options);
    if (scanned.empty()) {
        return std::nullopt;
    }
    return std::move(scanned.front());
}

std::vector<ProcessSummary> listProcesses(const ProcScanOptions& options) {
    std::vector<ProcessSummary> out;
    for (const ObservedProcess& scanned :
         scanProcesses(numericEntries(options.procRoot), options)) {
        const ObservedProcess* p = &scanned;
        if (p->comm.empty() && !p->problems.empty()) {
            continue; // skipped (its pid alone would say nothing in a picker)
        }
        ProcessSummary s;
        s.pid = p->pid;
        s.ppid = p->ppid;
        s.uid = p->uid;
        s.user = p->user;
        s.comm = p->comm;
        s.command = p->command;
        s.usesIpc = !p->fds.empty() || !p->mappings.empty();
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<pid_t> selectPids(const ProcessSelection& selection, const ProcScanOptions& options) {
    const std::vector<pid_t> all = numericEntries(options.procRoot);
    if (selection.all) {
        return all;
    }
    std::set<pid_t> chosen;
    for (pid_t pid : selection.pids) {
        if (std::binary_search(all.begin(), all.end(), pid)) {
            chosen.insert(pid);
        }
    }
    if (!selection.commands.empty() || !selection.trees.empty()) {
        std::multimap<pid_t, pid_t> children; // by parent
        for (pid_t pid : all) {
            const std::string base = options.procRoot + "/" + std::to_string(pid);
            const auto stat = readProcFile(base + "/stat", 4096);
            if (!stat) {
                continue;
            }
            const auto fields = statFields(*stat);
            if (fields.size() > 1) {
                children.emplace(number<pid_t>(fields[1]).value_or(0), pid);
            }
            if (selection.commands.empty()) {
                continue;
            }
            const std::string comm = firstLine(readProcFile(base + "/comm", 4096));
            const auto cmdline = readProcFile(base + "/cmdline", 4096);
            const std::string argv0 =
                cmdline ? baseName(cmdline->substr(0, cmdline->find('\0'))) : "";
            for (const std::string& name : selection.commands) {
                if (name == comm || (!argv0.empty() && name == argv0)) {
                    chosen.insert(pid);
                }
            }
        }
        std::vector<pid_t> todo;
        for (pid_t root : selection.trees) {
            if (std::binary_search(all.begin(), all.end(), root)) {
                todo.push_back(root);
            }
        }
        std::set<pid_t> inTree;
        while (!todo.empty()) {
            const pid_t pid = todo.back();
            todo.pop_back();
            if (!inTree.insert(pid).second) {
                continue;
            }
            chosen.insert(pid);
            const auto [from, to] = children.equal_range(pid);
            for (auto it = from; it != to; ++it) {
                todo.push_back(it->second);
            }
        }
    }
    if (!selection.objects.empty()) {
        for (const ObservedProcess& p : scanProcesses(all, options)) {
            if (std::any_of(selection.objects.begin(), selection.objects.end(),
                            [&](const ObjectRef& o) { return holds(p, o); })) {
                chosen.insert(p.pid);
            }
        }
    }
    return {chosen.begin(), chosen.end()};
}

void WaitTracker::update(std::vector<ObservedProcess>& processes, std::uint64_t nowNs) {
    for (ObservedProcess& p : processes) {
        for (ObservedThread& t : p.threads) {
            auto [it, fresh] = m_threads.try_emplace(t.tid);
            Seen& seen = it->second;
            const bool same = !fresh && t.waiting() && seen.syscall == t.syscall &&
                              seen.args == t.args && seen.voluntarySwitches == t.voluntarySwitches;
            if (!same) {
                seen.syscall = t.syscall;
                seen.args = t.args;
                seen.voluntarySwitches = t.voluntarySwitches;
                seen.sinceNs = nowNs; // it may have started any time since the last sample
            }
            seen.lastSeenNs = nowNs;
            t.waitingNs = t.waiting() ? nowNs - seen.sinceNs : 0;
        }
    }
    std::erase_if(m_threads, [&](const auto& entry) { return entry.second.lastSeenNs != nowNs; });
}

} // namespace ipcscope
