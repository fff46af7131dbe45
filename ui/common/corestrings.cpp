#include "common/corestrings.h"

#include <QCoreApplication>

namespace ipcscope {

namespace {

constexpr const char* kContext = "CoreStrings";

QString coreText(const char* text) {
    return QCoreApplication::translate(kContext, text);
}

} // namespace

QString mechanismTitle(Mechanism m) {
    switch (m) {
    case Mechanism::Pipe:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "Anonymous pipe"));
    case Mechanism::Fifo:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "FIFO (named pipe)"));
    case Mechanism::SysvMsg:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "System V message queue"));
    case Mechanism::SysvShm:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "System V shared memory + semaphores"));
    case Mechanism::SysvSem:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "System V semaphores"));
    case Mechanism::PosixMq:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "POSIX message queue"));
    case Mechanism::PosixShm:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "POSIX shared memory + named semaphores"));
    case Mechanism::UnixStream:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "Unix domain socket (stream)"));
    case Mechanism::UnixDgram:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "Unix domain socket (datagram)"));
    }
    return QString::fromUtf8(mechanismInfo(m).title.data());
}

QString mechanismSummary(Mechanism m) {
    switch (m) {
    case Mechanism::Pipe:
        return coreText(QT_TRANSLATE_NOOP(
            "CoreStrings",
            "pipe(2) shared by related processes; bytes, blocking when full or empty"));
    case Mechanism::Fifo:
        return coreText(QT_TRANSLATE_NOOP(
            "CoreStrings",
            "mkfifo(3) path opened by unrelated processes; open waits for the other side"));
    case Mechanism::SysvMsg:
        return coreText(QT_TRANSLATE_NOOP(
            "CoreStrings", "msgget/msgsnd/msgrcv; typed messages, consumers may select a type"));
    case Mechanism::SysvShm:
        return coreText(QT_TRANSLATE_NOOP(
            "CoreStrings",
            "ring of slots in shmget memory guarded by semaphores empty/full/mutex"));
    case Mechanism::SysvSem:
        return coreText(QT_TRANSLATE_NOOP(
            "CoreStrings",
            "counting semaphore tokens: producers V, consumers P, capacity by a second semaphore"));
    case Mechanism::PosixMq:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings",
                                          "mq_open/mq_send/mq_receive; messages with priorities"));
    case Mechanism::PosixShm:
        return coreText(QT_TRANSLATE_NOOP(
            "CoreStrings", "ring of slots in shm_open memory guarded by sem_open semaphores"));
    case Mechanism::UnixStream:
        return coreText(
            QT_TRANSLATE_NOOP("CoreStrings", "socketpair(AF_UNIX, SOCK_STREAM); bytes"));
    case Mechanism::UnixDgram:
        return coreText(QT_TRANSLATE_NOOP(
            "CoreStrings", "socketpair(AF_UNIX, SOCK_DGRAM); one message per datagram"));
    }
    return QString::fromUtf8(mechanismInfo(m).summary.data());
}

QString unitText(std::string_view unit) {
    static constexpr std::pair<std::string_view, const char*> units[] = {
        {"bytes", QT_TRANSLATE_NOOP("CoreStrings", "bytes")},
        {"messages", QT_TRANSLATE_NOOP("CoreStrings", "messages")},
        {"slots", QT_TRANSLATE_NOOP("CoreStrings", "slots")},
        {"tokens", QT_TRANSLATE_NOOP("CoreStrings", "tokens")},
        {"pages", QT_TRANSLATE_NOOP("CoreStrings", "pages")},
    };
    for (const auto& [name, text] : units) {
        if (name == unit) {
            return coreText(text);
        }
    }
    return QString::fromUtf8(unit.data(), qsizetype(unit.size()));
}

QString ipcKindText(IpcKind kind) {
    switch (kind) {
    case IpcKind::SysvMsg:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "System V message queue"));
    case IpcKind::SysvShm:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "System V shared memory"));
    case IpcKind::SysvSem:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "System V semaphore set"));
    case IpcKind::PosixMq:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "POSIX message queue"));
    case IpcKind::PosixShm:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "POSIX shared memory"));
    case IpcKind::PosixSem:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "POSIX named semaphore"));
    case IpcKind::Pipe:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "pipe"));
    case IpcKind::Fifo:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "FIFO"));
    case IpcKind::UnixStream:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "Unix stream socket"));
    case IpcKind::UnixDgram:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "Unix datagram socket"));
    case IpcKind::UnixSeqpacket:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "Unix seqpacket socket"));
    }
    return QString::fromUtf8(ipcKindTitle(kind).data());
}

QString socketStateText(std::string_view state) {
    if (state == "listening") {
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "listening"));
    }
    if (state == "connected") {
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "connected"));
    }
    if (state == "unconnected") {
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "unconnected"));
    }
    if (state == "connecting") {
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "connecting"));
    }
    return QString::fromUtf8(state.data(), qsizetype(state.size())); // "state 12": a number
}

QString roleText(Role role) {
    return role == Role::Producer ? coreText(QT_TRANSLATE_NOOP("CoreStrings", "producer"))
                                  : coreText(QT_TRANSLATE_NOOP("CoreStrings", "consumer"));
}

QString workerName(Role role, std::uint32_t index) {
    return role == Role::Producer
               ? coreText(QT_TRANSLATE_NOOP("CoreStrings", "producer %1")).arg(index)
               : coreText(QT_TRANSLATE_NOOP("CoreStrings", "consumer %1")).arg(index);
}

QString processName(const std::optional<WorkerId>& worker, const std::string& command, pid_t pid) {
    if (worker) {
        return workerName(worker->role, worker->index);
    }
    if (!command.empty()) {
        return QString::fromStdString(command);
    }
    return coreText(QT_TRANSLATE_NOOP("CoreStrings", "process %1")).arg(pid);
}

QString processName(const ProcessFrame& p) {
    return processName(p.worker, p.command, p.pid);
}

QString channelTitle(const ChannelKind& kind) {
    if (const auto* m = std::get_if<Mechanism>(&kind)) {
        return mechanismTitle(*m);
    }
    return ipcKindText(std::get<IpcKind>(kind));
}

QString stateText(WorkerState state) {
    switch (state) {
    case WorkerState::Starting:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "starting"));
    case WorkerState::Running:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "running"));
    case WorkerState::Blocked:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "blocked"));
    case WorkerState::Throttled:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "throttled"));
    case WorkerState::Draining:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "draining"));
    case WorkerState::Exited:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "exited"));
    case WorkerState::Held:
        return coreText(QT_TRANSLATE_NOOP("CoreStrings", "waiting for step"));
    }
    return QString::fromUtf8(stateName(state).data());
}

QString limitDescription(std::string_view resource, std::string_view fallback) {
    static constexpr std::pair<std::string_view, const char*> limits[] = {
        {"MSGMNI", QT_TRANSLATE_NOOP("CoreStrings", "Number of message queues")},
        {"MSGMAX", QT_TRANSLATE_NOOP("CoreStrings", "Max size of message")},
        {"MSGMNB", QT_TRANSLATE_NOOP("CoreStrings", "Default max size of queue")},
        {"SHMMNI", QT_TRANSLATE_NOOP("CoreStrings", "Shared memory segments")},
        {"SHMALL", QT_TRANSLATE_NOOP("CoreStrings", "Shared memory pages")},
        {"SHMMAX", QT_TRANSLATE_NOOP("CoreStrings", "Max size of shared memory segment")},
        {"SHMMIN", QT_TRANSLATE_NOOP("CoreStrings", "Min size of shared memory segment")},
        {"SEMMNI", QT_TRANSLATE_NOOP("CoreStrings", "Number of semaphore identifiers")},
        {"SEMMNS", QT_TRANSLATE_NOOP("CoreStrings", "Total number of semaphores")},
        {"SEMMSL", QT_TRANSLATE_NOOP("CoreStrings", "Max semaphores per semaphore set")},
        {"SEMOPM", QT_TRANSLATE_NOOP("CoreStrings", "Max number of operations per semop(2)")},
        {"SEMVMX", QT_TRANSLATE_NOOP("CoreStrings", "Semaphore max value")},
        {"MQ_QUEUES_MAX", QT_TRANSLATE_NOOP("CoreStrings", "Number of POSIX message queues")},
        {"MQ_MSG_MAX", QT_TRANSLATE_NOOP("CoreStrings", "Max messages per POSIX queue")},
        {"MQ_MSGSIZE_MAX", QT_TRANSLATE_NOOP("CoreStrings", "Max size of a POSIX message")},
        {"MQ_MSG_DEFAULT", QT_TRANSLATE_NOOP("CoreStrings", "Default messages per POSIX queue")},
        {"MQ_MSGSIZE_DEFAULT", QT_TRANSLATE_NOOP("CoreStrings", "Default size of a POSIX message")},
    };
    for (const auto& [name, text] : limits) {
        if (name == resource) {
            return coreText(text);
        }
    }
    return QString::fromUtf8(fallback.data(), qsizetype(fallback.size()));
}

} // namespace ipcscope
