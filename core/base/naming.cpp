#include "naming.h"

#include "privatedir.h"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace ipcscope {

std::string runtimeBaseDir() {
    // A sudo or su shell may keep another user's XDG_RUNTIME_DIR: use it only when it is ours.
    if (const char* xdg = std::getenv("XDG_RUNTIME_DIR"); xdg && *xdg && openPrivateDir(xdg)) {
        return std::string(xdg) + "/ipcscope";
    }
    return "/tmp/ipcscope-" + std::to_string(::geteuid());
}

std::optional<pid_t> labPidFromPosixName(std::string_view name) {
    if (name.starts_with('/')) {
        name.remove_prefix(1);
    }
    if (name.starts_with("sem.")) {
        name.remove_prefix(4);
    }
    if (!name.starts_with(kPosixNamePrefix)) {
        return std::nullopt;
    }
    name.remove_prefix(kPosixNamePrefix.size());
    pid_t pid = 0;
    const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), pid);
    if (ec != std::errc() || end == name.data() || end == name.data() + name.size() ||
        *end != '.' || pid <= 0) {
        return std::nullopt;
    }
    return pid;
}

std::optional<std::uint64_t> processStartTime(pid_t pid, const std::string& procRoot) {
    std::ifstream in(procRoot + "/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!in || !std::getline(in, line)) {
        return std::nullopt;
    }
    // The command name (field 2) may contain spaces and parentheses: fields restart after
    // the last ')'.
    const auto close = line.rfind(')');
    if (close == std::string::npos) {
        return std::nullopt;
    }
    std::istringstream rest(line.substr(close + 1));
    std::string field;
    // Fields 3..21 precede starttime (field 22).
    for (int i = 3; i <= 21; ++i) {
        if (!(rest >> field)) {
            return std::nullopt;
        }
    }
    std::uint64_t start = 0;
    if (!(rest >> start)) {
        return std::nullopt;
    }
    return start;
}

std::optional<uid_t> processUid(pid_t pid, const std::string& procRoot) {
    struct stat st {};
    if (pid <= 0 || ::stat((procRoot + "/" + std::to_string(pid)).c_str(), &st) != 0) {
        return std::nullopt;
    }
    return st.st_uid;
}

} // namespace ipcscope
