#pragma once

// Owns the current run for the GUI: starts it from a config, samples it on one timer (all
// views update from the same frame), keeps the bounded history, and tears it down.
// Lives on the GUI thread: Run::sample() never blocks for long, and workers are forked from
// this long-lived thread (PR_SET_PDEATHSIG follows the forking thread).
//
// It can also record the live run to a file (every sampled frame) and replay a recording:
// in replay mode no process runs; recorded frames go out through the same frameUpdated() /
// finished() signals, lastFrame(), history() and report(), so the views need no replay code.
//
// It is the pages' only way to a frame source: the Run stays inside, and what the pages may
// do to it (pause, pace, step mode, step) goes through here. The third source is an
// observation of programs ipcscope did not start (DESIGN.md §7): an Observer samples /proc on a
// thread of its own (a slow /proc never blocks the GUI), and its frames come out through the
// same signals, history and recording as a run's. Calls that can fail return a
// Status saying why; errorOccurred() is for what fails later, while the run goes on.

#include "runviews/runhistory.h"

#include "lab/run.h"
#include "observe/observer.h"
#include "recording/recording.h"
#include "recording/sampletable.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QThread>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace ipcscope {

// What a live run holds in the system (for the checks that nothing is left behind) and what
// the lab noted when it started it.
struct RunInfo {
    std::vector<pid_t> workerPids;
    pid_t guardianPid = 0;
    std::string runDirectory;
    std::vector<ManifestObject> objects;
    std::vector<std::string> warnings;
};

// How an observation is written into its recording's header ("pid 27", "tree 1", ...).
RecordedObservation recordedObservation(const ObserveOptions& options);

class LabController : public QObject {
    Q_OBJECT

public:
    explicit LabController(QObject* parent = nullptr);
    ~LabController() override;

    void setLabOptions(const LabOptions& options) { m_options = options; }
    void setSampleIntervalMs(int ms) { m_timer.setInterval(ms); }

    Status start(const RunConfig& config); // the error, in words, when it cannot start
    void stop();
    void pause();
    void resume();
    void abort(); // kill everything now (window closing)

    // Observing programs ipcscope did not start. Ends any run or replay; refuses an empty
    // selection. Frames arrive every options.interval (later when /proc is slow: a sample is
    // never requested while the previous one is still being read).
    Status startObserving(const ObserveOptions& options);
    void stopObserving(); // the frames seen stay (history, samples, export); emits finished()
    bool isObserving() const { return m_observing; }
    // Shown now, live or stopped, or replayed from an observation's recording.
    bool hasObservation() const {
        return m_observeOptions.has_value() || (m_replay && m_replay->observation);
    }
    const std::optional<ObserveOptions>& observeOptions() const { return m_observeOptions; }
    // The frames of the live run or observation (every one until kMaxKeptFrames, then thinned
    // evenly over the whole span), or every frame of the replayed recording: for the exports.
    const std::vector<Frame>& frames() const { return m_replay ? m_replay->frames : m_keptFrames; }
    static constexpr std::size_t kMaxKeptFrames = 8192;

    // Classroom controls of the live run, applied at once; the frames carry them
    // (Frame::control). setPace: at least this long between one worker's operations (0 = the
    // configured rates). In step mode every worker waits before each operation until step()
    // lets each perform exactly one more.
    void setPace(std::uint64_t minIntervalNs);
    void setStepMode(bool on);
    void step();
    bool stepMode() const { return isActive() && m_lastFrame.control.stepMode; }

    // A live run is going (not a replay: while replaying no process runs).
    bool isActive() const { return m_run && !m_run->finished(); }
    bool isPaused() const { return m_run && m_run->paused(); }
    bool hasRun() const { return m_run != nullptr; } // started and not aborted, maybe finished
    std::optional<RunInfo> runInfo() const;          // of the live run, if any
    // The live run's configuration (its pace as set now), or the replayed recording's.
    const RunConfig& config() const;
    const Frame& lastFrame() const { return m_lastFrame; }
    const RunHistory& history() const { return m_history; }
    const std::optional<RunReport>& report() const { return m_report; }
    // Every sample of the live run, or of the whole recording when replaying (Export Data).
    const SampleTable& samples() const { return m_samples; }

    // Recording. Records the current run from now on or, when none is active, the next one
    // started (that one's errors come through errorOccurred()).
    Status recordTo(const QString& path);
    // What the next recordings are of (a Classroom lesson), written into their header.
    void setRecordingLesson(std::optional<RecordingLesson> lesson) {
        m_recordingLesson = std::move(lesson);
    }
    void stopRecording(); // closes the file; what was written stays readable
    bool isRecording() const { return m_recordArmed || m_writer.has_value(); }
    // The file being recorded to, armed for the next run, or that the current (or last) run
    // was recorded to; "" when there is none.
    QString recordingPath() const { return m_recordPath; }

    // Replay. Opening ends any live run. `accept` may refuse a recording (in words) before it
    // replaces anything; so is one that cannot be read or holds no sample.
    using RecordingCheck = std::function<Status(const Recording&)>;
    Status openRecording(const QString& path, const RecordingCheck& accept = {});
    // Reads a recording file; why it could not be read, in words (as openRecording() says).
    static Result<Recording> readRecordingFile(const QString& path);
    // The same with a recording the caller has read already (`path` names it).
    Status openRecording(Recording recording, const QString& path,
                         const RecordingCheck& accept = {});
    void closeReplay();
    bool isReplaying() const { return m_replay.has_value(); }
    bool isReplayPlaying() const { return m_replayPlaying; }
    QString replayPath() const { return m_replayPath; }
    const Recording* recording() const { return m_replay ? &*m_replay : nullptr; }
    double replayDurationS() const;
    double replayPositionS() const;
    double replaySpeed() const { return m_replaySpeed; }
    std::size_t replayFramesShown() const { return m_replayNext; } // of recording()->frames
    void playReplay();                                             // from the end: starts over
    void pauseReplay();
    void setReplaySpeed(double factor); // clamped to kMinReplaySpeed..kMaxReplaySpeed
    // Rebuilds the history from the start up to `seconds`; lastFrame() becomes the frame at
    // that time, its newEvents every event up to it. Emits replayReset(), then frameUpdated().
    void seek(double seconds);

    static constexpr double kMinReplaySpeed = 0.25;
    static constexpr double kMaxReplaySpeed = 8.0;

Q_SIGNALS:
    void started();      // a run or an observation
    void frameUpdated(); // lastFrame() and history() have a new sample
    void pausedChanged(bool paused);
    void finished();                            // report() is set (a run); an observation stopped
    void errorOccurred(const QString& message); // a full sentence, ready to show
    void recordingChanged();                    // started, stopped, finished or failed
    void recordingClosed(const QString& path);  // what was written there stays readable
    void replayReset();        // views must forget what they show (opened, seek): see seek()
    void replayStateChanged(); // opened, closed, played, paused, speed, reached the end

private:
    class ObservationSampler;
    void sample();
    void requestObservation();
    void observed(std::uint64_t generation, Frame frame);
    void keepFrame(const Frame& frame);
    void endObservation();
    void replayTick();
    void replayReachedEnd();
    Status startWriter();
    void finishWriter(const RunReport* report);
    void resetViewsData();
    void refreshControl();

    LabOptions m_options;
    std::unique_ptr<Run> m_run; // holds the run's configuration (Run::config())
    QTimer m_timer;
    Frame m_lastFrame;
    RunHistory m_history;
    std::optional<RunReport> m_report;
    SampleTable m_samples;

    QString m_recordPath;       // see recordingPath()
    bool m_recordArmed = false; // m_recordPath is for the next run started
    std::optional<RecordingLesson> m_recordingLesson;
    std::optional<RecordingWriter> m_writer;

    // Observation: the sampler lives on m_observeThread; results of an older generation (an
    // observation since stopped) are dropped.
    QThread m_observeThread;
    ObservationSampler* m_sampler = nullptr;
    std::optional<ObserveOptions> m_observeOptions;
    QTimer m_observeTimer;
    bool m_observing = false;
    bool m_observeBusy = false;
    std::uint64_t m_observeGeneration = 0;
    std::vector<Frame> m_keptFrames;
    std::size_t m_keepStride = 1; // keep every m_keepStride-th frame (doubles when full)
    std::size_t m_framesSeen = 0;

    std::optional<Recording> m_replay;
    QString m_replayPath;
    QTimer m_replayTimer;
    QElapsedTimer m_replayClock; // wall time since m_replayBaseS, while playing
    double m_replayBaseS = 0;    // replay position when the clock (re)started
    double m_replaySpeed = 1.0;
    bool m_replayPlaying = false;
    std::size_t m_replayNext = 0; // next frame to feed
};

} // namespace ipcscope
