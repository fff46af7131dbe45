#pragma once

// Recordings of lab runs, to replay later without running any process.
//
// A recording is JSON Lines (".ipcrec"), one JSON object per line:
//   line 1     {"format":"ipcscope-recording","version":3,"created":ISO time,
//               "mechanism":name,"config":{...}}  a Lab run's
//              {"format":...,"version":3,"created":...,"observation":{"selection":[...],
//               "all_channels":bool,"interval_ms":n}}  an observation of running programs
//               (version 3), whose frames have no run configuration behind them
//   then       {"type":"frame",...}  one per sampled Frame, in order: its "channels",
//               "processes" and "endpoints" (left out for a Lab run's, one per worker; version
//               1: "channel" and "workers"); exact rates are measured again on reading;
//               version 3 adds a process's "tid", "call_name" and "wait_detail" and a frame's
//               "deadlocks" and "wait_notes" (an observation's)
//   last       {"type":"report",...} the final RunReport, when the run finished
// Each line is written with one write(2) as soon as it is known, so a lab killed mid-run
// leaves at most one incomplete last line; the reader drops it and keeps the frames before it.
// Enums are stored by name ("blocked", "msgsnd"), not by number, so the file stays readable
// and survives reordering of the enums.

#include "base/result.h"
#include "base/uniquefd.h"
#include "lab/frame.h"

#include <optional>
#include <string>
#include <vector>

namespace ipcscope {

inline constexpr std::string_view kRecordingFormat = "ipcscope-recording";
inline constexpr int kRecordingVersion = 3;
inline constexpr int kOldestRecordingVersion = 1; // still read (and replayed)
inline constexpr std::string_view kRecordingSuffix = ".ipcrec";

// The largest recording ipcscope reads, and so writes: the writer stops (and says so) before
// a file grows past it; what it wrote until then replays. At 30 frames/s a 2+2-worker run
// writes about 40 KB/s (1.8 hours fit), 8+8 about 110 KB/s (40 minutes), 64+64 up to 730 KB/s
// (6 minutes); replaying a full file takes about 2.5 times its size in memory.
inline constexpr std::size_t kMaxRecordingBytes = std::size_t(256) << 20;
// No time in a recording (a frame's t_ns, a wait, the run's duration) is longer than this: a
// run lasts at most a day (kMaxDurationS), pauses and draining may add to it.
inline constexpr double kMaxRecordedSpanS = 7 * 24 * 3600.0;

// A Classroom lesson a recording was made of, so that it replays with the lesson's code pane.
struct RecordingLesson {
    std::string id;
    std::string variant;
};

// What an observation recorded: its selection in words, as the user gave it ("pid 27",
// "comm postgres", "tree 1", "object sysv-msg 5", "all"), and how it sampled.
struct RecordedObservation {
    std::vector<std::string> selection;
    bool allChannels = false;
    std::uint64_t intervalMs = 0;
    bool operator==(const RecordedObservation&) const = default;
};

// The most processes (threads of observed programs included) one frame of an observation holds.
inline constexpr std::size_t kMaxObservedEntries = 1 << 16;

struct Recording {
    RunConfig config;                               // a Lab run's (default for an observation)
    std::optional<RecordedObservation> observation; // set when it is an observation
    std::optional<RecordingLesson> lesson;          // a Classroom lesson's run
    std::string created;                            // ISO 8601 UTC, as written
    std::vector<Frame> frames;
    std::optional<RunReport> report; // absent when the run did not finish while recording
    bool truncated = false;          // the last line was cut off (the lab was killed)

    double durationS() const { return frames.empty() ? 0 : double(frames.back().elapsedNs) / 1e9; }
};

class RecordingWriter {
public:
    // Creates (or replaces) `path` and writes the header line.
    // Refuses a path that is not (or does not become) a regular file.
    static Result<RecordingWriter> create(const std::string& path, const RunConfig& config,
                                          const std::optional<RecordingLesson>& lesson = {},
                                          std::size_t maxBytes = kMaxRecordingBytes);
    // An observation's recording: frames from observationFrame(), no report.
    static Result<RecordingWriter> create(const std::string& path,
                                          const RecordedObservation& observation,
                                          std::size_t maxBytes = kMaxRecordingBytes);

    RecordingWriter(RecordingWriter&&) noexcept = default;
    RecordingWriter& operator=(RecordingWriter&&) noexcept = default;

    // Fails, and finishes the file, when the frame would take the file past its limit.
    Status append(const Frame& frame);
    // Writes the report line and closes the file; nothing can be appended after it.
    Status finish(const RunReport& report);

    const std::string& path() const { return m_path; }
    std::size_t framesWritten() const { return m_frames; }

private:
    RecordingWriter(std::string path, UniqueFd fd, std::size_t maxBytes)
        : m_path(std::move(path))
        , m_fd(std::move(fd))
        , m_maxBytes(maxBytes) {}
    Status writeLine(std::string line, std::size_t limit);
    static Result<RecordingWriter>
    createWithHeader(const std::string& path, const std::string& header, std::size_t maxBytes);

    std::string m_path;
    UniqueFd m_fd;
    std::size_t m_maxBytes;
    std::size_t m_bytes = 0;
    std::size_t m_frames = 0;
};

// Reads a whole recording. Errors name the file, the line and what is wrong with it: a path
// that is not a regular file or is larger than `maxBytes` is refused before it is read, and
// every number is checked against its range (counts against the run's configuration, whole
// numbers that JSON cannot hold exactly, times longer than kMaxRecordedSpanS).
Result<Recording> readRecording(const std::string& path, std::size_t maxBytes = kMaxRecordingBytes);

// The JSON of one line, without the newline (exposed for tests and tools).
std::string recordingHeaderLine(const RunConfig& config, const std::string& created,
                                const std::optional<RecordingLesson>& lesson = {});
std::string recordingHeaderLine(const RecordedObservation& observation, const std::string& created);
std::string recordingFrameLine(const Frame& frame);
std::string recordingReportLine(const RunReport& report);

} // namespace ipcscope
