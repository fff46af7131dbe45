#include "runviews/topologyview.h"

#include "common/corestrings.h"

#include "base/format.h"

#include <QEvent>
#include <QHash>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPainterPathStroker>
#include <QPolygonF>
#include <QStaticText>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace ipcscope {

namespace {

struct Palette {
    QColor running{0x4c, 0xaf, 0x50};
    QColor blocked{0xd9, 0x53, 0x4f};
    QColor throttled{0xf0, 0xad, 0x4e};
    QColor stopped{0x9e, 0x9e, 0x9e};
    QColor exited{0xbd, 0xbd, 0xbd};
    QColor starting{0x5d, 0x9c, 0xec};
    QColor channel{0x2f, 0x6f, 0xb0};
};

// `c` at `alpha` (of 255) over `base`, as one opaque colour: the same look as a translucent
// fill, and an opaque fill is blended by no pixel (the boxes were most of the view's cost).
QColor over(const QColor& c, int alpha, const QColor& base) {
    const auto mix = [&](int a, int b) { return (a * alpha + b * (255 - alpha) + 127) / 255; };
    return QColor(mix(c.red(), base.red()), mix(c.green(), base.green()),
                  mix(c.blue(), base.blue()));
}

QColor colorOf(const ProcessFrame& w, const Palette& c) {
    if (w.exit) {
        return c.exited;
    }
    if (w.stopped) {
        return c.stopped;
    }
    switch (w.state) {
    case WorkerState::Blocked:
        return c.blocked;
    case WorkerState::Throttled:
        return c.throttled;
    case WorkerState::Starting:
        return c.starting;
    case WorkerState::Exited:
        return c.exited;
    default:
        return c.running;
    }
}

// The call a process waits in: an observed one by its own name when CallKind has none.
QString callText(const ProcessFrame& w) {
    return !w.callName.empty() ? QString::fromStdString(w.callName)
                               : QString::fromUtf8(callName(w.call).data());
}

// How long it has been in its state: "2.4 s", or "≥ 2.4 s" when seen from outside (a lower
// bound).
QString sinceText(const ProcessFrame& w) {
    const QString since = QString::fromStdString(formatDurationNs(w.stateForNs));
    return w.stateForAtLeast ? TopologyView::tr("≥ %1").arg(since) : since;
}

QString stateLine(const ProcessFrame& w, double rate, const QString& rateText) {
    if (w.exit) {
        return TopologyView::tr("exited: %1").arg(QString::fromStdString(w.exit->describe()));
    }
    if (w.stopped) {
        return TopologyView::tr("stopped (paused)");
    }
    switch (w.state) {
    case WorkerState::Blocked: {
        QString call = callText(w);
        if (!w.objectName.empty()) {
            call += QStringLiteral("(%1)").arg(QString::fromStdString(w.objectName));
        }
        return QStringLiteral("%1 · %2").arg(call, sinceText(w));
    }
    case WorkerState::Throttled:
        return TopologyView::tr("throttled · %1").arg(rateText);
    case WorkerState::Starting:
    case WorkerState::Draining:
    case WorkerState::Held:   // "waiting for step", as the status line says
    case WorkerState::Exited: // no rate any more
        return stateText(w.state);
    default:
        if (!w.worker && rate <= 0) {
            return stateText(w.state); // observed, no known flow: no "0/s" to mislead
        }
        return TopologyView::tr("running · %1").arg(rateText);
    }
}

// A node's name: an observed command without the directory of its program ("stuckprocess
// deadlock2", not "/work/build/bin/stuckprocess deadlock2"); the rest as processName() says.
QString nodeName(const ProcessFrame& w) {
    QString name = processName(w);
    if (!w.worker && !w.command.empty()) {
        const qsizetype space = name.indexOf(QLatin1Char(' '));
        const qsizetype slash = name.lastIndexOf(QLatin1Char('/'), space < 0 ? -1 : space - 1);
        if (slash >= 0 && slash + 1 < name.size()) {
            name = name.mid(slash + 1);
        }
    }
    return name;
}

bool isBlocked(const ProcessFrame& w) {
    return w.state == WorkerState::Blocked && !w.exit && !w.stopped;
}

// Where a process is drawn: left of the channels when it sends (or sends and receives), right
// when it only receives. Without endpoints, a Lab worker's role decides. `nodeOf` gathers a
// process's threads on the entry drawn for it.
bool drawnOnTheLeft(const Frame& frame, const std::vector<std::size_t>& nodeOf,
                    std::size_t process) {
    bool sends = false, receives = false;
    for (const EndpointFrame& e : frame.endpoints) {
        if (e.process < nodeOf.size() && nodeOf[e.process] == process) {
            sends = sends || e.sends();
            receives = receives || e.receives();
        }
    }
    if (!sends && !receives) {
        return !frame.processes[process].isWorker(Role::Consumer);
    }
    return sends;
}

// The entry drawn for each process: the first of its pid (an observation lists a process once
// per thread); a Lab worker is its own.
std::vector<std::size_t> nodesOf(const Frame& f) {
    std::vector<std::size_t> nodeOf(f.processes.size());
    std::unordered_map<pid_t, std::size_t> first;
    for (std::size_t i = 0; i < f.processes.size(); ++i) {
        const ProcessFrame& p = f.processes[i];
        if (p.worker || p.pid == 0) {
            nodeOf[i] = i;
            continue;
        }
        nodeOf[i] = first.try_emplace(p.pid, i).first->second;
    }
    return nodeOf;
}

// "Deadlock (certain): …" for each wait cycle.
QStringList deadlockLines(const Frame& f) {
    QStringList lines;
    for (const DeadlockFrame& dl : f.deadlocks) {
        lines << (dl.certain ? TopologyView::tr("Deadlock: %1")
                             : TopologyView::tr("Possible deadlock: %1"))
                     .arg(QString::fromStdString(dl.text));
    }
    return lines;
}

// "+3 more producers" when the hidden ones are all producers (or consumers), else processes.
QString moreText(const Frame& frame, const std::vector<std::size_t>& hidden) {
    const auto all = [&](Role role) {
        return std::all_of(hidden.begin(), hidden.end(),
                           [&](std::size_t i) { return frame.processes[i].isWorker(role); });
    };
    const int n = int(hidden.size());
    if (all(Role::Producer)) {
        return TopologyView::tr("+%1 more producers").arg(n);
    }
    if (all(Role::Consumer)) {
        return TopologyView::tr("+%1 more consumers").arg(n);
    }
    return TopologyView::tr("+%1 more processes").arg(n);
}

// The font of the picture's texts at `unit`.
QFont scaledFont(const QFont& base, double unit, bool bold = false) {
    QFont f = base;
    f.setPixelSize(int(unit * 1.0));
    f.setBold(bold);
    return f;
}

} // namespace

namespace {

// Single lines of text laid out once and drawn many times: a node's pid, name and state
// repeat from frame to frame, and shaping them again on every paint was most of the view's
// cost. Elided like QFontMetrics::elidedText(), placed like QPainter::drawText() with the
// same alignment.
class LineCache {
public:
    void draw(QPainter& p, const QRectF& r, int align, const QString& text, double maxWidth = -1) {
        const QString key = p.font().key() + QLatin1Char('\x1f') + QString::number(int(maxWidth)) +
                            QLatin1Char('\x1f') + text;
        auto it = m_lines.find(key);
        if (it == m_lines.end()) {
            if (m_lines.size() > 4000) {
                m_lines.clear(); // texts of long gone frames
            }
            QStaticText line(maxWidth < 0 ? text
                                          : QFontMetrics(p.font()).elidedText(text, Qt::ElideRight,
                                                                              int(maxWidth)));
            line.setTextFormat(Qt::PlainText);
            line.setPerformanceHint(QStaticText::AggressiveCaching);
            line.prepare(QTransform(), p.font());
            it = m_lines.insert(key, line);
        }
        const QSizeF size = it->size();
        double x = r.left();
        if (align & Qt::AlignRight) {
            x = r.right() - size.width();
        } else if (align & Qt::AlignHCenter) {
            x = r.center().x() - size.width() / 2;
        }
        double y = r.top();
        if (align & Qt::AlignBottom) {
            y = r.bottom() - size.height();
        } else if (align & Qt::AlignVCenter) {
            y = r.center().y() - size.height() / 2;
        }
        p.drawStaticText(QPointF(x, y), *it);
    }

private:
    QHash<QString, QStaticText> m_lines;
};

// Measured wake-ups: green, apart from the red and dotted wait-for edges the /proc tier infers.
const QColor kMeasuredWake{0x1f, 0x8a, 0x4c};

// Whether a wake-up arrow goes round the channels (its two nodes on opposite sides).
bool goesRound(const TopologyView::WakeEdge& e, const TopologyView::Layout& l) {
    return l.onTheLeft[e.waker] != l.onTheLeft[e.wakee] &&
           std::any_of(l.channels.begin(), l.channels.end(),
                       [](const QRectF& c) { return !c.isEmpty(); });
}

// A wake-up arrow's course: between two nodes on one side it bows out toward the channels;
// across the picture it goes round the channels, out of the waker's box and into the woken's
// from above (from the left) or below (from the right), so a pair that wakes each other draws a
// loop round its channels and no arrow hides under a channel box.
QPainterPath wakePath(const TopologyView::WakeEdge& e, const TopologyView::Layout& l,
                      double height) {
    const double unit = l.unit;
    QPainterPath path(e.from);
    if (!goesRound(e, l)) {
        if (l.onTheLeft[e.waker] == l.onTheLeft[e.wakee]) {
            const double bow = (l.onTheLeft[e.waker] ? 1 : -1) * unit * 5;
            path.cubicTo(e.from + QPointF(bow, 0), e.to + QPointF(bow, 0), e.to);
        } else {
            const double mid = (e.from.x() + e.to.x()) / 2;
            path.cubicTo(QPointF(mid, e.from.y()), QPointF(mid, e.to.y()), e.to);
        }
        return path;
    }
    const bool over = l.onTheLeft[e.waker];
    double y = over ? std::min(e.from.y(), e.to.y()) : std::max(e.from.y(), e.to.y());
    for (const QRectF& c : l.channels) {
        if (!c.isEmpty()) {
            y = over ? std::min(y, c.top()) : std::max(y, c.bottom());
        }
    }
    y = over ? std::max(unit * 0.6, y - unit * 0.9) : std::min(height - unit * 0.6, y + unit * 0.9);
    path.lineTo(e.from.x(), y);
    path.lineTo(e.to.x(), y);
    path.lineTo(e.to);
    return path;
}

} // namespace

struct TopologyView::Private {
    Frame frame;
    LineCache lines;
    double phase = 0; // animation of the flowing edges
    bool hasRun = false;
    QString placeholder; // empty: the Lab's own text
    bool cycleText = true;
    double scale = 1;
};

TopologyView::TopologyView(QWidget* parent)
    : QWidget(parent)
    , d(std::make_unique<Private>()) {
    setMinimumSize(minimumSizeHint());
    setAttribute(Qt::WA_OpaquePaintEvent); // paintEvent fills every pixel: no background first
    QEvent texts(QEvent::LanguageChange);
    changeEvent(&texts);
}

TopologyView::~TopologyView() = default;

void TopologyView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        setToolTip(tr("The run as a picture: producers, the channel with its fill level, "
                      "consumers. A worker waiting in a call turns red and says which call and "
                      "for how long."));
        update(); // the rest is painted
    }
    QWidget::changeEvent(event);
}

QSize TopologyView::sizeHint() const {
    return {720, 360};
}

QSize TopologyView::minimumSizeHint() const {
    return {280, 180}; // beside the timeline and a page's controls on a 1024-pixel screen
}

void TopologyView::setPlaceholderText(const QString& text) {
    d->placeholder = text;
    update();
}

void TopologyView::setCycleTextShown(bool shown) {
    d->cycleText = shown;
    update();
}

void TopologyView::setScale(double scale) {
    d->scale = std::max(1.0, scale);
    update();
}

void TopologyView::clear() {
    d->frame = Frame{};
    d->hasRun = false;
    update();
}

void TopologyView::setSnapshot(const Frame& frame) {
    const bool flowing = std::any_of(frame.endpoints.begin(), frame.endpoints.end(),
                                     [](const EndpointFrame& e) { return e.messagesPerS > 0; });
    if (flowing && !frame.paused && frame.elapsedNs > d->frame.elapsedNs) {
        // Dashes move while data flows, at one speed however often the view is refreshed.
        d->phase += std::min(1.0, double(frame.elapsedNs - d->frame.elapsedNs) / 1e9) * 45.0;
    }
    d->frame = frame;
    d->hasRun = true;
    update();
}

double TopologyView::Layout::unitFor(QSize size) {
    // Everything scales with the widget, so the picture stays readable on a projector.
    return std::clamp(std::min(size.width() / 48.0, size.height() / 24.0), 8.0, 24.0);
}

TopologyView::Layout TopologyView::layout() const {
    Layout l;
    const Frame& f = d->frame;
    // Presentation mode's floor, as far as the three columns' texts still fit the width.
    const double unit = std::max(Layout::unitFor(size()),
                                 std::min({8.0 * d->scale, 24.0, std::max(8.0, width() / 43.0)}));
    l.unit = unit;
    const double margin = unit;
    const double nodeW = std::min(width() * 0.3, unit * 21);
    const double channelW = std::min(width() * 0.34, unit * 22);
    // An observation (any process ipcscope did not start) puts what waits first when not
    // everything fits; a Lab run keeps its workers in order.
    const bool observed = std::any_of(f.processes.begin(), f.processes.end(),
                                      [](const ProcessFrame& p) { return !p.worker; });
    l.nodeOf = nodesOf(f);

    // The wait cycles in words, on top.
    double top = margin;
    if (const QStringList lines = d->cycleText ? deadlockLines(f) : QStringList();
        !lines.isEmpty()) {
        const QFontMetrics fm(scaledFont(font(), unit, true));
        const QRect text = fm.boundingRect(QRect(0, 0, int(width() - 2 * margin), 10000),
                                           Qt::TextWordWrap, lines.join(QLatin1Char('\n')));
        l.banner = QRectF(margin, margin * 0.5, width() - 2 * margin,
                          std::min(double(text.height()) + unit * 0.6, height() * 0.3));
        top = l.banner.bottom() + unit * 0.5;
    }
    const double available = height() - top - margin;
    const double middle = top + available / 2.0;

    // What each process and channel takes part in.
    std::vector<int> cyclePosition(f.processes.size(), -1); // in its wait cycle
    std::vector<bool> inCycle(f.channels.size(), false), waitedOn(f.channels.size(), false);
    for (const DeadlockFrame& dl : f.deadlocks) {
        for (std::size_t k = 0; k < dl.processes.size(); ++k) {
            if (dl.processes[k] < f.processes.size()) {
                cyclePosition[l.nodeOf[dl.processes[k]]] = int(k);
            }
        }
        for (std::size_t c : dl.channels) {
            if (c < inCycle.size()) {
                inCycle[c] = true;
            }
        }
    }
    std::vector<bool> waits(f.processes.size(), false);
    for (std::size_t i = 0; i < f.processes.size(); ++i) {
        if (isBlocked(f.processes[i])) {
            waits[l.nodeOf[i]] = true;
            if (f.processes[i].waitChannel && *f.processes[i].waitChannel < waitedOn.size()) {
                waitedOn[*f.processes[i].waitChannel] = true;
            }
        }
    }

    // The channels, stacked in the middle column; those that do not fit are counted.
    const std::size_t total = f.channels.size();
    const double gap = unit * 0.8;
    const double minChannelH = unit * 5;
    std::size_t fit =
        std::max<std::size_t>(1, std::size_t((available + gap) / (minChannelH + gap)));
    double channelsAvailable = available;
    if (total > fit) {
        // The "+N more channels" line takes the bottom: one box fewer, above it.
        channelsAvailable = available - unit * 1.6;
        fit =
            std::max<std::size_t>(1, std::size_t((channelsAvailable + gap) / (minChannelH + gap)));
    }
    std::vector<std::size_t> order(total);
    for (std::size_t c = 0; c < total; ++c) {
        order[c] = c;
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto rank = [&](std::size_t c) { return inCycle[c] ? 0 : waitedOn[c] ? 1 : 2; };
        return rank(a) < rank(b);
    });
    std::vector<bool> shownChannel(total, total <= fit);
    for (std::size_t k = 0; k < std::min(total, fit); ++k) {
        shownChannel[order[k]] = true;
    }
    const std::size_t n = std::min(total, fit);
    const double channelH =
        n == 0 ? 0 : std::min(unit * 11, (channelsAvailable - double(n - 1) * gap) / double(n));
    double y =
        top + channelsAvailable / 2.0 - (double(n) * channelH + double(n ? n - 1 : 0) * gap) / 2.0;
    l.channels.assign(total, QRectF());
    for (std::size_t c = 0; c < total; ++c) {
        if (shownChannel[c]) {
            l.channels[c] = QRectF(width() / 2.0 - channelW / 2, y, channelW, channelH);
            y += channelH + gap;
        } else {
            l.hiddenChannels.push_back(c);
        }
    }

    // Processes in a column on each side: those that fit, the rest counted. Members of a wait
    // cycle go to alternate sides, so the cycle reads as a loop.
    std::vector<std::size_t> left, right;
    for (std::size_t i = 0; i < f.processes.size(); ++i) {
        if (l.nodeOf[i] != i) {
            continue; // another thread of a process drawn once
        }
        const bool onTheLeft =
            cyclePosition[i] >= 0 ? cyclePosition[i] % 2 == 0 : drawnOnTheLeft(f, l.nodeOf, i);
        (onTheLeft ? left : right).push_back(i);
    }
    if (observed && right.empty() && left.size() > 1) {
        // Everyone sends (a pipe's read end and write end both held): both sides, for room.
        std::vector<std::size_t> all = std::move(left);
        left.clear();
        for (std::size_t k = 0; k < all.size(); ++k) {
            (k % 2 == 0 ? left : right).push_back(all[k]);
        }
    }
    if (observed) {
        const auto rank = [&](std::size_t i) {
            return cyclePosition[i] >= 0 ? 0 : waits[i] ? 1 : 2;
        };
        const auto byRank = [&](std::size_t a, std::size_t b) { return rank(a) < rank(b); };
        std::stable_sort(left.begin(), left.end(), byRank);
        std::stable_sort(right.begin(), right.end(), byRank);
    }
    l.processes.assign(f.processes.size(), std::nullopt);
    l.onTheLeft.assign(f.processes.size(), false);
    // Observed processes say three things (name, call and object, since when): a taller slot.
    const double slotH = unit * (observed ? 5.0 : 4.2);
    const auto column = [&](const std::vector<std::size_t>& items, double x, bool onTheLeft) {
        const int fit = std::max(1, int(available / slotH));
        const int shown = std::min<int>(int(items.size()), fit);
        double at = middle - shown * slotH / 2.0;
        std::vector<std::size_t> hidden;
        for (std::size_t k = 0; k < items.size(); ++k) {
            l.onTheLeft[items[k]] = onTheLeft;
            if (int(k) < shown) {
                l.processes[items[k]] = QRectF(x, at + unit * 0.3, nodeW, slotH - unit * 0.6);
                at += slotH;
            } else {
                hidden.push_back(items[k]);
            }
        }
        return hidden;
    };
    l.hiddenLeft = column(left, margin, true);
    l.hiddenRight = column(right, width() - margin - nodeW, false);
    for (std::size_t i = 0; i < f.processes.size(); ++i) {
        l.onTheLeft[i] = l.onTheLeft[l.nodeOf[i]];
    }
    return l;
}

TopologyView::ChannelBox TopologyView::channelBox(const QRectF& rect, const ChannelFrame& channel,
                                                  double unit) {
    ChannelBox b;
    // A box with room for it (a Lab run's one channel) wraps its title on two lines; stacked
    // ones keep to one line per part, packed closer.
    b.compact = rect.height() < unit * 9;
    const double pad = b.compact ? 0.4 : 0.6;
    const double gap = b.compact ? 0.2 : 0.3;
    b.inner = rect.adjusted(unit * 0.8, unit * pad, -unit * 0.8, -unit * pad);
    b.title =
        QRectF(b.inner.left(), b.inner.top(), b.inner.width(), unit * (b.compact ? 1.3 : 2.6));
    const QRectF bar(b.inner.left(), b.title.bottom() + unit * gap, b.inner.width(),
                     unit * (b.compact ? 1.0 : 1.8));
    b.gauge = bar;
    if (channel.capacity) {
        b.fillBar = bar;
    }
    b.fillText = QRectF(b.inner.left(), bar.bottom() + unit * gap, b.inner.width(),
                        unit * (b.compact ? 1.2 : 1.4));
    const double detailsTop = b.compact ? b.fillText.bottom() : bar.bottom() + unit * 1.8;
    b.details = QRectF(b.inner.left(), detailsTop, b.inner.width(),
                       std::max(0.0, b.inner.bottom() - detailsTop));
    return b;
}

std::vector<TopologyView::WakeEdge> TopologyView::wakeEdges(const Layout& l) const {
    const Frame& f = d->frame;
    std::vector<WakeEdge> edges;
    if (l.processes.size() != f.processes.size()) {
        return edges;
    }
    const auto drawnNodeOf = [&](pid_t pid) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < f.processes.size(); ++i) {
            if (f.processes[i].pid == pid && l.processes[l.nodeOf[i]]) {
                return l.nodeOf[i];
            }
        }
        return std::nullopt;
    };
    for (std::size_t i = 0; i < f.processes.size(); ++i) {
        const auto& wake = f.processes[i].lastWake;
        const std::size_t wakee = l.nodeOf[i];
        if (!wake || wake->wakerPid <= 0 || !l.processes[wakee]) {
            continue;
        }
        const auto waker = drawnNodeOf(wake->wakerPid);
        if (!waker || *waker == wakee) {
            continue; // a waker not drawn (the waits table names it), or a thread of its own
        }
        auto same = std::find_if(edges.begin(), edges.end(), [&](const WakeEdge& e) {
            return e.waker == *waker && e.wakee == wakee;
        });
        if (same == edges.end()) {
            edges.push_back({*waker, wakee, *wake, {}, {}});
        } else if (wake->endedNs > same->wake.endedNs) {
            same->wake = *wake;
        }
    }
    for (WakeEdge& e : edges) {
        const QRectF& from = *l.processes[e.waker];
        const QRectF& to = *l.processes[e.wakee];
        if (goesRound(e, l)) {
            // Out of the top (from the left) or the bottom (from the right) of the waker's box
            // near its inner side, into the same side of the woken's.
            const bool over = l.onTheLeft[e.waker];
            const double inset = std::min(from.width(), to.width()) * 0.2;
            e.from = QPointF(over ? from.right() - inset : from.left() + inset,
                             over ? from.top() : from.bottom());
            e.to = QPointF(over ? to.left() + inset : to.right() - inset,
                           over ? to.top() : to.bottom());
            continue;
        }
        // Out of the waker low on its box, into the woken high on its: a pair on one side that
        // wakes each other gets two arrows that do not lie on one another.
        e.from = QPointF(l.onTheLeft[e.waker] ? from.right() : from.left(),
                         from.top() + from.height() * 0.8);
        e.to =
            QPointF(l.onTheLeft[e.wakee] ? to.right() : to.left(), to.top() + to.height() * 0.25);
    }
    return edges;
}

QString TopologyView::wakeEdgeToolTip(const Frame& frame, const WakeEdge& edge) {
    const auto who = [&](std::size_t node, pid_t pid, const std::string& comm) {
        QString name = node < frame.processes.size() ? processName(frame.processes[node])
                                                     : QString::fromStdString(comm);
        return tr("pid %1 (%2)").arg(pid).arg(name);
    };
    const WakeFrame& w = edge.wake;
    QString tip = tr("Measured wake-up (eBPF): %1 woke %2 from %3 on %4, after it waited %5")
                      .arg(who(edge.waker, w.wakerPid, w.wakerCommand),
                           who(edge.wakee, w.wakeePid, std::string()),
                           w.call.empty() ? tr("a call") : QString::fromStdString(w.call),
                           w.objectName.empty() ? tr("an unknown object")
                                                : QString::fromStdString(w.objectName),
                           QString::fromStdString(formatDurationNs(w.waitedNs)));
    if (frame.elapsedNs >= w.endedNs) {
        tip += QLatin1Char('\n') +
               tr("%1 ago; the wait-for edges (red, dotted) are inferred from "
                  "/proc, this one was seen in the kernel")
                   .arg(QString::fromStdString(formatDurationNs(frame.elapsedNs - w.endedNs)));
    }
    return tip;
}

std::optional<TopologyView::WakeEdge> TopologyView::wakeEdgeAt(QPointF pos) const {
    if (!d->hasRun) {
        return std::nullopt;
    }
    const Layout l = layout();
    QPainterPathStroker stroker;
    stroker.setWidth(l.unit * 1.2);
    for (const WakeEdge& e : wakeEdges(l)) {
        if (stroker.createStroke(wakePath(e, l, height())).contains(pos)) {
            return e;
        }
    }
    return std::nullopt;
}

bool TopologyView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        if (const auto edge = wakeEdgeAt(help->pos())) {
            QToolTip::showText(help->globalPos(), wakeEdgeToolTip(d->frame, *edge), this);
            return true;
        }
    }
    return QWidget::event(event);
}

void TopologyView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    const Palette colors;
    p.fillRect(rect(), pal.base());
    if (!d->hasRun) {
        p.setPen(pal.placeholderText().color());
        QFont f = font();
        f.setPointSizeF(f.pointSizeF() * 1.3);
        p.setFont(f);
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   !d->placeholder.isEmpty()
                       ? d->placeholder
                       : tr("Choose a mechanism and press Start (F5):\nreal processes will talk, "
                            "and you will see who waits."));
        return;
    }

    const Layout l = layout();
    const double unit = l.unit;
    QFont small = font();
    small.setPixelSize(int(unit * 1.0));
    QFont bold = small;
    bold.setBold(true);

    const Frame& f = d->frame;
    double maxRate = 1;
    for (const EndpointFrame& e : f.endpoints) {
        maxRate = std::max(maxRate, e.messagesPerS);
    }

    // Edges first, under the nodes: one per endpoint, drawn in the direction data flows. A
    // process on several channels spreads its edges over its side, so each stays visible.
    std::vector<int> edgesOf(f.processes.size(), 0), edgesDrawn(f.processes.size(), 0);
    for (const EndpointFrame& e : f.endpoints) {
        if (e.process < f.processes.size()) {
            ++edgesOf[l.nodeOf[e.process]];
        }
    }
    // Whether any thread of a node waits on a channel.
    const auto nodeWaitsOn = [&](std::size_t node, std::size_t channel) {
        for (std::size_t i = 0; i < f.processes.size(); ++i) {
            const ProcessFrame& t = f.processes[i];
            if (l.nodeOf[i] == node && isBlocked(t) &&
                (!t.waitChannel || *t.waitChannel == channel)) {
                return true;
            }
        }
        return false;
    };
    const auto nodeAnchor = [&](std::size_t node, double share) {
        const QRectF& r = *l.processes[node];
        return QPointF(l.onTheLeft[node] ? r.right() : r.left(), r.top() + r.height() * share);
    };
    const auto channelAnchor = [&](std::size_t channel, bool left) {
        const QRectF& box = l.channels[channel];
        return QPointF(left ? box.left() : box.right(), box.center().y());
    };
    const auto curve = [](QPointF from, QPointF to) {
        QPainterPath path(from);
        const double mid = (from.x() + to.x()) / 2;
        path.cubicTo(QPointF(mid, from.y()), QPointF(mid, to.y()), to);
        return path;
    };
    for (const EndpointFrame& e : f.endpoints) {
        if (e.process >= f.processes.size() || e.channel >= l.channels.size() ||
            l.channels[e.channel].isEmpty()) {
            continue;
        }
        const std::size_t node = l.nodeOf[e.process];
        if (!l.processes[node]) {
            continue;
        }
        const ProcessFrame& w = f.processes[node];
        const bool left = l.onTheLeft[node];
        const double share = double(++edgesDrawn[node]) / (edgesOf[node] + 1);
        const QPointF atNode = nodeAnchor(node, share);
        const QPointF atChannel = channelAnchor(e.channel, left);
        const QPointF from = e.sends() ? atNode : atChannel;
        const QPointF to = e.sends() ? atChannel : atNode;
        const double rate = e.messagesPerS;
        const bool flowing = rate > 0 && !f.paused && !w.exit;
        const double widthPx =
            flowing ? unit * (0.15 + 0.55 * std::log1p(rate) / std::log1p(maxRate)) : unit * 0.12;
        QPen pen(flowing ? colors.channel : pal.mid().color(), std::max(1.0, widthPx));
        if (flowing) {
            pen.setStyle(Qt::CustomDashLine);
            pen.setDashPattern({2.0, 1.5});
            pen.setDashOffset(-d->phase / std::max(1.0, widthPx) * 2);
        }
        if (nodeWaitsOn(node, e.channel)) {
            pen.setColor(colors.blocked);
            pen.setStyle(Qt::DotLine);
        }
        p.setPen(pen);
        p.drawPath(curve(from, to));
        // Data flows left to right, except into a process drawn on the left (it also sends)
        // or out of one on the right: those edges carry an arrowhead.
        if (e.direction != EndpointDirection::Both && from.x() > to.x()) {
            const double a = unit * 0.7; // pointing left, its tip on the node
            const QPolygonF head{to, QPointF(to.x() + a, to.y() - a * 0.6),
                                 QPointF(to.x() + a, to.y() + a * 0.6)};
            p.setPen(Qt::NoPen);
            p.setBrush(pen.color());
            p.drawPolygon(head);
            p.setBrush(Qt::NoBrush);
        }
    }

    // Wait cycles: a red loop from each member to the channel it waits on, and on to the
    // member that alone (or also) could release it.
    const std::vector<WakeEdge> wakes = wakeEdges(l);
    const auto measured = [&](std::size_t waker, std::size_t wakee) {
        return std::any_of(wakes.begin(), wakes.end(),
                           [&](const WakeEdge& e) { return e.waker == waker && e.wakee == wakee; });
    };
    for (const DeadlockFrame& dl : f.deadlocks) {
        QColor red = colors.blocked.darker(115);
        if (!dl.certain) {
            red.setAlpha(170);
        }
        QPen pen(red, unit * 0.35, dl.certain ? Qt::SolidLine : Qt::DashLine, Qt::RoundCap);
        for (std::size_t k = 0; k < dl.processes.size() && k < dl.channels.size(); ++k) {
            const std::size_t c = dl.channels[k];
            if (dl.processes[k] >= f.processes.size() || c >= l.channels.size() ||
                l.channels[c].isEmpty()) {
                continue;
            }
            const std::size_t waiter = l.nodeOf[dl.processes[k]];
            const std::size_t releaser =
                l.nodeOf[dl.processes[(k + 1) % dl.processes.size()] % f.processes.size()];
            p.setPen(pen);
            if (l.processes[waiter]) {
                p.drawPath(curve(nodeAnchor(waiter, 0.5), channelAnchor(c, l.onTheLeft[waiter])));
            }
            if (l.processes[releaser]) {
                const QPointF from = channelAnchor(c, l.onTheLeft[releaser]);
                const QPointF to = nodeAnchor(releaser, 0.5);
                if (measured(releaser, waiter)) {
                    // Seen releasing this waiter before (eBPF): not only a possible releaser.
                    QPen seen = pen;
                    seen.setStyle(Qt::SolidLine);
                    p.setPen(seen);
                }
                p.drawPath(curve(from, to));
                // An arrowhead at the releaser: the loop has a direction (who waits for whom).
                const double a = unit * 0.9, dir = from.x() > to.x() ? 1 : -1;
                p.setPen(Qt::NoPen);
                p.setBrush(red);
                p.drawPolygon(QPolygonF{to, QPointF(to.x() + dir * a, to.y() - a * 0.6),
                                        QPointF(to.x() + dir * a, to.y() + a * 0.6)});
                p.setBrush(Qt::NoBrush);
            }
        }
    }

    // Measured wake-ups: a green arrow from the waker, a dot where it starts.
    for (const WakeEdge& e : wakes) {
        const QPainterPath path = wakePath(e, l, height());
        p.setPen(QPen(kMeasuredWake, std::max(1.5, unit * 0.25), Qt::SolidLine, Qt::RoundCap,
                      Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        const double angle = path.angleAtPercent(1) * M_PI / 180.0; // counter-clockwise
        const QPointF back(-std::cos(angle), std::sin(angle));      // from the tip backwards
        const QPointF side(-back.y(), back.x());
        const double a = unit * 0.9;
        p.setPen(Qt::NoPen);
        p.setBrush(kMeasuredWake);
        p.drawPolygon(
            QPolygonF{e.to, e.to + back * a + side * a * 0.55, e.to + back * a - side * a * 0.55});
        p.drawEllipse(e.from, unit * 0.35, unit * 0.35);
        p.setBrush(Qt::NoBrush);
    }

    // Process nodes (one per process: an observed process's threads share it).
    std::vector<int> threads(f.processes.size(), 0), threadsWaiting(f.processes.size(), 0);
    std::vector<std::optional<std::size_t>> firstWaiting(f.processes.size());
    for (std::size_t i = 0; i < f.processes.size(); ++i) {
        const std::size_t node = l.nodeOf[i];
        ++threads[node];
        if (isBlocked(f.processes[i])) {
            ++threadsWaiting[node];
            if (!firstWaiting[node]) {
                firstWaiting[node] = i;
            }
        }
    }
    std::vector<bool> deadlocked(f.processes.size(), false);
    for (const DeadlockFrame& dl : f.deadlocks) {
        for (std::size_t i : dl.processes) {
            if (i < f.processes.size()) {
                deadlocked[l.nodeOf[i]] = true;
            }
        }
    }
    for (std::size_t i = 0; i < f.processes.size(); ++i) {
        if (!l.processes[i]) {
            continue;
        }
        const QRectF& r = *l.processes[i];
        // The thread that says what the node does: the first that waits, else the first.
        const ProcessFrame& w = f.processes[firstWaiting[i].value_or(i)];
        const QColor c = colorOf(w, colors);
        const QColor fill = over(c, w.exit ? 40 : 60, pal.base().color());
        p.setPen(QPen(deadlocked[i] ? colors.blocked.darker(130) : c,
                      unit * (deadlocked[i] ? 0.35 : 0.2)));
        p.setBrush(fill);
        p.drawRoundedRect(r, unit * 0.6, unit * 0.6);
        p.setPen(pal.text().color());
        const QRectF text = r.adjusted(unit * 0.6, unit * 0.3, -unit * 0.6, -unit * 0.3);
        const QString pid = tr("pid %1").arg(w.pid);
        p.setFont(small);
        d->lines.draw(p, text, Qt::AlignTop | Qt::AlignRight, pid);
        const int nameWidth =
            int(text.width() - QFontMetrics(small).horizontalAdvance(pid) - unit * 0.5);
        p.setFont(bold);
        d->lines.draw(p, text, Qt::AlignTop | Qt::AlignLeft, nodeName(w), nameWidth);
        const bool blocked = isBlocked(w);
        if (blocked) {
            p.setPen(colors.blocked.darker(pal.base().color().lightness() > 128 ? 130 : 70));
        }
        if (!w.worker && blocked) {
            // Observed: the call and its object, then since when (and how many threads wait).
            QString call = callText(w);
            if (!w.objectName.empty()) {
                call += QStringLiteral(" %1").arg(QString::fromStdString(w.objectName));
            }
            if (!w.waitDetail.empty()) {
                call += QStringLiteral(" (%1)").arg(QString::fromStdString(w.waitDetail));
            }
            QString since = sinceText(w);
            if (threads[i] > 1) {
                since = tr("%1 · %2 of %3 threads wait")
                            .arg(since)
                            .arg(threadsWaiting[i])
                            .arg(threads[i]);
            }
            p.setFont(bold);
            p.drawText(text, Qt::AlignVCenter | Qt::AlignLeft,
                       QFontMetrics(bold).elidedText(call, Qt::ElideRight, int(text.width())));
            p.setFont(small);
            p.drawText(text, Qt::AlignBottom | Qt::AlignLeft,
                       QFontMetrics(small).elidedText(since, Qt::ElideRight, int(text.width())));
            continue;
        }
        QString line = stateText(f, i);
        if (threads[i] > 1) {
            line = tr("%1 · %n thread(s)", nullptr, threads[i]).arg(line);
        }
        p.setFont(blocked ? bold : small);
        d->lines.draw(p, text, Qt::AlignBottom | Qt::AlignLeft, line, int(text.width()));
    }
    p.setFont(small);
    p.setPen(pal.text().color());
    const double nodeW = std::min(width() * 0.3, unit * 21);
    if (!l.hiddenLeft.empty()) {
        p.drawText(QRectF(unit, height() - unit * 1.5, nodeW, unit * 1.5), Qt::AlignCenter,
                   moreText(f, l.hiddenLeft));
    }
    if (!l.hiddenRight.empty()) {
        p.drawText(QRectF(width() - unit - nodeW, height() - unit * 1.5, nodeW, unit * 1.5),
                   Qt::AlignCenter, moreText(f, l.hiddenRight));
    }
    if (!l.hiddenChannels.empty()) {
        p.drawText(QRectF(0, height() - unit * 1.5, width(), unit * 1.5), Qt::AlignCenter,
                   tr("+%n more channel(s)", nullptr, int(l.hiddenChannels.size())));
    }
    if (!wakes.empty()) {
        // What the green arrows are, in the top left corner (under the wait cycles' banner):
        // the arrows go round the channels above and below them.
        const double top = l.banner.isEmpty() ? unit * 0.1 : l.banner.bottom();
        const QRectF where(unit, top, width() - 2 * unit, unit * 1.4);
        p.setPen(kMeasuredWake.darker(pal.base().color().lightness() > 128 ? 110 : 60));
        p.drawText(where, Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetrics(small).elidedText(tr("→ measured wake-up (eBPF): who woke whom"),
                                                  Qt::ElideRight, int(where.width())));
    }
    if (!l.banner.isEmpty()) {
        QColor back = pal.base().color();
        back.setAlpha(230);
        p.setPen(QPen(colors.blocked, unit * 0.15));
        p.setBrush(back);
        p.drawRoundedRect(l.banner, unit * 0.4, unit * 0.4);
        p.setPen(colors.blocked.darker(pal.base().color().lightness() > 128 ? 140 : 70));
        p.setFont(bold);
        p.drawText(l.banner.adjusted(unit * 0.5, unit * 0.3, -unit * 0.5, -unit * 0.3),
                   Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap,
                   deadlockLines(f).join(QLatin1Char('\n')));
    }

    for (std::size_t c = 0; c < f.channels.size(); ++c) {
        if (!l.channels[c].isEmpty()) {
            paintChannel(p, l.channels[c], f.channels[c], unit, f.channels.size() > 1,
                         flowText(f, c));
        }
    }
}

// One channel: what it is, how full, who waits.
QString TopologyView::flowText(const Frame& frame, std::size_t channel) {
    if (channel >= frame.channels.size() ||
        !std::holds_alternative<IpcKind>(frame.channels[channel].kind)) {
        return {};
    }
    double sentMessages = 0, sentBytes = 0, receivedMessages = 0, receivedBytes = 0;
    bool counted = false, estimated = false;
    for (const EndpointFrame& e : frame.endpoints) {
        if (e.channel != channel) {
            continue;
        }
        // An estimated end with nothing in it was not counted (the /proc tier has no per-end
        // counters): no "0/s" from it.
        if (e.estimated && e.messages == 0 && e.bytes == 0 && e.messagesPerS <= 0 &&
            e.bytesPerS <= 0) {
            continue;
        }
        counted = true;
        estimated = estimated || e.estimated;
        if (e.sends()) {
            sentMessages += e.messagesPerS;
            sentBytes += e.bytesPerS;
        }
        if (e.receives()) {
            receivedMessages += e.messagesPerS;
            receivedBytes += e.bytesPerS;
        }
    }
    if (!counted) {
        return {};
    }
    // What goes in and what comes out differ only by what is in flight: the larger of the two.
    const QString messages =
        tr("%1 msg/s")
            .arg(QString::fromStdString(formatCount(std::max(sentMessages, receivedMessages))));
    const QString bytes = QString::fromStdString(formatRate(std::max(sentBytes, receivedBytes)));
    return estimated ? tr("estimated: ≈ %1 · ≈ %2").arg(messages, bytes)
                     : tr("exact: %1 · %2").arg(messages, bytes);
}

QString TopologyView::stateText(const Frame& frame, std::size_t process) {
    return stateLine(frame.processes.at(process), frame.messagesPerS(process),
                     rateText(frame, process));
}

QString TopologyView::rateText(const Frame& frame, std::size_t process) {
    bool estimated = false;
    for (const EndpointFrame& e : frame.endpoints) {
        estimated = estimated || (e.process == process && e.estimated && e.messagesPerS > 0);
    }
    const QString rate = QString::fromStdString(formatCount(frame.messagesPerS(process)));
    return estimated ? tr("≈ %1/s").arg(rate) : tr("%1/s").arg(rate);
}

void TopologyView::paintChannel(QPainter& p, const QRectF& rect, const ChannelFrame& ch,
                                double unit, bool named, const QString& flow) const {
    const QPalette& pal = palette();
    const Palette colors;
    QFont small = font();
    small.setPixelSize(int(unit * 1.0));
    QFont bold = small;
    bold.setBold(true);
    const ChannelBox b = channelBox(rect, ch, unit);

    p.setPen(QPen(colors.channel, unit * 0.25));
    p.setBrush(over(colors.channel, 25, pal.base().color()));
    p.drawRoundedRect(rect, unit * 0.8, unit * 0.8);
    p.setPen(pal.text().color());
    // What it is: a Lab run's mechanism, wrapped on up to two lines; among several channels
    // (or an observed one) also which one.
    QString title = channelTitle(ch.kind);
    if (named || std::holds_alternative<IpcKind>(ch.kind)) {
        title = tr("%1 · %2").arg(title, QString::fromStdString(ch.identity));
    }
    p.setFont(bold);
    if (b.compact) {
        p.drawText(b.title, Qt::AlignHCenter | Qt::AlignTop,
                   QFontMetrics(bold).elidedText(title, Qt::ElideRight, int(b.title.width())));
    } else {
        p.drawText(b.title, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, title);
    }

    const QString unitName = QString::fromStdString(ch.unit);
    const bool bytes = unitName == QLatin1String("bytes");
    QString fill;
    if (b.fillBar) {
        const double fraction =
            *ch.capacity ? std::clamp(double(ch.depth) / double(*ch.capacity), 0.0, 1.0) : 0.0;
        const QRectF& bar = *b.fillBar;
        p.setPen(QPen(pal.mid().color(), 1));
        p.setBrush(pal.window());
        p.drawRoundedRect(bar, unit * 0.3, unit * 0.3);
        const QColor fillColor = fraction > 0.9   ? colors.blocked
                                 : fraction > 0.6 ? colors.throttled
                                                  : colors.channel;
        p.setBrush(fillColor);
        p.setPen(Qt::NoPen);
        p.drawRoundedRect(QRectF(bar.left(), bar.top(), bar.width() * fraction, bar.height()),
                          unit * 0.3, unit * 0.3);
        // A socket's limit is its send buffer, against which the kernel also charges each
        // message's own overhead: the payload that fits is far less (the fill chart's tooltip
        // says more).
        const auto* mechanism = std::get_if<Mechanism>(&ch.kind);
        const bool socket = mechanism && (*mechanism == Mechanism::UnixStream ||
                                          *mechanism == Mechanism::UnixDgram);
        fill =
            socket ? tr("%1 payload queued · send buffer %2 (counts kernel overhead too)")
                         .arg(QString::fromStdString(formatBytes(double(ch.depth))),
                              QString::fromStdString(formatBytes(double(*ch.capacity))))
            : bytes
                ? tr("%1 of %2 queued")
                      .arg(QString::fromStdString(formatBytes(double(ch.depth))),
                           QString::fromStdString(formatBytes(double(*ch.capacity))))
                : tr("%1 of %2 %3 in use").arg(ch.depth).arg(*ch.capacity).arg(unitText(ch.unit));
    } else {
        // No known capacity: no bar to fill, the depth as a number where the bar would be. An
        // observed pipe or FIFO tells its fill level only to a holder: unknown, not 0.
        p.setPen(pal.text().color());
        p.setFont(bold);
        const bool depthUnknown = std::holds_alternative<IpcKind>(ch.kind) && !ch.depthFromKernel;
        const QString depth =
            depthUnknown ? tr("fill level unknown")
            : bytes ? tr("%1 queued").arg(QString::fromStdString(formatBytes(double(ch.depth))))
                    : tr("%1 %2 queued").arg(ch.depth).arg(unitText(ch.unit));
        p.drawText(b.gauge, Qt::AlignCenter, depth);
        fill = tr("capacity unknown");
    }
    p.setPen(pal.text().color());
    p.setFont(small);
    p.drawText(b.fillText, Qt::AlignHCenter, fill);
    QStringList details;
    if (!flow.isEmpty()) {
        details << flow;
    }
    if (ch.waitingSenders && *ch.waitingSenders > 0) {
        details << tr("%n sender(s) waiting", nullptr, int(*ch.waitingSenders));
    }
    if (ch.waitingReceivers && *ch.waitingReceivers > 0) {
        details << tr("%n receiver(s) waiting", nullptr, int(*ch.waitingReceivers));
    }
    for (const auto& [name, value] : ch.values) {
        if (name == "empty" || name == "full" || name == "mutex" || name == "space" ||
            name == "tokens") {
            details << QStringLiteral("%1=%2").arg(QString::fromStdString(name)).arg(value);
        }
    }
    if (ch.problem) {
        details << QString::fromStdString(*ch.problem);
    }
    if (b.details.height() < QFontMetrics(small).height() * 0.8) {
        return; // no room left in a small box; the table and the timeline still say it
    }
    QStringList lines = detailLines(details, QFontMetricsF(small), b.details.width());
    // More lines than the box has room for: a smaller font (to three quarters) before a line
    // is left out.
    for (int px = small.pixelSize();
         !b.compact && px > int(unit * 0.75) &&
         double(lines.size()) * QFontMetricsF(small).height() > b.details.height();) {
        small.setPixelSize(--px);
        lines = detailLines(details, QFontMetricsF(small), b.details.width());
        p.setFont(small);
    }
    if (b.compact) {
        p.drawText(
            b.details, Qt::AlignHCenter | Qt::AlignTop,
            QFontMetrics(small).elidedText(lines.value(0), Qt::ElideRight, int(b.details.width())));
    } else {
        // A part wider than the box on its own (a problem in words) wraps at its spaces.
        p.drawText(b.details, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
                   lines.join(QLatin1Char('\n')));
    }
}

QStringList TopologyView::detailLines(const QStringList& parts, const QFontMetricsF& fm,
                                      double width) {
    // Whole parts per line, joined by " · ": "empty=0 · full=0" over "mutex=1", never a part
    // cut in two, nor a line that starts with the separator.
    static const QString separator = QStringLiteral("  ·  ");
    QStringList lines;
    for (const QString& part : parts) {
        if (!lines.isEmpty() && fm.horizontalAdvance(lines.back() + separator + part) <= width) {
            lines.back() += separator + part;
        } else {
            lines << part;
        }
    }
    return lines;
}

} // namespace ipcscope
