#include "telemetry.h"

#include "base/clock.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <fstream>
#include <linux/futex.h>
#include <new>
#include <string>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <utility>

namespace ipcscope {

std::string_view callName(CallKind call) {
    switch (call) {
    case CallKind::None:
        return "";
    case CallKind::Write:
        return "write";
    case CallKind::Read:
        return "read";
    case CallKind::Open:
        return "open";
    case CallKind::Msgsnd:
        return "msgsnd";
    case CallKind::Msgrcv:
        return "msgrcv";
    case CallKind::Semop:
        return "semop";
    case CallKind::MqSend:
        return "mq_send";
    case CallKind::MqReceive:
        return "mq_receive";
    case CallKind::SemWait:
        return "sem_wait";
    case CallKind::Send:
        return "send";
    case CallKind::Recv:
        return "recv";
    case CallKind::Throttle:
        return "throttle";
    case CallKind::Count:
        break;
    }
    return "?";
}

std::string_view stateName(WorkerState state) {
    switch (state) {
    case WorkerState::Starting:
        return "starting";
    case WorkerState::Running:
        return "running";
    case WorkerState::Blocked:
        return "blocked";
    case WorkerState::Throttled:
        return "throttled";
    case WorkerState::Draining:
        return "draining";
    case WorkerState::Exited:
        return "exited";
    case WorkerState::Held:
        return "waiting for step";
    }
    return "?";
}

static_assert(sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t));

std::uint64_t tscNsMult() {
    static const std::uint64_t mult = [] {
        std::ifstream in("/sys/devices/system/clocksource/clocksource0/current_clocksource");
        std::string source;
        if (!(in >> source) || source != "tsc" || readTsc() == 0) {
            return std::uint64_t(0);
        }
        // Two (clock, tsc) pairs 20 ms apart: each pair's bracket (tens of ns) gives an error
        // of a few parts per million, a few ms per hour of run.
        const auto [ns0, tsc0] = readClockTscPair();
        const timespec wait{0, 20'000'000};
        ::nanosleep(&wait, nullptr);
        const auto [ns1, tsc1] = readClockTscPair();
        if (tsc1 <= tsc0 || ns1 <= ns0) {
            return std::uint64_t(0);
        }
        return std::uint64_t(((Uint128)(ns1 - ns0) << 32) / (tsc1 - tsc0));
    }();
    return mult;
}

void futexWait(const std::atomic<std::uint32_t>& word, std::uint32_t expected,
               std::uint64_t timeoutNs) {
    const timespec timeout{time_t(timeoutNs / 1'000'000'000u), long(timeoutNs % 1'000'000'000u)};
    ::syscall(SYS_futex, reinterpret_cast<const std::uint32_t*>(&word), FUTEX_WAIT, expected,
              &timeout, nullptr, 0);
}

void futexWakeAll(std::atomic<std::uint32_t>& word) {
    ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAKE, INT32_MAX, nullptr,
              nullptr, 0);
}

TelemetryRegion::TelemetryRegion(TelemetryRegion&& other) noexcept {
    *this = std::move(other);
}

TelemetryRegion& TelemetryRegion::operator=(TelemetryRegion&& other) noexcept {
    if (this != &other) {
        reset();
        m_fd = std::exchange(other.m_fd, -1);
        m_mapping = std::exchange(other.m_mapping, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_view = std::exchange(other.m_view, TelemetryView{});
    }
    return *this;
}

TelemetryRegion::~TelemetryRegion() {
    reset();
}

void TelemetryRegion::reset() {
    if (m_mapping) {
        ::munmap(m_mapping, m_size);
        m_mapping = nullptr;
    }
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    m_view = TelemetryView{};
}

TelemetryRegion TelemetryRegion::create(std::uint32_t producers, std::uint32_t consumers,
                                        std::uint64_t epochNs, std::uint64_t longBlockThresholdNs,
                                        SeenShape seen) {
    TelemetryRegion region;
    if (!seen.valid()) {
        errno = EINVAL;
        return {};
    }
    const TelemetryLayout layout{producers + consumers, producers, seen};
    // A memfd has no name in any namespace: it vanishes with the last process holding it, so a
    // killed lab cannot leak it.
    region.m_fd = ::memfd_create("ipcscope-telemetry", MFD_CLOEXEC);
    if (region.m_fd < 0) {
        return {};
    }
    region.m_size = layout.totalSize();
    if (::ftruncate(region.m_fd, off_t(region.m_size)) != 0) {
        return {};
    }
    region.m_mapping =
        ::mmap(nullptr, region.m_size, PROT_READ | PROT_WRITE, MAP_SHARED, region.m_fd, 0);
    if (region.m_mapping == MAP_FAILED) {
        region.m_mapping = nullptr;
        return {};
    }
    region.m_view = TelemetryView(region.m_mapping, layout);
    TelemetryHeader& h = region.m_view.header();
    h.magic = kTelemetryMagic;
    h.version = kTelemetryVersion;
    h.workerCount = producers + consumers;
    h.producerCount = producers;
    h.consumerCount = consumers;
    h.epochNs = epochNs;
    h.longBlockThresholdNs = longBlockThresholdNs;
    h.seenWindow = seen.window;
    h.holeCapacity = seen.holeCapacity;
    h.tscMult = tscNsMult();
    if (h.tscMult != 0) {
        // The TSC value at epochNs, from a (clock, tsc) pair read now.
        const auto [ns, tsc] = readClockTscPair();
        const std::uint64_t ticks =
            std::uint64_t(((Uint128)(ns - std::min(ns, epochNs)) << 32) / h.tscMult);
        h.tscAtEpoch = tsc - std::min(tsc, ticks);
    }
    return region;
}

TelemetryRegion TelemetryRegion::attach(int fd) {
    TelemetryRegion region;
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        return {};
    }
    if (std::size_t(st.st_size) < TelemetryLayout::headerSize()) {
        errno = EINVAL;
        return {};
    }
    region.m_fd = fd;
    region.m_size = std::size_t(st.st_size);
    region.m_mapping = ::mmap(nullptr, region.m_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (region.m_mapping == MAP_FAILED) {
        region.m_mapping = nullptr;
        return {};
    }
    const auto* h = static_cast<const TelemetryHeader*>(region.m_mapping);
    const TelemetryLayout layout{h->workerCount, h->producerCount,
                                 SeenShape{h->seenWindow, h->holeCapacity}};
    if (h->magic != kTelemetryMagic || h->version != kTelemetryVersion || !layout.seen.valid() ||
        layout.totalSize() != region.m_size) {
        errno = EPROTO;
        region.reset();
        return {};
    }
    region.m_view = TelemetryView(region.m_mapping, layout);
    return region;
}

} // namespace ipcscope
