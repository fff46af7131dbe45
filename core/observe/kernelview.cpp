#include "kernelview.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>
#include <sys/syscall.h>

namespace ipcscope {

std::string KernelTaskView::stateText() const {
    switch (state) {
    case 'R':
        return "running";
    case 'S':
        return "sleeping";
    case 'D':
        return "waiting (uninterruptible)";
    case 'T':
        return "stopped";
    case 't':
        return "traced";
    case 'Z':
        return "zombie";
    case 'X':
        return "dead";
    case 'I':
        return "idle";
    default:
        return "unknown";
    }
}

std::string syscallName(long n) {
    switch (n) {
    case SYS_read:
        return "read";
    case SYS_write:
        return "write";
#ifdef SYS_open
    case SYS_open:
        return "open";
#endif
    case SYS_openat:
        return "openat";
    case SYS_preadv2:
        return "preadv2";
    case SYS_pwritev2:
        return "pwritev2";
    case SYS_msgsnd:
        return "msgsnd";
    case SYS_msgrcv:
        return "msgrcv";
#ifdef SYS_semop
    case SYS_semop:
        return "semop";
#endif
    case SYS_semtimedop:
        return "semtimedop";
    case SYS_mq_timedsend:
        return "mq_timedsend";
    case SYS_mq_timedreceive:
        return "mq_timedreceive";
    case SYS_futex:
        return "futex";
    case SYS_sendto:
        return "sendto";
    case SYS_recvfrom:
        return "recvfrom";
    case SYS_sendmsg:
        return "sendmsg";
    case SYS_recvmsg:
        return "recvmsg";
    case SYS_clock_nanosleep:
        return "clock_nanosleep";
    case SYS_nanosleep:
        return "nanosleep";
#ifdef SYS_poll
    case SYS_poll:
        return "poll";
#endif
    case SYS_ppoll:
        return "ppoll";
    case SYS_readv:
        return "readv";
    case SYS_writev:
        return "writev";
    case SYS_accept:
        return "accept";
    case SYS_accept4:
        return "accept4";
    case SYS_connect:
        return "connect";
#ifdef SYS_epoll_wait
    case SYS_epoll_wait:
        return "epoll_wait";
#endif
    case SYS_epoll_pwait:
        return "epoll_pwait";
#ifdef SYS_epoll_pwait2
    case SYS_epoll_pwait2:
        return "epoll_pwait2";
#endif
#ifdef SYS_select
    case SYS_select:
        return "select";
#endif
    case SYS_pselect6:
        return "pselect6";
    case SYS_wait4:
        return "wait4";
    default:
        return "";
    }
}

std::optional<char> stateOfStatLine(std::string_view stat) {
    const auto close = stat.rfind(')');
    if (close == std::string_view::npos || close + 2 >= stat.size()) {
        return std::nullopt;
    }
    return stat[close + 2];
}

bool parseSyscallLine(std::string_view line, std::optional<long>& number,
                      std::array<std::uint64_t, 6>& args) {
    number.reset();
    args = {};
    if (line.starts_with("running")) {
        return true;
    }
    const auto word = [&line]() {
        while (!line.empty() && (line.front() == ' ' || line.front() == '\n')) {
            line.remove_prefix(1);
        }
        const std::size_t end = std::min(line.find_first_of(" \n"), line.size());
        const std::string_view w = line.substr(0, end);
        line.remove_prefix(end);
        return w;
    };
    const std::string_view nrText = word();
    long nr = 0;
    if (std::from_chars(nrText.data(), nrText.data() + nrText.size(), nr).ec != std::errc()) {
        return false;
    }
    if (nr < 0) {
        return true;
    }
    number = nr;
    for (auto& arg : args) {
        std::string_view w = word();
        if (w.starts_with("0x")) {
            w.remove_prefix(2);
        }
        std::from_chars(w.data(), w.data() + w.size(), arg, 16);
    }
    return true;
}

std::optional<KernelTaskView> readKernelTaskView(pid_t pid, const std::string& procRoot) {
    const std::string base = procRoot + "/" + std::to_string(pid) + "/";
    KernelTaskView v;
    {
        std::ifstream in(base + "stat");
        std::string line;
        if (!std::getline(in, line)) {
            return std::nullopt;
        }
        const auto state = stateOfStatLine(line);
        if (!state) {
            return std::nullopt;
        }
        v.state = *state;
    }
    {
        std::ifstream in(base + "wchan");
        std::getline(in, v.wchan);
        if (v.wchan == "0") {
            v.wchan.clear();
        }
    }
    {
        std::ifstream in(base + "syscall");
        if (std::getline(in, v.syscallText)) {
            // "running", "-1 <sp> <pc>" when not in a call, else "NR arg1 ... arg6 sp pc".
            std::istringstream fields(v.syscallText);
            long nr;
            if (fields >> nr && nr >= 0) {
                v.syscall = nr;
                v.syscallName = syscallName(nr);
            }
        }
    }
    return v;
}

} // namespace ipcscope
