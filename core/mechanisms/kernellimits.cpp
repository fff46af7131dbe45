#include "kernellimits.h"

#include <climits>
#include <fstream>
#include <sstream>
#include <utility>

namespace ipcscope {

namespace {

std::optional<std::uint64_t> readNumber(const std::string& path) {
    std::ifstream in(path);
    std::uint64_t value = 0;
    if (in >> value) {
        return value;
    }
    return std::nullopt;
}

} // namespace

bool hasSysResourceCapability(const std::string& procRoot) {
    std::ifstream in(procRoot + "/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("CapEff:", 0) == 0) {
            std::uint64_t caps = 0;
            std::istringstream(line.substr(7)) >> std::hex >> caps;
            constexpr int kCapSysResource = 24; // linux/capability.h
            return (caps >> kCapSysResource) & 1;
        }
    }
    return false;
}

KernelLimits KernelLimits::read(const std::string& procRoot) {
    KernelLimits l;
    // One number a file (proc(5): /proc/sys/kernel, /proc/sys/fs/mqueue, ...).
    using Field = std::optional<std::uint64_t> KernelLimits::*;
    static constexpr std::pair<const char*, Field> kFiles[] = {
        {"/sys/kernel/msgmax", &KernelLimits::msgmax},
        {"/sys/kernel/msgmnb", &KernelLimits::msgmnb},
        {"/sys/kernel/msgmni", &KernelLimits::msgmni},
        {"/sys/kernel/shmmax", &KernelLimits::shmmax},
        {"/sys/kernel/shmall", &KernelLimits::shmall},
        {"/sys/kernel/shmmni", &KernelLimits::shmmni},
        {"/sys/fs/mqueue/msg_max", &KernelLimits::mqMsgMax},
        {"/sys/fs/mqueue/msgsize_max", &KernelLimits::mqMsgsizeMax},
        {"/sys/fs/mqueue/msg_default", &KernelLimits::mqMsgDefault},
        {"/sys/fs/mqueue/msgsize_default", &KernelLimits::mqMsgsizeDefault},
        {"/sys/fs/mqueue/queues_max", &KernelLimits::mqQueuesMax},
        {"/sys/fs/pipe-max-size", &KernelLimits::pipeMaxSize},
        {"/sys/net/core/wmem_max", &KernelLimits::wmemMax},
    };
    for (const auto& [file, field] : kFiles) {
        l.*field = readNumber(procRoot + file);
    }
    {
        std::ifstream in(procRoot + "/sys/kernel/sem"); // four numbers on one line
        std::uint64_t msl, mns, opm, mni;
        if (in >> msl >> mns >> opm >> mni) {
            l.semmsl = msl;
            l.semmns = mns;
            l.semopm = opm;
            l.semmni = mni;
        }
    }
    l.pipeBuf = PIPE_BUF;
    l.mayExceedSoftLimits = hasSysResourceCapability(procRoot);
    return l;
}

} // namespace ipcscope
