#pragma once

// Owns the current run for the GUI: starts it from a config, samples it on one timer (all
// views update from the same frame), keeps the bounded history, and tears it down.
// Lives on the GUI thread: Run::sample() never blocks for long, and workers are forked from
// this long-lived thread (PR_SET_PDEATHSIG follows the forking thread).

#include "runhistory.h"

#include "lab/run.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>

namespace ipcscope {

class LabController : public QObject {
    Q_OBJECT

public:
    explicit LabController(QObject* parent = nullptr);
    ~LabController() override;

    void setLabOptions(const LabOptions& options) { m_options = options; }
    void setSampleIntervalMs(int ms) { m_timer.setInterval(ms); }

    bool start(const RunConfig& config); // false + errorOccurred() when it cannot start
    void stop();
    void pause();
    void resume();
    void abort(); // kill everything now (window closing)

    bool isActive() const { return m_run && !m_run->finished(); }
    bool isPaused() const { return m_run && m_run->paused(); }
    const RunConfig& config() const { return m_config; }
    const Frame& lastFrame() const { return m_lastFrame; }
    const RunHistory& history() const { return m_history; }
    const std::optional<RunReport>& report() const { return m_report; }
    const Run* run() const { return m_run.get(); }

Q_SIGNALS:
    void started();
    void frameUpdated(); // lastFrame() and history() have a new sample
    void pausedChanged(bool paused);
    void finished(); // report() is set
    void errorOccurred(const QString& message);

private:
    void sample();

    LabOptions m_options;
    RunConfig m_config;
    std::unique_ptr<Run> m_run;
    QTimer m_timer;
    Frame m_lastFrame;
    RunHistory m_history;
    std::optional<RunReport> m_report;
};

} // namespace ipcscope
