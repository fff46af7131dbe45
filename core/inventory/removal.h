#pragma once

// Removing IPC objects: the one destructive act, so it is careful (DESIGN.md §5). Right before
// removing, the object is read again and its identity compared with what the caller saw: a
// System V id or a POSIX name can meanwhile belong to a different object.

#include "inventory.h"
#include "mechanisms/kernellimits.h"
#include "mechanisms/manifest.h"

#include <optional>
#include <string>
#include <vector>

namespace ipcscope {

// What the caller listed; every field given must still match.
struct ObjectIdentity {
    std::optional<std::int32_t> key;        // System V
    std::optional<uid_t> creatorUid;        // System V cuid
    std::optional<std::int64_t> changeTime; // System V ctime (s)
    std::optional<std::uint64_t> inode;     // POSIX / FIFO
    std::optional<std::int64_t> ctimeNs;    // POSIX shm and semaphores / FIFO: a POSIX queue's
                                            // ctime moves with every message, not an identity

    static ObjectIdentity of(const IpcObject& o);
    bool empty() const { return !key && !creatorUid && !changeTime && !inode && !ctimeNs; }
};

struct RemovalResult {
    std::string message;               // what happened, in words
    bool markedForDestruction = false; // shm still attached: goes when the last process detaches
};

// kind + id (System V) or name (POSIX "/name", FIFO path). Errors are sentences: not found,
// identity changed, permission denied (who owns it, who you are), pipes and Unix sockets
// cannot be removed.
Result<RemovalResult> removeIpcObject(IpcKind kind, const std::string& idOrName,
                                      const ObjectIdentity& expected,
                                      const InventoryOptions& roots = {});

// Limits as `lsipc` prints them with no options, with current usage.
struct LimitUsage {
    std::string resource;    // "MSGMNI"
    std::string description; // "Number of message queues"
    std::optional<std::uint64_t> limit;
    std::optional<std::uint64_t> used;
    std::string unit; // "", "bytes", "pages"
    std::optional<double> percent() const {
        if (!limit || !used || *limit == 0) {
            return std::nullopt;
        }
        return 100.0 * double(*used) / double(*limit);
    }
};
std::vector<LimitUsage> limitsWithUsage(const KernelLimits& limits, const Inventory& sysvAndMq);

// Leftovers of ipcscope's own runs whose lab is gone (its manifest says what it created). Only
// run directories and manifests that no other user could have written are considered (see
// base/privatedir.h); anything else is named in `problems` and never acted on.
struct StaleRun {
    std::string runDir;
    pid_t labPid = 0;
    RunManifest manifest;
};
struct StaleReport {
    std::vector<StaleRun> runs;
    // Objects named like ours that no manifest explains. POSIX ones whose lab pid is dead are
    // removable; System V ones are only reported (their creator cannot be proven gone).
    std::vector<IpcObject> orphans;
    std::vector<std::string> problems; // "ignoring /tmp/ipcscope-0/run-1-1: owned by uid 1001 ..."
};
StaleReport findStale(const std::string& runtimeBase, const Inventory& inventory,
                      const std::string& procRoot = "/proc");

// What removeStale() did: every "removed" line is true; what was left is counted as not removed.
struct StaleCleanup {
    std::vector<std::string> lines;  // one per object: "removed ...", "skipped: ...", "... gone"
    std::vector<std::string> errors; // what failed, in words
    std::size_t removed = 0;
    std::size_t notRemoved = 0; // skipped, refused or failed
};
// Removes what findStale() found, re-opening and re-checking each run directory and object.
StaleCleanup removeStale(const StaleReport& report);

} // namespace ipcscope
