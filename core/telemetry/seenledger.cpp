#include "seenledger.h"

#include <bit>

namespace ipcscope {

SeenLedger::SeenLedger(const TelemetryView& view, std::uint32_t producer)
    : m_header(&view.ledger(producer))
    , m_words(view.seenWords(producer))
    , m_holes(view.holes(producer))
    , m_wordMask(view.layout().seenWordCount() - 1)
    , m_lapShift(unsigned(std::countr_zero(view.layout().seen.window)))
    , m_halfWindow(view.layout().seen.window / 2)
    , m_holeCapacity(view.layout().seen.holeCapacity) {}

void SeenLedger::recycleWithHoles(std::atomic<std::uint64_t>& word, std::uint64_t target,
                                  std::uint32_t lap, std::uint64_t w) {
    const std::uint64_t firstOfWord = target & ~(kSeqsPerSeenWord - 1);
    std::uint64_t entry[kSeqsPerSeenWord];
    std::uint32_t recorded = 0; // bits whose hole we wrote, at entry[bit]
    std::uint32_t full = 0;     // bits whose hole found the table full
    for (;;) {
        // Tags advance one lap per recycle (and only here), so the old lap is normally lap - 1.
        const std::uint64_t lapsBack = std::uint32_t(lap - std::uint32_t(w >> 32));
        const std::uint64_t base = firstOfWord - (lapsBack << m_lapShift);
        for (std::uint32_t bits = ~std::uint32_t(w) & ~recorded & ~full; bits != 0;
             bits &= bits - 1) {
            const int b = std::countr_zero(bits);
            if (recordHole(base + std::uint64_t(b), entry[b])) {
                recorded |= 1u << b;
            } else {
                // Counted before the tag changes, like a hole, so a straggler that sees the new
                // tag also sees that the table overflowed. Never taken back: when the number is
                // marked during the race below it is over-counted, the safe direction.
                full |= 1u << b;
                m_header->unrecorded.store(m_header->unrecorded.load(std::memory_order_relaxed) + 1,
                                           std::memory_order_relaxed);
            }
        }
        // Release: whoever sees the new tag sees the holes recorded above.
        if (word.compare_exchange_strong(w, std::uint64_t(lap) << 32, std::memory_order_acq_rel,
                                         std::memory_order_relaxed)) {
            return;
        }
        // A consumer marked some of them meanwhile: received, so not holes. No consumer can have
        // claimed them: claims need the new tag.
        for (std::uint32_t bits = recorded & std::uint32_t(w); bits != 0; bits &= bits - 1) {
            const int b = std::countr_zero(bits);
            dropHole(entry[b]);
            recorded &= ~(1u << b);
        }
    }
}

MarkResult SeenLedger::markOutsideLap(std::uint64_t seq, std::uint32_t lap, std::uint64_t w) {
    if (std::int32_t(std::uint32_t(w >> 32) - lap) < 0) {
        // The producer tags a word before it sends any number of its lap.
        return MarkResult::Impossible;
    }
    // A straggler: the word moved on after this message was sent. Its hole, if it had one, was
    // recorded before the tag we loaded (acquire) was written.
    const std::uint64_t key = seq + 1;
    const std::uint64_t high = m_header->highWater.load(std::memory_order_acquire);
    for (std::uint64_t i = 0; i < high; ++i) {
        std::uint64_t e = m_holes[i].load(std::memory_order_relaxed);
        if (e != key) {
            continue;
        }
        if (m_holes[i].compare_exchange_strong(e, kEmpty, std::memory_order_acq_rel,
                                               std::memory_order_relaxed)) {
            m_header->claimed.fetch_add(1, std::memory_order_release);
            return MarkResult::Late;
        }
        return MarkResult::Duplicate; // another consumer claimed it just now
    }
    return m_header->unrecorded.load(std::memory_order_acquire) == 0 ? MarkResult::Duplicate
                                                                     : MarkResult::Unchecked;
}

bool SeenLedger::recordHole(std::uint64_t seq, std::uint64_t& index) {
    const std::uint64_t recorded = m_header->recorded.load(std::memory_order_relaxed);
    // Entries are emptied before `claimed` counts them, so at most `live` are in use.
    const std::uint64_t live = recorded - m_header->claimed.load(std::memory_order_acquire);
    if (live >= m_holeCapacity) {
        return false;
    }
    const std::uint64_t high = m_header->highWater.load(std::memory_order_relaxed);
    std::uint64_t i = high;
    if (live < high) {
        // Some entry below the high-water mark is free: reuse it, so lookups stay short.
        i = m_cursor < high ? m_cursor : 0;
        while (m_holes[i].load(std::memory_order_relaxed) != kEmpty) {
            i = i + 1 == high ? 0 : i + 1;
        }
    }
    // Only the producer writes into an empty entry; consumers only empty full ones.
    m_holes[i].store(seq + 1, std::memory_order_relaxed);
    if (i == high) {
        m_header->highWater.store(high + 1, std::memory_order_release);
    }
    m_header->recorded.store(recorded + 1, std::memory_order_relaxed);
    m_cursor = i + 1;
    index = i;
    return true;
}

void SeenLedger::dropHole(std::uint64_t index) {
    m_holes[index].store(kEmpty, std::memory_order_relaxed);
    m_header->recorded.store(m_header->recorded.load(std::memory_order_relaxed) - 1,
                             std::memory_order_relaxed);
}

} // namespace ipcscope
