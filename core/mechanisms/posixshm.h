#pragma once

// POSIX shared memory ring guarded by named POSIX semaphores: the worker's endpoint
// (shm_open(3), sem_open(3), sem_overview(7)). See ring.h for the protocol.
// A worker killed while holding the mutex leaves it locked (POSIX semaphores have no undo);
// the lab then finds the others stuck and kills them after its deadline.

#include "base/uniquefd.h"
#include "mechanisms/ring.h"

#include <fcntl.h>
#include <memory>
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <utility>

namespace ipcscope {

// A mapping, unmapped on destruction.
class Mapping {
public:
    Mapping() = default;
    Mapping(void* address, std::size_t size)
        : m_address(address)
        , m_size(size) {}
    Mapping(Mapping&& o) noexcept
        : m_address(std::exchange(o.m_address, nullptr))
        , m_size(std::exchange(o.m_size, 0)) {}
    Mapping& operator=(Mapping&& o) noexcept {
        std::swap(m_address, o.m_address);
        std::swap(m_size, o.m_size);
        return *this;
    }
    Mapping(const Mapping&) = delete;
    Mapping& operator=(const Mapping&) = delete;
    ~Mapping() {
        if (m_address) {
            ::munmap(m_address, m_size);
        }
    }
    void* get() const { return m_address; }
    std::size_t size() const { return m_size; }

private:
    void* m_address = nullptr;
    std::size_t m_size = 0;
};

// An open named semaphore, closed on destruction (not unlinked: the lab owns the name).
class NamedSemaphore {
public:
    NamedSemaphore() = default;
    explicit NamedSemaphore(sem_t* sem)
        : m_sem(sem) {}
    NamedSemaphore(NamedSemaphore&& o) noexcept
        : m_sem(std::exchange(o.m_sem, SEM_FAILED)) {}
    NamedSemaphore& operator=(NamedSemaphore&& o) noexcept {
        std::swap(m_sem, o.m_sem);
        return *this;
    }
    NamedSemaphore(const NamedSemaphore&) = delete;
    NamedSemaphore& operator=(const NamedSemaphore&) = delete;
    ~NamedSemaphore() {
        if (m_sem != SEM_FAILED) {
            ::sem_close(m_sem);
        }
    }
    sem_t* get() const { return m_sem; }
    bool valid() const { return m_sem != SEM_FAILED; }

private:
    sem_t* m_sem = SEM_FAILED;
};

struct PosixRingSems {
    static constexpr CallKind kWaitCall = CallKind::SemWait;
    static constexpr CallKind kSignalCall = CallKind::None; // sem_post: no CallKind of its own
    static constexpr bool kUserspaceTry = true; // sem_trywait: an atomic in shared memory
    NamedSemaphore sems[3];

    static IoResult result(int rc) { return rc == 0 ? IoResult::ok() : IoResult::fromErrno(errno); }
    IoResult tryP(std::uint8_t sem) const { return result(::sem_trywait(sems[sem].get())); }
    IoResult waitP(std::uint8_t sem) const { return result(::sem_wait(sems[sem].get())); }
    IoResult v(std::uint8_t sem) const { return result(::sem_post(sems[sem].get())); }
};

class PosixShmEndpoint {
public:
    static Result<PosixShmEndpoint> open(const EndpointParams& params, Role) {
        const auto ring = params.text("ring");
        if (!ring) {
            return ring.error();
        }
        UniqueFd fd(::shm_open(ring->c_str(), O_RDWR | O_CLOEXEC, 0));
        if (!fd) {
            return Error::fromErrno("cannot open POSIX shared memory " + *ring);
        }
        struct stat st {};
        if (::fstat(fd.get(), &st) != 0) {
            return Error::fromErrno("cannot inspect POSIX shared memory " + *ring);
        }
        const std::size_t size = std::size_t(st.st_size);
        if (size < kRingHeaderSize) { // never map past the end: a short file would raise SIGBUS
            return Error{"POSIX shared memory " + *ring + " is too small to hold a ring"};
        }
        void* address = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd.get(), 0);
        if (address == MAP_FAILED) {
            return Error::fromErrno("cannot map POSIX shared memory " + *ring);
        }
        Mapping mapping(address, size);
        if (!ringLooksValid(address, size, params.messageSize)) {
            return Error{"POSIX shared memory " + *ring + " does not hold an ipcscope ring"};
        }
        auto sems = std::make_unique<PosixRingSems>();
        for (int i = 0; i < 3; ++i) {
            const auto name = params.text(kRingSemaphoreNames[i]);
            if (!name) {
                return name.error();
            }
            sems->sems[i] = NamedSemaphore(::sem_open(name->c_str(), 0));
            if (!sems->sems[i].valid()) {
                return Error::fromErrno("cannot open POSIX semaphore " + *name);
            }
        }
        return PosixShmEndpoint(std::move(mapping), std::move(sems));
    }

    template <class Probe>
    IoResult send(std::span<const std::byte> msg, const SendMeta& meta, Probe& probe) {
        return m_ring.send(msg, meta, probe);
    }
    template <class Probe>
    IoResult receive(std::span<std::byte> buf, ReceiveMode mode, Probe& probe) {
        return m_ring.receive(buf, mode, probe);
    }

private:
    struct SemsRef {
        static constexpr CallKind kWaitCall = PosixRingSems::kWaitCall;
        static constexpr CallKind kSignalCall = PosixRingSems::kSignalCall;
        static constexpr bool kUserspaceTry = PosixRingSems::kUserspaceTry;
        const PosixRingSems* s;
        IoResult tryP(std::uint8_t sem) const { return s->tryP(sem); }
        IoResult waitP(std::uint8_t sem) const { return s->waitP(sem); }
        IoResult v(std::uint8_t sem) const { return s->v(sem); }
    };

    PosixShmEndpoint(Mapping mapping, std::unique_ptr<PosixRingSems> sems)
        : m_mapping(std::move(mapping))
        , m_sems(std::move(sems))
        , m_ring(m_mapping.get(), SemsRef{m_sems.get()}) {}

    Mapping m_mapping;
    std::unique_ptr<PosixRingSems> m_sems;
    RingEndpoint<SemsRef> m_ring;
};

} // namespace ipcscope
