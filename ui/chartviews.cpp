#include "chartviews.h"

namespace ipcscope {

struct ThroughputChartView::Private {
    Unit unit = Unit::Messages;
};
ThroughputChartView::ThroughputChartView(QWidget* parent)
    : QWidget(parent)
    , d(std::make_unique<Private>()) {}
ThroughputChartView::~ThroughputChartView() = default;
void ThroughputChartView::setUnit(Unit unit) {
    d->unit = unit;
}
ThroughputChartView::Unit ThroughputChartView::unit() const {
    return d->unit;
}
void ThroughputChartView::setHistory(const RunHistory&) {}
void ThroughputChartView::clear() {}

struct DepthChartView::Private {};
DepthChartView::DepthChartView(QWidget* parent)
    : QWidget(parent)
    , d(std::make_unique<Private>()) {}
DepthChartView::~DepthChartView() = default;
void DepthChartView::setUnit(const QString&) {}
void DepthChartView::setHistory(const RunHistory&) {}
void DepthChartView::clear() {}

} // namespace ipcscope
