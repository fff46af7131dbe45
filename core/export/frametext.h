#pragma once

// How the exports name what a frame holds: a process, the call it waits in, the object it waits
// on. One place, so the trace's slices and the graph's labels say the same.

#include "lab/frame.h"

#include <string>

namespace ipcscope {

// "producer 0" for a Lab worker, the command for an observed process, else "pid 4711".
std::string processName(const ProcessFrame& process);
// "write", "msgrcv", "epoll_wait": the observed call's name, else the Lab call's.
std::string waitCallName(const ProcessFrame& process);
// What a waiting process waits on: "pipe:[88123]", "semid 5 (empty)"; "" when not known.
std::string waitObjectName(const Frame& frame, const ProcessFrame& process);
// "write pipe", "msgrcv sysv-msg 5": call and object; "futex (private futex)" when the object
// is not a channel.
std::string waitName(const Frame& frame, const ProcessFrame& process);
// A channel's name: its identity, with its kind when the identity does not say it
// ("sysv-msg msqid 5").
std::string channelName(const ChannelFrame& channel);
// Whether a waiting process's call waits to send (so readers release it), to receive (so
// writers do), or neither (a semaphore, a poll: anyone on the channel may).
enum class WaitSide { Send, Receive, Any };
WaitSide waitSide(const ProcessFrame& process);

} // namespace ipcscope
