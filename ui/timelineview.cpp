#include "chartviews.h"

namespace ipcscope {

struct BlockingTimelineView::Private {};
BlockingTimelineView::BlockingTimelineView(QWidget* parent)
    : QWidget(parent)
    , d(std::make_unique<Private>()) {}
BlockingTimelineView::~BlockingTimelineView() = default;
void BlockingTimelineView::setHistory(const RunHistory&) {
    update();
}
void BlockingTimelineView::clear() {
    update();
}
QSize BlockingTimelineView::sizeHint() const {
    return {640, 200};
}
void BlockingTimelineView::paintEvent(QPaintEvent*) {}

} // namespace ipcscope
