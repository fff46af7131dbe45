#pragma once

// Exact duplicate detection: which sequence numbers of a producer some consumer has received.
//
// Per producer, a ring of W/32 words (W = the run's seen window, a power of two). Word i holds
// [lap:32 | marks:32] for the sequence numbers lap·W + 32·i + b, b < 32, of one lap at a time.
// A consumer marks s by setting bit b while the word carries s's lap: a bit already set is a
// duplicate. The producer moves a word to its next lap half a window ahead of where it sends;
// every sequence number of the old lap still unmarked then (held by a stopped or preempted
// consumer, starving behind higher priorities, or lost) is first written into the producer's
// hole table, and only then is the tag changed. A consumer that finds its word on a newer lap
// (a straggler) claims its sequence number in that table: found, it is the first reception;
// absent, it had been marked before the word moved on, a duplicate. So the verdict is exact
// however long a message is held and however the workers are scheduled.
//
// The one limit: the hole table holds SeenShape::holeCapacity entries. A loss-free run never has
// more unreceived messages of one producer than the channel holds plus one per consumer, so a
// channel within the kernel's default limits never fills it. If it is full anyway, the sequence
// number is counted in LedgerHeader::unrecorded ("could not be checked") instead of guessed.
//
// Only the producer changes tags and adds holes; consumers set marks and claim holes, all with
// compare-and-swap. The hot paths (one CAS per message, one per 32 messages for the producer)
// are inline; the rare ones live in seenledger.cpp.

#include "telemetry/telemetry.h"

#include <cstdint>

namespace ipcscope {

enum class MarkResult : std::uint8_t {
    First,      // first reception
    Late,       // first reception of a sequence number found in the hole table
    Duplicate,  // received before
    Unchecked,  // a straggler not in a hole table that was once full: cannot tell; counted as
                // received (the producer's unrecorded count says how many such numbers exist)
    Impossible, // a sequence number the producer has not prepared yet: not what it claims
};

class SeenLedger {
public:
    SeenLedger(const TelemetryView& view, std::uint32_t producer);

    // Producer, before sending `seq` (every one; work is done for one in 32).
    void beforeSend(std::uint64_t seq) {
        if ((seq & (kSeqsPerSeenWord - 1)) == 0) {
            recycle(seq + m_halfWindow);
        }
    }

    // Consumer, once per verified message.
    MarkResult mark(std::uint64_t seq) {
        std::atomic<std::uint64_t>& word = m_words[(seq / kSeqsPerSeenWord) & m_wordMask];
        const std::uint32_t lap = std::uint32_t(seq >> m_lapShift);
        const std::uint64_t bit = std::uint64_t(1) << (seq & (kSeqsPerSeenWord - 1));
        std::uint64_t w = word.load(std::memory_order_acquire);
        while (std::uint32_t(w >> 32) == lap) {
            if (w & bit) {
                return MarkResult::Duplicate;
            }
            if (word.compare_exchange_weak(w, w | bit, std::memory_order_acq_rel,
                                           std::memory_order_acquire)) {
                return MarkResult::First;
            }
        }
        return markOutsideLap(seq, lap, w);
    }

private:
    void recycle(std::uint64_t target) {
        std::atomic<std::uint64_t>& word = m_words[(target / kSeqsPerSeenWord) & m_wordMask];
        const std::uint32_t lap = std::uint32_t(target >> m_lapShift);
        std::uint64_t w = word.load(std::memory_order_relaxed); // only we change tags
        if (std::uint32_t(w >> 32) == lap) {
            return; // lap 0 at the start, or a send retried after EINTR
        }
        // The usual case: every number of the old lap was received, no hole to record.
        if (std::uint32_t(w) == kAllMarks &&
            word.compare_exchange_strong(w, std::uint64_t(lap) << 32, std::memory_order_acq_rel,
                                         std::memory_order_relaxed)) {
            return;
        }
        recycleWithHoles(word, target, lap, w);
    }

    void recycleWithHoles(std::atomic<std::uint64_t>& word, std::uint64_t target, std::uint32_t lap,
                          std::uint64_t w);
    MarkResult markOutsideLap(std::uint64_t seq, std::uint32_t lap, std::uint64_t w);
    bool recordHole(std::uint64_t seq, std::uint64_t& index);
    void dropHole(std::uint64_t index);

    static constexpr std::uint32_t kAllMarks = 0xffffffffu;
    static constexpr std::uint64_t kEmpty = 0; // hole entries hold seq + 1

    LedgerHeader* m_header;
    std::atomic<std::uint64_t>* m_words;
    std::atomic<std::uint64_t>* m_holes;
    std::uint64_t m_wordMask;
    unsigned m_lapShift;
    std::uint64_t m_halfWindow;
    std::uint64_t m_holeCapacity;
    std::uint64_t m_cursor = 0; // producer: where to look for a free hole entry next
};

} // namespace ipcscope
