#include "mechanism.h"

namespace ipcscope {

const std::array<MechanismInfo, 9>& allMechanisms() {
    static const std::array<MechanismInfo, 9> table{{
        {Mechanism::Pipe, "pipe", "Anonymous pipe",
         "pipe(2) shared by related processes; bytes, blocking when full or empty", "bytes", true,
         true},
        {Mechanism::Fifo, "fifo", "FIFO (named pipe)",
         "mkfifo(3) path opened by unrelated processes; open waits for the other side", "bytes",
         true, true},
        {Mechanism::SysvMsg, "sysv-msg", "System V message queue",
         "msgget/msgsnd/msgrcv; typed messages, consumers may select a type", "bytes", true, true},
        {Mechanism::SysvShm, "sysv-shm", "System V shared memory + semaphores",
         "ring of slots in shmget memory guarded by semaphores empty/full/mutex", "slots", true,
         true},
        {Mechanism::SysvSem, "sysv-sem", "System V semaphores",
         "counting semaphore tokens: producers V, consumers P, capacity by a second semaphore",
         "tokens", false, false},
        {Mechanism::PosixMq, "posix-mq", "POSIX message queue",
         "mq_open/mq_send/mq_receive; messages with priorities", "messages", true, true},
        {Mechanism::PosixShm, "posix-shm", "POSIX shared memory + named semaphores",
         "ring of slots in shm_open memory guarded by sem_open semaphores", "slots", true, true},
        {Mechanism::UnixStream, "unix-stream", "Unix domain socket (stream)",
         "socketpair(AF_UNIX, SOCK_STREAM); bytes", "bytes", true, true},
        {Mechanism::UnixDgram, "unix-dgram", "Unix domain socket (datagram)",
         "socketpair(AF_UNIX, SOCK_DGRAM); one message per datagram", "bytes", true, true},
    }};
    return table;
}

const MechanismInfo& mechanismInfo(Mechanism m) {
    return allMechanisms()[std::size_t(m)];
}

std::optional<Mechanism> parseMechanism(std::string_view name) {
    for (const auto& info : allMechanisms()) {
        if (info.name == name) {
            return info.id;
        }
    }
    return std::nullopt;
}

std::string_view roleName(Role role) {
    return role == Role::Producer ? "producer" : "consumer";
}

std::string_view textMessageName(TextMessage t) {
    switch (t) {
    case TextMessage::None:
        return "none";
    case TextMessage::Text:
        return "n";
    case TextMessage::TextAndNul:
        return "n+1";
    }
    return "none";
}

} // namespace ipcscope
