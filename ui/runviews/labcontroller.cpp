#include "runviews/labcontroller.h"

#include <QMetaObject>

#include <algorithm>

namespace ipcscope {

// Owns the Observer on the observation thread: reading /proc for many processes can take
// longer than a frame, and a process whose /proc is slow must not stall the GUI.
class LabController::ObservationSampler : public QObject {
public:
    explicit ObservationSampler(ObserveOptions options)
        : m_observer(std::move(options)) {}
    // The Observation's storage is reused between samples (the frame goes to the GUI thread).
    Frame sample() {
        m_observer.sample(m_observation);
        return observationFrame(m_observation);
    }

private:
    Observer m_observer;
    Observation m_observation;
};

LabController::LabController(QObject* parent)
    : QObject(parent) {
    m_timer.setInterval(33); // ~30 frames per second
    connect(&m_timer, &QTimer::timeout, this, &LabController::sample);
    m_replayTimer.setInterval(33);
    connect(&m_replayTimer, &QTimer::timeout, this, &LabController::replayTick);
    connect(&m_observeTimer, &QTimer::timeout, this, &LabController::requestObservation);
    m_observeThread.setObjectName(QStringLiteral("observation"));
}

LabController::~LabController() {
    // ~Run kills and reaps workers and removes objects; an observation only reads.
    endObservation();
    m_observeThread.quit();
    m_observeThread.wait();
}

Status LabController::start(const RunConfig& config) {
    abort();
    closeReplay();
    m_observeOptions.reset();
    auto run = Run::start(config, m_options);
    if (!run) {
        return Error{tr("Could not start: %1")
                         .arg(QString::fromStdString(run.error().message))
                         .toStdString()};
    }
    m_run = std::move(*run);
    resetViewsData();
    if (!m_recordArmed) {
        m_recordPath.clear(); // this run is not recorded
    } else if (auto recording = startWriter(); !recording) {
        Q_EMIT errorOccurred(QString::fromStdString(recording.error().message));
    }
    m_timer.start();
    Q_EMIT started();
    sample();
    return Ok{};
}

void LabController::stop() {
    if (isActive()) {
        m_run->requestStop(); // also ends step mode: held workers must see the stop
        refreshControl();
        Q_EMIT pausedChanged(false);
    }
}

void LabController::pause() {
    if (isActive() && !m_run->paused()) {
        m_run->pause();
        Q_EMIT pausedChanged(true);
    }
}

void LabController::resume() {
    if (isActive() && m_run->paused()) {
        m_run->resume();
        Q_EMIT pausedChanged(false);
    }
}

void LabController::setPace(std::uint64_t minIntervalNs) {
    if (isActive()) {
        m_run->setPace(minIntervalNs);
        refreshControl();
    }
}

void LabController::setStepMode(bool on) {
    if (isActive()) {
        m_run->setStepMode(on);
        refreshControl();
    }
}

void LabController::step() {
    if (isActive()) {
        m_run->step();
        refreshControl();
    }
}

// The pages see a change of the controls at once, not at the next sample.
void LabController::refreshControl() {
    m_lastFrame.control = m_run->control();
}

std::optional<RunInfo> LabController::runInfo() const {
    if (!m_run) {
        return std::nullopt;
    }
    return RunInfo{m_run->workerPids(), m_run->guardianPid(), m_run->runDirectory(),
                   m_run->objects(), m_run->warnings()};
}

const RunConfig& LabController::config() const {
    static const RunConfig none;
    return m_run ? m_run->config() : m_replay ? m_replay->config : none;
}

void LabController::abort() {
    endObservation();
    m_timer.stop();
    // An aborted run has no report; the frames written so far stay readable.
    finishWriter(nullptr);
    m_run.reset();
}

void LabController::resetViewsData() {
    m_report.reset();
    m_history.clear();
    m_samples.clear();
    m_lastFrame = Frame{};
    m_keptFrames.clear();
    m_keepStride = 1;
    m_framesSeen = 0;
}

// Every frame until the bound, then every other one of those kept and of those to come: the
// whole span stays, evenly thinned.
void LabController::keepFrame(const Frame& frame) {
    if (m_framesSeen++ % m_keepStride != 0) {
        return;
    }
    m_keptFrames.push_back(frame);
    m_keptFrames.back().newEvents.clear(); // the exports read states, not the event log
    if (m_keptFrames.size() >= kMaxKeptFrames) {
        std::size_t kept = 0;
        for (std::size_t i = 0; i < m_keptFrames.size(); i += 2) {
            m_keptFrames[kept++] = std::move(m_keptFrames[i]);
        }
        m_keptFrames.resize(kept);
        m_keepStride *= 2;
    }
}

// ---- observation ----

RecordedObservation recordedObservation(const ObserveOptions& options) {
    RecordedObservation r;
    const ProcessSelection& s = options.selection;
    for (pid_t pid : s.pids) {
        r.selection.push_back("pid " + std::to_string(pid));
    }
    for (pid_t pid : s.trees) {
        r.selection.push_back("tree " + std::to_string(pid));
    }
    for (const std::string& command : s.commands) {
        r.selection.push_back("comm " + command);
    }
    for (const ObjectRef& object : s.objects) {
        r.selection.push_back("object " + object.text());
    }
    if (s.all) {
        r.selection.emplace_back("all");
    }
    r.allChannels = options.allChannels;
    r.intervalMs = std::uint64_t(options.interval.count());
    return r;
}

Status LabController::startObserving(const ObserveOptions& options) {
    if (options.selection.empty()) {
        return Error{tr("Choose what to observe first: processes, a command, a process tree or "
                        "an object.")
                         .toStdString()};
    }
    if (options.interval.count() <= 0) {
        return Error{tr("The sampling interval must be longer than zero.").toStdString()};
    }
    abort();
    closeReplay();
    resetViewsData();
    m_observeOptions = options;
    if (!m_observeThread.isRunning()) {
        m_observeThread.start(QThread::LowPriority);
    }
    m_sampler = new ObservationSampler(options);
    m_sampler->moveToThread(&m_observeThread);
    ++m_observeGeneration;
    m_observing = true;
    m_observeBusy = false;
    if (m_recordArmed) {
        if (auto recording = startWriter(); !recording) {
            Q_EMIT errorOccurred(QString::fromStdString(recording.error().message));
        }
    } else {
        m_recordPath.clear();
    }
    m_observeTimer.setInterval(int(std::max<long long>(10, options.interval.count())));
    m_observeTimer.start();
    Q_EMIT started();
    requestObservation();
    return Ok{};
}

void LabController::stopObserving() {
    if (!m_observing) {
        return;
    }
    endObservation();
    Q_EMIT finished();
}

// Stops sampling; a sample still being read is dropped when it arrives (its generation is
// old) and the sampler goes with it.
void LabController::endObservation() {
    if (!m_sampler) {
        return;
    }
    m_observeTimer.stop();
    m_observing = false;
    ++m_observeGeneration;
    m_sampler->deleteLater(); // on its thread, after any sample in progress
    m_sampler = nullptr;
    m_observeBusy = false;
    finishWriter(nullptr);
}

void LabController::requestObservation() {
    if (!m_sampler || m_observeBusy) {
        return; // the previous sample is still being read
    }
    m_observeBusy = true;
    const std::uint64_t generation = m_observeGeneration;
    ObservationSampler* sampler = m_sampler;
    QMetaObject::invokeMethod(sampler, [this, sampler, generation] {
        Frame frame = sampler->sample(); // on the observation thread
        QMetaObject::invokeMethod(this, [this, generation, frame = std::move(frame)]() mutable {
            observed(generation, std::move(frame));
        });
    });
}

void LabController::observed(std::uint64_t generation, Frame frame) {
    if (generation != m_observeGeneration) {
        return; // from an observation since stopped
    }
    m_observeBusy = false;
    m_lastFrame = std::move(frame);
    m_history.add(m_lastFrame);
    m_samples.add(m_lastFrame);
    keepFrame(m_lastFrame);
    if (m_writer) {
        if (auto s = m_writer->append(m_lastFrame); !s) {
            Q_EMIT errorOccurred(
                tr("Recording stopped: %1").arg(QString::fromStdString(s.error().message)));
            finishWriter(nullptr);
        }
    }
    Q_EMIT frameUpdated();
}

void LabController::sample() {
    if (!m_run) {
        return;
    }
    m_lastFrame = m_run->sample();
    m_history.add(m_lastFrame);
    m_samples.add(m_lastFrame);
    keepFrame(m_lastFrame);
    if (m_writer) {
        if (auto s = m_writer->append(m_lastFrame); !s) {
            Q_EMIT errorOccurred(
                tr("Recording stopped: %1").arg(QString::fromStdString(s.error().message)));
            finishWriter(nullptr); // what was written stays readable
        }
    }
    Q_EMIT frameUpdated();
    if (m_run->finished()) {
        m_timer.stop();
        m_report = m_run->report();
        finishWriter(&*m_report);
        Q_EMIT finished();
    }
}

// ---- recording ----

Status LabController::recordTo(const QString& path) {
    finishWriter(nullptr);
    m_recordPath = path;
    m_recordArmed = true;
    if (isActive() || m_observing) {
        if (auto writing = startWriter(); !writing) {
            return writing; // startWriter() said recordingChanged()
        }
    }
    Q_EMIT recordingChanged();
    return Ok{};
}

void LabController::stopRecording() {
    if (m_recordArmed) {
        m_recordArmed = false;
        m_recordPath.clear(); // nothing was written
    }
    finishWriter(nullptr);
    Q_EMIT recordingChanged();
}

// Opens the armed file for the live run; on failure nothing is recorded.
Status LabController::startWriter() {
    m_recordArmed = false;
    auto writer = m_observing ? RecordingWriter::create(m_recordPath.toStdString(),
                                                        recordedObservation(*m_observeOptions))
                              : RecordingWriter::create(m_recordPath.toStdString(), m_run->config(),
                                                        m_recordingLesson);
    if (!writer) {
        m_recordPath.clear();
        Q_EMIT recordingChanged();
        return Error{tr("Could not record: %1")
                         .arg(QString::fromStdString(writer.error().message))
                         .toStdString()};
    }
    m_writer = std::move(*writer);
    return Ok{};
}

// Closes the file of the current run; with a report the recording is complete. Either way the
// recording ends: a new run needs a new file (recordTo()). recordingPath() still names it.
void LabController::finishWriter(const RunReport* report) {
    if (!m_writer) {
        return;
    }
    if (report) {
        if (auto s = m_writer->finish(*report); !s) {
            Q_EMIT errorOccurred(tr("Could not finish the recording: %1")
                                     .arg(QString::fromStdString(s.error().message)));
        }
    }
    m_writer.reset();
    Q_EMIT recordingClosed(m_recordPath);
    Q_EMIT recordingChanged();
}

// ---- replay ----

Result<Recording> LabController::readRecordingFile(const QString& path) {
    auto recording = readRecording(path.toStdString());
    if (!recording) {
        return Error{tr("Could not open the recording: %1")
                         .arg(QString::fromStdString(recording.error().message))
                         .toStdString()};
    }
    return recording;
}

Status LabController::openRecording(const QString& path, const RecordingCheck& accept) {
    auto recording = readRecordingFile(path);
    if (!recording) {
        return recording.error();
    }
    return openRecording(std::move(*recording), path, accept);
}

Status LabController::openRecording(Recording recording, const QString& path,
                                    const RecordingCheck& accept) {
    if (accept) {
        if (auto accepted = accept(recording); !accepted) {
            return accepted;
        }
    }
    if (recording.frames.empty()) {
        return Error{tr("Could not open the recording: %1 holds no samples (the lab stopped "
                        "before the first one).")
                         .arg(path)
                         .toStdString()};
    }
    abort(); // a replay shows no live run
    if (isRecording()) {
        stopRecording();
    }
    m_recordPath.clear(); // a replay is not recorded
    closeReplay();
    m_observeOptions.reset(); // a replayed observation is known by recording()->observation
    m_replay = std::move(recording);
    m_replayPath = path;
    m_samples = SampleTable::fromFrames(m_replay->frames);
    m_replayPlaying = false;
    Q_EMIT replayStateChanged();
    seek(0);
    return Ok{};
}

void LabController::closeReplay() {
    if (!m_replay) {
        return;
    }
    m_replayTimer.stop();
    m_replay.reset();
    m_replayPath.clear();
    m_replayPlaying = false;
    m_replayNext = 0;
    m_replayBaseS = 0;
    resetViewsData();
    Q_EMIT replayStateChanged();
}

double LabController::replayDurationS() const {
    return m_replay ? m_replay->durationS() : 0.0;
}

double LabController::replayPositionS() const {
    if (!m_replay) {
        return 0;
    }
    double position = m_replayBaseS;
    if (m_replayPlaying) {
        position += double(m_replayClock.nsecsElapsed()) / 1e9 * m_replaySpeed;
    }
    return std::min(position, replayDurationS());
}

void LabController::playReplay() {
    if (!m_replay || m_replayPlaying) {
        return;
    }
    if (m_replayNext >= m_replay->frames.size()) {
        seek(0); // at the end, Play starts over
    }
    m_replayPlaying = true;
    m_replayClock.start();
    m_replayTimer.start();
    Q_EMIT replayStateChanged();
}

void LabController::pauseReplay() {
    if (!m_replay || !m_replayPlaying) {
        return;
    }
    m_replayBaseS = replayPositionS();
    m_replayPlaying = false;
    m_replayTimer.stop();
    Q_EMIT replayStateChanged();
}

void LabController::setReplaySpeed(double factor) {
    factor = std::clamp(factor, kMinReplaySpeed, kMaxReplaySpeed);
    if (factor == m_replaySpeed) {
        return;
    }
    // Keep the position continuous: the new speed applies from now.
    m_replayBaseS = replayPositionS();
    m_replayClock.start();
    m_replaySpeed = factor;
    Q_EMIT replayStateChanged();
}

void LabController::seek(double seconds) {
    if (!m_replay) {
        return;
    }
    const std::vector<Frame>& frames = m_replay->frames;
    seconds = std::clamp(seconds, 0.0, replayDurationS());
    const auto targetNs = std::uint64_t(seconds * 1e9);
    m_history.clear();
    m_report.reset();
    std::vector<RunEvent> events;
    std::size_t next = 0;
    // The first frame is always shown, so the views never stay blank.
    while (next < frames.size() && (next == 0 || frames[next].elapsedNs <= targetNs)) {
        m_history.add(frames[next]);
        events.insert(events.end(), frames[next].newEvents.begin(), frames[next].newEvents.end());
        ++next;
    }
    m_replayNext = next;
    m_lastFrame = frames[next - 1];
    m_lastFrame.newEvents = std::move(events);
    m_replayBaseS = seconds;
    m_replayClock.start();
    Q_EMIT replayReset();
    Q_EMIT frameUpdated();
    if (m_replayNext >= frames.size()) {
        replayReachedEnd();
    } else {
        Q_EMIT replayStateChanged();
    }
}

void LabController::replayTick() {
    if (!m_replay) {
        return;
    }
    const std::vector<Frame>& frames = m_replay->frames;
    const auto nowNs = std::uint64_t(replayPositionS() * 1e9);
    if (m_replayNext < frames.size() && frames[m_replayNext].elapsedNs <= nowNs) {
        // Several frames may be due at a high speed: all go into the history, one update
        // carries the last frame with every event of the frames it stands for.
        std::vector<RunEvent> events;
        while (m_replayNext < frames.size() && frames[m_replayNext].elapsedNs <= nowNs) {
            const Frame& f = frames[m_replayNext];
            m_history.add(f);
            events.insert(events.end(), f.newEvents.begin(), f.newEvents.end());
            ++m_replayNext;
        }
        m_lastFrame = frames[m_replayNext - 1];
        m_lastFrame.newEvents = std::move(events);
        Q_EMIT frameUpdated();
    }
    if (m_replayNext >= frames.size()) {
        replayReachedEnd();
    }
}

void LabController::replayReachedEnd() {
    m_replayTimer.stop();
    m_replayPlaying = false;
    m_replayBaseS = replayDurationS();
    if (m_replay->report && !m_report) {
        m_report = m_replay->report;
        Q_EMIT finished();
    }
    Q_EMIT replayStateChanged();
}

} // namespace ipcscope
