#include "inventory.h"

#include "sysvipc.h"

#include "base/uniquefd.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <unistd.h>
#include <unordered_map>

namespace ipcscope {

std::string_view ipcKindTitle(IpcKind kind) {
    switch (kind) {
    case IpcKind::SysvMsg:
        return "System V message queue";
    case IpcKind::SysvShm:
        return "System V shared memory";
    case IpcKind::SysvSem:
        return "System V semaphore set";
    case IpcKind::PosixMq:
        return "POSIX message queue";
    case IpcKind::PosixShm:
        return "POSIX shared memory";
    case IpcKind::PosixSem:
        return "POSIX named semaphore";
    case IpcKind::Pipe:
        return "pipe";
    case IpcKind::Fifo:
        return "FIFO";
    case IpcKind::UnixStream:
        return "Unix stream socket";
    case IpcKind::UnixDgram:
        return "Unix datagram socket";
    case IpcKind::UnixSeqpacket:
        return "Unix seqpacket socket";
    }
    return "?";
}

std::string IpcObject::displayId() const {
    return id ? std::to_string(*id) : name;
}

IpcObject::Ends IpcObject::ends() const {
    Ends e;
    for (const auto& u : users) {
        e.readers += u.how != "write end";
        e.writers += u.how != "read end";
    }
    return e;
}

std::string IpcObject::semaphoreValuesText() const {
    std::string text;
    for (const auto& v : semaphoreValues) {
        text += (text.empty() ? "" : ",") + std::to_string(v.value);
    }
    return text;
}

namespace {

bool readWholeFile(const std::string& path, std::string& out) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) {
        return false;
    }
    out.clear();
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return n == 0;
        }
        out.append(buf, std::size_t(n));
    }
}

// What /proc/sysvipc lacks, from the object itself: IPC_STAT and GETALL only read bookkeeping.
void addKernelDetails(IpcObject& o, bool semaphoreValues) {
    const int id = o.id.value_or(-1);
    if (o.kind == IpcKind::SysvMsg) {
        msqid_ds ds{};
        if (::msgctl(id, IPC_STAT, &ds) == 0) {
            o.queueLimitBytes = ds.msg_qbytes;
        }
    }
    const std::uint32_t nsems = o.semaphores.value_or(0);
    if (o.kind == IpcKind::SysvSem && semaphoreValues && nsems > 0 && nsems <= 32000) {
        std::vector<unsigned short> values(nsems);
        if (::semctl(id, 0, GETALL, values.data()) == 0) {
            for (std::uint32_t i = 0; i < nsems; ++i) {
                SemaphoreValue v;
                v.value = values[i];
                v.waitingForIncrease = std::max(0, ::semctl(id, int(i), GETNCNT));
                v.waitingForZero = std::max(0, ::semctl(id, int(i), GETZCNT));
                v.lastPid = std::max(0, ::semctl(id, int(i), GETPID));
                o.semaphoreValues.push_back(v);
            }
        }
    }
}

} // namespace

const std::string& NameCache::user(uid_t uid) {
    auto it = m_users.find(uid);
    if (it == m_users.end()) {
        it = m_users.emplace(uid, userName(uid)).first;
    }
    return it->second;
}

const std::string& NameCache::group(gid_t gid) {
    auto it = m_groups.find(gid);
    if (it == m_groups.end()) {
        it = m_groups.emplace(gid, groupName(gid)).first;
    }
    return it->second;
}

void fillOwnership(IpcObject& o, NameCache& names) {
    if (o.uid) {
        o.owner = names.user(*o.uid);
    }
    if (o.gid) {
        o.group = names.group(*o.gid);
    }
    if (o.cuid) {
        o.creator = names.user(*o.cuid);
    }
}

struct InventoryScanner::Private {
    NameCache names;
    std::string text; // file contents, reused
    SysvipcTableParser sysvipc;
};

InventoryScanner::InventoryScanner(InventoryOptions options)
    : m_options(std::move(options))
    , d(new Private) {}

InventoryScanner::~InventoryScanner() {
    delete d;
}

void InventoryScanner::scan(Inventory& out) {
    out.objects.clear();
    out.warnings.clear();
    const InventoryOptions& opt = m_options;
    for (const auto& [kind, file] :
         {std::pair{IpcKind::SysvMsg, "msg"}, std::pair{IpcKind::SysvShm, "shm"},
          std::pair{IpcKind::SysvSem, "sem"}}) {
        if (!opt.wants(kind)) {
            continue;
        }
        const std::string path = opt.procRoot + "/sysvipc/" + file;
        if (!readWholeFile(path, d->text)) {
            out.warnings.push_back("cannot read " + path + ": " + std::strerror(errno));
            continue;
        }
        const std::size_t first = out.objects.size();
        d->sysvipc.parse(kind, d->text, path, out.objects, out.warnings);
        for (std::size_t i = first; i < out.objects.size(); ++i) {
            if (opt.live && opt.details) {
                addKernelDetails(out.objects[i], opt.semaphoreValues);
            }
            fillOwnership(out.objects[i], d->names);
        }
    }

    if (opt.wants(IpcKind::PosixShm) || opt.wants(IpcKind::PosixSem)) {
        scanPosixShm(out);
    }
    if (opt.wants(IpcKind::PosixMq)) {
        scanPosixMq(out);
    }
    if (opt.wantsUnixSockets()) {
        const std::size_t first = out.objects.size();
        scanUnixSockets(out);
        for (std::size_t i = first; i < out.objects.size(); ++i) {
            fillOwnership(out.objects[i], d->names);
        }
    }
    if (opt.users || opt.wants(IpcKind::Pipe) || opt.wants(IpcKind::Fifo) ||
        (opt.wantsUnixSockets() && opt.socketHolders)) {
        scanProcesses(out);
    }
}

} // namespace ipcscope
