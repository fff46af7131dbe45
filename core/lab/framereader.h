#pragma once

// Reads a run's telemetry region into Frames: the workers' states, counters and notable events,
// the channel's gauge, the run's totals. Plain reads of shared memory and of the channel's
// side-effect-free gauge: no process is needed, so tests fill a region by hand and check the
// frame (as KDE's ksystemstats tests its /proc parsers on fixture files).

#include "lab/frame.h"

#include <span>
#include <string>
#include <vector>

namespace ipcscope {

class Channel;
class TelemetryView;

class FrameReader {
public:
    // One of the run's workers, as the lab knows it.
    struct Worker {
        WorkerId id;
        std::uint32_t slot = 0; // its WorkerSlot in the region (and its index in the frame)
        pid_t pid = 0;
        std::optional<WorkerExitInfo> exit; // once reaped
    };

    // `channel` may be null (no gauge: depth and waiters then come from the workers).
    FrameReader(Mechanism mechanism, const Channel* channel);

    // The frame at `elapsedNs` since the run's epoch. Events read are in newEvents, each once.
    Frame read(const TelemetryView& view, std::span<const Worker> workers, std::uint64_t elapsedNs,
               bool paused);

    // Events overwritten in a ring before they were read, over the whole run.
    std::uint64_t eventsDropped() const { return m_eventsDropped; }

    static std::string eventText(WorkerId who, const Event& event);

private:
    ProcessFrame readProcess(const TelemetryView& view, const Worker& w, std::uint64_t elapsedNs,
                             bool paused) const;
    void readEvents(const Worker& w, const WorkerSlot& slot, std::vector<RunEvent>& out);
    // Reads the gauge; drops the waits it shows impossible from frame.processes (see .cpp).
    ChannelFrame readChannel(Frame& frame) const;

    Mechanism m_mechanism;
    const Channel* m_channel;
    std::string m_identity;
    std::vector<std::uint64_t> m_eventsRead; // per slot
    std::uint64_t m_eventsDropped = 0;
    std::vector<RateMeter> m_rates; // per endpoint
};

// How a Lab channel is named in a frame: its objects ("msqid 5", "/ipcscope.1.2.mq", a FIFO's
// path), or the mechanism's name when it has none to name (a pipe, a socket pair).
std::string channelIdentity(Mechanism mechanism, const std::vector<ManifestObject>& objects);

} // namespace ipcscope
