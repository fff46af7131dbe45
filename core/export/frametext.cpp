#include "frametext.h"

#include <algorithm>
#include <initializer_list>
#include <string_view>

namespace ipcscope {

std::string processName(const ProcessFrame& process) {
    if (process.worker) {
        return process.worker->name();
    }
    if (!process.command.empty()) {
        return process.command;
    }
    return "pid " + std::to_string(process.pid);
}

std::string waitCallName(const ProcessFrame& process) {
    return process.callName.empty() ? std::string(callName(process.call)) : process.callName;
}

std::string channelName(const ChannelFrame& channel) {
    const std::string kind(channelKindName(channel.kind));
    if (channel.identity.empty()) {
        return kind;
    }
    // Observed objects name their kind ("pipe:[88123]", "sysv-msg 5"); a Lab run's pipe is
    // "pipe", its queue "msqid 5".
    const bool saysKind = channel.identity.compare(0, kind.size(), kind) == 0 ||
                          (kind == "pipe" && channel.identity.starts_with("pipe"));
    return saysKind ? channel.identity : kind + " " + channel.identity;
}

std::string waitObjectName(const Frame& frame, const ProcessFrame& process) {
    std::string name;
    if (process.waitChannel && *process.waitChannel < frame.channels.size()) {
        name = channelName(frame.channels[*process.waitChannel]);
    }
    if (!process.objectName.empty()) {
        name += name.empty() ? process.objectName : " (" + process.objectName + ")";
    }
    return name;
}

std::string waitName(const Frame& frame, const ProcessFrame& process) {
    const std::string object = waitObjectName(frame, process);
    const std::string call = waitCallName(process);
    if (!object.empty()) {
        return call + " " + object;
    }
    return process.waitDetail.empty() ? call : call + " (" + process.waitDetail + ")";
}

WaitSide waitSide(const ProcessFrame& process) {
    if (!process.callName.empty()) {
        const auto direction = dataDirectionOfCall(process.callName);
        return !direction                              ? WaitSide::Any
               : *direction == EndpointDirection::Send ? WaitSide::Send
                                                       : WaitSide::Receive;
    }
    switch (process.call) {
    case CallKind::Write:
    case CallKind::Msgsnd:
    case CallKind::MqSend:
    case CallKind::Send:
        return WaitSide::Send;
    case CallKind::Read:
    case CallKind::Msgrcv:
    case CallKind::MqReceive:
    case CallKind::Recv:
        return WaitSide::Receive;
    default:
        return WaitSide::Any;
    }
}

} // namespace ipcscope
