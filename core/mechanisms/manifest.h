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
};

struct RunManifest {
    pid_t labPid = 0;
    std::uint64_t labStartTime = 0;
    std::vector<ManifestObject> objects;

    std::string serialize() const;
    static Result<RunManifest> parse(const std::string& text);
};

// Writes atomically (temporary file + rename), so a reader never sees half a manifest.
Status writeManifest(const std::string& path, const RunManifest& manifest);
Result<RunManifest> readManifest(const std::string& path);

// Removes one object if it is still the one recorded (System V: same key). Returns Ok when
// it is gone (including "was already gone").
Status removeManifestObject(const ManifestObject& object);
// Whether it is still there (System V: the id; POSIX and FIFOs: the name).
bool manifestObjectExists(const ManifestObject& object);

} // namespace ipcscope
