// System V shared memory + semaphores: the lab's channel (shmget(2), semget(2), semctl(2)).

#include "mechanisms/sysvshm.h"
#include "mechanisms/channels.h"

#include <cerrno>
#include <cstring>

namespace ipcscope {

namespace {

// Removes the segment and the semaphore set it owns on destruction.
class SysvShmChannel final : public Channel {
public:
    SysvShmChannel(int shmid, key_t shmKey, std::uint64_t slots)
        : m_shmid(shmid)
        , m_shmKey(shmKey)
        , m_slots(slots) {}
    ~SysvShmChannel() override {
        ::shmctl(m_shmid, IPC_RMID, nullptr);
        if (m_semid >= 0) {
            ::semctl(m_semid, 0, IPC_RMID);
        }
    }
    void setSemaphores(int semid, key_t key) {
        m_semid = semid;
        m_semKey = key;
    }

    EndpointSpec endpoint(Role, std::uint32_t) const override {
        return {{}, {{"shmid", std::to_string(m_shmid)}, {"semid", std::to_string(m_semid)}}};
    }

    ChannelGauge gauge() const override {
        // GETVAL/GETNCNT/IPC_STAT only read the kernel's bookkeeping.
        ChannelGauge g;
        int values[3];
        for (int i = 0; i < 3; ++i) {
            values[i] = ::semctl(m_semid, i, GETVAL);
            if (values[i] < 0) {
                g.problem =
                    errno == EINVAL || errno == EIDRM
                        ? "the semaphore set was removed by someone else"
                        : "cannot read the semaphores: " + std::string(std::strerror(errno));
                return g;
            }
            g.values.emplace_back(kRingSemaphoreNames[i], values[i]);
        }
        g.depth = std::uint64_t(values[kRingFull]);
        g.waitsPossible = ChannelGauge::semaphoreWaits({values[0], values[1], values[2]});
        const int emptyWaiters = ::semctl(m_semid, kRingEmpty, GETNCNT);
        const int fullWaiters = ::semctl(m_semid, kRingFull, GETNCNT);
        if (emptyWaiters >= 0 && fullWaiters >= 0) {
            g.waitingSenders = std::uint32_t(emptyWaiters);
            g.waitingReceivers = std::uint32_t(fullWaiters);
        }
        shmid_ds ds{};
        if (::shmctl(m_shmid, IPC_STAT, &ds) == 0) {
            g.values.emplace_back("attached", (long long)ds.shm_nattch);
        }
        return g;
    }
    Result<std::uint32_t> removeWhileAttached() override {
        if (::shmctl(m_shmid, IPC_RMID, nullptr) != 0) {
            return Error::fromErrno("cannot mark the segment for removal");
        }
        shmid_ds ds{};
        if (::shmctl(m_shmid, IPC_STAT, &ds) != 0) {
            return Error::fromErrno("the segment vanished at once (nobody was attached)");
        }
        if ((ds.shm_perm.mode & SHM_DEST) == 0) {
            return Error{"the kernel did not mark the segment destroy-pending"};
        }
        return std::uint32_t(ds.shm_nattch);
    }
    std::uint64_t capacity() const override { return m_slots; }
    std::uint64_t capacityInMessages() const override { return m_slots; }
    std::string objectName(std::uint8_t object) const override { return ringObjectName(object); }
    std::vector<ManifestObject> objects() const override {
        std::vector<ManifestObject> o{{ObjectKind::SysvShm, m_shmid, m_shmKey, {}}};
        if (m_semid >= 0) {
            o.push_back({ObjectKind::SysvSem, m_semid, m_semKey, {}});
        }
        return o;
    }

private:
    int m_shmid;
    key_t m_shmKey;
    int m_semid = -1;
    key_t m_semKey = 0;
    std::uint64_t m_slots;
};

} // namespace

Result<int> createSysvSemSet(const RunContext& context, std::uint32_t objectIndex, int count,
                             key_t& keyOut) {
    for (std::uint32_t attempt = 0; attempt < 64; ++attempt) {
        keyOut = sysvKeyCandidate(context, attempt, objectIndex);
        const int id = ::semget(keyOut, count, IPC_CREAT | IPC_EXCL | 0600);
        if (id >= 0) {
            return id;
        }
        if (errno != EEXIST) {
            const int err = errno;
            std::string why = "cannot create a System V semaphore set";
            if (err == ENOSPC && context.limits.semmni) {
                why += " (semmni = " + std::to_string(*context.limits.semmni) +
                       " sets or semmns reached)";
            }
            return Error::fromErrno(why, err);
        }
    }
    return Error{"cannot find a free System V key for a semaphore set after 64 attempts"};
}

Result<std::unique_ptr<Channel>> createSysvShmChannel(const RunConfig& config,
                                                      const RunContext& context) {
    const std::uint64_t slots = config.capacity.value_or(16);
    const std::size_t bytes = ringBytes(slots, config.messageSize);
    int shmid = -1;
    key_t shmKey = 0;
    for (std::uint32_t attempt = 0; attempt < 64 && shmid < 0; ++attempt) {
        shmKey = sysvKeyCandidate(context, attempt, 0);
        shmid = ::shmget(shmKey, bytes, IPC_CREAT | IPC_EXCL | 0600);
        if (shmid < 0 && errno != EEXIST) {
            const int err = errno;
            std::string why = "cannot create a System V shared memory segment of " +
                              std::to_string(bytes) + " bytes";
            if (err == ENOSPC && context.limits.shmmni) {
                why += " (shmmni = " + std::to_string(*context.limits.shmmni) +
                       " segments or shmall reached)";
            }
            return Error::fromErrno(why, err);
        }
    }
    if (shmid < 0) {
        return Error{
            "cannot find a free System V key for the shared memory segment after 64 attempts"};
    }
    auto channel =
        std::make_unique<SysvShmChannel>(shmid, shmKey, slots); // owns the segment from here on
    {
        ShmAttachment attachment(::shmat(shmid, nullptr, 0));
        if (attachment.get() == reinterpret_cast<void*>(-1)) {
            return Error::fromErrno("cannot attach the new shared memory segment");
        }
        initRing(attachment.get(), std::uint32_t(slots), config.messageSize,
                 config.scenario.ringWithoutMutex);
    }
    key_t semKey = 0;
    const auto semid = createSysvSemSet(context, 1, 3, semKey);
    if (!semid) {
        return semid.error();
    }
    channel->setSemaphores(*semid, semKey);
    unsigned short initial[3];
    // The classroom's deadlock: "empty" wrongly starts at 0, so the producer waits for a free
    // slot that only the consumer could free, while the consumer waits for a full one.
    initial[kRingEmpty] =
        config.scenario.emptyStartsAtZero ? 0 : static_cast<unsigned short>(slots);
    initial[kRingFull] = 0;
    initial[kRingMutex] = 1;
    if (::semctl(*semid, 0, SETALL, initial) != 0) {
        return Error::fromErrno("cannot initialise the ring's semaphores");
    }
    return std::unique_ptr<Channel>(std::move(channel));
}

} // namespace ipcscope
