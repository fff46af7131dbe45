#include "labcontroller.h"

namespace ipcscope {

LabController::LabController(QObject* parent)
    : QObject(parent) {
    m_timer.setInterval(33); // ~30 frames per second
    connect(&m_timer, &QTimer::timeout, this, &LabController::sample);
}

LabController::~LabController() = default; // ~Run kills and reaps workers and removes objects

bool LabController::start(const RunConfig& config) {
    abort();
    auto run = Run::start(config, m_options);
    if (!run) {
        Q_EMIT errorOccurred(QString::fromStdString(run.error().message));
        return false;
    }
    m_run = std::move(*run);
    m_config = config;
    m_report.reset();
    m_history.clear();
    m_lastFrame = Frame{};
    m_timer.start();
    Q_EMIT started();
    sample();
    return true;
}

void LabController::stop() {
    if (isActive()) {
        m_run->requestStop();
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

void LabController::abort() {
    m_timer.stop();
    m_run.reset();
}

void LabController::sample() {
    if (!m_run) {
        return;
    }
    m_lastFrame = m_run->sample();
    m_history.add(m_lastFrame);
    Q_EMIT frameUpdated();
    if (m_run->finished()) {
        m_timer.stop();
        m_report = m_run->report();
        Q_EMIT finished();
    }
}

} // namespace ipcscope
