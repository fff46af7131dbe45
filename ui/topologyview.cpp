#include "topologyview.h"

namespace ipcscope {

struct TopologyView::Private {};

TopologyView::TopologyView(QWidget* parent)
    : QWidget(parent)
    , d(std::make_unique<Private>()) {}
TopologyView::~TopologyView() = default;
void TopologyView::setSnapshot(const Frame&, const RunConfig&, const RunHistory&) {
    update();
}
void TopologyView::clear() {
    update();
}
QSize TopologyView::sizeHint() const {
    return {640, 320};
}
QSize TopologyView::minimumSizeHint() const {
    return {320, 200};
}
void TopologyView::paintEvent(QPaintEvent*) {}

} // namespace ipcscope
