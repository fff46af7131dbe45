// System V message queue: the lab's channel (msgget(2), msgctl(2)).

#include "mechanisms/channels.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/msg.h>

namespace ipcscope {

namespace {

class SysvMsgChannel final : public Channel {
public:
    // Owns the queue from construction on: every early return below removes it.
    SysvMsgChannel(int id, key_t key, std::uint32_t messageSize, bool receivesByType)
        : m_id(id)
        , m_key(key)
        , m_messageSize(messageSize)
        , m_receivesByType(receivesByType) {}
    void setCapacity(std::uint64_t qbytes) { m_qbytes = qbytes; }
    ~SysvMsgChannel() override { ::msgctl(m_id, IPC_RMID, nullptr); }

    EndpointSpec endpoint(Role, std::uint32_t) const override {
        return {{}, {{"msqid", std::to_string(m_id)}}};
    }

    ChannelGauge gauge() const override {
        // IPC_STAT reads the queue's bookkeeping; it takes no message and wakes nobody.
        ChannelGauge g;
        msqid_ds ds{};
        if (::msgctl(m_id, IPC_STAT, &ds) != 0) {
            g.problem =
                errno == EIDRM || errno == EINVAL
                    ? "the message queue was removed by someone else"
                    : "cannot read the message queue's state: " + std::string(std::strerror(errno));
            return g;
        }
        g.depth = ds.__msg_cbytes;
        g.depthBytes = ds.__msg_cbytes;
        g.values = {{"messages queued", (long long)ds.msg_qnum},
                    {"last sender pid", (long long)ds.msg_lspid},
                    {"last receiver pid", (long long)ds.msg_lrpid}};
        // msgsnd waits while the message does not fit (ipc/msg.c msg_fits: its bytes and one
        // more message against msg_qbytes); msgrcv for any type only on an empty queue, for one
        // type also while only other types are queued (which IPC_STAT cannot tell).
        const bool fits =
            ds.__msg_cbytes + m_messageSize <= ds.msg_qbytes && ds.msg_qnum + 1 <= ds.msg_qbytes;
        std::optional<bool> receiverMayWait = ds.msg_qnum == 0;
        if (!*receiverMayWait && m_receivesByType) {
            receiverMayWait.reset();
        }
        g.waitsPossible = {{!fits, receiverMayWait}};
        return g;
    }
    std::uint64_t capacity() const override { return m_qbytes; }
    std::uint64_t capacityInMessages() const override {
        // The kernel also caps the number of messages at msg_qbytes (one byte each at least).
        return m_qbytes / m_messageSize + 1;
    }
    std::vector<ManifestObject> objects() const override {
        return {{ObjectKind::SysvMsg, m_id, m_key, {}}};
    }

private:
    int m_id;
    key_t m_key;
    std::uint64_t m_qbytes = 0;
    std::uint32_t m_messageSize;
    bool m_receivesByType; // some consumer asks for one type (msgtyp != 0)
};

} // namespace

Result<std::unique_ptr<Channel>> createSysvMsgChannel(const RunConfig& config,
                                                      const RunContext& context) {
    int id = -1;
    key_t key = 0;
    for (std::uint32_t attempt = 0; attempt < 64 && id < 0; ++attempt) {
        key = sysvKeyCandidate(context, attempt, 0);
        id = ::msgget(key, IPC_CREAT | IPC_EXCL | 0600);
        if (id < 0 && errno != EEXIST) {
            const int err = errno;
            std::string why = "cannot create a System V message queue";
            if (err == ENOSPC && context.limits.msgmni) {
                why +=
                    " (the system already has msgmni = " + std::to_string(*context.limits.msgmni) +
                    " queues)";
            }
            return Error::fromErrno(why, err);
        }
    }
    if (id < 0) {
        return Error{"cannot find a free System V key for the message queue after 64 attempts"};
    }
    const bool byType = std::any_of(config.receiveTypes.begin(), config.receiveTypes.end(),
                                    [](long type) { return type != 0; });
    auto channel = std::make_unique<SysvMsgChannel>(id, key, config.messageSize, byType);
    msqid_ds ds{};
    if (::msgctl(id, IPC_STAT, &ds) != 0) {
        return Error::fromErrno("cannot read the new message queue"); // ~SysvMsgChannel removes it
    }
    if (config.capacity) {
        ds.msg_qbytes = msglen_t(*config.capacity);
        if (::msgctl(id, IPC_SET, &ds) != 0) {
            return Error::fromErrno("cannot set the queue capacity (msg_qbytes) to " +
                                    std::to_string(*config.capacity) + " bytes");
        }
    }
    channel->setCapacity(ds.msg_qbytes);
    return std::unique_ptr<Channel>(std::move(channel));
}

} // namespace ipcscope
