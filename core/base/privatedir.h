#pragma once

// Directories and files that only the caller could have written: the trust root of everything
// ipcscope removes on its own (run directories and their manifests, DESIGN.md §5). A shared /tmp
// lets any user pre-create a name, so a path is trusted only after it was opened without
// following symlinks (O_NOFOLLOW, relative to a directory already verified) and fstat showed it
// owned by the effective uid and writable by nobody else.

#include "base/result.h"
#include "base/uniquefd.h"

#include <cstddef>
#include <fcntl.h>
#include <string>
#include <string_view>

namespace ipcscope {

// Opens `name` (relative to `parentFd`, or a path with AT_FDCWD) as a directory only the caller
// can write. The error says why in words ("owned by uid 1001, not by you (uid 0)", "writable by
// group or others (mode 0777)", "a symbolic link", "not a directory"); errnoValue is ENOENT when
// it does not exist.
Result<UniqueFd> openPrivateDir(const std::string& name, int parentFd = AT_FDCWD);

// Creates the directory with mode 0700 when missing, then opens it as openPrivateDir() does: an
// existing one (perhaps planted by another user) must pass the same checks.
Result<UniqueFd> createPrivateDir(const std::string& path);

// Reads the regular file `name` in the verified directory `dirFd` when only the caller could
// have written it (same checks as openPrivateDir), at most `maxBytes` (base/readfile.h): a FIFO,
// a device, a symlink or a larger file is refused, never read. Errors are sentences naming
// `path` ("/tmp/ipcscope-0/run-1-1/manifest is a symbolic link").
Result<std::string> readPrivateFileAt(int dirFd, const std::string& name, const std::string& path,
                                      std::size_t maxBytes, std::string_view what);

} // namespace ipcscope
