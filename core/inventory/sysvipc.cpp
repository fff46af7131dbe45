#include "sysvipc.h"

#include "base/naming.h"

#include <charconv>
#include <optional>
#include <sys/shm.h>

namespace ipcscope {

namespace {

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

// One line of a table, its columns looked up by the header's names.
class Line {
public:
    Line(const std::vector<std::string_view>& header, const std::vector<std::string_view>& fields)
        : m_header(header)
        , m_fields(fields) {}

    template <typename T> bool read(std::string_view name, T& out, int base = 10) const {
        const auto text = column(name);
        return text && toNumber(*text, out, base);
    }
    template <typename T> std::optional<T> optional(std::string_view name) const {
        T v{};
        return read(name, v) ? std::optional<T>(v) : std::nullopt;
    }
    // A time in seconds since the epoch; the kernel prints 0 for never.
    std::optional<std::int64_t> time(std::string_view name) const {
        const auto t = optional<std::int64_t>(name);
        return t == 0 ? std::nullopt : t;
    }

private:
    std::optional<std::string_view> column(std::string_view name) const {
        for (std::size_t i = 0; i < m_header.size() && i < m_fields.size(); ++i) {
            if (m_header[i] == name) {
                return m_fields[i];
            }
        }
        return std::nullopt;
    }

    const std::vector<std::string_view>& m_header;
    const std::vector<std::string_view>& m_fields;
};

std::string_view idColumn(IpcKind kind) {
    switch (kind) {
    case IpcKind::SysvMsg:
        return "msqid";
    case IpcKind::SysvShm:
        return "shmid";
    default:
        return "semid";
    }
}

// The columns every kind has (util-linux's struct ipc_stat): identity, permissions, owner and
// creator, last change.
bool readShared(const Line& line, IpcKind kind, IpcObject& o) {
    int id = 0;
    std::int32_t key = 0;
    std::uint32_t mode = 0;
    if (!line.read("key", key) || !line.read(idColumn(kind), id) || !line.read("perms", mode, 8)) {
        return false;
    }
    o.kind = kind;
    o.id = id;
    o.key = key;
    o.mode = mode;
    o.uid = line.optional<uid_t>("uid");
    o.gid = line.optional<gid_t>("gid");
    o.cuid = line.optional<uid_t>("cuid");
    o.cgid = line.optional<gid_t>("cgid");
    o.changeTime = line.time("ctime");
    o.ours = isIpcscopeSysvKey(key);
    return true;
}

bool readMessageQueue(const Line& line, IpcObject& o) {
    std::uint64_t cbytes = 0, qnum = 0;
    if (!line.read("cbytes", cbytes) || !line.read("qnum", qnum)) {
        return false;
    }
    o.sizeBytes = cbytes;
    o.messages = qnum;
    o.lastPid = line.optional<pid_t>("lspid");
    o.lastReceiverPid = line.optional<pid_t>("lrpid");
    o.lastSend = line.time("stime");
    o.lastReceive = line.time("rtime");
    return true;
}

bool readSegment(const Line& line, IpcObject& o) {
    std::uint64_t size = 0, nattch = 0;
    if (!line.read("size", size) || !line.read("nattch", nattch)) {
        return false;
    }
    o.sizeBytes = size;
    o.attached = nattch;
    o.destroyPending = (o.mode & SHM_DEST) != 0;
    o.creatorPid = line.optional<pid_t>("cpid");
    o.lastPid = line.optional<pid_t>("lpid");
    o.lastAttach = line.time("atime");
    o.lastDetach = line.time("dtime");
    o.rssBytes = line.optional<std::uint64_t>("rss");
    o.swapBytes = line.optional<std::uint64_t>("swap");
    return true;
}

bool readSemaphoreSet(const Line& line, IpcObject& o) {
    std::uint32_t nsems = 0;
    if (!line.read("nsems", nsems)) {
        return false;
    }
    o.semaphores = nsems;
    o.lastOperation = line.time("otime");
    return true;
}

bool readLine(const Line& line, IpcKind kind, IpcObject& o) {
    if (!readShared(line, kind, o)) {
        return false;
    }
    switch (kind) {
    case IpcKind::SysvMsg:
        return readMessageQueue(line, o);
    case IpcKind::SysvShm:
        return readSegment(line, o);
    default:
        return readSemaphoreSet(line, o);
    }
}

} // namespace

bool SysvipcTableParser::parse(IpcKind kind, std::string_view text, const std::string& path,
                               std::vector<IpcObject>& out, std::vector<std::string>& warnings) {
    const std::size_t firstEnd = text.find('\n');
    splitFields(text.substr(0, firstEnd), m_header);
    if (m_header.empty()) {
        warnings.push_back(path + " has no header line");
        return false;
    }
    std::size_t pos = firstEnd == std::string_view::npos ? text.size() : firstEnd + 1;
    int lineNo = 1;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        ++lineNo;
        splitFields(text.substr(pos, end - pos), m_fields);
        pos = end + 1;
        if (m_fields.empty()) {
            continue;
        }
        IpcObject o;
        if (readLine(Line(m_header, m_fields), kind, o)) {
            out.push_back(std::move(o));
        } else {
            warnings.push_back(path + " line " + std::to_string(lineNo) + " is malformed; skipped");
        }
    }
    return true;
}

} // namespace ipcscope
