#include "runviews/viewpacer.h"

#include <QEvent>
#include <QWidget>

namespace ipcscope {

ViewPacer::ViewPacer(QWidget* page, std::function<void()> refresh, int intervalMs)
    : QObject(page)
    , m_page(page)
    , m_refresh(std::move(refresh)) {
    m_timer.setSingleShot(true);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_stale) {
            refreshIfSeen();
        }
    });
    page->installEventFilter(this);
}

bool ViewPacer::isSeen(const QWidget* view) {
    return view->isVisible() || !view->window()->isVisible();
}

void ViewPacer::frameArrived() {
    m_stale = true;
    if (!m_timer.isActive()) {
        refreshIfSeen();
    }
}

void ViewPacer::flush() {
    if (m_stale) {
        refreshIfSeen();
    }
}

void ViewPacer::restart() {
    m_timer.stop();
}

void ViewPacer::refreshIfSeen() {
    if (!isSeen(m_page)) {
        return; // stays stale: shown again, the page catches up (eventFilter)
    }
    m_stale = false;
    ++m_refreshes;
    m_refresh();
    m_timer.start(); // the next refresh no sooner than one interval from now
}

bool ViewPacer::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_page && event->type() == QEvent::Show && m_stale) {
        refreshIfSeen();
    }
    return QObject::eventFilter(watched, event);
}

} // namespace ipcscope
