#include "privatedir.h"

#include "readfile.h"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ipcscope {

namespace {

std::string octalMode(mode_t mode) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04o", unsigned(mode & 07777));
    return buf;
}

// Why `st` cannot be trusted as written only by the caller; empty when it can.
std::string distrust(const struct stat& st) {
    const uid_t me = ::geteuid();
    if (st.st_uid != me) {
        return "owned by uid " + std::to_string(st.st_uid) + ", not by you (uid " +
               std::to_string(me) + ")";
    }
    if (st.st_mode & (S_IWGRP | S_IWOTH)) {
        return "writable by group or others (mode " + octalMode(st.st_mode) + ")";
    }
    return {};
}

Result<UniqueFd> openChecked(const std::string& name, int parentFd, int flags, bool directory) {
    UniqueFd fd(::openat(parentFd, name.c_str(), flags | O_NOFOLLOW | O_CLOEXEC));
    if (!fd) {
        const int err = errno;
        // With O_DIRECTORY a symlink fails as ENOTDIR, not ELOOP: look at what it is.
        struct stat st {};
        if ((err == ELOOP || err == ENOTDIR) &&
            ::fstatat(parentFd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISLNK(st.st_mode)) {
            return Error{"a symbolic link", ELOOP};
        }
        if (err == ENOTDIR) {
            return Error{"not a directory", err};
        }
        if (err == ENOENT) {
            return Error{"does not exist", err};
        }
        return Error::fromErrno("cannot be opened", err);
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
        return Error::fromErrno("cannot be inspected");
    }
    if (directory ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode)) {
        return Error{directory ? "not a directory" : "not a regular file", EINVAL};
    }
    if (auto why = distrust(st); !why.empty()) {
        return Error{std::move(why), EPERM};
    }
    return fd;
}

} // namespace

Result<UniqueFd> openPrivateDir(const std::string& name, int parentFd) {
    // O_PATH would not follow the link either, but a real open also proves we may list it.
    return openChecked(name, parentFd, O_RDONLY | O_DIRECTORY, true);
}

Result<UniqueFd> createPrivateDir(const std::string& path) {
    if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) {
        return Error::fromErrno("cannot create the directory " + path);
    }
    auto fd = openPrivateDir(path);
    if (!fd) {
        return Error{path + " is " + fd.error().message + "; refusing to use it",
                     fd.error().errnoValue};
    }
    return fd;
}

Result<std::string> readPrivateFileAt(int dirFd, const std::string& name, const std::string& path,
                                      std::size_t maxBytes, std::string_view what) {
    // O_NONBLOCK: should a FIFO slip in, the open must not wait for a writer (it is refused
    // right after, by the regular-file check).
    auto fd = openChecked(name, dirFd, O_RDONLY | O_NONBLOCK | O_NOCTTY, false);
    if (!fd) {
        return Error{path + " is " + fd.error().message, fd.error().errnoValue};
    }
    return readSmallFileFrom(fd->get(), path, maxBytes, what);
}

} // namespace ipcscope
