#pragma once

// System V shared memory ring guarded by a System V semaphore set: the worker's endpoint
// (shmat(2), semop(2)). See ring.h for the protocol.

#include "mechanisms/ring.h"

#include <sys/sem.h>
#include <sys/shm.h>
#include <utility>

namespace ipcscope {

// The three ring semaphores as one System V set. Only the mutex uses SEM_UNDO: a worker
// killed inside the critical section must not leave the ring locked, while empty/full count
// slots and must keep what a dead worker did (an undo would hand back a slot it filled).
struct SysvRingSems {
    static constexpr CallKind kWaitCall = CallKind::Semop;
    static constexpr CallKind kSignalCall = CallKind::Semop; // V is a semop too
    static constexpr bool kUserspaceTry = false;             // every semop is a system call
    int semid = -1;

    IoResult op(std::uint8_t sem, short delta, bool noWait) const {
        sembuf b{sem, delta, short((sem == kRingMutex ? SEM_UNDO : 0) | (noWait ? IPC_NOWAIT : 0))};
        if (::semop(semid, &b, 1) == 0) {
            return IoResult::ok();
        }
        // A set removed under us: EIDRM while waiting, EINVAL afterwards.
        return errno == EINVAL ? IoResult{IoStatus::Eof, EINVAL} : IoResult::fromErrno(errno);
    }
    IoResult tryP(std::uint8_t sem) const { return op(sem, -1, true); }
    IoResult waitP(std::uint8_t sem) const { return op(sem, -1, false); }
    IoResult v(std::uint8_t sem) const { return op(sem, +1, false); }
};

// A shmat() attachment, detached on destruction.
class ShmAttachment {
public:
    explicit ShmAttachment(void* address = nullptr)
        : m_address(address) {}
    ShmAttachment(ShmAttachment&& o) noexcept
        : m_address(std::exchange(o.m_address, nullptr)) {}
    ShmAttachment& operator=(ShmAttachment&& o) noexcept {
        std::swap(m_address, o.m_address);
        return *this;
    }
    ShmAttachment(const ShmAttachment&) = delete;
    ShmAttachment& operator=(const ShmAttachment&) = delete;
    ~ShmAttachment() {
        if (m_address) {
            ::shmdt(m_address);
        }
    }
    void* get() const { return m_address; }

private:
    void* m_address;
};

class SysvShmEndpoint {
public:
    static Result<SysvShmEndpoint> open(const EndpointParams& params, Role) {
        const auto shmid = params.number("shmid");
        const auto semid = params.number("semid");
        if (!shmid || !semid) {
            return Error{"missing shmid or semid"};
        }
        void* address = ::shmat(int(*shmid), nullptr, 0);
        if (address == reinterpret_cast<void*>(-1)) {
            return Error::fromErrno("cannot attach shared memory segment " +
                                    std::to_string(*shmid));
        }
        ShmAttachment attachment(address);
        shmid_ds ds{};
        if (::shmctl(int(*shmid), IPC_STAT, &ds) != 0) {
            return Error::fromErrno("cannot inspect shared memory segment " +
                                    std::to_string(*shmid));
        }
        if (!ringLooksValid(address, ds.shm_segsz, params.messageSize)) {
            return Error{"shared memory segment " + std::to_string(*shmid) +
                         " does not hold an ipcscope ring"};
        }
        return SysvShmEndpoint(std::move(attachment), SysvRingSems{int(*semid)});
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
    SysvShmEndpoint(ShmAttachment attachment, SysvRingSems sems)
        : m_attachment(std::move(attachment))
        , m_ring(m_attachment.get(), sems) {}

    ShmAttachment m_attachment;
    RingEndpoint<SysvRingSems> m_ring;
};

} // namespace ipcscope
