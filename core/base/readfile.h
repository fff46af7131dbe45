#pragma once

// Reading a file a user names, or one that sits in a directory a user can write to: a
// recording, a lesson file, a run manifest. Such a path may be a directory, a FIFO with no
// writer (a plain open would block for ever), a device such as /dev/zero (endless) or a
// file of any size, so the reader:
//   - looks at the path with stat() first and never opens anything but a regular file
//     (opening a FIFO or a device can itself have effects);
//   - opens with O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, so a path swapped for a FIFO
//     between the stat and the open cannot hang it, and checks the open file with fstat();
//   - refuses a file whose st_size is over `maxBytes`, and reads at most `maxBytes` even when
//     the file grows meanwhile (or reports a size of 0, as /proc files do).
// Errors are sentences naming the file and the problem: "/tmp/x is a FIFO, not a regular
// file", "/tmp/big.ipcrec is larger than the 64 MiB a recording may have (it has 80 MiB)".

#include "base/result.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace ipcscope {

// `what` names the kind of file in the size error ("a recording", "a lesson file").
Result<std::string> readSmallFile(const std::string& path, std::size_t maxBytes,
                                  std::string_view what = "a file");

// The same checks and limit on a file already open (for example with openat() and O_NOFOLLOW
// from a directory the caller has verified); `path` only names it in errors. Does not close fd.
Result<std::string> readSmallFileFrom(int fd, const std::string& path, std::size_t maxBytes,
                                      std::string_view what = "a file");

// "64 MiB", "1 KiB", "1000 bytes": a limit as the error sentences print it.
std::string formatByteLimit(std::size_t bytes);

} // namespace ipcscope
