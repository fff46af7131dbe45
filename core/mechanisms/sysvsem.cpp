// System V semaphore tokens: the lab's channel (semget(2), semctl(2)).

#include "mechanisms/sysvsem.h"
#include "mechanisms/channels.h"

#include <cerrno>
#include <cstring>

namespace ipcscope {

namespace {

class SysvSemChannel final : public Channel {
public:
    SysvSemChannel(int semid, key_t key, std::uint64_t tokens)
        : m_semid(semid)
        , m_key(key)
        , m_capacity(tokens) {}
    ~SysvSemChannel() override { ::semctl(m_semid, 0, IPC_RMID); }

    EndpointSpec endpoint(Role, std::uint32_t) const override {
        return {{}, {{"semid", std::to_string(m_semid)}}};
    }

    ChannelGauge gauge() const override {
        ChannelGauge g;
        const int space = ::semctl(m_semid, kTokenSpace, GETVAL);
        const int tokens = ::semctl(m_semid, kTokenTokens, GETVAL);
        if (space < 0 || tokens < 0) {
            g.problem = errno == EINVAL || errno == EIDRM
                            ? "the semaphore set was removed by someone else"
                            : "cannot read the semaphores: " + std::string(std::strerror(errno));
            return g;
        }
        g.depth = std::uint64_t(tokens);
        g.values = {{"space", space}, {"tokens", tokens}};
        g.waitsPossible = ChannelGauge::semaphoreWaits({space, tokens});
        const int senders = ::semctl(m_semid, kTokenSpace, GETNCNT);
        const int receivers = ::semctl(m_semid, kTokenTokens, GETNCNT);
        if (senders >= 0 && receivers >= 0) {
            g.waitingSenders = std::uint32_t(senders);
            g.waitingReceivers = std::uint32_t(receivers);
        }
        return g;
    }
    std::uint64_t capacity() const override { return m_capacity; }
    std::uint64_t capacityInMessages() const override { return m_capacity; }
    std::string objectName(std::uint8_t object) const override {
        return object < 2 ? kTokenSemaphoreNames[object] : std::string();
    }
    std::vector<ManifestObject> objects() const override {
        return {{ObjectKind::SysvSem, m_semid, m_key, {}}};
    }

private:
    int m_semid;
    key_t m_key;
    std::uint64_t m_capacity;
};

} // namespace

Result<std::unique_ptr<Channel>> createSysvSemChannel(const RunConfig& config,
                                                      const RunContext& context) {
    const std::uint64_t tokens = config.capacity.value_or(16);
    key_t key = 0;
    const auto semid = createSysvSemSet(context, 0, 2, key);
    if (!semid) {
        return semid.error();
    }
    auto channel =
        std::make_unique<SysvSemChannel>(*semid, key, tokens); // owns the set from here on
    unsigned short initial[2];
    initial[kTokenSpace] = static_cast<unsigned short>(tokens);
    initial[kTokenTokens] = 0;
    if (::semctl(*semid, 0, SETALL, initial) != 0) {
        return Error::fromErrno("cannot initialise the token semaphores");
    }
    return std::unique_ptr<Channel>(std::move(channel));
}

} // namespace ipcscope
