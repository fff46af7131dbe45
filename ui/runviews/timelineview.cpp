// The blocking timeline: one swimlane per process, coloured by state, over the history window.
// Painted by hand (not Qt Charts): hundreds of segments per lane repaint in well under a
// millisecond and carry their own tooltips.

#include "common/corestrings.h"
#include "runviews/chartviews.h"

#include "base/format.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace ipcscope {

namespace {

QColor stateColor(const StateSegment& s) {
    if (s.stopped) {
        return QColor(0x9e, 0x9e, 0x9e);
    }
    switch (s.state) {
    case WorkerState::Starting:
        return QColor(0x5d, 0x9c, 0xec);
    case WorkerState::Running:
        return QColor(0x4c, 0xaf, 0x50);
    case WorkerState::Blocked:
        return QColor(0xd9, 0x53, 0x4f);
    case WorkerState::Throttled:
        return QColor(0xf0, 0xad, 0x4e);
    case WorkerState::Draining:
        return QColor(0x26, 0xa6, 0x9a);
    case WorkerState::Exited:
        return QColor(0xdd, 0xdd, 0xdd);
    case WorkerState::Held:
        return QColor(0x7e, 0x57, 0xc2); // step mode: waiting for the next step
    }
    return Qt::gray;
}

// The call a segment waits in: an observed one by its name when CallKind has none for it.
QString segmentCall(const StateSegment& s) {
    return !s.callName.empty() ? QString::fromStdString(s.callName)
                               : QString::fromUtf8(callName(s.call).data());
}

QString stateWord(const StateSegment& s) {
    if (s.stopped) {
        return BlockingTimelineView::tr("stopped");
    }
    if (s.state == WorkerState::Blocked) {
        return BlockingTimelineView::tr("blocked in %1").arg(segmentCall(s));
    }
    return stateText(s.state);
}

// "P0", "C3" for the lab's workers (the lanes stay narrow with 64 of them); a process it did
// not start by its pid.
QString laneLabel(const ProcessHistory& p) {
    if (p.worker) {
        return QStringLiteral("%1%2")
            .arg(p.worker->role == Role::Producer ? QLatin1Char('P') : QLatin1Char('C'))
            .arg(p.worker->index);
    }
    if (p.tid != 0 && p.tid != p.pid) {
        return QStringLiteral("%1/%2").arg(p.pid).arg(p.tid); // a thread of a process
    }
    return QString::number(p.pid);
}

// What a blocked segment `width` pixels wide says: its call, in a smaller font or cut short
// ("op…") when it does not fit, so a short wait keeps its name next to a long one. Empty when
// not even that fits.
struct SegmentLabel {
    QString text;
    QFont font;
};
// The smallest of the label's sizes: a lane lower than that is drawn without a label. In
// presentation mode's large text this is still the normal text's size.
constexpr double kSmallestLabel = 0.55;

// The call named on a wait `width` wide in a lane `height` high: in the lane's font, or smaller
// (down to kSmallestLabel of it) where the lane is short or the wait narrow, else shortened.
SegmentLabel segmentLabel(const StateSegment& s, double width, double height, const QFont& base) {
    const QString call = segmentCall(s);
    QFont font = base;
    for (double shrink : {1.0, 0.85, 0.72, kSmallestLabel}) {
        if (base.pointSizeF() > 0) {
            font.setPointSizeF(base.pointSizeF() * shrink);
        } else {
            font.setPixelSize(std::max(1, int(base.pixelSize() * shrink)));
        }
        const QFontMetricsF fm(font);
        if (fm.height() > height && shrink != kSmallestLabel) {
            continue;
        }
        if (fm.horizontalAdvance(call) + 6 <= width) {
            return {call, font};
        }
    }
    const QString cut = QFontMetricsF(font).elidedText(call, Qt::ElideRight, width - 4);
    if (cut.size() < 2 || cut == QStringLiteral("…")) {
        return {};
    }
    return {cut, font};
}

} // namespace

struct BlockingTimelineView::Private {
    std::vector<ProcessHistory> processes; // copied: paint events come later than setHistory
    double nowS = 0;
    double windowS = 60;
    bool fitToRun = false;
    QString placeholder; // empty: the Lab's own text

    struct Geometry {
        QRectF plot;
        double laneHeight = 0;
        double x0 = 0, x1 = 1;
        double xOf(double t) const { return plot.left() + (t - x0) / (x1 - x0) * plot.width(); }
    };
    // The title, then a swatch and a name per state, every colour the lanes can show, flowed
    // onto as many lines as the width needs (every entry stays visible at 1024 px).
    struct LegendItem {
        StateSegment swatch;
        QString text;
        QPointF at; // the swatch's top left
    };
    static std::vector<LegendItem> legend(const QWidget* w, double* height) {
        const QFontMetrics fm(w->font());
        QFont bold = w->font();
        bold.setBold(true);
        std::vector<LegendItem> items;
        for (WorkerState state : {WorkerState::Starting, WorkerState::Running, WorkerState::Blocked,
                                  WorkerState::Throttled, WorkerState::Held, WorkerState::Draining,
                                  WorkerState::Exited}) {
            StateSegment s;
            s.state = state;
            items.push_back({s,
                             state == WorkerState::Starting ? BlockingTimelineView::tr("start-up")
                                                            : stateText(state),
                             {}});
        }
        StateSegment stopped;
        stopped.stopped = true;
        items.push_back({stopped, BlockingTimelineView::tr("stopped"), {}});
        const double lineHeight = fm.height() + 2;
        const double gap = fm.horizontalAdvance(QLatin1Char(' ')) * 2;
        double x =
            8 +
            QFontMetrics(bold).horizontalAdvance(BlockingTimelineView::tr("Blocking timeline")) +
            2 * gap;
        double y = 6;
        const double right = w->width() - 6;
        for (LegendItem& item : items) {
            const double width = 16 + fm.horizontalAdvance(item.text);
            if (x + width > right && x > 8) {
                x = 8;
                y += lineHeight;
            }
            item.at = {x, y};
            x += width + gap;
        }
        *height = y - 6 + fm.height() + 8;
        return items;
    }

    // The round length just past `nowS`: the axis grows in steps, not on every frame.
    static double fittedEnd(double nowS) {
        for (double end : {1.0, 2.0, 3.0, 5.0, 8.0, 10.0}) {
            if (nowS <= end) {
                return end;
            }
        }
        return 10.0;
    }

    Geometry geometry(const QWidget* w) const {
        Geometry g;
        const QFontMetrics fm(w->font());
        // Room for "C00", a pid, or an observed thread's "pid/tid".
        const bool threads =
            std::any_of(processes.begin(), processes.end(),
                        [](const ProcessHistory& p) { return p.tid != 0 && p.tid != p.pid; });
        const double labelWidth = fm.horizontalAdvance(threads ? QStringLiteral("0000000/0000000")
                                                               : QStringLiteral("C00 0000000")) +
                                  12;
        double legendHeight = 0;
        legend(w, &legendHeight);
        const double axisHeight = fm.height() + 8; // the ticks' row; "time (s)" beside it
        // On the right, room for half the last tick's label ("10").
        const double right = std::max(12.0, fm.horizontalAdvance(QStringLiteral("00")) / 2.0 + 4);
        g.plot =
            QRectF(labelWidth, legendHeight + 4, std::max(10.0, w->width() - labelWidth - right),
                   std::max(10.0, w->height() - legendHeight - axisHeight - 8));
        g.laneHeight =
            processes.empty() ? g.plot.height() : g.plot.height() / double(processes.size());
        const double least = fitToRun ? fittedEnd(nowS) : 10.0;
        g.x1 = std::max(nowS, least);
        g.x0 = std::max(0.0, g.x1 - windowS);
        if (g.x1 - g.x0 < least) {
            g.x1 = g.x0 + least;
        }
        return g;
    }
};

BlockingTimelineView::BlockingTimelineView(QWidget* parent)
    : QWidget(parent)
    , d(std::make_unique<Private>()) {
    setMouseTracking(true);
    setMinimumSize(220, 140);
    setAttribute(Qt::WA_OpaquePaintEvent); // paintEvent fills every pixel: no background first
    QEvent texts(QEvent::LanguageChange);
    changeEvent(&texts);
}

BlockingTimelineView::~BlockingTimelineView() = default;

void BlockingTimelineView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        setToolTip(tr("What each worker was doing over the last minute: starting up, running, "
                      "blocked in a call, throttled to its rate, waiting for a step, draining, "
                      "stopped or exited"));
        update(); // the rest is painted
    }
    QWidget::changeEvent(event);
}

void BlockingTimelineView::setHistory(const RunHistory& history) {
    d->processes = history.processes();
    d->nowS = history.nowS();
    d->windowS = history.windowS();
    update();
}

void BlockingTimelineView::clear() {
    d->processes.clear();
    d->nowS = 0;
    update();
}

void BlockingTimelineView::setPlaceholderText(const QString& text) {
    d->placeholder = text;
    update();
}

void BlockingTimelineView::setFitToRun(bool fit) {
    d->fitToRun = fit;
    update();
}

std::pair<double, double> BlockingTimelineView::timeAxis() const {
    const auto g = d->geometry(this);
    return {g.x0, g.x1};
}

QStringList BlockingTimelineView::segmentLabels(int lane) const {
    QStringList labels;
    if (lane < 0 || std::size_t(lane) >= d->processes.size()) {
        return labels;
    }
    const auto g = d->geometry(this);
    const QFontMetrics fm(font());
    if (g.laneHeight - 2 < fm.height() * kSmallestLabel) {
        return labels;
    }
    for (const StateSegment& s : d->processes[std::size_t(lane)].segments) {
        const double a = std::max(g.x0, s.startS);
        const double b = std::min(g.x1, std::max(s.endS, s.startS));
        if (s.state != WorkerState::Blocked || s.stopped || b < g.x0 || a > g.x1) {
            continue;
        }
        if (const SegmentLabel label =
                segmentLabel(s, std::max(1.0, g.xOf(b) - g.xOf(a)), g.laneHeight - 2, font());
            !label.text.isEmpty()) {
            labels << label.text;
        }
    }
    return labels;
}

double BlockingTimelineView::laneHeight() const {
    return d->geometry(this).laneHeight;
}

QStringList BlockingTimelineView::legendTexts() const {
    double height = 0;
    QStringList texts;
    for (const auto& item : Private::legend(this, &height)) {
        texts << item.text;
    }
    return texts;
}

QRectF BlockingTimelineView::legendBounds() const {
    double height = 0;
    const QFontMetrics fm(font());
    QRectF bounds;
    for (const auto& item : Private::legend(this, &height)) {
        bounds |= QRectF(item.at, QSizeF(16 + fm.horizontalAdvance(item.text), fm.height()));
    }
    return bounds;
}

int BlockingTimelineView::laneCount() const {
    return int(d->processes.size());
}

QSize BlockingTimelineView::sizeHint() const {
    return {640, 260};
}

void BlockingTimelineView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, false);
    const QPalette& pal = palette();
    p.fillRect(rect(), pal.base());
    const auto g = d->geometry(this);
    const QFontMetrics fm(font());

    // Title and legend on one line.
    p.setPen(pal.text().color());
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(QPointF(8, fm.ascent() + 4), tr("Blocking timeline"));
    p.setFont(font());
    double legendHeight = 0;
    for (const auto& item : Private::legend(this, &legendHeight)) {
        p.fillRect(QRectF(item.at.x(), item.at.y(), 12, fm.ascent() - 2), stateColor(item.swatch));
        p.drawText(QPointF(item.at.x() + 16, item.at.y() + fm.ascent() - 2), item.text);
    }

    if (d->processes.empty()) {
        p.setPen(pal.placeholderText().color());
        p.drawText(g.plot, Qt::AlignCenter | Qt::TextWordWrap,
                   !d->placeholder.isEmpty()
                       ? d->placeholder
                       : tr("Start a run to see who waits, where and for how long"));
        return;
    }
    // No label fits a wait narrower than an ellipsis in the smallest label font (most of a busy
    // run's waits): they are not measured one by one.
    QFont smallest = font();
    if (smallest.pointSizeF() > 0) {
        smallest.setPointSizeF(smallest.pointSizeF() * kSmallestLabel);
    } else {
        smallest.setPixelSize(std::max(1, int(smallest.pixelSize() * kSmallestLabel)));
    }
    const double narrowest = QFontMetricsF(smallest).horizontalAdvance(QChar(0x2026)) + 4;
    for (std::size_t i = 0; i < d->processes.size(); ++i) {
        const ProcessHistory& w = d->processes[i];
        const double top = g.plot.top() + double(i) * g.laneHeight;
        const QRectF lane(g.plot.left(), top + 1, g.plot.width(), std::max(1.0, g.laneHeight - 2));
        if (g.laneHeight >= fm.height() * 0.8) {
            p.setPen(pal.text().color());
            const QString label = laneLabel(w);
            p.drawText(QRectF(4, top, g.plot.left() - 8, g.laneHeight),
                       Qt::AlignVCenter | Qt::AlignRight, label);
        }
        for (const StateSegment& s : w.segments) {
            const double a = std::max(g.x0, s.startS);
            const double b = std::min(g.x1, std::max(s.endS, s.startS));
            if (b < g.x0 || a > g.x1) {
                continue;
            }
            QRectF r(g.xOf(a), lane.top(), std::max(1.0, g.xOf(b) - g.xOf(a)), lane.height());
            p.fillRect(r, stateColor(s));
            if (s.stopped) {
                p.fillRect(r, QBrush(QColor(0, 0, 0, 60), Qt::BDiagPattern));
            }
            if (s.state == WorkerState::Blocked && !s.stopped && r.width() > narrowest &&
                lane.height() >= fm.height() * kSmallestLabel) {
                if (const SegmentLabel label = segmentLabel(s, r.width(), lane.height(), font());
                    !label.text.isEmpty()) {
                    p.setPen(Qt::white);
                    p.setFont(label.font);
                    p.drawText(r, Qt::AlignCenter, label.text);
                    p.setFont(font());
                }
            }
        }
    }
    // Time axis in seconds, with "nice" steps; its lines thicken with the text (presentation
    // mode).
    p.setPen(QPen(pal.text().color(), std::max(1.0, fm.height() / 14.0)));
    const double bottom = g.plot.bottom() + 2;
    p.drawLine(QPointF(g.plot.left(), bottom), QPointF(g.plot.right(), bottom));
    const double span = g.x1 - g.x0;
    // At most ten ticks, and never closer than a label's width: large text on a narrow view
    // gets fewer of them.
    const double labelRoom = fm.horizontalAdvance(QStringLiteral("00.0")) + 10;
    const double most = std::clamp(std::floor(g.plot.width() / labelRoom), 1.0, 10.0);
    double step = 1;
    for (double s : {0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0}) {
        step = s;
        if (span / s <= most) {
            break;
        }
    }
    const int decimals = step < 1 ? 1 : 0;
    for (double t = std::ceil(g.x0 / step - 1e-9) * step; t <= g.x1 + 1e-9; t += step) {
        const double x = g.xOf(t);
        p.drawLine(QPointF(x, bottom), QPointF(x, bottom + 4));
        const QString text = QString::number(t, 'f', decimals);
        p.drawText(QPointF(x - fm.horizontalAdvance(text) / 2.0, bottom + 4 + fm.ascent()), text);
    }
    // The axis's name in the lanes' label column, on the ticks' row.
    const QString axis = tr("time (s)");
    p.drawText(QRectF(2, bottom + 4, g.plot.left() - 8, fm.height()), Qt::AlignRight | Qt::AlignTop,
               fm.elidedText(axis, Qt::ElideRight, int(g.plot.left()) - 10));
}

bool BlockingTimelineView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const auto g = d->geometry(this);
        const QPointF pos = help->pos();
        if (!d->processes.empty() && g.plot.contains(pos)) {
            const std::size_t lane = std::min(d->processes.size() - 1,
                                              std::size_t((pos.y() - g.plot.top()) / g.laneHeight));
            const double t = g.x0 + (pos.x() - g.plot.left()) / g.plot.width() * (g.x1 - g.x0);
            const ProcessHistory& w = d->processes[lane];
            for (const StateSegment& s : w.segments) {
                if (t >= s.startS && t <= std::max(s.endS, s.startS)) {
                    QString who = processName(w.worker, w.command, w.pid);
                    if (w.tid != 0 && w.tid != w.pid) {
                        who = tr("%1 (thread %2)").arg(who).arg(w.tid);
                    }
                    QString length = QString::fromStdString(
                        formatDurationNs(std::uint64_t((s.endS - s.startS) * 1e9)));
                    if (s.atLeast) {
                        length = tr("at least %1").arg(length); // seen since, maybe longer
                    }
                    QToolTip::showText(help->globalPos(),
                                       tr("%1 %2 for %3 (%4 s → %5 s)")
                                           .arg(who)
                                           .arg(stateWord(s))
                                           .arg(length)
                                           .arg(s.startS, 0, 'f', 1)
                                           .arg(s.endS, 0, 'f', 1),
                                       this);
                    return true;
                }
            }
        }
    }
    return QWidget::event(event);
}

} // namespace ipcscope
