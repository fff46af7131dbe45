#pragma once

// The field reader of a recording's lines (header, frame, report): the shared JsonFields
// (jsonread/jsonfields.h) with the bounds only a recording has.

#include "recording/recording.h"

#include "jsonread/jsonfields.h"

#include <cstdint>

namespace ipcscope::recordingjson {

// Enums without a Count member: their name functions return "?" past the last value.
inline constexpr std::size_t kSmallEnumLimit = 32;
inline constexpr std::uint64_t kMaxRecordedNs = std::uint64_t(kMaxRecordedSpanS) * 1'000'000'000u;
// Linux's PID_MAX_LIMIT (include/linux/threads.h): no pid is larger on any machine.
inline constexpr std::int64_t kPidMaxLimit = 4 * 1024 * 1024;
// _NSIG - 1: the largest signal number.
inline constexpr std::int64_t kMaxSignal = 64;

class Fields : public JsonFields {
public:
    using JsonFields::JsonFields;

    // A duration in nanoseconds, bounded by kMaxRecordedSpanS.
    std::uint64_t ns(const char* key, bool required = false) {
        return u64(key, required, kMaxRecordedNs);
    }
};

} // namespace ipcscope::recordingjson
