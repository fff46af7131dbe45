#pragma once

// Every IPC object on the system (DESIGN.md §5): what `ipcs -a` and `lsipc` show, plus POSIX
// objects, open pipes and FIFOs, and which processes use each. Plain value structs; the roots
// of /proc, /dev/shm and /dev/mqueue are parameters so tests can point at fixture trees.

#include "base/ipckind.h"
#include "base/result.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <unordered_map>
#include <vector>

namespace ipcscope {

std::string_view ipcKindTitle(IpcKind kind); // "System V message queue"

// A process holding an object: attached, mapped, or with an open descriptor.
struct ProcessUse {
    pid_t pid = 0;
    std::string command; // /proc/PID/comm
    std::string how;     // "attached", "mapped", "read end", "write end", "read+write", "open"
    int fd = -1;         // for descriptors

    bool operator==(const ProcessUse&) const = default;
};

struct SemaphoreValue {
    int value = 0;
    int waitingForIncrease = 0; // semncnt
    int waitingForZero = 0;     // semzcnt
    pid_t lastPid = 0;          // sempid

    bool operator==(const SemaphoreValue&) const = default;
};

struct IpcObject {
    IpcKind kind = IpcKind::SysvMsg;
    std::optional<int> id;           // System V id
    std::optional<std::int32_t> key; // System V key (0 = IPC_PRIVATE)
    std::string name; // POSIX name ("/foo"), FIFO path, "pipe:[inode]", Unix socket path,
                      // "@abstract" or "socket:[inode]" when unnamed
    std::optional<uid_t> uid, cuid;
    std::optional<gid_t> gid, cgid;
    std::string owner, group, creator; // user/group names, or the number when unknown
    std::uint32_t mode = 0;            // permission bits (and SHM_DEST/SHM_LOCKED for shm)
    std::uint64_t sizeBytes = 0;       // segment size, queue bytes in use, file size
    // Queues
    std::optional<std::uint64_t> messages;        // msg_qnum / mq_curmsgs
    std::optional<std::uint64_t> queueLimitBytes; // msg_qbytes
    std::optional<std::uint64_t> maxMessages;     // mq_maxmsg
    std::optional<std::uint64_t> maxMessageSize;  // mq_msgsize
    // Shared memory
    std::optional<std::uint64_t> attached; // shm_nattch
    bool destroyPending = false;           // SHM_DEST: removed when the last process detaches
    std::optional<std::uint64_t> rssBytes, swapBytes;
    // Semaphores
    std::optional<std::uint32_t> semaphores;     // nsems
    std::vector<SemaphoreValue> semaphoreValues; // on request
    std::optional<int> posixSemValue, posixSemWaiters;
    // Who the kernel remembers
    std::optional<pid_t> creatorPid;      // shm cpid
    std::optional<pid_t> lastPid;         // shm lpid, msg lspid
    std::optional<pid_t> lastReceiverPid; // msg lrpid
    // Times (seconds since the epoch; absent when never)
    std::optional<std::int64_t> changeTime, lastSend, lastReceive, lastAttach, lastDetach,
        lastOperation;
    // Unix domain sockets (unixsockets.h has the kernel's meaning of each number)
    std::string socketState; // "listening", "connected", "unconnected", "connecting"
    std::optional<std::uint64_t> peerInode;
    bool peerClosed = false;                       // connected, but the other end is closed
    std::optional<std::uint64_t> awaitingAcceptBy; // a client not accepted yet: the listener
    // Who holds the other end, or for a client not accepted yet the listener (when holders are
    // scanned).
    std::vector<ProcessUse> peerUsers;
    // Not listening: bytes waiting to be read (datagram: the next datagram's size), and kernel
    // memory held by sent data not read yet.
    std::optional<std::uint32_t> receiveQueue, sendQueue;
    std::vector<std::uint64_t> pendingConnections; // listening: client inodes not yet accepted
    std::optional<std::uint32_t> backlogLimit;     // listening: listen()'s backlog
    // Identity of POSIX objects and FIFOs (a name can be reused; an inode+ctime pair cannot)
    std::optional<std::uint64_t> inode;
    std::optional<std::int64_t> ctimeNs;
    std::vector<ProcessUse> users;
    bool ours = false; // created by an ipcscope run (naming.h)

    std::string displayId() const; // "5" or "/name"
    // Pipes and FIFOs: how many descriptors read and how many write (a read+write one counts
    // twice).
    struct Ends {
        int readers = 0;
        int writers = 0;
    };
    Ends ends() const;
    // A semaphore set's values as listed after its size: "1,0,3" ("" when not read).
    std::string semaphoreValuesText() const;

    bool operator==(const IpcObject&) const = default;
};

struct InventoryOptions {
    std::string procRoot = "/proc";
    std::string shmRoot = "/dev/shm";
    std::string mqueueRoot = "/dev/mqueue";
    std::set<IpcKind> kinds;      // empty = all
    bool users = false;           // scan /proc/PID/{maps,fd} for who uses what
    bool semaphoreValues = false; // with details: semctl GETALL/GETNCNT/GETZCNT/GETPID per set
    bool details = true;          // one call per object for what /proc lacks (msg_qbytes)
    bool live = true;             // the roots are the real system (false for fixture trees)
    // Unix sockets: who holds each one (a walk through /proc/PID/fd), even without `users`.
    bool socketHolders = true;
    // A process whose /proc files take longer than this to read (a held mmap lock, a hung
    // mount) is left out of the users and named in a warning instead of stalling the listing.
    std::chrono::milliseconds perProcessBudget{100};
    bool wants(IpcKind k) const { return kinds.empty() || kinds.count(k) != 0; }
    bool wantsUnixSockets() const {
        return wants(IpcKind::UnixStream) || wants(IpcKind::UnixDgram) ||
               wants(IpcKind::UnixSeqpacket);
    }
};

// Sockets and pipes have no permission bits or size of their own to list.
inline bool hasModeAndSize(IpcKind k) {
    return k != IpcKind::Pipe && !isUnixSocket(k);
}

struct Inventory {
    std::vector<IpcObject> objects;
    std::vector<std::string> warnings; // e.g. "/dev/mqueue is not mounted: ..."
};

// Reads everything; reuses its buffers between scans so a refresh of an unchanged system does
// not allocate per object beyond the objects it returns.
class InventoryScanner {
public:
    explicit InventoryScanner(InventoryOptions options = {});
    ~InventoryScanner();
    InventoryScanner(const InventoryScanner&) = delete;
    InventoryScanner& operator=(const InventoryScanner&) = delete;

    const InventoryOptions& options() const { return m_options; }
    void setOptions(InventoryOptions options) { m_options = std::move(options); }
    // Fills `out` (its vectors' capacity is reused).
    void scan(Inventory& out);
    Inventory scan() {
        Inventory inv;
        scan(inv);
        return inv;
    }

private:
    void scanPosixShm(Inventory& out);
    void scanPosixMq(Inventory& out);
    void scanProcesses(Inventory& out);
    // Unix sockets from NETLINK_SOCK_DIAG (inventoryunix.cpp), then their holders and their
    // peers' holders from the descriptor scan (socket inode -> holders).
    void scanUnixSockets(Inventory& out);
    using SocketHolders = std::map<std::uint64_t, std::vector<ProcessUse>>;
    void attachSocketHolders(Inventory& out, SocketHolders& holders);

    struct Private;
    InventoryOptions m_options;
    Private* d;
};

// Name of a uid/gid, or the number as text.
std::string userName(uid_t uid);
std::string groupName(gid_t gid);

// Caches name lookups: getpwuid per row is what makes listing thousands of objects slow.
class NameCache {
public:
    const std::string& user(uid_t uid);
    const std::string& group(gid_t gid);

private:
    std::unordered_map<uid_t, std::string> m_users;
    std::unordered_map<gid_t, std::string> m_groups;
};

// Fills owner, group and creator names from the ids.
void fillOwnership(IpcObject& o, NameCache& names);

} // namespace ipcscope
