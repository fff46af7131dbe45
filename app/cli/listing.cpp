#include "listing.h"

#include "base/format.h"
#include "base/jsonwriter.h"
#include "inventory/inventory.h"
#include "inventory/removal.h"
#include "inventory/sysvipc.h"
#include "observe/objectwaiters.h"
#include "observe/observer.h"
#include "observe/procscan.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <map>
#include <optional>
#include <string_view>
#include <sys/mman.h>
#include <sys/shm.h>
#include <unistd.h>
#include <unordered_map>

using namespace ipcscope;

namespace {

int usage(const char* command, const std::string& message) {
    std::fprintf(stderr, "ipcscope-cli %s: %s\n", command, message.c_str());
    return 2;
}

// ---- Options, the util-linux way: -x, -xVALUE, -x VALUE, -abc, --name, --name=VALUE,
// --name VALUE. An option given twice is refused unless it is meant to repeat.

struct OptionSpec {
    char shortName; // '\0': long only
    std::string_view longName;
    std::string_view valueName; // empty: a flag
    std::string_view help;
    bool repeatable = false;
};

class Options {
public:
    bool has(std::string_view name) const { return m_values.count(std::string(name)) != 0; }
    const std::string& value(std::string_view name) const {
        return m_values.at(std::string(name)).front();
    }
    const std::vector<std::string>& values(std::string_view name) const {
        static const std::vector<std::string> none;
        const auto it = m_values.find(std::string(name));
        return it == m_values.end() ? none : it->second;
    }
    // The error in words, or nothing.
    std::optional<std::string> parse(const std::vector<OptionSpec>& specs,
                                     const std::vector<std::string>& args) {
        for (std::size_t i = 0; i < args.size(); ++i) {
            const std::string& a = args[i];
            const auto takeValue =
                [&](const OptionSpec& s,
                    std::optional<std::string> inline_) -> std::optional<std::string> {
                if (s.valueName.empty()) {
                    if (inline_) {
                        return "--" + std::string(s.longName) + " takes no value";
                    }
                    return add(s, {});
                }
                if (inline_) {
                    return add(s, *inline_);
                }
                if (i + 1 >= args.size()) {
                    return "--" + std::string(s.longName) + " needs a value (" +
                           std::string(s.valueName) + ")";
                }
                return add(s, args[++i]);
            };
            if (a.starts_with("--") && a.size() > 2) {
                const std::size_t eq = a.find('=');
                const std::string name = a.substr(2, eq == std::string::npos ? eq : eq - 2);
                const auto spec =
                    std::find_if(specs.begin(), specs.end(),
                                 [&](const OptionSpec& s) { return s.longName == name; });
                if (spec == specs.end()) {
                    return "unknown option '--" + name + "' (see --help)";
                }
                if (auto e = takeValue(*spec, eq == std::string::npos
                                                  ? std::nullopt
                                                  : std::optional(a.substr(eq + 1)))) {
                    return e;
                }
            } else if (a.starts_with('-') && a.size() > 1) {
                for (std::size_t k = 1; k < a.size(); ++k) {
                    const auto spec =
                        std::find_if(specs.begin(), specs.end(),
                                     [&](const OptionSpec& s) { return s.shortName == a[k]; });
                    if (spec == specs.end()) {
                        return "unknown option '-" + std::string(1, a[k]) + "' (see --help)";
                    }
                    if (!spec->valueName.empty()) { // the rest of the word, or the next
                        const bool rest = k + 1 < a.size();
                        if (auto e = takeValue(*spec, rest ? std::optional(a.substr(k + 1))
                                                           : std::nullopt)) {
                            return e;
                        }
                        break;
                    }
                    if (auto e = takeValue(*spec, std::nullopt)) {
                        return e;
                    }
                }
            } else {
                return "unexpected argument '" + a + "'";
            }
        }
        return std::nullopt;
    }

private:
    std::optional<std::string> add(const OptionSpec& s, std::string value) {
        auto& list = m_values[std::string(s.longName)];
        if (!list.empty() && !s.repeatable) {
            return "--" + std::string(s.longName) + " is given twice; give each option once";
        }
        list.push_back(std::move(value));
        return std::nullopt;
    }

    std::map<std::string, std::vector<std::string>> m_values;
};

// Qt's help layout ("  -o, --output <COLUMNS>  text"), the usage line naming the command.
void printHelp(const char* command, std::string_view description,
               const std::vector<OptionSpec>& specs) {
    std::string out = "Usage: ipcscope-cli " + std::string(command) + " [options]\n\n";
    out += description;
    out += "\n\nOptions:\n";
    std::vector<std::string> heads;
    std::size_t width = 0;
    for (const auto& s : specs) {
        std::string h = "  ";
        h += s.shortName ? std::string("-") + s.shortName + ", " : std::string();
        h += "--" + std::string(s.longName);
        if (!s.valueName.empty()) {
            h += " <" + std::string(s.valueName) + ">";
        }
        width = std::max(width, h.size());
        heads.push_back(std::move(h));
    }
    for (std::size_t i = 0; i < specs.size(); ++i) {
        out += heads[i];
        out.append(width + 2 - heads[i].size(), ' ');
        for (char c : specs[i].help) {
            out += c;
            if (c == '\n') {
                out.append(width + 2, ' ');
            }
        }
        out += '\n';
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
}

// ---- Columns

enum class TimeFormat { Short, Full, Iso };
enum class Mode { Table, Raw, Json };

struct Context {
    Mode mode = Mode::Table;
    bool bytes = false;
    bool numericPerms = false;
    TimeFormat time = TimeFormat::Short;
    std::tm now{};
    const ObjectWaiters* waiters = nullptr;
    std::unordered_map<gid_t, std::string> groups;   // CGROUP names
    std::unordered_map<pid_t, std::string> commands; // COMMAND of a creator pid
    std::optional<std::int64_t> lastTime;            // the last time printed, and its text
    std::string lastTimeText;
};

void appendTimeText(std::string& out, std::int64_t t, const Context& c);

// Text: a string in JSON. Number: a JSON number when the cell is one (sizes with -b).
enum class Type { Text, Number };

template <typename Row> struct Column {
    std::string_view name;
    std::string_view help;
    Type type;
    bool right; // right-aligned in the table, as lsipc aligns numbers
    // Appends the cell's text to the string, which may hold text before it (a table's cells go
    // straight into one arena): a cell never reads or changes what is already there.
    void (*cell)(const Row&, Context&, std::string&);
};

template <typename T> void appendNumber(std::string& out, T v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

template <typename T> void appendOptional(std::string& out, const std::optional<T>& v) {
    if (v) {
        appendNumber(out, *v);
    }
}

void appendSize(std::string& out, std::uint64_t bytes, const Context& c) {
    if (c.bytes || bytes < 1024) { // formatBytes' "512 B", without its printf per row
        appendNumber(out, bytes);
        out += c.bytes ? std::string_view() : std::string_view(" B");
        return;
    }
    out += formatBytes(double(bytes));
}

// lsipc's three formats: short ("07:09" today, "Dec05" this year, "2025-Dec05" before), full
// (ctime(3)), iso ("2026-12-05T07:09:46+00:00").
void appendTime(std::string& out, const std::optional<std::int64_t>& t, Context& c) {
    if (!t) {
        return;
    }
    // Objects made together share their times: one localtime and strftime for them all.
    if (t == c.lastTime) {
        out += c.lastTimeText;
        return;
    }
    const std::size_t start = out.size();
    appendTimeText(out, *t, c);
    c.lastTime = t;
    c.lastTimeText.assign(out, start);
}

void appendTimeText(std::string& out, std::int64_t t, const Context& c) {
    const std::time_t when = std::time_t(t);
    std::tm tm{};
    if (!localtime_r(&when, &tm)) {
        appendNumber(out, t);
        return;
    }
    char buf[64];
    std::size_t n = 0;
    switch (c.time) {
    case TimeFormat::Short:
        n = std::strftime(buf, sizeof buf,
                          tm.tm_year != c.now.tm_year   ? "%Y-%b%d"
                          : tm.tm_yday != c.now.tm_yday ? "%b%d"
                                                        : "%H:%M",
                          &tm);
        break;
    case TimeFormat::Full:
        n = std::strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y", &tm);
        break;
    case TimeFormat::Iso:
        n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S%z", &tm);
        if (n == 24) { // +0000 -> +00:00
            buf[25] = '\0';
            buf[24] = buf[23];
            buf[23] = buf[22];
            buf[22] = ':';
            n = 25;
        }
        break;
    }
    out.append(buf, n);
}

void appendPerms(std::string& out, std::uint32_t mode, const Context& c) {
    if (c.numericPerms) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "%#o", unsigned(mode & 0777));
        out += buf;
        return;
    }
    for (int i = 0; i < 9; ++i) {
        out += (mode >> (8 - i)) & 1 ? "rwxrwxrwx"[i] : '-';
    }
}

// Names may hold newlines or tabs: the table keeps them on one line (raw mode escapes them
// anyway, JSON carries them as they are).
void appendName(std::string& out, std::string_view name, const Context& c) {
    if (c.mode != Mode::Table) {
        out += name;
        return;
    }
    for (char ch : name) {
        out += ch == '\n' ? std::string_view("\\n") : ch == '\t' ? "\\t" : std::string_view(&ch, 1);
    }
}

void appendProcesses(std::string& out, const std::vector<ProcessUse>& users) {
    std::vector<std::string> seen;
    for (const auto& u : users) {
        std::string one = std::to_string(u.pid) + " " + u.command;
        if (std::find(seen.begin(), seen.end(), one) == seen.end()) {
            out += seen.empty() ? "" : ", ";
            out += one;
            seen.push_back(std::move(one));
        }
    }
}

// The other end of a Unix socket, with who holds it when known: "socket:[88] (pid 12 nginx)".
void appendPeer(std::string& out, const IpcObject& o) {
    const auto holders = [&] {
        if (!o.peerUsers.empty()) {
            out += " (pid ";
            appendProcesses(out, o.peerUsers);
            out += ')';
        }
    };
    if (o.peerInode) {
        out += "socket:[" + std::to_string(*o.peerInode) + "]";
        holders();
    } else if (o.awaitingAcceptBy) {
        out += "not accepted yet by socket:[" + std::to_string(*o.awaitingAcceptBy) + "]";
        holders();
    } else if (o.peerClosed) {
        out += "closed";
    }
}

void appendQueue(std::string& out, const IpcObject& o) {
    if (o.socketState == "listening") {
        out += std::to_string(o.pendingConnections.size()) + " waiting to be accepted (backlog " +
               std::to_string(o.backlogLimit.value_or(0)) + ")";
        return;
    }
    const std::uint32_t queued = o.receiveQueue.value_or(0);
    if (o.kind == IpcKind::UnixDgram) {
        out += queued == 0 ? "nothing queued" : "next datagram " + formatBytes(double(queued));
        return;
    }
    out += formatBytes(double(queued)) + " queued";
}

void appendUsage(std::string& out, const IpcObject& o, const Context& c) {
    switch (o.kind) {
    case IpcKind::SysvMsg:
        appendNumber(out, o.messages.value_or(0));
        out += std::string_view(" msgs, ");
        appendSize(out, o.sizeBytes, c);
        out += std::string_view(" of ");
        if (o.queueLimitBytes) {
            appendSize(out, *o.queueLimitBytes, c);
        } else {
            out += '?';
        }
        return;
    case IpcKind::SysvShm:
        out += std::to_string(o.attached.value_or(0)) + " attached";
        out += o.destroyPending ? ", destroy pending" : "";
        return;
    case IpcKind::SysvSem:
        out += std::to_string(o.semaphores.value_or(0)) + " sems";
        if (!o.semaphoreValues.empty()) {
            out += " [" + o.semaphoreValuesText() + "]";
        }
        return;
    case IpcKind::PosixMq:
        if (o.messages) {
            out += std::to_string(*o.messages) + " of " +
                   std::to_string(o.maxMessages.value_or(0)) + " msgs";
        } else {
            appendSize(out, o.sizeBytes, c);
            out += " queued";
        }
        return;
    case IpcKind::PosixSem:
        if (o.posixSemValue) {
            out += "value " + std::to_string(*o.posixSemValue);
        }
        return;
    case IpcKind::Pipe:
    case IpcKind::Fifo: {
        const auto ends = o.ends();
        out += std::to_string(ends.readers) + " reader(s), " + std::to_string(ends.writers) +
               " writer(s)";
        return;
    }
    default:
        return;
    }
}

void appendUsers(std::string& out, const IpcObject& o, const Context& c) {
    bool first = true;
    const auto next = [&] {
        out += first ? "" : ", ";
        first = false;
    };
    for (const auto& u : o.users) {
        next();
        out += std::to_string(u.pid) + " " + u.command;
        if (u.how != "attached" && u.how != "mapped" && u.how != "open") {
            out += " (" + u.how + ")";
        }
    }
    if (!c.waiters || c.waiters->empty()) {
        return;
    }
    const auto it = c.waiters->find(waiterKey(o.kind, o.id, o.name));
    if (it == c.waiters->end()) {
        return;
    }
    for (const auto& w : it->second) {
        next();
        out += std::to_string(w.pid) + " " + w.command + " (waits in " + w.call;
        out += w.detail.empty() ? ")" : ", " + w.detail + ")";
    }
}

// The creator's command line, as lsipc's COMMAND column (gone with the process).
const std::string& commandOf(pid_t pid, Context& c) {
    const auto it = c.commands.find(pid);
    if (it != c.commands.end()) {
        return it->second;
    }
    std::string text;
    const std::string path = "/proc/" + std::to_string(pid) + "/cmdline";
    if (const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC); fd >= 0) {
        char buf[4096];
        const ssize_t n = ::read(fd, buf, sizeof buf);
        ::close(fd);
        text.assign(buf, n > 0 ? std::size_t(n) : 0);
        while (!text.empty() && text.back() == '\0') {
            text.pop_back();
        }
        std::replace(text.begin(), text.end(), '\0', ' ');
    }
    return c.commands.emplace(pid, std::move(text)).first->second;
}

using ObjectColumn = Column<IpcObject>;

bool isShm(const IpcObject& o) {
    return o.kind == IpcKind::SysvShm;
}
bool isMsg(const IpcObject& o) {
    return o.kind == IpcKind::SysvMsg;
}

// lsipc's columns under lsipc's names, then ours for what lsipc does not list.
const ObjectColumn kObjectColumns[] = {
    {"KIND", "kind of object: sysv-msg, posix-shm, pipe, unix-stream, ...", Type::Text, false,
     [](const IpcObject& o, Context&, std::string& s) { s += ipcKindName(o.kind); }},
    {"NAME", "System V id, or the name: POSIX name, FIFO path, pipe:[inode], socket path",
     Type::Text, false,
     [](const IpcObject& o, Context& c, std::string& s) {
         if (o.id) {
             appendNumber(s, *o.id);
         } else {
             appendName(s, o.name, c);
         }
     }},
    {"KEY", "Resource key", Type::Text, false,
     [](const IpcObject& o, Context&, std::string& s) {
         if (o.key) {
             char key[16];
             s += sysvKeyText(*o.key, key);
         }
     }},
    {"ID", "Resource ID", Type::Number, false,
     [](const IpcObject& o, Context&, std::string& s) { appendOptional(s, o.id); }},
    {"OWNER", "Owner's username or UID", Type::Text, true,
     [](const IpcObject& o, Context&, std::string& s) { s += o.owner; }},
    {"PERMS", "Permissions", Type::Text, true,
     [](const IpcObject& o, Context& c, std::string& s) {
         if (hasModeAndSize(o.kind)) {
             appendPerms(s, o.mode, c);
         }
     }},
    {"CUID", "Creator UID", Type::Number, true,
     [](const IpcObject& o, Context&, std::string& s) { appendOptional(s, o.cuid); }},
    {"CUSER", "Creator user", Type::Text, true,
     [](const IpcObject& o, Context&, std::string& s) { s += o.creator; }},
    {"CGID", "Creator GID", Type::Number, true,
     [](const IpcObject& o, Context&, std::string& s) { appendOptional(s, o.cgid); }},
    {"CGROUP", "Creator group", Type::Text, true,
     [](const IpcObject& o, Context& c, std::string& s) {
         if (o.cgid) {
             auto it = c.groups.find(*o.cgid);
             if (it == c.groups.end()) {
                 it = c.groups.emplace(*o.cgid, groupName(*o.cgid)).first;
             }
             s += it->second;
         }
     }},
    {"UID", "User ID", Type::Number, true,
     [](const IpcObject& o, Context&, std::string& s) { appendOptional(s, o.uid); }},
    {"USER", "User name", Type::Text, true,
     [](const IpcObject& o, Context&, std::string& s) { s += o.owner; }},
    {"GID", "Group ID", Type::Number, true,
     [](const IpcObject& o, Context&, std::string& s) { appendOptional(s, o.gid); }},
    {"GROUP", "Group name", Type::Text, true,
     [](const IpcObject& o, Context&, std::string& s) { s += o.group; }},
    {"CTIME", "Time of the last change", Type::Text, true,
     [](const IpcObject& o, Context& c, std::string& s) { appendTime(s, o.changeTime, c); }},
    {"SIZE", "Segment size, bytes queued (System V queue) or file size", Type::Number, true,
     [](const IpcObject& o, Context& c, std::string& s) {
         if (hasModeAndSize(o.kind)) {
             appendSize(s, o.sizeBytes, c);
         }
     }},
    {"NATTCH", "Number of attached processes", Type::Number, true,
     [](const IpcObject& o, Context&, std::string& s) { appendOptional(s, o.attached); }},
    {"STATUS", "Status (shared memory: dest, locked, hugetlb, noreserve)", Type::Text, false,
     [](const IpcObject& o, Context&, std::string& s) {
         if (!isShm(o)) {
             return;
         }
         bool first = true;
         for (const auto& [bit, word] : {std::pair{std::uint32_t(SHM_DEST), "dest"},
                                         std::pair{std::uint32_t(SHM_LOCKED), "locked"},
                                         std::pair{std::uint32_t(SHM_HUGETLB), "hugetlb"},
                                         std::pair{std::uint32_t(SHM_NORESERVE), "noreserve"}}) {
             if (o.mode & bit) {
                 s += first ? "" : ",";
                 s += word;
                 first = false;
             }
         }
     }},
    {"ATTACH", "Attach time", Type::Text, true,
     [](const IpcObject& o, Context& c, std::string& s) { appendTime(s, o.lastAttach, c); }},
    {"DETACH", "Detach time", Type::Text, true,
     [](const IpcObject& o, Context& c, std::string& s) { appendTime(s, o.lastDetach, c); }},
    {"COMMAND", "Creator command line (shared memory, while the creator runs)", Type::Text, false,
     [](const IpcObject& o, Context& c, std::string& s) {
         if (isShm(o) && o.creatorPid && *o.creatorPid > 0) {
             s += commandOf(*o.creatorPid, c);
         }
     }},
    {"CPID", "PID of the creator", Type::Number, true,
     [](const IpcObject& o, Context&, std::string& s) { appendOptional(s, o.creatorPid); }},
    {"LPID", "PID of last user", Type::Number, true,
     [](const IpcObject& o, Context&, std::string& s) {
         if (isShm(o)) {
             appendOptional(s, o.lastPid);
         }
     }},
    {"USEDBYTES", "Bytes used (System V message queue)", Type::Number, true,
     [](const IpcObject& o, Context& c, std::string& s) {
         if (isMsg(o)) {
             appendSize(s, o.sizeBytes, c);
         }
     }},
    {"MSGS", "Number of messages", Type::Number, false,
     [](const IpcObject& o, Context&, std::string& s) { appendOptional(s, o.messages); }},
    {"SEND", "Time of last msg sent", Type::Text, true,
     [](const IpcObject& o, Context& c, std::string& s) { appendTime(s, o.lastSend, c); }},
    {"RECV", "Time of last msg received", Type::Text, true,
     [](const IpcObject& o, Context& c, std::string& s) { appendTime(s, o.lastReceive, c); }},
    {"LSPID", "PID of the last msg sender", Type::Number, true,
     [](const IpcObject& o, Context&, std::string& s) {
         if (isMsg(o)) {
             appendOptional(s, o.lastPid);
         }
     }},
    {"LRPID", "PID of the last msg receiver", Type::Number, true,
     [](const IpcObject& o, Context&, std::string& s) { appendOptional(s, o.lastReceiverPid); }},
    {"NSEMS", "Number of semaphores", Type::Number, true,
     [](const IpcObject& o, Context&, std::string& s) { appendOptional(s, o.semaphores); }},
    {"OTIME", "Time of the last operation", Type::Text, true,
     [](const IpcObject& o, Context& c, std::string& s) { appendTime(s, o.lastOperation, c); }},
    {"USAGE", "What it holds, in words (messages, attachments, values, readers and writers)",
     Type::Text, false,
     [](const IpcObject& o, Context& c, std::string& s) { appendUsage(s, o, c); }},
    {"VALUE", "POSIX named semaphore's value", Type::Number, true,
     [](const IpcObject& o, Context&, std::string& s) { appendOptional(s, o.posixSemValue); }},
    {"INODE", "Inode (POSIX objects, FIFOs, pipes, Unix sockets)", Type::Number, true,
     [](const IpcObject& o, Context&, std::string& s) { appendOptional(s, o.inode); }},
    {"STATE", "Unix socket: listening, connected, unconnected or connecting", Type::Text, false,
     [](const IpcObject& o, Context&, std::string& s) { s += o.socketState; }},
    {"PEER", "Unix socket: the other end and who holds it", Type::Text, false,
     [](const IpcObject& o, Context&, std::string& s) {
         if (isUnixSocket(o.kind)) {
             appendPeer(s, o);
         }
     }},
    {"QUEUE", "Unix socket: bytes or connections waiting", Type::Text, false,
     [](const IpcObject& o, Context&, std::string& s) {
         if (isUnixSocket(o.kind)) {
             appendQueue(s, o);
         }
     }},
    {"USERS", "Processes using it, and those waiting in a call on it (with --users)", Type::Text,
     false, [](const IpcObject& o, Context& c, std::string& s) { appendUsers(s, o, c); }},
};

using LimitColumn = Column<LimitUsage>;

const LimitColumn kLimitColumns[] = {
    {"RESOURCE", "Resource name", Type::Text, false,
     [](const LimitUsage& l, Context&, std::string& s) { s += l.resource; }},
    {"DESCRIPTION", "Resource description", Type::Text, false,
     [](const LimitUsage& l, Context&, std::string& s) { s += l.description; }},
    {"LIMIT", "System-wide limit", Type::Number, true,
     [](const LimitUsage& l, Context& c, std::string& s) {
         if (!l.limit) {
             s += '?';
         } else if (l.unit == "bytes") {
             appendSize(s, *l.limit, c);
         } else {
             appendNumber(s, *l.limit);
         }
     }},
    {"USED", "Currently used", Type::Number, true,
     [](const LimitUsage& l, Context&, std::string& s) {
         if (l.used) {
             appendNumber(s, *l.used);
         } else {
             s += '-';
         }
     }},
    {"USE%", "Currently use percentage", Type::Text, true,
     [](const LimitUsage& l, Context&, std::string& s) {
         if (const auto p = l.percent()) {
             char buf[32];
             std::snprintf(buf, sizeof buf, "%.2f%%", *p);
             s += buf;
         } else {
             s += '-';
         }
     }},
};

void writeJson(JsonWriter& j, const IpcObject& o, const std::vector<ObjectWaiter>* waiters) {
    j.beginObject();
    j.field("kind", ipcKindName(o.kind));
    if (o.id) {
        j.field("id", *o.id);
    }
    if (o.key) {
        char key[16];
        j.field("key", sysvKeyText(*o.key, key));
    }
    if (!o.name.empty()) {
        j.field("name", std::string_view(o.name));
    }
    // Keys stay string literals (`const auto&`, not decayed): the writer's fast path.
    const auto number = [&](const auto& k, const auto& v) {
        if (v) {
            j.field(k, static_cast<long long>(*v));
        }
    };
    const auto text = [&](const auto& k, const std::string& v) {
        if (!v.empty()) {
            j.field(k, std::string_view(v));
        }
    };
    text("owner", o.owner);
    number("uid", o.uid);
    text("group", o.group);
    number("gid", o.gid);
    text("creator", o.creator);
    number("cuid", o.cuid);
    number("cgid", o.cgid);
    if (hasModeAndSize(o.kind)) {
        const char perms[3] = {char('0' + ((o.mode >> 6) & 7)), char('0' + ((o.mode >> 3) & 7)),
                               char('0' + (o.mode & 7))};
        j.field("perms", std::string_view(perms, 3));
        char text[10];
        for (int i = 0; i < 9; ++i) {
            text[i] = (o.mode >> (8 - i)) & 1 ? "rwxrwxrwx"[i] : '-';
        }
        text[9] = '\0';
        j.field("perms_text", std::string_view(text, 9));
        j.field("size_bytes", static_cast<long long>(o.sizeBytes));
    }
    number("messages", o.messages);
    number("queue_limit_bytes", o.queueLimitBytes);
    number("max_messages", o.maxMessages);
    number("max_message_size", o.maxMessageSize);
    number("attached", o.attached);
    if (o.kind == IpcKind::SysvShm) {
        j.field("destroy_pending", o.destroyPending);
    }
    number("rss_bytes", o.rssBytes);
    number("swap_bytes", o.swapBytes);
    number("semaphores", o.semaphores);
    if (!o.semaphoreValues.empty()) {
        j.key("semaphore_values");
        j.beginArray();
        for (const auto& v : o.semaphoreValues) {
            j.beginObject();
            j.field("value", v.value);
            j.field("waiting_for_increase", v.waitingForIncrease);
            j.field("waiting_for_zero", v.waitingForZero);
            j.field("last_pid", int(v.lastPid));
            j.endObject();
        }
        j.endArray();
    }
    number("value", o.posixSemValue);
    number("waiters", o.posixSemWaiters);
    number("creator_pid", o.creatorPid);
    number("last_pid", o.lastPid);
    number("last_receiver_pid", o.lastReceiverPid);
    number("change_time", o.changeTime);
    number("last_send", o.lastSend);
    number("last_receive", o.lastReceive);
    number("last_attach", o.lastAttach);
    number("last_detach", o.lastDetach);
    number("last_operation", o.lastOperation);
    number("inode", o.inode);
    number("ctime_ns", o.ctimeNs);
    const auto processes = [&](const char* k, const std::vector<ProcessUse>& users) {
        if (users.empty()) {
            return;
        }
        j.key(k);
        j.beginArray();
        for (const auto& u : users) {
            j.beginObject();
            j.field("pid", int(u.pid));
            j.field("command", std::string_view(u.command));
            j.field("how", std::string_view(u.how));
            if (u.fd >= 0) {
                j.field("fd", u.fd);
            }
            j.endObject();
        }
        j.endArray();
    };
    if (isUnixSocket(o.kind)) {
        text("state", o.socketState);
        number("peer_inode", o.peerInode);
        if (o.peerClosed) {
            j.field("peer_closed", true);
        }
        number("awaiting_accept_by", o.awaitingAcceptBy);
        processes("peer_users", o.peerUsers);
        // A datagram socket's receive queue length is the next datagram's size (SIOCINQ).
        number(o.kind == IpcKind::UnixDgram ? "next_datagram_bytes" : "receive_queue_bytes",
               o.receiveQueue);
        number("send_buffer_bytes", o.sendQueue);
        if (o.socketState == "listening") {
            j.field("pending_connections", static_cast<long long>(o.pendingConnections.size()));
            j.key("pending_inodes");
            j.beginArray();
            for (std::uint64_t inode : o.pendingConnections) {
                j.value(static_cast<long long>(inode));
            }
            j.endArray();
        }
        number("backlog_limit", o.backlogLimit);
    }
    j.field("ipcscope", o.ours);
    processes("users", o.users);
    if (waiters && !waiters->empty()) {
        j.key("waiters");
        j.beginArray();
        for (const auto& w : *waiters) {
            j.beginObject();
            j.field("pid", int(w.pid));
            j.field("tid", int(w.tid));
            j.field("command", std::string_view(w.command));
            j.field("call", std::string_view(w.call));
            if (!w.detail.empty()) {
                j.field("detail", std::string_view(w.detail));
            }
            j.endObject();
        }
        j.endArray();
    }
    j.endObject();
}

// ---- Output: one buffer, written with one fwrite.

// Columns on screen: UTF-8 continuation bytes take none.
std::size_t displayWidth(std::string_view s) {
    // Eight bytes at a time, ASCII skipped at once: every cell of a table is measured twice, and
    // a byte at a time this was a seventh of a 10,000-row table's work.
    constexpr std::uint64_t kHigh = 0x8080808080808080u;
    std::size_t continuations = 0;
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w = 0;
        std::memcpy(&w, s.data() + i, 8);
        if (const std::uint64_t high = w & kHigh; high != 0) {
            continuations += std::size_t(std::popcount(high & ~(w << 1))); // 10xxxxxx
        }
    }
    for (; i < s.size(); ++i) {
        continuations += (static_cast<unsigned char>(s[i]) & 0xc0) == 0x80 ? 1 : 0;
    }
    return s.size() - continuations;
}

// util-linux's raw mode: blanks, control characters and backslashes as \xHH, so that every
// cell is one word.
void appendRaw(std::string& out, std::string_view cell) {
    static constexpr char kHex[] = "0123456789abcdef";
    for (char ch : cell) {
        const auto u = static_cast<unsigned char>(ch);
        if (u <= 0x20 || u == 0x7f || ch == '\\') {
            out += "\\x";
            out += kHex[u >> 4];
            out += kHex[u & 15];
        } else {
            out += ch;
        }
    }
}

std::string lowerCase(std::string_view s) {
    std::string l(s);
    std::transform(l.begin(), l.end(), l.begin(),
                   [](unsigned char ch) { return char(std::tolower(ch)); });
    return l;
}

// A cell of a Number column goes into JSON as a number when it is one (a size with -b, a pid);
// "1.5 KiB" or "?" stay strings.
void jsonCell(JsonWriter& j, std::string_view cell, Type type) {
    if (cell.empty()) {
        j.null();
        return;
    }
    if (type == Type::Number) {
        const char* end = cell.data() + cell.size();
        std::uint64_t u = 0;
        if (auto r = std::from_chars(cell.data(), end, u); r.ec == std::errc() && r.ptr == end) {
            j.value(u);
            return;
        }
        std::int64_t i = 0;
        if (auto r = std::from_chars(cell.data(), end, i); r.ec == std::errc() && r.ptr == end) {
            j.value(i);
            return;
        }
    }
    j.value(cell);
}

// Closes the list being written and adds the warnings: {"objects": [...], "warnings": [...]}.
std::string endJson(JsonWriter& j, const std::vector<std::string>& warnings) {
    j.endArray();
    j.key("warnings");
    j.beginArray();
    for (const auto& w : warnings) {
        j.value(std::string_view(w));
    }
    j.endArray();
    j.endObject();
    std::string out = j.str();
    out += '\n';
    return out;
}

template <typename Row> struct Listing {
    std::vector<const Column<Row>*> columns;
    bool headings = true;
    const char* jsonKey = "objects";
};

void writeOut(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
}

// Output is written in pieces of this size: a listing of 10,000 objects is never held whole
// (fresh memory costs a page fault per 4 KiB, more than formatting it).
constexpr std::size_t kFlushBytes = 16 * 1024;

// Prints rows as they come: raw and JSON at once, the table once every width is known (its
// cells kept in one arena, not one string each).
template <typename Row> class Printer {
public:
    Printer(const Listing<Row>& listing, Context& context)
        : m_listing(listing)
        , m_context(context)
        , m_widths(listing.columns.size(), 0) {
        const auto& columns = m_listing.columns;
        switch (m_context.mode) {
        case Mode::Json:
            for (const auto* col : columns) {
                m_keys.push_back(lowerCase(col->name));
            }
            m_json.beginObject();
            m_json.key(m_listing.jsonKey);
            m_json.beginArray();
            break;
        case Mode::Raw:
            if (m_listing.headings) {
                for (std::size_t k = 0; k < columns.size(); ++k) {
                    m_out += k ? " " : "";
                    appendRaw(m_out, columns[k]->name);
                }
                m_out += '\n';
            }
            break;
        case Mode::Table:
            for (std::size_t k = 0; k < columns.size(); ++k) {
                m_widths[k] = m_listing.headings ? columns[k]->name.size() : 0;
            }
            // Address space, not memory: pages are used only as cells fill them, and growing
            // would copy every cell into fresh pages again (a third of the time at 10,000 rows).
            m_arena.reserve(std::size_t(16) << 20);
            break;
        }
    }

    std::size_t rows() const { return m_rows; }

    void add(const Row& row) {
        ++m_rows;
        const auto& columns = m_listing.columns;
        for (std::size_t k = 0; k < columns.size(); ++k) {
            if (m_context.mode == Mode::Table) {
                addTableCell(k, row);
                continue;
            }
            m_cell.clear();
            columns[k]->cell(row, m_context, m_cell);
            switch (m_context.mode) {
            case Mode::Json:
                if (k == 0) {
                    m_json.beginObject();
                }
                m_json.key(m_keys[k]);
                jsonCell(m_json, m_cell, columns[k]->type);
                break;
            case Mode::Raw:
                m_out += k ? " " : "";
                appendRaw(m_out, m_cell);
                break;
            case Mode::Table:
                break;
            }
        }
        if (m_context.mode == Mode::Json) {
            m_json.endObject();
            if (m_json.str().size() >= kFlushBytes) {
                m_json.drainTo(stdout);
            }
        } else if (m_context.mode == Mode::Raw) {
            m_out += '\n';
            flushIfFull();
        }
    }

    void finish(const std::vector<std::string>& warnings) {
        if (m_context.mode == Mode::Json) {
            writeOut(endJson(m_json, warnings));
            return;
        }
        if (m_context.mode == Mode::Table) {
            printTable();
        }
        writeOut(m_out);
        m_out.clear();
    }

private:
    // A table's cell is written straight into the arena, and a NUL ends it: no copy through
    // m_cell, no table of ends and widths beside the text (at 10,000 rows those were 800 KiB,
    // and every fresh page is a fault). No cell holds a NUL of its own (names and command lines
    // come from C strings; one that did would shift every cell after it, so it becomes a blank).
    void addTableCell(std::size_t k, const Row& row) {
        if (m_arena.size() + 4096 > m_arenaPopulated) {
            populateArena();
        }
        const std::size_t start = m_arena.size();
        m_listing.columns[k]->cell(row, m_context, m_arena);
        const auto cell = m_arena.begin() + std::ptrdiff_t(start);
        if (std::find(cell, m_arena.end(), '\0') != m_arena.end()) {
            std::replace(cell, m_arena.end(), '\0', ' ');
        }
        m_widths[k] = std::max(m_widths[k], displayWidth(std::string_view(m_arena).substr(start)));
        m_arena += '\0';
    }

    // The arena's next pages are made 256 KiB at a time, in one call (MADV_POPULATE_WRITE,
    // Linux 5.14), not a fault each: on this project's VMs a fault on a fresh page cost 11 µs,
    // populating 6 µs a page (at 10,000 rows, 700 KiB of cells). Best effort: where the kernel
    // refuses, the pages fault in as before.
    void populateArena() {
        constexpr std::uintptr_t kPage = 4096;
        const auto base = reinterpret_cast<std::uintptr_t>(m_arena.data());
        const std::uintptr_t from = (base + m_arena.size()) & ~(kPage - 1);
        const std::uintptr_t to = std::min(from + (std::uintptr_t(256) << 10),
                                           (base + m_arena.capacity()) & ~(kPage - 1));
        if (to > from) {
            ::madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE);
        }
        m_arenaPopulated = std::max<std::size_t>(to - base, m_arena.size() + 4096 + 1);
    }

    void flushIfFull() {
        if (m_out.size() >= kFlushBytes) {
            writeOut(m_out);
            m_out.clear();
        }
    }

    void printTable() {
        const auto& columns = m_listing.columns;
        const std::size_t n = columns.size();
        std::vector<std::string_view> cells(n);
        std::vector<std::size_t> widths(n);
        // One row into m_out: room made once, then cells and padding copied in place (appends
        // per cell and per pad were a fifth of a 10,000-row table).
        const auto line = [&] {
            std::size_t room = n; // blanks between cells and the newline
            for (std::size_t k = 0; k < n; ++k) {
                widths[k] = displayWidth(cells[k]); // characters; a cell's bytes can be more
                room += m_widths[k] + cells[k].size() - widths[k];
            }
            const std::size_t start = m_out.size();
            m_out.resize(start + room);
            char* at = m_out.data() + start;
            for (std::size_t k = 0; k < n; ++k) {
                const std::string_view text = cells[k];
                const std::size_t pad = m_widths[k] - widths[k];
                if (k) {
                    *at++ = ' ';
                }
                if (columns[k]->right) {
                    at = std::fill_n(at, pad, ' ');
                    at = std::copy(text.begin(), text.end(), at);
                } else {
                    at = std::copy(text.begin(), text.end(), at);
                    if (k + 1 < n) { // no trailing blanks
                        at = std::fill_n(at, pad, ' ');
                    }
                }
            }
            while (at > m_out.data() + start && at[-1] == ' ') { // an empty last cell
                --at;
            }
            *at++ = '\n';
            m_out.resize(std::size_t(at - m_out.data()));
            flushIfFull();
        };
        if (m_listing.headings) {
            for (std::size_t k = 0; k < n; ++k) {
                cells[k] = columns[k]->name;
            }
            line();
        }
        const char* next = m_arena.data();
        for (std::size_t r = 0; r < m_rows; ++r) {
            for (std::string_view& cell : cells) {
                cell = next; // up to its NUL
                next += cell.size() + 1;
            }
            line();
        }
    }

    const Listing<Row>& m_listing;
    Context& m_context;
    std::vector<std::size_t> m_widths;
    std::vector<std::string> m_keys; // JSON
    JsonWriter m_json;
    std::string m_out;  // raw and table text not written yet
    std::string m_cell; // the cell being formatted
    // Table: every cell's text back to back, each ended by a NUL.
    std::string m_arena;
    std::size_t m_arenaPopulated = 0; // offset in m_arena up to which its pages are made
    std::size_t m_rows = 0;
};

template <typename Row, std::size_t N> std::string columnNames(const Column<Row> (&all)[N]) {
    std::string names;
    for (const auto& col : all) {
        names += names.empty() ? "" : " ";
        names += col.name;
    }
    return names;
}

// As lsipc --help lists them: the name right-aligned, then its help.
template <typename Row, std::size_t N> void listColumns(const Column<Row> (&all)[N]) {
    std::size_t width = 0;
    for (const auto& col : all) {
        width = std::max(width, col.name.size());
    }
    std::string out;
    for (const auto& col : all) {
        out.append(width - col.name.size() + 2, ' ');
        out += col.name;
        out += "  ";
        out += col.help;
        out += '\n';
    }
    writeOut(out);
}

// -o LIST: the named columns, or with a leading '+' the defaults and those. Names as lsipc's,
// in any case. The error in words, or nothing.
template <typename Row, std::size_t N>
std::optional<std::string> selectColumns(const std::string& list, const Column<Row> (&all)[N],
                                         std::vector<const Column<Row>*>& columns) {
    std::string_view rest(list);
    if (rest.starts_with('+')) {
        rest.remove_prefix(1);
    } else {
        columns.clear();
    }
    while (true) {
        const std::size_t comma = rest.find(',');
        const std::string_view name = rest.substr(0, comma);
        const auto* col = std::find_if(std::begin(all), std::end(all), [&](const auto& c) {
            return lowerCase(c.name) == lowerCase(name);
        });
        if (col == std::end(all)) {
            return (name.empty() ? std::string("an empty column name in '" + list + "'")
                                 : "unknown column '" + std::string(name) + "'") +
                   "; columns: " + columnNames(all) + " (see --list-columns)";
        }
        columns.push_back(col);
        if (comma == std::string_view::npos) {
            return std::nullopt;
        }
        rest.remove_prefix(comma + 1);
    }
}

template <typename Row, std::size_t N>
const Column<Row>* columnNamed(const Column<Row> (&all)[N], std::string_view name) {
    for (const auto& col : all) {
        if (col.name == name) {
            return &col;
        }
    }
    return nullptr;
}

// The options ls and limits share with lsipc. The error in words, or nothing.
std::optional<std::string> readOutputOptions(const Options& o, Context& c) {
    c.bytes = o.has("bytes");
    c.numericPerms = o.has("numeric-perms");
    if (o.has("json") && o.has("raw")) {
        return "--json and --raw are two output formats; give one";
    }
    c.mode = o.has("json") ? Mode::Json : o.has("raw") ? Mode::Raw : Mode::Table;
    if (o.has("time-format")) {
        const std::string& f = o.value("time-format");
        if (f == "short") {
            c.time = TimeFormat::Short;
        } else if (f == "full") {
            c.time = TimeFormat::Full;
        } else if (f == "iso") {
            c.time = TimeFormat::Iso;
        } else {
            return "--time-format takes short, full or iso, not '" + f + "'";
        }
    }
    const std::time_t now = std::time(nullptr);
    localtime_r(&now, &c.now);
    return std::nullopt;
}

const OptionSpec kOutputOptions[] = {
    {'o', "output", "COLUMNS",
     "The columns to print, comma-separated, e.g. KEY,ID,PERMS (names as lsipc's;\n"
     "see --list-columns); +COLUMN,... adds to the default ones."},
    {'\0', "list-columns", "", "Print every column -o accepts, with its meaning, and exit."},
    {'n', "noheadings", "", "Do not print the line of column names."},
    {'r', "raw", "",
     "Raw output: cells separated by one space, not aligned; blanks, control\n"
     "characters and backslashes escaped as \\xHH."},
    {'b', "bytes", "", "Print sizes in bytes rather than in KiB, MiB..."},
    {'P', "numeric-perms", "", "Print permissions in octal (0640) rather than as rw-r-----."},
    {'\0', "time-format", "FORMAT",
     "Times as short (07:09 today, Dec05 this year), full\n"
     "(Sat Dec  5 07:09:46 2026) or iso; default short."},
    {'h', "help", "", "Displays help on commandline options."},
    {'V', "version", "", "Displays version information."},
};

// What clients find by name: listening sockets and bound datagram sockets without a peer.
bool isUnixServer(const IpcObject& o) {
    return o.socketState == "listening" ||
           (o.kind == IpcKind::UnixDgram && !o.peerInode && !o.name.starts_with("socket:["));
}

std::string kindNames() {
    std::string names;
    for (IpcKind k : kAllIpcKinds) {
        names += names.empty() ? "" : " ";
        names += ipcKindName(k);
    }
    return names;
}

// Streams the objects of a /proc/sysvipc table to `each`, read in pieces through one 16 KiB
// buffer (the kernel hands a seq_file out a page at a time; a 10,000-line table is a megabyte
// that need not be held, and every fresh page is a fault: 64 KiB buffers here and for the
// output cost 47 more of them). False with errno set when the file cannot be read.
bool streamSysvTable(IpcKind kind, const std::string& path, SysvipcTableParser& tables,
                     const std::function<void(IpcObject&)>& each,
                     std::vector<std::string>& warnings) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    std::string buffer(16 * 1024, '\0');
    std::size_t used = 0;   // bytes in the buffer: the header line, then lines not parsed yet
    std::size_t header = 0; // length of the header line with its newline (0: not read yet)
    int linesGiven = 0;
    const auto parse = [&](std::size_t end) { // lines up to `end`, after the header
        const std::string_view text(buffer.data(), end);
        tables.parseEach(kind, text, path, each, warnings, linesGiven);
    };
    for (;;) {
        if (used == buffer.size()) { // a line longer than the buffer: make room
            buffer.resize(buffer.size() * 2);
        }
        const ssize_t n = ::read(fd, buffer.data() + used, buffer.size() - used);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            errno = err;
            return false;
        }
        if (n == 0) {
            break;
        }
        used += std::size_t(n);
        if (header == 0) {
            const std::size_t newline = std::string_view(buffer.data(), used).find('\n');
            if (newline == std::string_view::npos) {
                continue;
            }
            header = newline + 1;
        }
        const std::size_t last = std::string_view(buffer.data(), used).rfind('\n');
        if (last + 1 > header) {
            parse(last + 1);
            // Keep the header, move the unfinished line after it.
            std::memmove(buffer.data() + header, buffer.data() + last + 1, used - (last + 1));
            used -= last + 1 - header;
        }
    }
    ::close(fd);
    parse(used); // an unfinished last line, or the header of an empty table
    return true;
}

std::vector<OptionSpec> withOutputOptions(std::vector<OptionSpec> specs) {
    specs.insert(specs.end(), std::begin(kOutputOptions), std::end(kOutputOptions));
    return specs;
}

// Parses `args`, answers --help, --version and --list-columns, reads the output options. The
// exit status when the command is done already, nothing when it goes on.
template <typename Row, std::size_t N>
std::optional<int> prepare(const char* command, std::string_view description,
                           const std::vector<OptionSpec>& specs,
                           const std::vector<std::string>& args, const Column<Row> (&all)[N],
                           Options& parser, Context& context) {
    if (const auto error = parser.parse(specs, args)) {
        return usage(command, *error);
    }
    if (parser.has("help")) {
        printHelp(command, description, specs);
        return 0;
    }
    if (parser.has("version")) {
        std::printf("ipcscope-cli %s\n", IPCSCOPE_VERSION);
        return 0;
    }
    if (parser.has("list-columns")) {
        listColumns(all);
        return 0;
    }
    if (const auto error = readOutputOptions(parser, context)) {
        return usage(command, *error);
    }
    return std::nullopt;
}

} // namespace

int runLsCommand(const std::vector<std::string>& args) {
    const std::string kindHelp = "Only this kind (repeatable): " + kindNames() + ".";
    const std::vector<OptionSpec> specs = withOutputOptions({
        {'\0', "kind", "KIND", kindHelp, true},
        {'\0', "json", "",
         "Print {\"objects\": [...], \"warnings\": [...]}: every field of docs/inventory.md,\n"
         "or with -o the columns asked for."},
        {'\0', "users", "",
         "Also show the processes using each object (reads /proc/PID), and list\n"
         "every pipe, FIFO and Unix socket."},
        {'\0', "details", "",
         "Also ask the kernel what /proc does not say: each System V queue's byte\n"
         "limit (msg_qbytes), each semaphore's value and waiters, POSIX queues'\n"
         "message counts."},
        {'\0', "namespace", "PID",
         "List the System V and POSIX objects of the IPC namespace of process PID\n"
         "(a container's) instead of ours."},
    });
    Options parser;
    Context context;
    if (const auto done =
            prepare("ls",
                    "List the IPC objects on this system: System V queues, shared memory and "
                    "semaphores, POSIX\nqueues, shared memory and named semaphores, open pipes and "
                    "FIFOs, and Unix domain sockets.\nWithout --kind: every System V and POSIX "
                    "object and the Unix sockets clients find by name\n(listening sockets, bound "
                    "datagram sockets). Pipes, FIFOs and every other Unix socket\n(connections, "
                    "socketpairs) are many: they are listed with --users, or all of a kind with\n"
                    "--kind (as `ss -x` lists every Unix socket), each with the processes holding "
                    "it. Unix\nsockets are those of ipcscope's own network namespace.\nField names "
                    "of --json: see docs/inventory.md.",
                    specs, args, kObjectColumns, parser, context)) {
        return *done;
    }
    InventoryOptions options;
    for (const std::string& k : parser.values("kind")) {
        const auto parsed = parseIpcKind(k);
        if (!parsed) {
            return usage("ls", "unknown kind '" + k + "'; kinds: " + kindNames());
        }
        options.kinds.insert(*parsed);
    }
    const bool byKind = !options.kinds.empty();
    const bool users = parser.has("users");
    if (!byKind) {
        // Pipes and FIFOs are many and need a walk through /proc: only when asked or with --users.
        // Unix sockets come from one netlink dump: the servers always, the rest with --users.
        options.kinds = {IpcKind::SysvMsg,    IpcKind::SysvShm,   IpcKind::SysvSem,
                         IpcKind::PosixMq,    IpcKind::PosixShm,  IpcKind::PosixSem,
                         IpcKind::UnixStream, IpcKind::UnixDgram, IpcKind::UnixSeqpacket};
        if (users) {
            options.kinds.insert(IpcKind::Pipe);
            options.kinds.insert(IpcKind::Fifo);
        }
    }
    options.users = users;
    // Asked for by kind, a socket comes with its holders (as a pipe does); the plain listing of
    // servers does not walk /proc.
    options.socketHolders = byKind || options.users;
    // One system call per object for details /proc lacks: only when asked (lsipc does not ask).
    options.details = parser.has("details");
    options.semaphoreValues = parser.has("details");
    std::optional<pid_t> nsMember;
    if (parser.has("namespace")) {
        const std::string& text = parser.value("namespace");
        int pid = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), pid);
        if (ec != std::errc() || end != text.data() + text.size() || pid <= 0 ||
            ::access(("/proc/" + std::to_string(pid)).c_str(), F_OK) != 0) {
            return usage("ls",
                         "--namespace needs the pid of a running process, got '" + text + "'");
        }
        if (users) {
            return usage("ls", "--users is not available with --namespace: ids and names mean "
                               "other objects in another namespace");
        }
        const auto namespaced = [](IpcKind k) {
            return isSysv(k) || k == IpcKind::PosixMq || k == IpcKind::PosixShm ||
                   k == IpcKind::PosixSem;
        };
        for (IpcKind k : options.kinds) {
            if (byKind && !namespaced(k)) {
                return usage("ls", "--namespace lists System V and POSIX objects; " +
                                       std::string(ipcKindName(k)) + " is not one");
            }
        }
        std::erase_if(options.kinds, [&](IpcKind k) { return !namespaced(k); });
        options.socketHolders = false;
        // POSIX objects are files of that namespace's mounts, seen through its root.
        const std::string root = "/proc/" + std::to_string(pid) + "/root";
        options.shmRoot = root + "/dev/shm";
        options.mqueueRoot = root + "/dev/mqueue";
        nsMember = pid_t(pid);
    }
    const bool chosen = parser.has("output");
    Listing<IpcObject> listing;
    listing.headings = !parser.has("noheadings");
    for (const char* name : {"KIND", "NAME", "KEY", "OWNER", "PERMS", "SIZE", "USAGE", "CTIME"}) {
        listing.columns.push_back(columnNamed(kObjectColumns, name));
    }
    // Checked before the scan: a typo is told at once, not after a walk through /proc.
    if (chosen) {
        if (const auto error =
                selectColumns(parser.value("output"), kObjectColumns, listing.columns)) {
            return usage("ls", *error);
        }
    }

    // System V objects are streamed from /proc/sysvipc, one at a time, when nothing needs them
    // all at once (users, details, another namespace): tens of thousands of queues are then
    // listed without holding tens of megabytes.
    std::vector<IpcKind> streamed;
    if (!options.users && !options.details && !nsMember) {
        for (IpcKind k : {IpcKind::SysvMsg, IpcKind::SysvShm, IpcKind::SysvSem}) {
            if (options.kinds.erase(k) != 0) {
                streamed.push_back(k);
            }
        }
    }
    Inventory inv;
    if (!options.kinds.empty()) { // (empty kinds would mean every kind)
        InventoryScanner scanner(options);
        if (nsMember) {
            // /proc/sysvipc and the *ctl calls answer for the namespace of the thread that asks.
            if (auto entered = inIpcNamespaceOf(*nsMember, [&] { inv = scanner.scan(); });
                !entered) {
                std::fprintf(stderr, "ipcscope-cli ls: %s\n", entered.error().message.c_str());
                return 1;
            }
        } else {
            scanner.scan(inv);
        }
    }
    if (!byKind && !options.users) {
        std::erase_if(inv.objects,
                      [](const IpcObject& o) { return isUnixSocket(o.kind) && !isUnixServer(o); });
    }
    // Queue and semaphore waiters hold nothing /proc lists per object: find them by their call.
    ObjectWaiters waiters;
    if (options.users && !nsMember) {
        WaitTracker tracker;
        std::string problem;
        waiters = findObjectWaiters(inv, tracker, std::chrono::milliseconds(100), 64, &problem);
        if (!problem.empty()) {
            inv.warnings.push_back(problem);
        }
    }
    context.waiters = &waiters;
    if (!chosen) {
        if (std::any_of(inv.objects.begin(), inv.objects.end(),
                        [](const IpcObject& o) { return isUnixSocket(o.kind); })) {
            for (const char* name : {"INODE", "STATE", "PEER", "QUEUE"}) {
                listing.columns.push_back(columnNamed(kObjectColumns, name));
            }
        }
        if (options.users || std::any_of(inv.objects.begin(), inv.objects.end(),
                                         [](const IpcObject& o) { return !o.users.empty(); })) {
            listing.columns.push_back(columnNamed(kObjectColumns, "USERS"));
        }
    }
    // Every field of docs/inventory.md, or the columns asked for.
    const bool allFields = context.mode == Mode::Json && !chosen;
    JsonWriter json;
    Printer<IpcObject> printer(listing, context);
    std::size_t count = 0;
    const auto print = [&](const IpcObject& o) {
        ++count;
        if (!allFields) {
            printer.add(o);
            return;
        }
        // No key built per object when nobody waits (the usual listing, without --users).
        const auto it =
            waiters.empty() ? waiters.end() : waiters.find(waiterKey(o.kind, o.id, o.name));
        writeJson(json, o, it == waiters.end() ? nullptr : &it->second);
        if (json.str().size() >= kFlushBytes) {
            json.drainTo(stdout);
        }
    };
    if (allFields) {
        json.beginObject();
        json.key("objects");
        json.beginArray();
    }
    std::vector<std::string> sysvWarnings;
    SysvipcTableParser tables;
    NameCache names;
    for (IpcKind k : streamed) {
        const std::string path = std::string("/proc/sysvipc/") + (k == IpcKind::SysvMsg   ? "msg"
                                                                  : k == IpcKind::SysvShm ? "shm"
                                                                                          : "sem");
        const auto each = [&](IpcObject& o) {
            fillOwnership(o, names);
            print(o);
        };
        if (!streamSysvTable(k, path, tables, each, sysvWarnings)) {
            sysvWarnings.push_back("cannot read " + path + ": " + std::strerror(errno));
        }
    }
    // In the order of a whole scan: System V first.
    inv.warnings.insert(inv.warnings.begin(), sysvWarnings.begin(), sysvWarnings.end());
    for (const auto& o : inv.objects) {
        print(o);
    }
    if (allFields) {
        writeOut(endJson(json, inv.warnings));
        return 0;
    }
    printer.finish(inv.warnings);
    if (context.mode == Mode::Table && listing.headings && count == 0) {
        std::puts("(no IPC objects of these kinds)");
    }
    if (context.mode != Mode::Json) {
        for (const auto& w : inv.warnings) {
            std::fprintf(stderr, "warning: %s\n", w.c_str());
        }
    }
    return 0;
}

int runLimitsCommand(const std::vector<std::string>& args) {
    const std::vector<OptionSpec> specs = withOutputOptions({
        {'\0', "json", "",
         "Print {\"limits\": [...], \"warnings\": [...]} (see docs/inventory.md), or with\n"
         "-o the columns asked for."},
    });
    Options parser;
    Context context;
    if (const auto done =
            prepare("limits", "Show the kernel's IPC limits and how much of each is used.", specs,
                    args, kLimitColumns, parser, context)) {
        return *done;
    }
    Listing<LimitUsage> listing;
    listing.jsonKey = "limits";
    listing.headings = !parser.has("noheadings");
    for (const auto& col : kLimitColumns) {
        listing.columns.push_back(&col);
    }
    const bool chosen = parser.has("output");
    if (chosen) {
        if (const auto error =
                selectColumns(parser.value("output"), kLimitColumns, listing.columns)) {
            return usage("limits", *error);
        }
    }
    InventoryOptions options;
    options.kinds = {IpcKind::SysvMsg, IpcKind::SysvShm, IpcKind::SysvSem, IpcKind::PosixMq};
    options.socketHolders = false;
    InventoryScanner scanner(options);
    const Inventory inv = scanner.scan();
    const auto limits = limitsWithUsage(KernelLimits::read(), inv);
    if (context.mode == Mode::Json && !chosen) {
        JsonWriter j;
        j.beginObject();
        j.key("limits");
        j.beginArray();
        for (const auto& l : limits) {
            j.beginObject();
            j.field("resource", std::string_view(l.resource));
            j.field("description", std::string_view(l.description));
            j.field("unit", std::string_view(l.unit));
            j.key("limit");
            l.limit ? j.value(double(*l.limit)) : j.null();
            j.key("used");
            l.used ? j.value(*l.used) : j.null();
            j.key("percent");
            l.percent() ? j.value(*l.percent()) : j.null();
            j.endObject();
        }
        writeOut(endJson(j, inv.warnings));
        return 0;
    }
    Printer<LimitUsage> printer(listing, context);
    for (const auto& l : limits) {
        printer.add(l);
    }
    printer.finish(inv.warnings);
    if (context.mode != Mode::Json) {
        for (const auto& w : inv.warnings) {
            std::fprintf(stderr, "warning: %s\n", w.c_str());
        }
    }
    return 0;
}
