#include "topologyview.h"

#include "corestrings.h"

#include "base/format.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>

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

QColor colorOf(const WorkerFrame& w, const Palette& c) {
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

QString stateLine(const WorkerFrame& w, double rate) {
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

} // namespace

struct TopologyView::Private {
    Frame frame;
    RunConfig config;
    std::vector<double> rates; // messages/s per worker, recent
    double phase = 0;          // animation of the flowing edges
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
    d->rates.clear();
    d->hasRun = false;
    update();
}

void TopologyView::setSnapshot(const Frame& frame, const RunConfig& config,
                               const RunHistory& history) {
    d->frame = frame;
    d->config = config;
    d->hasRun = true;
    d->rates.assign(frame.workers.size(), 0.0);
    double maxRate = 0;
    for (std::size_t i = 0; i < frame.workers.size() && i < history.workers().size(); ++i) {
        if (!history.workers()[i].rates.empty()) {
            d->rates[i] = history.workers()[i].rates.back().messagesPerS;
            maxRate = std::max(maxRate, d->rates[i]);
        }
    }
    if (maxRate > 0 && !frame.paused) {
        d->phase += 1.5; // dashes move while data flows
    }
    update();
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

    // Everything scales with the widget, so the picture stays readable on a projector.
    const double unit = std::clamp(std::min(width() / 48.0, height() / 24.0), 8.0, 24.0);
    QFont small = font();
    small.setPixelSize(int(unit * 1.0));
    QFont bold = small;
    bold.setBold(true);
    QFont big = bold;
    big.setPixelSize(int(unit * 1.25));

    const auto& workers = d->frame.workers;
    std::vector<std::size_t> producers, consumers;
    for (std::size_t i = 0; i < workers.size(); ++i) {
        (workers[i].role == Role::Producer ? producers : consumers).push_back(i);
    }
    const double margin = unit;
    const double nodeW = std::min(width() * 0.3, unit * 21);
    const double channelW = std::min(width() * 0.34, unit * 22);
    const double channelH = std::min(height() - 2 * margin, unit * 11);
    const QRectF channelRect(width() / 2.0 - channelW / 2, height() / 2.0 - channelH / 2, channelW,
                             channelH);

    double maxRate = 1;
    for (double r : d->rates) {
        maxRate = std::max(maxRate, r);
    }

    // Lays out a column; returns node rectangles (and how many did not fit).
    const auto column = [&](const std::vector<std::size_t>& items, double x,
                            std::vector<QRectF>& rects) {
        const double slotH = unit * 4.2;
        const int fit = std::max(1, int((height() - 2 * margin) / slotH));
        const int shown = std::min<int>(int(items.size()), fit);
        const double total = shown * slotH;
        double y = height() / 2.0 - total / 2.0;
        for (int i = 0; i < shown; ++i) {
            rects.emplace_back(x, y + unit * 0.3, nodeW, slotH - unit * 0.6);
            y += slotH;
        }
        return int(items.size()) - shown;
    };
    std::vector<QRectF> pRects, cRects;
    const int pHidden = column(producers, margin, pRects);
    const int cHidden = column(consumers, width() - margin - nodeW, cRects);

    // Edges first, under the nodes.
    const auto edge = [&](QPointF from, QPointF to, std::size_t worker) {
        const double rate = d->rates[worker];
        const bool flowing = rate > 0 && !d->frame.paused && !workers[worker].exit;
        const double widthPx =
            flowing ? unit * (0.15 + 0.55 * std::log1p(rate) / std::log1p(maxRate)) : unit * 0.12;
        QPen pen(flowing ? colors.channel : pal.mid().color(), std::max(1.0, widthPx));
        if (flowing) {
            pen.setStyle(Qt::CustomDashLine);
            pen.setDashPattern({2.0, 1.5});
            pen.setDashOffset(-d->phase / std::max(1.0, widthPx) * 2);
        }
        if (workers[worker].state == WorkerState::Blocked && !workers[worker].exit &&
            !workers[worker].stopped) {
            pen.setColor(colors.blocked);
            pen.setStyle(Qt::DotLine);
        }
        p.setPen(pen);
        QPainterPath path(from);
        const double mid = (from.x() + to.x()) / 2;
        path.cubicTo(QPointF(mid, from.y()), QPointF(mid, to.y()), to);
        p.drawPath(path);
    };
    for (std::size_t i = 0; i < pRects.size(); ++i) {
        edge(QPointF(pRects[i].right(), pRects[i].center().y()),
             QPointF(channelRect.left(), channelRect.center().y()), producers[i]);
    }
    for (std::size_t i = 0; i < cRects.size(); ++i) {
        edge(QPointF(channelRect.right(), channelRect.center().y()),
             QPointF(cRects[i].left(), cRects[i].center().y()), consumers[i]);
    }

    // Worker nodes.
    const auto node = [&](const QRectF& r, std::size_t i) {
        const WorkerFrame& w = workers[i];
        const QColor c = colorOf(w, colors);
        QColor fill = c;
        fill.setAlpha(w.exit ? 40 : 60);
        p.setPen(QPen(c, unit * 0.2));
        p.setBrush(fill);
        p.drawRoundedRect(r, unit * 0.6, unit * 0.6);
        p.setPen(pal.text().color());
        const QRectF text = r.adjusted(unit * 0.6, unit * 0.3, -unit * 0.6, -unit * 0.3);
        p.setFont(bold);
        p.drawText(text, Qt::AlignTop | Qt::AlignLeft, workerName(w.role, w.index));
        p.setFont(small);
        p.drawText(text, Qt::AlignTop | Qt::AlignRight, tr("pid %1").arg(w.pid));
        const bool blocked = w.state == WorkerState::Blocked && !w.exit && !w.stopped;
        p.setFont(blocked ? bold : small);
        if (blocked) {
            p.setPen(colors.blocked.darker(pal.base().color().lightness() > 128 ? 130 : 70));
        }
        p.drawText(text, Qt::AlignBottom | Qt::AlignLeft,
                   QFontMetrics(p.font()).elidedText(stateLine(w, d->rates[i]), Qt::ElideRight,
                                                     int(text.width())));
    };
    for (std::size_t i = 0; i < pRects.size(); ++i) {
        node(pRects[i], producers[i]);
    }
    for (std::size_t i = 0; i < cRects.size(); ++i) {
        node(cRects[i], consumers[i]);
    }
    p.setFont(small);
    p.setPen(pal.text().color());
    if (pHidden > 0) {
        p.drawText(QRectF(margin, height() - margin * 1.5, nodeW, margin * 1.5), Qt::AlignCenter,
                   tr("+%1 more producers").arg(pHidden));
    }
    if (cHidden > 0) {
        p.drawText(QRectF(width() - margin - nodeW, height() - margin * 1.5, nodeW, margin * 1.5),
                   Qt::AlignCenter, tr("+%1 more consumers").arg(cHidden));
    }

    // The channel: what it is, how full, who waits.
    const ChannelFrame& ch = d->frame.channel;
    p.setPen(QPen(colors.channel, unit * 0.25));
    QColor channelFill = colors.channel;
    channelFill.setAlpha(25);
    p.setBrush(channelFill);
    p.drawRoundedRect(channelRect, unit * 0.8, unit * 0.8);
    const QRectF inner = channelRect.adjusted(unit * 0.8, unit * 0.6, -unit * 0.8, -unit * 0.6);
    p.setPen(pal.text().color());
    // The mechanism's name, wrapped on up to two lines.
    p.setFont(bold);
    const QRectF titleRect(inner.left(), inner.top(), inner.width(), unit * 2.6);
    p.drawText(titleRect, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
               mechanismTitle(d->config.mechanism));
    const double fraction =
        ch.capacity ? std::clamp(double(ch.depth) / double(ch.capacity), 0.0, 1.0) : 0.0;
    const QRectF bar(inner.left(), titleRect.bottom() + unit * 0.3, inner.width(), unit * 1.8);
    p.setPen(QPen(pal.mid().color(), 1));
    p.setBrush(pal.window());
    p.drawRoundedRect(bar, unit * 0.3, unit * 0.3);
    QColor fillColor = fraction > 0.9   ? colors.blocked
                       : fraction > 0.6 ? colors.throttled
                                        : colors.channel;
    p.setBrush(fillColor);
    p.setPen(Qt::NoPen);
    p.drawRoundedRect(QRectF(bar.left(), bar.top(), bar.width() * fraction, bar.height()),
                      unit * 0.3, unit * 0.3);
    p.setPen(pal.text().color());
    p.setFont(small);
    const QString unitName = QString::fromStdString(ch.unit);
    const QString fill =
        unitName == QLatin1String("bytes")
            ? tr("%1 of %2 queued")
                  .arg(QString::fromStdString(formatBytes(double(ch.depth))),
                       QString::fromStdString(formatBytes(double(ch.capacity))))
            : tr("%1 of %2 %3 in use").arg(ch.depth).arg(ch.capacity).arg(unitText(ch.unit));
    p.drawText(QRectF(inner.left(), bar.bottom() + unit * 0.3, inner.width(), unit * 1.4),
               Qt::AlignHCenter, fill);
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
    p.drawText(QRectF(inner.left(), bar.bottom() + unit * 1.8, inner.width(),
                      inner.bottom() - bar.bottom() - unit * 1.8),
               Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
               details.join(QStringLiteral("  ·  ")));
}

} // namespace ipcscope
