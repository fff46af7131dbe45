#pragma once

// The shared-memory record of one run (DESIGN.md §4).
//
// The lab creates one region per run (a memfd, inherited by every worker). Each worker owns
// one WorkerSlot and is its only writer: counters are updated with plain relaxed loads and
// stores (no lock prefix, no system call, no allocation), and the lab reads them whenever it
// likes, so a slow or paused GUI never slows a worker. The region header carries the run's
// control flags (stop, drain) that the lab writes and the workers poll.
//
// Everything here is trivially copyable and position independent: the same bytes are mapped at
// different addresses in different processes.

#include <algorithm>
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ipcscope {

// The calls a worker may block in. Stable numbering: it is stored in shared memory.
enum class CallKind : std::uint8_t {
    None = 0,
    Write,
    Read,
    Open,
    Msgsnd,
    Msgrcv,
    Semop,
    MqSend,
    MqReceive,
    SemWait, // POSIX sem_wait
    Send,
    Recv,
    Throttle, // sleeping to honour a configured rate: not blocked by the channel
    Count
};
inline constexpr std::size_t kCallKindCount = std::size_t(CallKind::Count);

std::string_view callName(CallKind call); // "write", "msgsnd", "sem_wait", ...

enum class WorkerState : std::uint8_t {
    Starting = 0,
    Running,
    Blocked,   // inside a call that is waiting for the channel (see CallKind, object)
    Throttled, // sleeping to keep to its configured rate
    Draining,
    Exited,
    Held, // step mode: waiting for the lab to allow its next operation
};

std::string_view stateName(WorkerState state);

// State, call, object and start time packed into one 64-bit word, so the lab always reads a
// consistent combination with a single load.
struct StateWord {
    WorkerState state = WorkerState::Starting;
    CallKind call = CallKind::None;
    std::uint8_t object =
        0; // which object of the channel (e.g. semaphore index), mechanism-defined
    std::uint64_t sinceRelNs = 0; // since when, relative to the run's epoch (48 bits: 3.2 days)

    static constexpr std::uint64_t kSinceMask = (std::uint64_t(1) << 48) - 1;

    std::uint64_t pack() const {
        return (std::uint64_t(state) << 60) | (std::uint64_t(call) << 52) |
               (std::uint64_t(object) << 48) | (sinceRelNs & kSinceMask);
    }
    static StateWord unpack(std::uint64_t word) {
        return StateWord{WorkerState((word >> 60) & 0xf), CallKind((word >> 52) & 0xff),
                         std::uint8_t((word >> 48) & 0xf), word & kSinceMask};
    }
};

enum class EventKind : std::uint8_t {
    None = 0,
    LongBlock, // value = blocked ns, call = where
    Error,     // value = errno, call = where
    Opened,    // channel endpoint opened (value = ns the open took)
    Closed,    // endpoint closed / end of stream seen
    Corrupted, // a message failed verification (value = producer << 32 | low bits of seq)
    Exit,      // value = exit code the worker is about to return
};

struct Event {
    std::uint64_t timeRelNs = 0; // relative to the run's epoch
    std::uint64_t value = 0;
    EventKind kind = EventKind::None;
    CallKind call = CallKind::None;
    std::uint8_t object = 0;
};

// Single-writer ring of notable events. Each entry has a sequence stamp written last (seqlock
// style), so a reader can tell a torn or overwritten entry and count it as dropped.
inline constexpr std::size_t kEventRingSize = 64;

struct EventRingEntry {
    std::atomic<std::uint64_t> stamp; // index + 1 of the event stored here, written last
    std::uint64_t timeRelNs;
    std::uint64_t value;
    std::uint8_t kind;
    std::uint8_t call;
    std::uint8_t object;
};

// The bytes of a text message a worker keeps for the Classroom to show (Scenario::textMessage):
// the notes' line is about 52 bytes; a longer one is kept in part (its whole length is kept).
inline constexpr std::size_t kLastMessageWords = 16;
inline constexpr std::size_t kLastMessageBytes = kLastMessageWords * 8;

// Counters a worker keeps. Single writer (the worker); readers only load.
struct alignas(64) WorkerSlot {
    std::atomic<std::uint32_t> pid;
    std::atomic<std::uint32_t> exitCode; // set just before a clean exit
    std::atomic<std::uint64_t> state;    // StateWord::pack()
    std::atomic<std::uint64_t> messages;
    std::atomic<std::uint64_t> bytes;
    std::atomic<std::uint64_t> errors;
    std::atomic<std::uint64_t> blocks; // number of calls that had to wait
    std::array<std::atomic<std::uint64_t>, kCallKindCount> blockedNs;
    // Consumers: integrity findings.
    std::atomic<std::uint64_t> corrupted;
    std::atomic<std::uint64_t> duplicated;
    std::atomic<std::uint64_t> reordered;
    std::atomic<std::uint64_t> late; // first receptions found in the hole table (seenledger.h)
    std::atomic<std::uint64_t> eventsWritten;
    // Step mode: the lab raises stepsGranted (a futex word) to let the worker perform one more
    // operation; the worker counts the operations it completed in stepsUsed.
    std::atomic<std::uint32_t> stepsGranted;
    std::atomic<std::uint32_t> stepsUsed;
    // Text-message runs only: the last message sent (producer) or received (consumer), as it
    // went through the channel. A sequence lock: lastMessageVersion is odd while it is written.
    std::atomic<std::uint32_t> lastMessageVersion;
    std::atomic<std::uint32_t> lastMessageSize; // 0: none yet
    std::array<std::atomic<std::uint64_t>, kLastMessageWords> lastMessage;
    alignas(64) std::array<EventRingEntry, kEventRingSize> events;
};

// A call counts as blocked when it lasted at least this long: a real wait (sleep, context
// switch, wake-up) takes longer; the call's own work (copying a message) takes less.
inline constexpr std::uint64_t kMinBlockNs = 20'000;

inline constexpr std::uint64_t kTelemetryMagic = 0x69706373636f7065ull; // "ipcscope"
inline constexpr std::uint32_t kTelemetryVersion = 3;

// The worker's side of WorkerSlot::lastMessage (single writer).
inline void publishLastMessage(WorkerSlot& slot, std::span<const std::byte> bytes) {
    const std::uint32_t version = slot.lastMessageVersion.load(std::memory_order_relaxed);
    slot.lastMessageVersion.store(version + 1, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);
    const std::size_t kept = std::min(bytes.size(), kLastMessageBytes);
    for (std::size_t w = 0; w < kLastMessageWords; ++w) {
        std::uint64_t word = 0;
        if (w * 8 < kept) {
            std::memcpy(&word, bytes.data() + w * 8, std::min<std::size_t>(8, kept - w * 8));
        }
        slot.lastMessage[w].store(word, std::memory_order_relaxed);
    }
    slot.lastMessageSize.store(std::uint32_t(bytes.size()), std::memory_order_relaxed);
    slot.lastMessageVersion.store(version + 2, std::memory_order_release);
}

// The reader's side: the last message's bytes (at most kLastMessageBytes of them) and its whole
// length; nullopt when there is none yet, or the worker was writing it (try the next sample).
struct LastMessage {
    std::uint32_t size = 0; // as sent or received
    std::string bytes;      // its first kLastMessageBytes
};
inline std::optional<LastMessage> readLastMessage(const WorkerSlot& slot) {
    const std::uint32_t before = slot.lastMessageVersion.load(std::memory_order_acquire);
    if (before % 2 != 0) {
        return std::nullopt;
    }
    LastMessage m;
    m.size = slot.lastMessageSize.load(std::memory_order_relaxed);
    char words[kLastMessageBytes];
    for (std::size_t w = 0; w < kLastMessageWords; ++w) {
        const std::uint64_t word = slot.lastMessage[w].load(std::memory_order_relaxed);
        std::memcpy(words + w * 8, &word, 8);
    }
    std::atomic_thread_fence(std::memory_order_acquire);
    if (slot.lastMessageVersion.load(std::memory_order_relaxed) != before || m.size == 0) {
        return std::nullopt;
    }
    m.bytes.assign(words, std::min<std::size_t>(m.size, kLastMessageBytes));
    return m;
}

// Exact duplicate detection (seenledger.h): per producer, a ring of "seen" words, each
// [lap:32 | marks:32] for 32 sequence numbers of one lap, and a table of the holes a recycled
// word left (sequence numbers not yet received when their word moved to the next lap). The
// window (sequence numbers the ring covers) is set by the lab per run, a power of two.
inline constexpr std::uint64_t kSeqsPerSeenWord = 32;
inline constexpr std::uint64_t kDefaultSeenWindow = std::uint64_t(1) << 20;
inline constexpr std::uint64_t kMinSeenWindow = std::uint64_t(1) << 10;
inline constexpr std::uint64_t kMaxSeenWindow = std::uint64_t(1) << 26; // 16 MiB per producer
// Holes of one producer at a time: a loss-free run has at most (messages the channel holds +
// one per consumer) unreceived, so this is never reached under the kernel's default limits.
inline constexpr std::uint64_t kDefaultHoleCapacity = std::uint64_t(1) << 17;
inline constexpr std::uint64_t kMaxHoleCapacity = std::uint64_t(1) << 24;

struct SeenShape {
    std::uint64_t window = kDefaultSeenWindow;         // power of two, kMin..kMaxSeenWindow
    std::uint64_t holeCapacity = kDefaultHoleCapacity; // 1..kMaxHoleCapacity
    bool valid() const {
        return window >= kMinSeenWindow && window <= kMaxSeenWindow &&
               (window & (window - 1)) == 0 && holeCapacity >= 1 &&
               holeCapacity <= kMaxHoleCapacity;
    }
};

// The head of one producer's ledger; its words and hole entries follow (TelemetryLayout).
struct alignas(64) LedgerHeader {
    std::atomic<std::uint64_t> highWater;  // hole entries [0, highWater) have been used (producer)
    std::atomic<std::uint64_t> recorded;   // holes the producer has recorded (producer)
    std::atomic<std::uint64_t> claimed;    // ... and consumers have since claimed (any consumer)
    std::atomic<std::uint64_t> unrecorded; // holes that found the table full (producer): the
                                           // messages that could not be checked for duplicates
};

struct alignas(64) TelemetryHeader {
    std::uint64_t magic;
    std::uint32_t version;
    std::uint32_t workerCount;
    std::uint32_t producerCount;
    std::uint32_t consumerCount;
    std::uint64_t epochNs; // CLOCK_MONOTONIC at run start; state/event times are relative
    std::uint64_t longBlockThresholdNs; // a block longer than this is worth an event
    // Workers stamp with the TSC when the kernel trusts it (clocksource tsc): tscToRelNs() with
    // these gives ns since epochNs. tscMult 0: use the vDSO clock.
    std::uint64_t tscAtEpoch;
    std::uint64_t tscMult;
    std::uint64_t seenWindow; // SeenShape: set by the lab, read once by each worker
    std::uint64_t holeCapacity;
    alignas(64) std::atomic<std::uint32_t> stopRequested; // producers: finish the current message,
                                                          // then stop
    std::atomic<std::uint32_t>
        drainRequested; // consumers: take what is queued without waiting, then exit
    std::atomic<std::uint32_t> ignoreRate; // consumers: no more throttling (draining at stop)
    std::atomic<std::uint32_t> producersFinished; // incremented by each producer when it is done
    // Classroom controls, read once per operation by instrumented workers (never by --raw).
    std::atomic<std::uint64_t> paceIntervalNs; // at least this long between one worker's
                                               // operations; 0 = the configured rates only
    std::atomic<std::uint32_t> stepMode;       // 1: wait for a step grant before each operation
    // FIFO producers that have opened their end (a futex word): none sends before all have,
    // or an early producer could finish and close before a late one opens, and the readers
    // would take the moment with no writer for the end of the stream.
    std::atomic<std::uint32_t> fifoWritersOpen;
};

// ns-per-tick << 32 of this machine's TSC, measured once per process against CLOCK_MONOTONIC;
// 0 when the kernel does not use the TSC as its clocksource (not constant, not synchronised).
std::uint64_t tscNsMult();

// Futex wait/wake on a word of the shared region (a MAP_SHARED memfd, so not the _PRIVATE ops).
// The wait returns on a wake, a signal, the timeout, or at once when the word differs.
void futexWait(const std::atomic<std::uint32_t>& word, std::uint32_t expected,
               std::uint64_t timeoutNs);
void futexWakeAll(std::atomic<std::uint32_t>& word);

// Layout: header, then workerCount slots (the lab gives producers 0..P-1 the first P, consumers
// the rest), then producerCount ledgers (LedgerHeader, the seen
// words, the hole entries), each starting on its own page so untouched hole pages stay
// unallocated.
struct TelemetryLayout {
    std::size_t workerCount = 0;
    std::size_t producerCount = 0;
    SeenShape seen;

    static constexpr std::size_t kPage = 4096;
    static constexpr std::size_t headerSize() { return (sizeof(TelemetryHeader) + 63) / 64 * 64; }
    std::size_t slotsOffset() const { return headerSize(); }
    std::size_t ledgersOffset() const {
        return roundUp(slotsOffset() + workerCount * sizeof(WorkerSlot), kPage);
    }
    std::size_t seenWordCount() const { return std::size_t(seen.window / kSeqsPerSeenWord); }
    std::size_t ledgerSize() const {
        return roundUp(sizeof(LedgerHeader) + (seenWordCount() + std::size_t(seen.holeCapacity)) *
                                                  sizeof(std::uint64_t),
                       kPage);
    }
    std::size_t totalSize() const { return ledgersOffset() + producerCount * ledgerSize(); }

private:
    static constexpr std::size_t roundUp(std::size_t n, std::size_t to) {
        return (n + to - 1) / to * to;
    }
};

// A mapped view of a run's telemetry region (the lab's or a worker's).
class TelemetryView {
public:
    TelemetryView() = default;
    TelemetryView(void* base, TelemetryLayout layout)
        : m_base(static_cast<std::byte*>(base))
        , m_layout(layout) {}

    TelemetryHeader& header() const { return *reinterpret_cast<TelemetryHeader*>(m_base); }
    WorkerSlot& slot(std::size_t worker) const {
        return reinterpret_cast<WorkerSlot*>(m_base + m_layout.slotsOffset())[worker];
    }
    LedgerHeader& ledger(std::size_t producer) const {
        return *reinterpret_cast<LedgerHeader*>(m_base + m_layout.ledgersOffset() +
                                                producer * m_layout.ledgerSize());
    }
    std::atomic<std::uint64_t>* seenWords(std::size_t producer) const {
        return reinterpret_cast<std::atomic<std::uint64_t>*>(
            reinterpret_cast<std::byte*>(&ledger(producer)) + sizeof(LedgerHeader));
    }
    std::atomic<std::uint64_t>* holes(std::size_t producer) const {
        return seenWords(producer) + m_layout.seenWordCount();
    }
    const TelemetryLayout& layout() const { return m_layout; }
    bool valid() const { return m_base != nullptr; }

private:
    std::byte* m_base = nullptr;
    TelemetryLayout m_layout;
};

// The shared mapping itself: created by the lab (memfd), or attached to by a worker from an
// inherited descriptor. Unmaps and closes on destruction.
class TelemetryRegion {
public:
    TelemetryRegion() = default;
    TelemetryRegion(TelemetryRegion&&) noexcept;
    TelemetryRegion& operator=(TelemetryRegion&&) noexcept;
    TelemetryRegion(const TelemetryRegion&) = delete;
    TelemetryRegion& operator=(const TelemetryRegion&) = delete;
    ~TelemetryRegion();

    // Lab side: a fresh zeroed region with the header filled in. Returns an invalid region and
    // sets errno on failure (EINVAL: the shape is not valid()).
    static TelemetryRegion create(std::uint32_t producers, std::uint32_t consumers,
                                  std::uint64_t epochNs, std::uint64_t longBlockThresholdNs,
                                  SeenShape seen = {});
    // Worker side: map the region behind an inherited descriptor and check its header.
    static TelemetryRegion attach(int fd);

    bool valid() const { return m_view.valid(); }
    const TelemetryView& view() const { return m_view; }
    int fd() const { return m_fd; }

private:
    void reset();

    int m_fd = -1;
    void* m_mapping = nullptr;
    std::size_t m_size = 0;
    TelemetryView m_view;
};

} // namespace ipcscope
