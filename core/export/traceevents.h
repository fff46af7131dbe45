#pragma once

// A run, a replay or an observation as Trace Event Format JSON, the format Perfetto's UI and
// chrome://tracing open (DESIGN.md §7): one track per thread with its waits as complete slices
// named by call and object, counter tracks for each channel's depth and each endpoint's rates,
// an instant event where a deadlock was found, and wake-ups as flow arrows where they are known.

#include "lab/frame.h"

#include <cstdint>
#include <map>
#include <string>
#include <sys/types.h>
#include <vector>

namespace ipcscope {

// A measured wake-up: `waker` made `wakee` runnable (eBPF's sched_waking); the /proc tier cannot
// see them. Frames carry them (Frame::wakes); more can be given here. Each becomes a flow arrow.
struct WakeUp {
    std::uint64_t timeNs = 0; // on the frames' clock (Frame::elapsedNs)
    pid_t wakerPid = 0;
    pid_t wakerTid = 0; // 0: the process as a whole (the track of tid = pid)
    pid_t wakeePid = 0;
    pid_t wakeeTid = 0;
    std::uint64_t waitedNs = 0; // how long the wakee's call waited; 0 when not known
    std::string call;           // the call it ended ("read"); empty when not known
    std::string objectName;     // what it waited on; empty when not known
};

struct TraceExportInfo {
    std::string title;     // "ipcscope: pipe, 2 producers, 1 consumer"
    std::string startTime; // wall-clock time of elapsedNs 0, ISO 8601; "" when not known
    // Names that override what the frames say (a Lab worker's role and index, an observed
    // process's command): processes by pid, threads by tid.
    std::map<pid_t, std::string> processNames;
    std::map<pid_t, std::string> threadNames;
    std::vector<WakeUp> wakeUps;
};

// The pid of the track that holds the channels' counters: above any pid Linux gives out
// (PID_MAX_LIMIT is 2^22), so it never meets a real process.
inline constexpr pid_t kChannelsTrackPid = (1 << 22) + 1;

// The frames, in time order, as one JSON object {"traceEvents": [...], ...}. A wait is one
// slice from the first to the last frame that shows the same thread blocked in the same call on
// the same object, starting where the frame says the wait began (stateForNs) when it says so.
// Measured wake-ups (the frames' and the info's) are arrows from a mark on the waker's track to
// a mark on the wakee's where its call returned, the wait's length and object in its args.
std::string traceEventJson(const std::vector<Frame>& frames, const TraceExportInfo& info);

} // namespace ipcscope
