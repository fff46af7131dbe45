// Chart frame time with 16 workers: ipcscope's chart views against a naive Qt Charts
// implementation (clear + append every point, every frame, no decimation), side by side in one
// process, offscreen. A frame = update from the history + render the widget (painting
// included). Prints p50/p95 for both and the speed ratio.
//
//   bench_charts [--frames N]

#include "runviews/chartviews.h"
#include "runviews/runhistory.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QElapsedTimer>
#include <QImage>
#include <QLineSeries>
#include <QPainter>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

using namespace ipcscope;

namespace {

// 60 s of a 16-worker run at 30 Hz, with rates that wander like real ones.
RunHistory syntheticHistory(int frames) {
    RunHistory history;
    Frame f;
    f.processes.resize(16);
    for (int i = 0; i < 16; ++i) {
        f.processes[i].worker =
            WorkerId{i < 8 ? Role::Producer : Role::Consumer, std::uint32_t(i % 8)};
    }
    f.channels.resize(1);
    f.channels[0].capacity = 65536;
    for (int step = 0; step < frames; ++step) {
        f.elapsedNs = std::uint64_t(step) * 33'333'333u;
        for (int i = 0; i < 16; ++i) {
            const double rate = 50'000 + 20'000 * std::sin(step / 40.0 + i);
            f.processes[i].messages += std::uint64_t(rate / 30);
            f.processes[i].bytes += std::uint64_t(rate / 30) * 64;
            f.processes[i].state =
                (step / 15 + i) % 3 == 0 ? WorkerState::Blocked : WorkerState::Running;
        }
        f.channels[0].depth = std::uint64_t(32768 + 30000 * std::sin(step / 25.0));
        history.add(f);
    }
    return history;
}

// What one might write first: one series per worker, refilled point by point every frame.
class NaiveThroughputChart : public QWidget {
public:
    NaiveThroughputChart() {
        m_chart = new QChart;
        m_chart->setAnimationOptions(QChart::NoAnimation);
        m_x = new QValueAxis;
        m_y = new QValueAxis;
        m_chart->addAxis(m_x, Qt::AlignBottom);
        m_chart->addAxis(m_y, Qt::AlignLeft);
        auto* view = new QChartView(m_chart, this);
        auto* layout = new QVBoxLayout(this);
        layout->addWidget(view);
    }
    void setHistory(const RunHistory& history) {
        const auto& workers = history.processes();
        while (m_series.size() < workers.size()) {
            auto* s = new QLineSeries;
            m_chart->addSeries(s);
            s->attachAxis(m_x);
            s->attachAxis(m_y);
            m_series.push_back(s);
        }
        double maxY = 1;
        for (std::size_t i = 0; i < workers.size(); ++i) {
            m_series[i]->clear();
            for (const auto& p : workers[i].rates) {
                m_series[i]->append(p.timeS, p.messagesPerS);
                maxY = std::max(maxY, p.messagesPerS);
            }
        }
        m_x->setRange(std::max(0.0, history.nowS() - history.windowS()), history.nowS());
        m_y->setRange(0, maxY);
    }

private:
    QChart* m_chart;
    QValueAxis* m_x;
    QValueAxis* m_y;
    std::vector<QLineSeries*> m_series;
};

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(p * double(v.size())))];
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    int frames = 300;
    if (argc == 3 && QByteArray(argv[1]) == "--frames") {
        frames = std::max(10, std::atoi(argv[2]));
    }
    // The history holds far more points than pixels (rates every frame, 4x the default).
    RunHistory history = syntheticHistory(30 * 60);
    QWidget oursBox;
    auto* oursLayout = new QVBoxLayout(&oursBox);
    auto* ours = new ThroughputChartView;
    oursLayout->addWidget(ours);
    auto* depth = new DepthChartView;
    oursLayout->addWidget(depth);
    QWidget naiveBox;
    auto* naiveLayout = new QVBoxLayout(&naiveBox);
    auto* naive = new NaiveThroughputChart;
    naiveLayout->addWidget(naive);
    for (QWidget* w : {&oursBox, &naiveBox}) {
        w->resize(1000, 700);
        w->show();
    }
    QImage canvas(1000, 700, QImage::Format_ARGB32_Premultiplied);
    std::vector<double> oursMs, naiveMs;
    Frame next;
    next.processes.resize(16);
    for (int i = 0; i < frames; ++i) {
        // Both see the same new frame of data.
        next.elapsedNs = std::uint64_t(30 * 60 + i) * 33'333'333u;
        for (int w = 0; w < 16; ++w) {
            next.processes[w].worker =
                WorkerId{w < 8 ? Role::Producer : Role::Consumer, std::uint32_t(w % 8)};
            next.processes[w].messages += 1500 + std::uint64_t(w * 10);
        }
        history.add(next);
        for (int side = 0; side < 2; ++side) {
            const bool mine = (side == 0) == (i % 2 == 0); // alternate who goes first
            QElapsedTimer t;
            t.start();
            if (mine) {
                ours->setHistory(history);
                depth->setHistory(history);
                QPainter painter(&canvas);
                oursBox.render(&painter);
            } else {
                naive->setHistory(history);
                QPainter painter(&canvas);
                naiveBox.render(&painter);
            }
            (mine ? oursMs : naiveMs).push_back(double(t.nsecsElapsed()) / 1e6);
        }
    }
    std::printf(
        "chart frame time, 16 workers, %zu rate points per worker, %d frames each, interleaved\n",
        history.processes().front().rates.size(), frames);
    std::printf("%-28s %10s %10s\n", "", "p50 (ms)", "p95 (ms)");
    std::printf("%-28s %10.2f %10.2f\n", "ipcscope (throughput+depth)", percentile(oursMs, 0.5),
                percentile(oursMs, 0.95));
    std::printf("%-28s %10.2f %10.2f\n", "naive (throughput only)", percentile(naiveMs, 0.5),
                percentile(naiveMs, 0.95));
    std::printf("speed-up at p50: %.1fx, at p95: %.1fx\n",
                percentile(naiveMs, 0.5) / percentile(oursMs, 0.5),
                percentile(naiveMs, 0.95) / percentile(oursMs, 0.95));
    return 0;
}
