#pragma once

// Every chart of the lab. All Qt Charts code sits behind these classes (Qt Charts is
// deprecated upstream in favour of Qt Graphs: a later move touches only chartviews.cpp and
// timelineview.cpp).

#include "runviews/runhistory.h"

#include <QWidget>

#include <memory>
#include <utility>
#include <vector>

namespace ipcscope {

// Throughput per process over the history window, in messages/s or bytes/s.
class ThroughputChartView : public QWidget {
    Q_OBJECT

public:
    enum class Unit { Messages, Bytes };
    explicit ThroughputChartView(QWidget* parent = nullptr);
    ~ThroughputChartView() override;

    void setUnit(Unit unit);
    Unit unit() const;
    // By default the Lab's workers are summed per role (producers, consumers), each sum with a
    // band from the slowest to the fastest worker of that role; per process draws one line for
    // each. Processes ipcscope did not start are always drawn one by one.
    void setPerProcess(bool perProcess);
    bool perProcess() const;
    void setHistory(const RunHistory& history);
    void clear();
    int seriesCount() const;         // lines drawn: one per process, or a sum per role
    QStringList seriesNames() const; // as the legend names them (bands included)
    // The value axis's title with its unit ("thousand messages/s"), and as drawn now, its lines
    // joined by spaces: the same unless the title was cut short.
    QString axisTitle() const;
    QString drawnAxisTitle() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// Depth per channel against its capacity (where known) over the history window.
class DepthChartView : public QWidget {
    Q_OBJECT

public:
    explicit DepthChartView(QWidget* parent = nullptr);
    ~DepthChartView() override;

    void setUnit(const QString& unit); // "bytes", "messages", "slots", "tokens" (untranslated)
    // Observed channels: depths read from kernel counters, marked as estimates in the title.
    void setEstimated(bool estimated);
    void setHistory(const RunHistory& history);
    void clear();
    // A depth line per channel whose fill level is known, and a capacity line per channel that
    // knows its capacity; their names, as the legend shows them.
    int seriesCount() const;
    QStringList seriesNames() const;
    // Whether the plot says that no channel shown tells its fill level.
    bool noteShown() const;
    // The value axis's title with its unit ("KiB queued": bytes are scaled to one unit), and as
    // drawn now, its lines joined by spaces.
    QString axisTitle() const;
    QString drawnAxisTitle() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// Any object's gauges over time (queued messages, attach count, semaphore values...): the
// Watch window of the object browser.
class GaugeChartView : public QWidget {
    Q_OBJECT

public:
    explicit GaugeChartView(QWidget* parent = nullptr);
    ~GaugeChartView() override;

    // Adds one sample; a name seen for the first time gets its own line.
    void addSample(double timeS, const std::vector<std::pair<QString, double>>& values);
    int seriesCount() const;
    int sampleCount() const;
    // Gives the lines new names, in the order they were added (after a language change).
    void renameSeries(const std::vector<QString>& names);
    // The chart's title and value axis (default "Gauges", "value"); set again on a language
    // change by the owner.
    void setTexts(const QString& title, const QString& valueAxis);
    void clear(); // every line and sample

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// One swimlane per process: running / blocked-in-call / throttled / stopped / exited over the
// history window, with a time axis in seconds.
class BlockingTimelineView : public QWidget {
    Q_OBJECT

public:
    explicit BlockingTimelineView(QWidget* parent = nullptr);
    ~BlockingTimelineView() override;

    void setHistory(const RunHistory& history);
    void clear();
    // What to say before the first frame (the Lab's default asks to start a run).
    void setPlaceholderText(const QString& text);
    QSize sizeHint() const override;
    int laneCount() const; // one per process (an observation: per thread)
    // The time axis ends at a round number just past the run's length (a 2 s lesson fills the
    // width) instead of showing at least 10 s; the Classroom's runs are short.
    void setFitToRun(bool fit);
    // The span of the time axis now shown, in seconds (tests).
    std::pair<double, double> timeAxis() const;
    // The calls named on a lane's blocked segments, left to right, as drawn (tests).
    QStringList segmentLabels(int lane) const;
    double laneHeight() const; // in pixels
    // The legend's entries, one per colour a lane can show, and where each is drawn (tests).
    QStringList legendTexts() const;
    QRectF legendBounds() const; // every swatch and name, united

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace ipcscope
