#pragma once

// A run's configuration as the two kinds of file that hold one spell it. One reader, so a
// field added to RunConfig is read the same way from both.

#include "jsonread/jsonfields.h"
#include "mechanisms/mechanism.h"

#include <cstdint>

namespace ipcscope {

// The most message types a run in a file asks for, and the largest magnitude of a receive
// type: MQ_PRIO_MAX, the most priorities a POSIX queue has.
inline constexpr int kMaxFileMessageTypes = 32768;

enum class RunConfigSpelling : std::uint8_t {
    // A lesson file's "run" (docs/lessons.md), written by a teacher: "size" for the message
    // size; a field left out takes the lab's default (one producer, one consumer, 64 bytes);
    // a field the format does not have, or a number beyond what a lesson may ask for (a rate
    // over 1e7/s, more than 1e12 messages), is refused where it stands; and the run ends by
    // itself, so it has either messages or duration_s.
    Lesson,
    // A recording's "config", written by writeRunConfigJson(): every field, "message_size",
    // null for an unset capacity, duration or count. Numbers are checked for what their type
    // holds; validateConfig() judges the run as a whole.
    Recording,
};

// Reads the run in `fields`' object; problems are reported the way `fields` reports them.
// Checking the run against kernel limits (validateConfig) is the caller's: a lesson against
// this machine's, a recording against the widest, since it may come from another machine.
RunConfig readRunConfig(JsonFields& fields, RunConfigSpelling spelling);

} // namespace ipcscope
