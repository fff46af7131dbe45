#include "procfs.h"

#include "uniquefd.h"

#include <cerrno>
#include <charconv>
#include <fcntl.h>
#include <sstream>

namespace ipcscope {

std::optional<std::string> readProcFile(const std::string& path, std::size_t maxBytes) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
    if (!fd) {
        return std::nullopt;
    }
    std::string out;
    char buf[8192];
    while (out.size() < maxBytes) {
        const ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return out.empty() ? std::nullopt : std::optional(out);
        }
        if (n == 0) {
            break;
        }
        out.append(buf, std::size_t(n));
    }
    return out;
}

std::vector<MappedFile> mappedFiles(const std::string& maps) {
    std::vector<MappedFile> out;
    std::istringstream in(maps);
    std::string line;
    while (std::getline(in, line)) {
        const auto slash = line.find('/');
        if (slash == std::string::npos) {
            continue;
        }
        MappedFile m;
        m.path = line.substr(slash);
        if (m.path.ends_with(" (deleted)")) {
            m.path.resize(m.path.size() - 10);
        }
        std::istringstream fields(line);
        std::string range, perms, offset, dev;
        fields >> range >> perms >> offset >> dev >> m.inode;
        const auto dash = range.find('-');
        if (!fields || dash == std::string::npos) {
            continue;
        }
        std::from_chars(range.data(), range.data() + dash, m.start, 16);
        std::from_chars(range.data() + dash + 1, range.data() + range.size(), m.end, 16);
        out.push_back(std::move(m));
    }
    return out;
}

std::optional<int> fdinfoAccessMode(const std::optional<std::string>& fdinfo) {
    if (!fdinfo) {
        return std::nullopt;
    }
    const auto at = fdinfo->find("flags:");
    if (at == std::string::npos) {
        return std::nullopt;
    }
    unsigned flags = 0;
    std::istringstream(fdinfo->substr(at + 6)) >> std::oct >> flags;
    return int(flags & O_ACCMODE);
}

} // namespace ipcscope
