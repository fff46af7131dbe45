#include "runviews/topologyview.h"

#include "common/corestrings.h"

#include "base/format.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>

#include <algorithm>
#include <cmath>

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

QString stateLine(const ProcessFrame& w, double rate) {
    if (w.exit) {
        return TopologyView::tr("exited: %1").arg(QString::fromStdString(w.exit->describe()));
    }
    if (w.stopped) {
        return TopologyView::tr("stopped (paused)");
    }
    const QString since = QString::fromStdString(formatDurationNs(w.stateForNs));
    switch (w.state) {
    case WorkerState::Blocked: {
        QString call = QString::fromUtf8(callName(w.call).data());
        if (!w.objectName.empty()) {
            call += QStringLiteral("(%1)").arg(QString::fromStdString(w.objectName));
        }
        return QStringLiteral("%1 · %2").arg(call, since);
    }
    case WorkerState::Throttled:
        return TopologyView::tr("throttled · %1/s").arg(QString::fromStdString(formatCount(rate)));
    case WorkerState::Starting:
    case WorkerState::Draining:
        return stateText(w.state);
    default:
        return TopologyView::tr("running · %1/s").arg(QString::fromStdString(formatCount(rate)));
    }
}

// Where a process is drawn: left of the channels when it sends (or sends and receives), right
// when it only receives. Without endpoints, a Lab worker's role decides.
bool drawnOnTheLeft(const Frame& frame, std::size_t process) {
    bool sends = false, receives = false;
    for (const EndpointFrame& e : frame.endpoints) {
        if (e.process == process) {
            sends = sends || e.sends();
            receives = receives || e.receives();
        }
    }
    if (!sends && !receives) {
        return !frame.processes[process].isWorker(Role::Consumer);
    }
    return sends;
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

} // namespace

struct TopologyView::Private {
    Frame frame;
    double phase = 0; // animation of the flowing edges
    bool hasRun = false;
    QString placeholder; // empty: the Lab's own text
};

TopologyView::TopologyView(QWidget* parent)
    : QWidget(parent)
    , d(std::make_unique<Private>()) {
    setMinimumSize(minimumSizeHint());
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
    return {360, 200};
}

void TopologyView::setPlaceholderText(const QString& text) {
    d->placeholder = text;
    update();
}

void TopologyView::clear() {
    d->frame = Frame{};
    d->hasRun = false;
    update();
}

void TopologyView::setSnapshot(const Frame& frame) {
    d->frame = frame;
    d->hasRun = true;
    const bool flowing = std::any_of(frame.endpoints.begin(), frame.endpoints.end(),
                                     [](const EndpointFrame& e) { return e.messagesPerS > 0; });
    if (flowing && !frame.paused) {
        d->phase += 1.5; // dashes move while data flows
    }
    update();
}

double TopologyView::Layout::unitFor(QSize size) {
    // Everything scales with the widget, so the picture stays readable on a projector.
    return std::clamp(std::min(size.width() / 48.0, size.height() / 24.0), 8.0, 24.0);
}

TopologyView::Layout TopologyView::layout() const {
    Layout l;
    const Frame& f = d->frame;
    const double unit = Layout::unitFor(size());
    l.unit = unit;
    const double margin = unit;
    const double nodeW = std::min(width() * 0.3, unit * 21);
    const double channelW = std::min(width() * 0.34, unit * 22);

    // The channels, stacked in the middle column.
    const std::size_t n = f.channels.size();
    const double gap = unit * 0.8;
    const double available = height() - 2 * margin;
    const double channelH =
        n == 0 ? 0 : std::min(unit * 11, (available - double(n - 1) * gap) / double(n));
    double y = height() / 2.0 - (double(n) * channelH + double(n ? n - 1 : 0) * gap) / 2.0;
    for (std::size_t c = 0; c < n; ++c) {
        l.channels.emplace_back(width() / 2.0 - channelW / 2, y, channelW, channelH);
        y += channelH + gap;
    }

    // Processes in a column on each side: those that fit, the rest counted.
    std::vector<std::size_t> left, right;
    for (std::size_t i = 0; i < f.processes.size(); ++i) {
        (drawnOnTheLeft(f, i) ? left : right).push_back(i);
    }
    l.processes.assign(f.processes.size(), std::nullopt);
    l.onTheLeft.assign(f.processes.size(), false);
    const auto column = [&](const std::vector<std::size_t>& items, double x, bool onTheLeft) {
        const double slotH = unit * 4.2;
        const int fit = std::max(1, int(available / slotH));
        const int shown = std::min<int>(int(items.size()), fit);
        double top = height() / 2.0 - shown * slotH / 2.0;
        std::vector<std::size_t> hidden;
        for (std::size_t k = 0; k < items.size(); ++k) {
            l.onTheLeft[items[k]] = onTheLeft;
            if (int(k) < shown) {
                l.processes[items[k]] = QRectF(x, top + unit * 0.3, nodeW, slotH - unit * 0.6);
                top += slotH;
            } else {
                hidden.push_back(items[k]);
            }
        }
        return hidden;
    };
    l.hiddenLeft = column(left, margin, true);
    l.hiddenRight = column(right, width() - margin - nodeW, false);
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
            ++edgesOf[e.process];
        }
    }
    for (const EndpointFrame& e : f.endpoints) {
        if (e.process >= f.processes.size() || e.channel >= l.channels.size() ||
            !l.processes[e.process]) {
            continue;
        }
        const ProcessFrame& w = f.processes[e.process];
        const QRectF& node = *l.processes[e.process];
        const QRectF& box = l.channels[e.channel];
        const bool left = l.onTheLeft[e.process];
        const double share = double(++edgesDrawn[e.process]) / (edgesOf[e.process] + 1);
        const QPointF atNode(left ? node.right() : node.left(), node.top() + node.height() * share);
        const QPointF atChannel(left ? box.left() : box.right(), box.center().y());
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
        const bool waitsHere = !w.waitChannel || *w.waitChannel == e.channel;
        if (w.state == WorkerState::Blocked && !w.exit && !w.stopped && waitsHere) {
            pen.setColor(colors.blocked);
            pen.setStyle(Qt::DotLine);
        }
        p.setPen(pen);
        QPainterPath path(from);
        const double mid = (from.x() + to.x()) / 2;
        path.cubicTo(QPointF(mid, from.y()), QPointF(mid, to.y()), to);
        p.drawPath(path);
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

    // Process nodes.
    for (std::size_t i = 0; i < f.processes.size(); ++i) {
        if (!l.processes[i]) {
            continue;
        }
        const QRectF& r = *l.processes[i];
        const ProcessFrame& w = f.processes[i];
        const QColor c = colorOf(w, colors);
        QColor fill = c;
        fill.setAlpha(w.exit ? 40 : 60);
        p.setPen(QPen(c, unit * 0.2));
        p.setBrush(fill);
        p.drawRoundedRect(r, unit * 0.6, unit * 0.6);
        p.setPen(pal.text().color());
        const QRectF text = r.adjusted(unit * 0.6, unit * 0.3, -unit * 0.6, -unit * 0.3);
        const QString pid = tr("pid %1").arg(w.pid);
        p.setFont(small);
        p.drawText(text, Qt::AlignTop | Qt::AlignRight, pid);
        const int nameWidth =
            int(text.width() - QFontMetrics(small).horizontalAdvance(pid) - unit * 0.5);
        p.setFont(bold);
        p.drawText(text, Qt::AlignTop | Qt::AlignLeft,
                   QFontMetrics(bold).elidedText(processName(w), Qt::ElideRight, nameWidth));
        const bool blocked = w.state == WorkerState::Blocked && !w.exit && !w.stopped;
        p.setFont(blocked ? bold : small);
        if (blocked) {
            p.setPen(colors.blocked.darker(pal.base().color().lightness() > 128 ? 130 : 70));
        }
        p.drawText(text, Qt::AlignBottom | Qt::AlignLeft,
                   QFontMetrics(p.font()).elidedText(stateLine(w, f.messagesPerS(i)),
                                                     Qt::ElideRight, int(text.width())));
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

    for (std::size_t c = 0; c < f.channels.size(); ++c) {
        paintChannel(p, l.channels[c], f.channels[c], unit, f.channels.size() > 1);
    }
}

// One channel: what it is, how full, who waits.
void TopologyView::paintChannel(QPainter& p, const QRectF& rect, const ChannelFrame& ch,
                                double unit, bool named) const {
    const QPalette& pal = palette();
    const Palette colors;
    QFont small = font();
    small.setPixelSize(int(unit * 1.0));
    QFont bold = small;
    bold.setBold(true);
    const ChannelBox b = channelBox(rect, ch, unit);

    p.setPen(QPen(colors.channel, unit * 0.25));
    QColor channelFill = colors.channel;
    channelFill.setAlpha(25);
    p.setBrush(channelFill);
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
        fill =
            bytes ? tr("%1 of %2 queued")
                        .arg(QString::fromStdString(formatBytes(double(ch.depth))),
                             QString::fromStdString(formatBytes(double(*ch.capacity))))
                  : tr("%1 of %2 %3 in use").arg(ch.depth).arg(*ch.capacity).arg(unitText(ch.unit));
    } else {
        // No known capacity: no bar to fill, the depth as a number where the bar would be.
        p.setPen(pal.text().color());
        p.setFont(bold);
        const QString depth =
            bytes ? tr("%1 queued").arg(QString::fromStdString(formatBytes(double(ch.depth))))
                  : tr("%1 %2 queued").arg(ch.depth).arg(unitText(ch.unit));
        p.drawText(b.gauge, Qt::AlignCenter, depth);
        fill = tr("capacity unknown");
    }
    p.setPen(pal.text().color());
    p.setFont(small);
    p.drawText(b.fillText, Qt::AlignHCenter, fill);
    QStringList details;
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
    const QString detailText = details.join(QStringLiteral("  ·  "));
    if (b.details.height() < QFontMetrics(small).height() * 0.8) {
        return; // no room left in a small box; the table and the timeline still say it
    }
    if (b.compact) {
        p.drawText(
            b.details, Qt::AlignHCenter | Qt::AlignTop,
            QFontMetrics(small).elidedText(detailText, Qt::ElideRight, int(b.details.width())));
    } else {
        p.drawText(b.details, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, detailText);
    }
}

} // namespace ipcscope
