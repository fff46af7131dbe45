#include "naming.h"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace ipcscope {

std::string runtimeBaseDir()
{
    if (const char* xdg = std::getenv("XDG_RUNTIME_DIR"); xdg && *xdg) {
        struct stat st {};
        if (::stat(xdg, &st) == 0 && S_ISDIR(st.st_mode) && ::access(xdg, W_OK) == 0) {
            return std::string(xdg) + "/ipcscope";
        }
    }
    return "/tmp/ipcscope-" + std::to_string(::getuid());
}

std::optional<pid_t> labPidFromPosixName(std::string_view name)
{
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
    if (ec != std::errc() || end == name.data() || end == name.data() + name.size() || *end != '.' || pid <= 0) {
        return std::nullopt;
    }
    return pid;
}

std::optional<std::uint64_t> processStartTime(pid_t pid, const std::string& procRoot)
{
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

} // namespace ipcscope
