#include "kernellimits.h"

#include <climits>
#include <fstream>
#include <sstream>

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
    const std::string kernel = procRoot + "/sys/kernel/";
    l.msgmax = readNumber(kernel + "msgmax");
    l.msgmnb = readNumber(kernel + "msgmnb");
    l.msgmni = readNumber(kernel + "msgmni");
    l.shmmax = readNumber(kernel + "shmmax");
    l.shmall = readNumber(kernel + "shmall");
    l.shmmni = readNumber(kernel + "shmmni");
    {
        std::ifstream in(kernel + "sem");
        std::uint64_t msl, mns, opm, mni;
        if (in >> msl >> mns >> opm >> mni) {
            l.semmsl = msl;
            l.semmns = mns;
            l.semopm = opm;
            l.semmni = mni;
        }
    }
    const std::string mq = procRoot + "/sys/fs/mqueue/";
    l.mqMsgMax = readNumber(mq + "msg_max");
    l.mqMsgsizeMax = readNumber(mq + "msgsize_max");
    l.mqMsgDefault = readNumber(mq + "msg_default");
    l.mqMsgsizeDefault = readNumber(mq + "msgsize_default");
    l.mqQueuesMax = readNumber(mq + "queues_max");
    l.pipeMaxSize = readNumber(procRoot + "/sys/fs/pipe-max-size");
    l.wmemMax = readNumber(procRoot + "/sys/net/core/wmem_max");
    l.pipeBuf = PIPE_BUF;
    l.mayExceedSoftLimits = hasSysResourceCapability(procRoot);
    return l;
}

} // namespace ipcscope
