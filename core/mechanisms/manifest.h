#pragma once

// The record a run keeps of the kernel objects it created, in its run directory, so that the
// run's guardian (or `ipcscope-cli rm --stale` later) can remove them if the lab is killed.
//
// Text format, one item per line:
//   ipcscope-manifest 1
//   lab <pid> <starttime-ticks>
//   object sysv-msg <id> 0x<key>
//   object posix-mq /ipcscope.<pid>.<run>.mq
//   object fifo /abs/path

#include "base/ipckind.h"
#include "base/result.h"

#include <cstddef>

#include <cstdint>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace ipcscope {

// What a run records of an object it created (never a pipe: it vanishes with its last holder).
using ObjectKind = IpcKind;

struct ManifestObject {
    ObjectKind kind;
    int id = -1;          // System V objects
    std::int32_t key = 0; // System V objects: checked before removal, ids get reused
    std::string name;     // POSIX name ("/ipcscope...") or FIFO path
    bool operator==(const ManifestObject&) const = default;
};

class JsonWriter;

// How a JSON object gives a System V key: the number itself (a recording, read back exactly), or
// as ipcs prints it, "0x1bc50001" (what people read).
enum class JsonKey { Number, Hex };

// `object` as a JSON object: "kind"; "id" and "key" for a System V object; "name" where it has
// one (a POSIX name or a FIFO's path).
void writeManifestObjectJson(JsonWriter& j, const ManifestObject& object, JsonKey key);

struct RunManifest {
    pid_t labPid = 0;
    std::uint64_t labStartTime = 0;
    std::vector<ManifestObject> objects;
    // Lines that could not be read, each named ("manifest line 4: ..."); they were skipped.
    std::vector<std::string> problems;

    std::string serialize() const;
    // Fails only without the header line or the lab line; a bad object line is skipped and named
    // in `problems`. Never throws.
    static Result<RunManifest> parse(const std::string& text);
};

// A manifest never comes near this size (a run creates a handful of objects); anything larger
// is not one of ours and is not read.
inline constexpr std::size_t kMaxManifestBytes = 64 * 1024;

// Writes atomically (temporary file + rename), so a reader never sees half a manifest.
Status writeManifest(const std::string& path, const RunManifest& manifest);

// The manifest of a run directory opened with openPrivateDir(): read only when it is a regular
// file owned by the caller, writable by nobody else, reached without following a symlink.
// errnoValue ENOENT when there is none (the run ended cleanly).
// Errors name the file; `runDir` is the directory's path, for them.
Result<RunManifest> readRunManifest(int runDirFd, const std::string& runDir);

// Why `object` does not carry ipcscope's mark for the run of lab `labPid` in `runDir`, in words;
// empty when it does. The marks: a System V key with the ipcscope prefix, a POSIX name
// "/ipcscope.<labPid>.…", a FIFO directly inside the run directory.
std::string unmarkedReason(const ManifestObject& object, pid_t labPid, const std::string& runDir);

struct ManifestRemoval {
    enum class Outcome {
        Removed,
        AlreadyGone,
        Skipped, // not touched: see message
    };
    Outcome outcome = Outcome::Skipped;
    std::string message;   // "removed sysv-msg 5", "skipped: sysv-msg 0 is not the object ..."
    bool oursGone = false; // the object the run created no longer exists (removed or earlier)
};

// Removes one object that a trusted manifest of lab `labPid` names, only if it carries
// ipcscope's mark and is still the object the run created (System V: same key, created by the
// caller; FIFO: a FIFO in `runDirFd`, checked with fstatat without following links). An error
// only when removing it failed.
Result<ManifestRemoval> removeManifestObject(const ManifestObject& object, pid_t labPid,
                                             int runDirFd, const std::string& runDir);

// Everything a dead lab's trusted run left: removes each object as above, then the manifest and
// the run directory when every object the run created is gone. Used by the guardian and by
// `ipcscope-cli rm --stale`, so both follow the same rules.
struct RunCleanup {
    std::vector<ManifestRemoval> removals;
    std::vector<std::string> errors;
    bool directoryRemoved = false;
};
RunCleanup cleanUpRun(const RunManifest& manifest, int runDirFd, const std::string& runDir);

// Whether it is still there (System V: the id; POSIX and FIFOs: the name).
bool manifestObjectExists(const ManifestObject& object);

} // namespace ipcscope
