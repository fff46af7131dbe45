#include "inventory.h"

#include "base/naming.h"
#include "base/uniquefd.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <grp.h>
#include <map>
#include <mqueue.h>
#include <pwd.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/statfs.h>
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

namespace {

// Caches name lookups: getpwuid per row is what makes listing thousands of objects slow.
class NameCache {
public:
    const std::string& user(uid_t uid) {
        auto it = m_users.find(uid);
        if (it == m_users.end()) {
            it = m_users.emplace(uid, userName(uid)).first;
        }
        return it->second;
    }
    const std::string& group(gid_t gid) {
        auto it = m_groups.find(gid);
        if (it == m_groups.end()) {
            it = m_groups.emplace(gid, groupName(gid)).first;
        }
        return it->second;
    }

private:
    std::unordered_map<uid_t, std::string> m_users;
    std::unordered_map<gid_t, std::string> m_groups;
};

template <typename T> bool toNumber(std::string_view text, T& out, int base = 10) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out, base);
    return ec == std::errc() && end == text.data() + text.size();
}

// Splits on runs of blanks into `fields` (views into `line`), reusing its capacity.
void splitFields(std::string_view line, std::vector<std::string_view>& fields) {
    fields.clear();
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
            ++i;
        }
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') {
            ++i;
        }
        if (i > start) {
            fields.push_back(line.substr(start, i - start));
        }
    }
}

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

std::optional<std::int64_t> timeOrNever(std::int64_t t) {
    return t == 0 ? std::nullopt : std::optional<std::int64_t>(t);
}

} // namespace

struct InventoryScanner::Private {
    NameCache names;
    std::string text;                     // file contents, reused
    std::vector<std::string_view> fields; // reused
    std::vector<std::string_view> header;
    std::string line;
};

InventoryScanner::InventoryScanner(InventoryOptions options)
    : m_options(std::move(options))
    , d(new Private) {}

InventoryScanner::~InventoryScanner() {
    delete d;
}

namespace {

// /proc/sysvipc/{msg,shm,sem}: whitespace-separated columns named by the header line. The set
// of columns differs between kernels (shm gained rss and swap), so they are found by name.
template <typename RowFn>
bool parseSysvipcTable(const std::string& path, std::string& text,
                       std::vector<std::string_view>& header, std::vector<std::string_view>& fields,
                       std::vector<std::string>& warnings, RowFn&& row) {
    if (!readWholeFile(path, text)) {
        warnings.push_back("cannot read " + path + ": " + std::strerror(errno));
        return false;
    }
    std::string_view all(text);
    const std::size_t firstEnd = all.find('\n');
    splitFields(all.substr(0, firstEnd), header);
    if (header.empty()) {
        warnings.push_back(path + " has no header line");
        return false;
    }
    std::size_t pos = firstEnd == std::string_view::npos ? all.size() : firstEnd + 1;
    int lineNo = 1;
    while (pos < all.size()) {
        std::size_t end = all.find('\n', pos);
        if (end == std::string_view::npos) {
            end = all.size();
        }
        ++lineNo;
        splitFields(all.substr(pos, end - pos), fields);
        pos = end + 1;
        if (fields.empty()) {
            continue;
        }
        const auto column = [&](std::string_view name) -> std::optional<std::string_view> {
            for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) {
                if (header[i] == name) {
                    return fields[i];
                }
            }
            return std::nullopt;
        };
        if (!row(column)) {
            warnings.push_back(path + " line " + std::to_string(lineNo) + " is malformed; skipped");
        }
    }
    return true;
}

template <typename T, typename Column>
bool number(Column& column, std::string_view name, T& out, int base = 10) {
    const auto v = column(name);
    return v && toNumber(*v, out, base);
}

template <typename T, typename Column>
std::optional<T> optionalNumber(Column& column, std::string_view name) {
    T v{};
    return number(column, name, v) ? std::optional<T>(v) : std::nullopt;
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

} // namespace

void InventoryScanner::scan(Inventory& out) {
    out.objects.clear();
    out.warnings.clear();
    const InventoryOptions& opt = m_options;
    const std::string sysvipc = opt.procRoot + "/sysvipc/";

    if (opt.wants(IpcKind::SysvMsg)) {
        parseSysvipcTable(
            sysvipc + "msg", d->text, d->header, d->fields, out.warnings, [&](auto&& column) {
                IpcObject o;
                o.kind = IpcKind::SysvMsg;
                int id = 0, key = 0;
                std::uint32_t mode = 0;
                std::uint64_t cbytes = 0, qnum = 0;
                if (!number(column, "key", key) || !number(column, "msqid", id) ||
                    !number(column, "perms", mode, 8) || !number(column, "cbytes", cbytes) ||
                    !number(column, "qnum", qnum)) {
                    return false;
                }
                o.id = id;
                o.key = key;
                o.mode = mode;
                o.sizeBytes = cbytes;
                o.messages = qnum;
                o.lastPid = optionalNumber<pid_t>(column, "lspid");
                o.lastReceiverPid = optionalNumber<pid_t>(column, "lrpid");
                o.uid = optionalNumber<uid_t>(column, "uid");
                o.gid = optionalNumber<gid_t>(column, "gid");
                o.cuid = optionalNumber<uid_t>(column, "cuid");
                o.cgid = optionalNumber<gid_t>(column, "cgid");
                o.lastSend = timeOrNever(optionalNumber<std::int64_t>(column, "stime").value_or(0));
                o.lastReceive =
                    timeOrNever(optionalNumber<std::int64_t>(column, "rtime").value_or(0));
                o.changeTime =
                    timeOrNever(optionalNumber<std::int64_t>(column, "ctime").value_or(0));
                if (opt.live && opt.details) {
                    // The queue's byte limit is not in /proc; IPC_STAT only reads bookkeeping.
                    msqid_ds ds{};
                    if (::msgctl(id, IPC_STAT, &ds) == 0) {
                        o.queueLimitBytes = ds.msg_qbytes;
                    }
                }
                o.ours = isIpcscopeSysvKey(key);
                fillOwnership(o, d->names);
                out.objects.push_back(std::move(o));
                return true;
            });
    }

    if (opt.wants(IpcKind::SysvShm)) {
        parseSysvipcTable(
            sysvipc + "shm", d->text, d->header, d->fields, out.warnings, [&](auto&& column) {
                IpcObject o;
                o.kind = IpcKind::SysvShm;
                int id = 0, key = 0;
                std::uint32_t mode = 0;
                std::uint64_t size = 0, nattch = 0;
                if (!number(column, "key", key) || !number(column, "shmid", id) ||
                    !number(column, "perms", mode, 8) || !number(column, "size", size) ||
                    !number(column, "nattch", nattch)) {
                    return false;
                }
                o.id = id;
                o.key = key;
                o.mode = mode;
                o.sizeBytes = size;
                o.attached = nattch;
                o.destroyPending = (mode & SHM_DEST) != 0;
                o.creatorPid = optionalNumber<pid_t>(column, "cpid");
                o.lastPid = optionalNumber<pid_t>(column, "lpid");
                o.uid = optionalNumber<uid_t>(column, "uid");
                o.gid = optionalNumber<gid_t>(column, "gid");
                o.cuid = optionalNumber<uid_t>(column, "cuid");
                o.cgid = optionalNumber<gid_t>(column, "cgid");
                o.lastAttach =
                    timeOrNever(optionalNumber<std::int64_t>(column, "atime").value_or(0));
                o.lastDetach =
                    timeOrNever(optionalNumber<std::int64_t>(column, "dtime").value_or(0));
                o.changeTime =
                    timeOrNever(optionalNumber<std::int64_t>(column, "ctime").value_or(0));
                o.rssBytes = optionalNumber<std::uint64_t>(column, "rss");
                o.swapBytes = optionalNumber<std::uint64_t>(column, "swap");
                o.ours = isIpcscopeSysvKey(key);
                fillOwnership(o, d->names);
                out.objects.push_back(std::move(o));
                return true;
            });
    }

    if (opt.wants(IpcKind::SysvSem)) {
        parseSysvipcTable(
            sysvipc + "sem", d->text, d->header, d->fields, out.warnings, [&](auto&& column) {
                IpcObject o;
                o.kind = IpcKind::SysvSem;
                int id = 0, key = 0;
                std::uint32_t mode = 0, nsems = 0;
                if (!number(column, "key", key) || !number(column, "semid", id) ||
                    !number(column, "perms", mode, 8) || !number(column, "nsems", nsems)) {
                    return false;
                }
                o.id = id;
                o.key = key;
                o.mode = mode;
                o.semaphores = nsems;
                o.uid = optionalNumber<uid_t>(column, "uid");
                o.gid = optionalNumber<gid_t>(column, "gid");
                o.cuid = optionalNumber<uid_t>(column, "cuid");
                o.cgid = optionalNumber<gid_t>(column, "cgid");
                o.lastOperation =
                    timeOrNever(optionalNumber<std::int64_t>(column, "otime").value_or(0));
                o.changeTime =
                    timeOrNever(optionalNumber<std::int64_t>(column, "ctime").value_or(0));
                if (opt.live && opt.details && opt.semaphoreValues && nsems > 0 && nsems <= 32000) {
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
                o.ours = isIpcscopeSysvKey(key);
                fillOwnership(o, d->names);
                out.objects.push_back(std::move(o));
                return true;
            });
    }

    if (opt.wants(IpcKind::PosixShm) || opt.wants(IpcKind::PosixSem)) {
        scanPosixShm(out);
    }
    if (opt.wants(IpcKind::PosixMq)) {
        scanPosixMq(out);
    }
    if (opt.users || opt.wants(IpcKind::Pipe) || opt.wants(IpcKind::Fifo)) {
        scanProcesses(out);
    }
}

} // namespace ipcscope
