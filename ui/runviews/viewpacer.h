#pragma once

// Paces a page's views to what the eye needs. Frames arrive at the sampling rate (every one
// goes into the history and the recording); the views are refreshed from the latest at most
// once per interval (10 Hz by default): the first frame at once, the ones in between
// coalesced into the next refresh, the last on flush(). A page hidden in a shown window (another
// tab) is not refreshed at all; shown again, it catches up at once.
//
// In a window never shown (tests driving models) every refresh happens: nothing is on screen,
// so nothing is hidden.

#include <QObject>
#include <QTimer>

#include <functional>

class QWidget;

namespace ipcscope {

class ViewPacer : public QObject {
    Q_OBJECT

public:
    static constexpr int kDefaultIntervalMs = 100;

    ViewPacer(QWidget* page, std::function<void()> refresh, int intervalMs = kDefaultIntervalMs);

    void frameArrived(); // the views are stale: refreshed now, or when the interval ends
    void flush();        // refresh now if stale (a run's last frame, a seek)
    void restart();      // a new run or replay: the next frame is shown at once
    bool isStale() const { return m_stale; }
    int refreshCount() const { return m_refreshes; } // how often the views were refreshed

    // Whether a view would be seen: shown, or in a window not on screen at all.
    static bool isSeen(const QWidget* view);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void refreshIfSeen();

    QWidget* m_page;
    std::function<void()> m_refresh;
    QTimer m_timer;
    bool m_stale = false;
    int m_refreshes = 0;
};

} // namespace ipcscope
