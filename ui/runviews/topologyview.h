#pragma once

#include "lab/frame.h"

#include <QWidget>

#include <optional>
#include <vector>

class QFontMetricsF;
class QPainter;

namespace ipcscope {

// A frame as a picture: its channels stacked in the middle, each with a fill bar (depth against
// capacity, or the depth alone when the capacity is not known); processes that send on the
// left (a Lab run's producers), those that only receive on the right (its consumers); an edge
// per endpoint. Edges grow with throughput and move while data flows; a blocked process turns a
// distinct colour and shows "msgsnd · 2.4 s". Readable on a projector (scales with the widget
// and the font).
//
// An observation's frame has more: the threads of one process share its node (which says how
// many of them wait), waiting processes and the channels they wait on are drawn first when not
// everything fits, and each wait cycle (Frame::deadlocks) is drawn as a red loop through its
// processes and channels, its members on alternate sides, and named above the picture.
class TopologyView : public QWidget {
    Q_OBJECT

public:
    explicit TopologyView(QWidget* parent = nullptr);
    ~TopologyView() override;

    void setSnapshot(const Frame& frame);
    void clear();
    // What to say before the first run (the Lab's default asks to choose a mechanism).
    void setPlaceholderText(const QString& text);
    // Whether the wait cycles are also said in words above the picture (the loop is drawn
    // either way): off where the page says them already, as the Observe page's banner does.
    void setCycleTextShown(bool shown);
    // Everything drawn at least `scale` times its smallest size (presentation mode: a class
    // reads the boxes from the back of the room), lines thicker with it.
    void setScale(double scale);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // Where the current frame is drawn at the current size (what paintEvent uses; tests check
    // it).
    struct Layout {
        double unit = 8; // the scale of everything, in pixels
        // Per process: none when it did not fit, or is another thread of a process drawn once.
        std::vector<std::optional<QRectF>> processes;
        std::vector<std::size_t> nodeOf;                  // per process: the entry drawn for it
        std::vector<bool> onTheLeft;                      // per process
        std::vector<QRectF> channels;                     // per channel; empty: did not fit
        std::vector<std::size_t> hiddenLeft, hiddenRight; // processes that did not fit
        std::vector<std::size_t> hiddenChannels;          // channels that did not fit
        QRectF banner; // the wait cycles in words, above the picture (empty without any)
        static double unitFor(QSize size);
    };
    Layout layout() const;
    // The parts of one channel's box.
    struct ChannelBox {
        QRectF inner, title, gauge, fillText, details;
        std::optional<QRectF> fillBar; // only with a known capacity
        bool compact = false;          // stacked with others: one line per part
    };
    static ChannelBox channelBox(const QRectF& rect, const ChannelFrame& channel, double unit);

    // What flows through an observed channel, as its box says it: "exact: 1.2 k msg/s ·
    // 4.5 MiB/s" (counted in the kernel) or "estimated: ≈ 12 msg/s · ≈ 4 KiB/s"; empty for a
    // Lab run's channel and where nothing counted it.
    static QString flowText(const Frame& frame, std::size_t channel);
    // A channel box's details ("empty=0", "full=0", "mutex=1", "2 senders waiting") on lines of
    // at most `width` pixels, broken between the parts, never inside one.
    static QStringList detailLines(const QStringList& parts, const QFontMetricsF& fm, double width);
    // A process's rate as its node says it: "1.2 k/s", or "≈ 12/s" when only estimated.
    static QString rateText(const Frame& frame, std::size_t process);
    // A process's state as its node says it: "read · 1.2 s", "waiting for step", "running ·
    // 12/s".
    static QString stateText(const Frame& frame, std::size_t process);

    // Measured wake-ups (an observation with the eBPF tier): for each drawn process one of whose
    // threads was last woken by another drawn process, an arrow from the waker to it, drawn
    // apart from the wait-for edges the /proc tier infers (solid green, a dot at the waker). One
    // per pair of processes, the latest. A wait cycle's step from a channel to the process that
    // releases it is drawn solid where such a wake-up confirms it.
    struct WakeEdge {
        std::size_t waker = 0; // the nodes (Layout::nodeOf) of the waker and of the woken
        std::size_t wakee = 0;
        WakeFrame wake;   // the wake-up it shows
        QPointF from, to; // where the arrow starts and ends
    };
    std::vector<WakeEdge> wakeEdges(const Layout& layout) const;
    // "Measured wake-up (eBPF): pid 12 (writer) woke pid 34 (reader) from read on pipe:[88],
    // after it waited 1.20 ms; 0.4 s ago".
    static QString wakeEdgeToolTip(const Frame& frame, const WakeEdge& edge);
    // The wake-up arrow under `pos`, if any (what the tooltip tells).
    std::optional<WakeEdge> wakeEdgeAt(QPointF pos) const;

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void paintChannel(QPainter& p, const QRectF& rect, const ChannelFrame& channel, double unit,
                      bool named, const QString& flow) const;

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace ipcscope
