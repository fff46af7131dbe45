#pragma once

// The bounded buffer of the shared-memory mechanisms, as taught in operating-systems courses:
// a ring of fixed-size slots in shared memory and three semaphores,
//   empty (free slots, starts at N), full (filled slots, starts at 0), mutex (starts at 1).
//   producer: P(empty) P(mutex) put V(mutex) V(full)
//   consumer: P(full)  P(mutex) take V(mutex) V(empty)
// The P operations are separate observed calls so a waiting worker shows *which* semaphore
// it waits on. `Sems` is the System V or POSIX flavour of the three semaphores.

#include "mechanisms/endpoint.h"

#include <cstring>
#include <ctime>
#include <span>
#include <string>

namespace ipcscope {

// Semaphore indexes, also the `object` a blocked worker reports (WorkerFrame::object).
enum RingSemaphore : std::uint8_t { kRingEmpty = 0, kRingFull = 1, kRingMutex = 2 };
inline constexpr const char* kRingSemaphoreNames[] = {"empty", "full", "mutex"};
// The step gates of the ring (classroom step mode: one step is one of these per process),
// as the `object` a held worker reports: P on a semaphore is its index (as when blocked in
// it), V is kRingSignal + its index, the copy into or out of a slot kRingCopy.
inline constexpr std::uint8_t kRingSignal = 3;
inline constexpr std::uint8_t kRingCopy = 6;
inline std::string ringObjectName(std::uint8_t object) {
    if (object < kRingSignal) {
        return kRingSemaphoreNames[object];
    }
    if (object < kRingCopy) {
        return std::string("V(") + kRingSemaphoreNames[object - kRingSignal] + ")";
    }
    return object == kRingCopy ? "copy" : std::string();
}

struct RingHeader {
    static constexpr std::uint64_t kMagic = 0x676e6972706369ull; // "icpring"
    std::uint64_t magic;
    std::uint32_t slots;
    std::uint32_t slotSize;
    std::uint64_t head;         // next slot to fill: guarded by the mutex semaphore
    std::uint64_t tail;         // next slot to empty: guarded by the mutex semaphore
    std::uint32_t withoutMutex; // the classroom's pitfall: producers skip the mutex
};

inline constexpr std::size_t kRingHeaderSize = 64; // keep slots cache-line aligned

inline std::size_t ringBytes(std::uint64_t slots, std::uint32_t slotSize) {
    return kRingHeaderSize + slots * slotSize;
}

inline void initRing(void* base, std::uint32_t slots, std::uint32_t slotSize,
                     bool withoutMutex = false) {
    auto* h = static_cast<RingHeader*>(base);
    *h = RingHeader{RingHeader::kMagic, slots, slotSize, 0, 0, withoutMutex ? 1u : 0u};
}

inline bool ringLooksValid(const void* base, std::size_t mappedBytes, std::uint32_t slotSize) {
    const auto* h = static_cast<const RingHeader*>(base);
    return h->magic == RingHeader::kMagic && h->slotSize == slotSize && h->slots > 0 &&
           ringBytes(h->slots, h->slotSize) <= mappedBytes;
}

template <class Sems> class RingEndpoint {
public:
    RingEndpoint(void* base, Sems sems)
        : m_header(static_cast<RingHeader*>(base))
        , m_sems(std::move(sems))
        , m_withoutMutex(m_header->withoutMutex != 0) {}

    template <class Probe>
    IoResult send(std::span<const std::byte> msg, const SendMeta&, Probe& probe) {
        // Interrupted before we hold a free slot: nothing happened, the loop may stop.
        const IoResult slot = acquire(kRingEmpty, ReceiveMode::Wait, probe);
        if (slot.status != IoStatus::Ok) {
            return slot;
        }
        if (m_withoutMutex) {
            // The pitfall, on purpose: read the index, copy, write the index back. Two producers
            // between the read and the write fill the same slot (a torn or lost message) and
            // advance head once for two messages.
            // The window is widened by a short sleep, as a preemption at that point would:
            // without it the race is real but rare on two cores, and a class would wait long
            // for it.
            probe.stepGate(CallKind::None, kRingCopy);
            const std::uint64_t head = __atomic_load_n(&m_header->head, __ATOMIC_RELAXED);
            const timespec preempted{0, 50'000};
            ::nanosleep(&preempted, nullptr);
            std::memcpy(slotData(head % m_header->slots), msg.data(), msg.size());
            __atomic_store_n(&m_header->head, head + 1, __ATOMIC_RELAXED);
            probe.stepGate(Sems::kSignalCall, kRingSignal + kRingFull);
            return m_sems.v(kRingFull);
        }
        bool stamped = false;
        if (const IoResult lock = lockMutex(probe, stamped); lock.status != IoStatus::Ok) {
            endStamp(probe, stamped);
            return lock;
        }
        probe.stepGate(CallKind::None, kRingCopy);
        std::memcpy(slotData(m_header->head % m_header->slots), msg.data(), msg.size());
        ++m_header->head;
        const IoResult done = finish(kRingFull, probe);
        endStamp(probe, stamped);
        return done;
    }

    template <class Probe>
    IoResult receive(std::span<std::byte> buf, ReceiveMode mode, Probe& probe) {
        const IoResult item = acquire(kRingFull, mode, probe);
        if (item.status != IoStatus::Ok) {
            return item;
        }
        bool stamped = false;
        if (const IoResult lock = lockMutex(probe, stamped); lock.status != IoStatus::Ok) {
            endStamp(probe, stamped);
            return lock;
        }
        probe.stepGate(CallKind::None, kRingCopy);
        std::memcpy(buf.data(), slotData(m_header->tail % m_header->slots), buf.size());
        ++m_header->tail;
        const IoResult done = finish(kRingEmpty, probe);
        endStamp(probe, stamped);
        return done;
    }

private:
    template <class Probe> IoResult acquire(RingSemaphore sem, ReceiveMode mode, Probe& probe) {
        if (mode == ReceiveMode::NoWait) {
            return m_sems.tryP(sem);
        }
        probe.stepGate(Sems::kWaitCall, sem);
        return waitOn(probe, sem);
    }

    // We already hold a slot (or an item): a signal must not make us drop it, so the mutex
    // is retried until we have it. Its holder is always making progress.
    // A wait for the mutex is stamped like any other, but its accounting (a clock read and a
    // few stores) happens after the mutex is released: inside the critical section it would
    // lengthen every hold and so change the contention being observed.
    template <class Probe> IoResult lockMutex(Probe& probe, bool& stamped) {
        probe.stepGate(Sems::kWaitCall, kRingMutex);
        for (;;) {
            if constexpr (Sems::kUserspaceTry && Probe::kInstrumented) {
                const IoResult r = m_sems.tryP(kRingMutex);
                if (r.status != IoStatus::WouldBlock) {
                    return r;
                }
            }
            if constexpr (Probe::kInstrumented) {
                probe.blockBegin(Sems::kWaitCall, kRingMutex);
                stamped = true;
            }
            const IoResult r = m_sems.waitP(kRingMutex);
            if (r.status != IoStatus::Interrupted) {
                return r;
            }
            endStamp(probe, stamped); // we still hold our slot: retry the mutex
        }
    }

    template <class Probe> static void endStamp(Probe& probe, bool& stamped) {
        if constexpr (Probe::kInstrumented) {
            if (stamped) {
                probe.blockEnd();
                stamped = false;
            }
        }
    }

    // P on one semaphore, observed. Where a try is a userspace atomic (POSIX sem_trywait), the
    // state is stamped only when that fast path fails: no system call is added either way, and the
    // uncontended path (an atomic of ~20 ns) is not slowed by clock reads.
    template <class Probe> IoResult waitOn(Probe& probe, std::uint8_t sem) {
        if constexpr (Sems::kUserspaceTry && Probe::kInstrumented) {
            const IoResult r = m_sems.tryP(sem);
            if (r.status != IoStatus::WouldBlock) {
                return r;
            }
        }
        return observedCall(probe, Sems::kWaitCall, sem, [&] { return m_sems.waitP(sem); });
    }

    template <class Probe> IoResult finish(RingSemaphore signal, Probe& probe) {
        probe.stepGate(Sems::kSignalCall, kRingSignal + kRingMutex);
        if (const IoResult r = m_sems.v(kRingMutex); r.status != IoStatus::Ok) {
            return r;
        }
        probe.stepGate(Sems::kSignalCall, kRingSignal + signal);
        return m_sems.v(signal);
    }

    std::byte* slotData(std::uint64_t index) {
        return reinterpret_cast<std::byte*>(m_header) + kRingHeaderSize +
               index * m_header->slotSize;
    }

    RingHeader* m_header;
    Sems m_sems;
    bool m_withoutMutex;
};

} // namespace ipcscope
