#pragma once

// Small readers for /proc: a whole file with plain read(2), a directory's entries. Both
// return what they got without waiting on anything but the kernel (see boundedcall.h for
// the files that can make even that wait).

#include <cstddef>
#include <cstdint>
#include <dirent.h>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipcscope {

// The whole file (at most maxBytes), or nullopt (errno set) when it cannot be opened.
std::optional<std::string> readProcFile(const std::string& path,
                                        std::size_t maxBytes = std::size_t(16) << 20);

// Calls fn(name) for each entry but "." and ".." (raw bytes: names may hold anything but '/'
// and NUL). false (errno set) when the directory cannot be opened.
template <typename Fn> bool forEachDirEntry(const std::string& dir, Fn&& fn) {
    DIR* d = ::opendir(dir.c_str());
    if (!d) {
        return false;
    }
    while (dirent* e = ::readdir(d)) {
        const std::string_view name(e->d_name);
        if (name != "." && name != "..") {
            fn(name);
        }
    }
    ::closedir(d);
    return true;
}

// A line of /proc/PID/maps that maps a file: "start-end perms offset dev inode path".
struct MappedFile {
    std::uint64_t start = 0, end = 0;
    std::uint64_t inode = 0; // for "/SYSV%08x (deleted)" the shmid
    std::string path;        // without the " (deleted)" the kernel appends
};
// The file-backed lines of a maps file (anonymous, [heap], [stack], ... left out).
std::vector<MappedFile> mappedFiles(const std::string& maps);

// The access mode (O_RDONLY, O_WRONLY, O_RDWR) from /proc/PID/fdinfo/N's octal "flags:".
std::optional<int> fdinfoAccessMode(const std::optional<std::string>& fdinfo);

} // namespace ipcscope
