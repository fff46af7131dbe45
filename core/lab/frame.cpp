#include "frame.h"

#include <algorithm>
#include <cstring>

namespace ipcscope {

namespace {

std::string signalName(int sig) {
    const char* abbrev = sigabbrev_np(sig);
    return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

} // namespace

std::string_view phaseName(RunPhase phase) {
    switch (phase) {
    case RunPhase::Running:
        return "running";
    case RunPhase::Stopping:
        return "stopping";
    case RunPhase::Draining:
        return "draining";
    case RunPhase::Finished:
        return "finished";
    }
    return "?";
}

std::string WorkerExitInfo::describe() const {
    if (signaled) {
        return "killed by " + signalName(signal) + (killedByLab ? " (did not stop in time)" : "");
    }
    return "exit " + std::to_string(code);
}

std::string WorkerId::name() const {
    return std::string(roleName(role)) + " " + std::to_string(index);
}

std::string_view channelKindName(const ChannelKind& kind) {
    if (const auto* m = std::get_if<Mechanism>(&kind)) {
        return mechanismInfo(*m).name;
    }
    return ipcKindName(std::get<IpcKind>(kind));
}

std::string_view directionName(EndpointDirection direction) {
    switch (direction) {
    case EndpointDirection::Send:
        return "send";
    case EndpointDirection::Receive:
        return "receive";
    case EndpointDirection::Both:
        return "both";
    }
    return "?";
}

std::optional<EndpointDirection> dataDirectionOfCall(std::string_view call) {
    static constexpr std::string_view sends[] = {"write",    "writev", "pwrite64",    "pwritev",
                                                 "pwritev2", "send",   "sendto",      "sendmsg",
                                                 "sendmmsg", "msgsnd", "mq_timedsend"};
    static constexpr std::string_view receives[] = {
        "read",     "readv",   "pread64",  "preadv", "preadv2",        "recv",
        "recvfrom", "recvmsg", "recvmmsg", "msgrcv", "mq_timedreceive"};
    if (std::find(std::begin(sends), std::end(sends), call) != std::end(sends)) {
        return EndpointDirection::Send;
    }
    if (std::find(std::begin(receives), std::end(receives), call) != std::end(receives)) {
        return EndpointDirection::Receive;
    }
    return std::nullopt;
}

bool RateMeter::update(double timeS, std::uint64_t messages, std::uint64_t bytes) {
    if (m_lastTimeS >= 0 && timeS - m_lastTimeS < m_intervalS) {
        return false;
    }
    if (m_lastTimeS >= 0) {
        const double dt = timeS - m_lastTimeS;
        // Counters only grow; a smaller one is a new process in the same place: no rate yet.
        m_messagesPerS = messages >= m_lastMessages ? double(messages - m_lastMessages) / dt : 0;
        m_bytesPerS = bytes >= m_lastBytes ? double(bytes - m_lastBytes) / dt : 0;
    }
    const bool measured = m_lastTimeS >= 0;
    m_lastTimeS = timeS;
    m_lastMessages = messages;
    m_lastBytes = bytes;
    return measured;
}

void measureEndpointRates(Frame& frame, std::vector<RateMeter>& meters) {
    if (meters.size() != frame.endpoints.size()) {
        meters.assign(frame.endpoints.size(), RateMeter{});
    }
    const double nowS = double(frame.elapsedNs) / 1e9;
    for (std::size_t i = 0; i < frame.endpoints.size(); ++i) {
        EndpointFrame& e = frame.endpoints[i];
        if (e.estimated) {
            continue; // measured where the estimate was made
        }
        meters[i].update(nowS, e.messages, e.bytes);
        e.messagesPerS = meters[i].messagesPerS();
        e.bytesPerS = meters[i].bytesPerS();
    }
}

void addLabEndpoints(Frame& frame) {
    frame.endpoints.clear();
    if (frame.channels.empty()) {
        return;
    }
    frame.endpoints.reserve(frame.processes.size());
    for (std::size_t i = 0; i < frame.processes.size(); ++i) {
        const ProcessFrame& p = frame.processes[i];
        EndpointFrame e;
        e.process = i;
        e.channel = 0;
        e.direction =
            p.isWorker(Role::Consumer) ? EndpointDirection::Receive : EndpointDirection::Send;
        e.messages = p.messages;
        e.bytes = p.bytes;
        frame.endpoints.push_back(e);
    }
}

double Frame::messagesPerS(std::size_t process) const {
    double sent = 0, received = 0;
    for (const EndpointFrame& e : endpoints) {
        if (e.process == process) {
            (e.sends() ? sent : received) += e.messagesPerS;
        }
    }
    return std::max(sent, received);
}

bool RunReport::workersFailed() const {
    for (const auto& w : workers) {
        if (!w.exit || w.exit->signaled || w.exit->code != 0) {
            return true;
        }
    }
    return false;
}

int RunReport::exitStatus() const {
    if (!totals.clean()) {
        return 3;
    }
    return workersFailed() ? 1 : 0;
}

} // namespace ipcscope
