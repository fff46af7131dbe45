// POSIX shared memory + named semaphores: the lab's channel (shm_open(3), sem_open(3)).

#include "mechanisms/posixshm.h"
#include "mechanisms/channels.h"

#include <cerrno>
#include <cstring>

namespace ipcscope {

namespace {

// Unlinks the ring and its semaphores on destruction; keeps its own semaphore handles for the
// gauge (sem_getvalue only reads).
class PosixShmChannel final : public Channel {
public:
    PosixShmChannel(const RunContext& context, std::uint64_t slots)
        : m_ring(context.posixName("ring"))
        , m_slots(slots) {
        for (int i = 0; i < 3; ++i) {
            m_semNames[i] = context.posixName(kRingSemaphoreNames[i]);
        }
    }
    ~PosixShmChannel() override {
        if (m_ringCreated) {
            ::shm_unlink(m_ring.c_str());
        }
        for (int i = 0; i < 3; ++i) {
            if (m_sems[i].valid()) {
                m_sems[i] = NamedSemaphore();
                ::sem_unlink(m_semNames[i].c_str());
            }
        }
    }

    Status create(std::uint32_t messageSize, const Scenario& scenario) {
        UniqueFd fd(::shm_open(m_ring.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
        if (!fd) {
            return Error::fromErrno("cannot create POSIX shared memory " + m_ring);
        }
        m_ringCreated = true;
        const std::size_t bytes = ringBytes(m_slots, messageSize);
        if (::ftruncate(fd.get(), off_t(bytes)) != 0) {
            return Error::fromErrno("cannot size POSIX shared memory " + m_ring + " to " +
                                    std::to_string(bytes) + " bytes");
        }
        void* address = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd.get(), 0);
        if (address == MAP_FAILED) {
            return Error::fromErrno("cannot map POSIX shared memory " + m_ring);
        }
        Mapping mapping(address, bytes);
        initRing(address, std::uint32_t(m_slots), messageSize, scenario.ringWithoutMutex);
        const unsigned initial[3] = {scenario.emptyStartsAtZero ? 0u : unsigned(m_slots), 0, 1};
        for (int i = 0; i < 3; ++i) {
            m_sems[i] = NamedSemaphore(
                ::sem_open(m_semNames[i].c_str(), O_CREAT | O_EXCL, 0600, initial[i]));
            if (!m_sems[i].valid()) {
                return Error::fromErrno("cannot create POSIX semaphore " + m_semNames[i]);
            }
        }
        return Ok{};
    }

    EndpointSpec endpoint(Role, std::uint32_t) const override {
        EndpointSpec spec{{}, {{"ring", m_ring}}};
        for (int i = 0; i < 3; ++i) {
            spec.values.emplace_back(kRingSemaphoreNames[i], m_semNames[i]);
        }
        return spec;
    }

    ChannelGauge gauge() const override {
        ChannelGauge g;
        int values[3];
        for (int i = 0; i < 3; ++i) {
            if (::sem_getvalue(m_sems[i].get(), &values[i]) != 0) {
                g.problem =
                    "cannot read POSIX semaphore " + m_semNames[i] + ": " + std::strerror(errno);
                return g;
            }
            g.values.emplace_back(kRingSemaphoreNames[i], values[i]);
        }
        g.depth = std::uint64_t(std::max(values[kRingFull], 0));
        g.waitsPossible = ChannelGauge::semaphoreWaits({values[0], values[1], values[2]});
        return g; // POSIX semaphores do not tell how many wait: the lab counts blocked workers
    }
    std::uint64_t capacity() const override { return m_slots; }
    std::uint64_t capacityInMessages() const override { return m_slots; }
    std::string objectName(std::uint8_t object) const override { return ringObjectName(object); }
    std::vector<ManifestObject> objects() const override {
        std::vector<ManifestObject> o{{ObjectKind::PosixShm, -1, 0, m_ring}};
        for (int i = 0; i < 3; ++i) {
            o.push_back({ObjectKind::PosixSem, -1, 0, m_semNames[i]});
        }
        return o;
    }

private:
    std::string m_ring;
    std::string m_semNames[3];
    NamedSemaphore m_sems[3];
    bool m_ringCreated = false;
    std::uint64_t m_slots;
};

} // namespace

Result<std::unique_ptr<Channel>> createPosixShmChannel(const RunConfig& config,
                                                       const RunContext& context) {
    auto channel = std::make_unique<PosixShmChannel>(context, config.capacity.value_or(16));
    if (auto s = channel->create(config.messageSize, config.scenario); !s) {
        return s.error(); // the destructor removes whatever was created
    }
    return std::unique_ptr<Channel>(std::move(channel));
}

} // namespace ipcscope
