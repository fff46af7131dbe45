#include "readfile.h"

#include "format.h"
#include "uniquefd.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace ipcscope {

namespace {

// Nothing when the file is a regular one, else the sentence saying what it is instead.
std::optional<Error> notRegular(const std::string& path, mode_t mode) {
    if (S_ISREG(mode)) {
        return std::nullopt;
    }
    const char* kind = S_ISDIR(mode)    ? "is a directory, "
                       : S_ISFIFO(mode) ? "is a FIFO, "
                       : S_ISCHR(mode)  ? "is a character device, "
                       : S_ISBLK(mode)  ? "is a block device, "
                       : S_ISSOCK(mode) ? "is a socket, "
                                        : "is ";
    return Error{path + " " + kind + "not a regular file"};
}

Error tooLarge(const std::string& path, std::size_t maxBytes, std::string_view what,
               std::optional<std::uint64_t> size) {
    std::string s = path + " is larger than the " + formatByteLimit(maxBytes) + " " +
                    std::string(what) + " may have";
    if (size) {
        s += " (it has " + formatBytes(double(*size)) + ")";
    }
    return Error{std::move(s)};
}

} // namespace

std::string formatByteLimit(std::size_t bytes) {
    constexpr std::size_t kKiB = 1024;
    constexpr std::size_t kMiB = kKiB * kKiB;
    constexpr std::size_t kGiB = kMiB * kKiB;
    if (bytes >= kGiB && bytes % kGiB == 0) {
        return std::to_string(bytes / kGiB) + " GiB";
    }
    if (bytes >= kMiB && bytes % kMiB == 0) {
        return std::to_string(bytes / kMiB) + " MiB";
    }
    if (bytes >= kKiB && bytes % kKiB == 0) {
        return std::to_string(bytes / kKiB) + " KiB";
    }
    return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

Result<std::string> readSmallFile(const std::string& path, std::size_t maxBytes,
                                  std::string_view what) {
    // stat() before open(): a FIFO or a device is refused without being opened at all.
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        return Error::fromErrno("cannot open " + path);
    }
    if (auto e = notRegular(path, st.st_mode)) {
        return *e;
    }
    if (std::uint64_t(st.st_size) > maxBytes) {
        return tooLarge(path, maxBytes, what, std::uint64_t(st.st_size));
    }
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
    if (!fd) {
        return Error::fromErrno("cannot open " + path);
    }
    return readSmallFileFrom(fd.get(), path, maxBytes, what);
}

Result<std::string> readSmallFileFrom(int fd, const std::string& path, std::size_t maxBytes,
                                      std::string_view what) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        return Error::fromErrno("cannot read " + path);
    }
    if (auto e = notRegular(path, st.st_mode)) {
        return *e;
    }
    if (std::uint64_t(st.st_size) > maxBytes) {
        return tooLarge(path, maxBytes, what, std::uint64_t(st.st_size));
    }
    std::string text;
    // One byte past the limit tells a file that grew over it from one that ends at it.
    const std::size_t cap = maxBytes == SIZE_MAX ? maxBytes : maxBytes + 1;
    text.resize(std::min<std::size_t>(std::size_t(st.st_size), maxBytes) + 1);
    std::size_t done = 0;
    while (done < cap) {
        if (done == text.size()) {
            text.resize(std::min(cap, text.size() * 2));
        }
        const ssize_t n = ::read(fd, text.data() + done, text.size() - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return Error::fromErrno("cannot read " + path);
        }
        if (n == 0) {
            break;
        }
        done += std::size_t(n);
    }
    if (done > maxBytes) {
        return tooLarge(path, maxBytes, what, std::nullopt);
    }
    text.resize(done);
    return text;
}

} // namespace ipcscope
