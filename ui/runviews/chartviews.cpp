#include "runviews/chartviews.h"

#include "common/corestrings.h"

#include "base/format.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGraphicsTextItem>
#include <QGuiApplication>
#include <QLegend>
#include <QLineSeries>
#include <QPalette>
#include <QPen>
#include <QTextDocument>
#include <QTextLayout>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace ipcscope {

namespace {

// A "nice" axis maximum (1, 2, 2.5, 5 × 10^n) that grows at once and shrinks only when the data
// has stayed well below it, so the axis does not jump on every frame.
class NiceScale {
public:
    double update(double dataMax) {
        const double wanted = nice(std::max(dataMax * 1.1, 1e-9));
        if (wanted > m_max || wanted < m_max / 4) {
            m_max = wanted;
        }
        return m_max;
    }
    void reset() { m_max = 1; }

private:
    static double nice(double v) {
        const double exp = std::pow(10.0, std::floor(std::log10(v)));
        for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
            if (v <= m * exp) {
                return m * exp;
            }
        }
        return 10 * exp;
    }
    double m_max = 1;
};

// Binary units for bytes/s, SI for messages/s: one divisor for the whole axis.
struct AxisUnit {
    double divisor;
    const char* label; // bytes: as is; messages: translated at display time
    bool bytes;
    QString text() const {
        return bytes ? QString::fromLatin1(label) : ThroughputChartView::tr(label);
    }
};

AxisUnit unitFor(double max, bool bytes) {
    if (bytes) {
        const char* names[] = {"B/s", "KiB/s", "MiB/s", "GiB/s"};
        double d = 1;
        int i = 0;
        while (max / d >= 1024 && i < 3) {
            d *= 1024;
            ++i;
        }
        return {d, names[i], true};
    }
    const char* names[] = {
        QT_TRANSLATE_NOOP("ipcscope::ThroughputChartView", "messages/s"),
        QT_TRANSLATE_NOOP("ipcscope::ThroughputChartView", "thousand messages/s"),
        QT_TRANSLATE_NOOP("ipcscope::ThroughputChartView", "million messages/s")};
    double d = 1;
    int i = 0;
    while (max / d >= 1000 && i < 2) {
        d *= 1000;
        ++i;
    }
    return {d, names[i], false};
}

// Keeps at most about two points per horizontal pixel: min and max of each pixel bucket, so
// spikes survive the thinning.
QList<QPointF> decimate(const std::deque<RatePoint>& points, bool bytes, double divisor, double x0,
                        double x1, int pixels) {
    QList<QPointF> out;
    if (points.empty()) {
        return out;
    }
    const int buckets = std::max(1, pixels);
    if (int(points.size()) <= 2 * buckets) {
        out.reserve(qsizetype(points.size()));
        for (const auto& p : points) {
            out.append({p.timeS, (bytes ? p.bytesPerS : p.messagesPerS) / divisor});
        }
        return out;
    }
    out.reserve(2 * buckets);
    const double width = (x1 - x0) / buckets;
    std::size_t i = 0;
    for (int b = 0; b < buckets && i < points.size(); ++b) {
        const double end = x0 + (b + 1) * width;
        QPointF lo, hi;
        bool any = false;
        for (; i < points.size() && points[i].timeS <= end; ++i) {
            const QPointF p(points[i].timeS,
                            (bytes ? points[i].bytesPerS : points[i].messagesPerS) / divisor);
            if (!any || p.y() < lo.y()) {
                lo = p;
            }
            if (!any || p.y() > hi.y()) {
                hi = p;
            }
            any = true;
        }
        if (any) {
            out.append(lo.x() <= hi.x() ? lo : hi);
            if (lo != hi) {
                out.append(lo.x() <= hi.x() ? hi : lo);
            }
        }
    }
    return out;
}

QChart* makeChart(const QString& title) {
    auto* chart = new QChart;
    // Follow the application's palette: a white chart in a dark window glares on a projector.
    if (QGuiApplication::palette().color(QPalette::Base).lightness() < 128) {
        chart->setTheme(QChart::ChartThemeDark);
    }
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation); // data changes 30 times a second
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->setMargins(QMargins(4, 4, 4, 4));
    return chart;
}

QValueAxis* makeAxis(const QString& title, const char* format) {
    auto* axis = new QValueAxis;
    axis->setTitleText(title);
    axis->setLabelFormat(QString::fromLatin1(format));
    axis->setTickCount(6);
    return axis;
}

// Counts below a handful: one tick per whole number ("0 0 1 1 2" with six ticks on 0..2 reads
// as nonsense).
void wholeTicks(QValueAxis& axis) {
    if (axis.max() > 5) {
        axis.setTickCount(6);
        return;
    }
    const int top = std::max(1, int(std::ceil(axis.max())));
    axis.setRange(axis.min(), top);
    axis.setTickCount(top + 1);
}

// Qt Charts lays the whole chart out again on every label format set, even to the same text:
// set it only when it changes.
void setLabelFormat(QValueAxis& axis, const QString& labelFormat) {
    if (axis.labelFormat() != labelFormat) {
        axis.setLabelFormat(labelFormat);
    }
}

// A vertical axis's title as drawn: Qt Charts cuts a title longer than its axis ("thousand
// messag…"), so it goes onto as many lines as it needs instead, broken between words (or
// between the characters of a language written without spaces), in a smaller font only where a
// single word is longer than the axis.
struct FittedTitle {
    QString html; // the lines, joined by <br> (Qt Charts draws titles as rich text)
    QFont font;
};

FittedTitle fitTitle(const QString& title, const QFont& base, double length) {
    // The text item's own margins (half a pixel each side) and a pixel or two to spare for
    // rounding: Qt Charts cuts a title at the first fraction of a pixel too long.
    const double room = std::max(8.0, length - 4);
    const double shrinks[] = {1.0, 0.85, 0.72};
    FittedTitle fitted;
    for (double shrink : shrinks) {
        fitted.font = base;
        if (base.pointSizeF() > 0) {
            fitted.font.setPointSizeF(base.pointSizeF() * shrink);
        } else {
            fitted.font.setPixelSize(std::max(1, int(base.pixelSize() * shrink)));
        }
        const bool last = shrink == shrinks[std::size(shrinks) - 1];
        QTextOption option;
        option.setWrapMode(last ? QTextOption::WrapAtWordBoundaryOrAnywhere
                                : QTextOption::WordWrap);
        QTextLayout layout(title, fitted.font);
        layout.setTextOption(option);
        layout.beginLayout();
        QStringList lines;
        bool fits = true;
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(room);
            fits = fits && line.naturalTextWidth() <= room;
            // Broken between words, or between Chinese characters; not inside a unit
            // ("messages/" over "s"): a smaller font first.
            const int end = line.textStart() + line.textLength();
            if (end < title.size()) {
                const QChar before = title.at(end - 1), after = title.at(end);
                fits = fits && (before.isSpace() || before.script() == QChar::Script_Han ||
                                after.script() == QChar::Script_Han);
            }
            lines << title.mid(line.textStart(), line.textLength()).trimmed().toHtmlEscaped();
        }
        layout.endLayout();
        if (fits || last) {
            fitted.html = lines.join(QStringLiteral("<br>"));
            return fitted;
        }
    }
    return fitted;
}

QChartView* makeView(QChart* chart, QWidget* parent) {
    auto* view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(240, 160);
    auto* layout = new QVBoxLayout(parent);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view);
    return view;
}

// What every chart here has: a chart in a view that fills its widget, time in seconds along the
// bottom, values up the left, and lines drawn against both.
struct TimeChart {
    QChart* chart = nullptr;
    QChartView* view = nullptr;
    QValueAxis* x = nullptr;
    QValueAxis* y = nullptr;
    QString yTitle;      // in full, as set; drawn on as many lines as the axis needs
    QFont yTitleFont;    // the theme's, before any shrinking to fit
    double yFitted = -1; // the axis length the drawn title was fitted to
    QMetaObject::Connection plotAreaWatch;

    TimeChart() = default;
    TimeChart(const TimeChart&) = delete;
    TimeChart& operator=(const TimeChart&) = delete;
    ~TimeChart() { QObject::disconnect(plotAreaWatch); } // the chart outlives this

    void setUp(QWidget* owner, const char* yLabelFormat) {
        chart = makeChart(QString());
        x = makeAxis(QString(), "%.0f");
        y = makeAxis(QString(), yLabelFormat);
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        yTitleFont = y->titleFont();
        view = makeView(chart, owner);
        // The plot's height is the title's room: fitted again when it changes (a resize, a
        // splitter moved); the title's own lines change the plot's width, not its height.
        plotAreaWatch =
            QObject::connect(chart, &QChart::plotAreaChanged, chart, [this](const QRectF& area) {
                if (area.height() != yFitted) {
                    fitYTitle();
                }
            });
    }
    void setYTitle(const QString& title) {
        if (title != yTitle) {
            yTitle = title;
            fitYTitle();
        }
    }
    void fitYTitle() {
        const double length = chart->plotArea().height();
        if (length <= 0) {
            // Not laid out yet: the whole title, and fitted once the plot has its size.
            if (y->titleText() != yTitle.toHtmlEscaped()) {
                y->setTitleText(yTitle.toHtmlEscaped());
            }
            return;
        }
        yFitted = length;
        const FittedTitle fitted = fitTitle(yTitle, yTitleFont, length);
        if (y->titleFont() != fitted.font) {
            y->setTitleFont(fitted.font);
        }
        if (y->titleText() != fitted.html) {
            y->setTitleText(fitted.html);
        }
    }
    // The value axis's title as the chart draws it now (tests): its lines joined by spaces.
    QString drawnYTitle() const {
        // The only text Qt Charts turns on its side here: a vertical axis's title.
        QList<QGraphicsItem*> items = chart->childItems();
        while (!items.isEmpty()) {
            QGraphicsItem* item = items.takeFirst();
            const auto* text = dynamic_cast<const QGraphicsTextItem*>(item);
            if (text && text->isVisible() && text->rotation() != 0) {
                return text->toPlainText()
                    .replace(QChar::LineSeparator, QLatin1Char(' '))
                    .replace(QLatin1Char('\n'), QLatin1Char(' '))
                    .simplified();
            }
            items += item->childItems();
        }
        return {};
    }
    // A new line drawn with `pen` against both axes; the chart owns it.
    QLineSeries* addLine(const QPen& pen) {
        auto* line = new QLineSeries;
        line->setPen(pen);
        chart->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
        return line;
    }
    void removeLine(QLineSeries* line) {
        chart->removeSeries(line);
        delete line;
    }
};

// Senders (producers) in blues and greens, receivers (consumers) in oranges and reds: the two
// sides tell apart at a glance. `index` of `count` on its side.
QColor seriesColor(bool sends, std::size_t index, std::size_t count) {
    const double t = count > 1 ? double(index) / double(count - 1) : 0.0;
    return sends ? QColor::fromHsvF(0.55 - 0.2 * t, 0.75, 0.85)
                 : QColor::fromHsvF(0.08 - 0.08 * t, 0.8, 0.95);
}

// A Lab worker's side is its role; another process's, whether it sends at all.
bool sendsOf(const ProcessHistory& p) {
    return p.worker ? p.worker->role == Role::Producer : p.sends;
}

QString seriesName(const ProcessHistory& p) {
    return processName(p.worker, p.command, p.pid);
}

// A channel's line in the fill chart: the first keeps the chart's blue (a Lab run's only
// one), the others take hues of their own.
QColor channelColor(std::size_t index) {
    return index == 0 ? QColor(0x2f, 0x6f, 0xb0)
                      : QColor::fromHsvF(std::fmod(0.58 + 0.29 * double(index), 1.0), 0.7, 0.8);
}

} // namespace

struct ThroughputChartView::Private : TimeChart {
    Unit unit = Unit::Messages;
    bool perProcess = false;               // asked for: one line per process
    bool byRole = false;                   // drawn now: a sum and a band per role
    std::vector<QLineSeries*> series;      // one per process, or one sum per role
    std::vector<QAreaSeries*> bands;       // by role: the per-worker range of each role
    std::vector<ProcessHistory> processes; // whose line each series is (no points kept)
    bool allWorkers = true;                // a Lab run's: the title says "worker"
    AxisUnit yUnit{1, QT_TRANSLATE_NOOP("ipcscope::ThroughputChartView", "messages/s"), false};
    NiceScale scale;

    void removeAll() {
        for (QLineSeries* s : series) {
            removeLine(s);
        }
        for (QAreaSeries* band : bands) {
            chart->removeSeries(band);
            delete band; // owns its two boundary lines
        }
        series.clear();
        bands.clear();
        processes.clear();
    }
    // Producers and consumers, the sides of a Lab run, in that order.
    static constexpr bool kSides[] = {true, false};
    int countOf(bool sends) const {
        return int(std::count_if(processes.begin(), processes.end(),
                                 [&](const ProcessHistory& p) { return sendsOf(p) == sends; }));
    }
    void nameSeries() {
        if (!byRole) {
            for (std::size_t i = 0; i < series.size() && i < processes.size(); ++i) {
                series[i]->setName(seriesName(processes[i]));
            }
            return;
        }
        for (std::size_t i = 0; i < series.size(); ++i) {
            const int n = countOf(kSides[i]);
            series[i]->setName(kSides[i] ? ThroughputChartView::tr("producers (sum of %n)", "", n)
                                         : ThroughputChartView::tr("consumers (sum of %n)", "", n));
            bands[i]->setName(kSides[i] ? ThroughputChartView::tr("producer range")
                                        : ThroughputChartView::tr("consumer range"));
        }
    }
    void addRoleSeries() {
        for (bool sends : kSides) {
            const QColor color = seriesColor(sends, 0, 1);
            QPen pen(color);
            pen.setWidthF(2.5);
            if (!sends) {
                pen.setStyle(Qt::DashLine); // equal sums (a steady run) must not hide each other
            }
            series.push_back(addLine(pen));
            auto* upper = new QLineSeries;
            auto* lower = new QLineSeries;
            auto* band = new QAreaSeries(upper, lower);
            // An area series does not own its lines: they go with it.
            upper->setParent(band);
            lower->setParent(band);
            QColor fill = color;
            fill.setAlphaF(0.45);
            band->setBrush(fill);
            band->setPen(Qt::NoPen);
            chart->addSeries(band);
            band->attachAxis(x);
            band->attachAxis(y);
            bands.push_back(band);
        }
    }
};

ThroughputChartView::ThroughputChartView(QWidget* parent)
    : QWidget(parent)
    , d(std::make_unique<Private>()) {
    d->setUp(this, "%.3g");
    clear();
    QEvent texts(QEvent::LanguageChange);
    changeEvent(&texts);
}

ThroughputChartView::~ThroughputChartView() = default;

void ThroughputChartView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        d->chart->setTitle(d->byRole       ? tr("Throughput by role")
                           : d->allWorkers ? tr("Throughput per worker")
                                           : tr("Throughput per process"));
        d->x->setTitleText(tr("time (s)"));
        d->setYTitle(d->yUnit.text());
        setToolTip(d->byRole ? tr("How fast the producers together and the consumers together "
                                  "move messages over the last minute; the shaded band runs "
                                  "from the slowest to the fastest single worker of each role")
                             : tr("How fast each worker moves messages, over the last minute"));
        d->nameSeries();
    }
    QWidget::changeEvent(event);
}

void ThroughputChartView::setUnit(Unit unit) {
    d->unit = unit;
    d->scale.reset();
}

ThroughputChartView::Unit ThroughputChartView::unit() const {
    return d->unit;
}

void ThroughputChartView::setPerProcess(bool perProcess) {
    if (d->perProcess == perProcess) {
        return;
    }
    d->perProcess = perProcess;
    d->removeAll(); // the next history draws the lines anew
    d->scale.reset();
}

bool ThroughputChartView::perProcess() const {
    return d->perProcess;
}

QString ThroughputChartView::axisTitle() const {
    return d->yTitle;
}

QString ThroughputChartView::drawnAxisTitle() const {
    return d->drawnYTitle();
}

int ThroughputChartView::seriesCount() const {
    return int(d->series.size());
}

QStringList ThroughputChartView::seriesNames() const {
    QStringList names;
    for (const QAbstractSeries* s : d->chart->series()) {
        names << s->name();
    }
    return names;
}

void ThroughputChartView::clear() {
    d->removeAll();
    d->scale.reset();
    d->x->setRange(0, 10);
    d->y->setRange(0, 1);
}

namespace {

// The sum, the slowest and the fastest of one side's processes at each time they were
// measured (a Lab run's meters all measure on the same frames).
struct RoleRates {
    std::deque<RatePoint> sum, low, high;
};

RoleRates roleRates(const std::vector<ProcessHistory>& processes, bool sends) {
    std::map<double, std::vector<RatePoint>> byTime;
    for (const ProcessHistory& p : processes) {
        if (sendsOf(p) != sends) {
            continue;
        }
        for (const RatePoint& r : p.rates) {
            byTime[r.timeS].push_back(r);
        }
    }
    RoleRates out;
    for (const auto& [time, points] : byTime) {
        RatePoint sum{time, 0, 0}, low = points.front(), high = points.front();
        for (const RatePoint& r : points) {
            sum.messagesPerS += r.messagesPerS;
            sum.bytesPerS += r.bytesPerS;
            low.messagesPerS = std::min(low.messagesPerS, r.messagesPerS);
            low.bytesPerS = std::min(low.bytesPerS, r.bytesPerS);
            high.messagesPerS = std::max(high.messagesPerS, r.messagesPerS);
            high.bytesPerS = std::max(high.bytesPerS, r.bytesPerS);
        }
        low.timeS = high.timeS = time;
        out.sum.push_back(sum);
        out.low.push_back(low);
        out.high.push_back(high);
    }
    return out;
}

double maxOf(const std::deque<RatePoint>& points, bool bytes) {
    double m = 0;
    for (const RatePoint& p : points) {
        m = std::max(m, bytes ? p.bytesPerS : p.messagesPerS);
    }
    return m;
}

} // namespace

void ThroughputChartView::setHistory(const RunHistory& history) {
    const auto& processes = history.processes();
    const bool allWorkers = !processes.empty() && std::all_of(processes.begin(), processes.end(),
                                                              [](const ProcessHistory& p) {
                                                                  return p.worker.has_value();
                                                              });
    // Summed per role once a role has several workers (with one each, a sum is the worker).
    const auto senders = std::count_if(processes.begin(), processes.end(), sendsOf);
    const bool several = senders > 1 || std::ptrdiff_t(processes.size()) - senders > 1;
    const bool byRole = allWorkers && several && !d->perProcess;
    const auto sameProcesses = [&] {
        if (d->processes.size() != processes.size() || d->byRole != byRole ||
            (d->series.empty() && !processes.empty())) {
            return false;
        }
        for (std::size_t i = 0; i < processes.size(); ++i) {
            if (d->processes[i].worker != processes[i].worker ||
                d->processes[i].pid != processes[i].pid ||
                d->processes[i].tid != processes[i].tid) {
                return false;
            }
        }
        return true;
    };
    if (!sameProcesses()) {
        clear();
        d->byRole = byRole;
        d->allWorkers = allWorkers || processes.empty();
        std::size_t senders = 0, receivers = 0;
        for (const auto& p : processes) {
            (sendsOf(p) ? senders : receivers)++;
        }
        std::size_t sendIndex = 0, receiveIndex = 0;
        for (const auto& p : processes) {
            ProcessHistory who;
            who.worker = p.worker;
            who.pid = p.pid;
            who.tid = p.tid;
            who.command = p.command;
            who.sends = p.sends;
            d->processes.push_back(std::move(who));
            if (byRole) {
                continue;
            }
            const bool sends = sendsOf(p);
            QPen pen(sends ? seriesColor(true, sendIndex++, senders)
                           : seriesColor(false, receiveIndex++, receivers));
            pen.setWidthF(2.0);
            d->series.push_back(d->addLine(pen));
        }
        if (byRole) {
            d->addRoleSeries();
        }
        // Every line named: up to 16 fit beside the chart (a smaller font past 8).
        QLegend* legend = d->chart->legend();
        legend->setVisible(d->series.size() <= 16);
        QFont font = legend->font();
        font.setPointSizeF(QFont().pointSizeF() * (d->series.size() > 8 ? 0.8 : 1.0));
        legend->setFont(font);
        QEvent texts(QEvent::LanguageChange);
        changeEvent(&texts);
    }
    const bool bytes = d->unit == Unit::Bytes;
    const double now = history.nowS();
    const double x0 = std::max(0.0, now - history.windowS());
    const double x1 = std::max(x0 + 10.0, now);
    const int pixels = int(d->chart->plotArea().width());
    double maxRaw = 0;
    if (d->byRole) {
        RoleRates rates[2] = {roleRates(processes, true), roleRates(processes, false)};
        for (const RoleRates& r : rates) {
            maxRaw = std::max(maxRaw, maxOf(r.sum, bytes));
        }
        const AxisUnit unit = unitFor(maxRaw, bytes);
        for (std::size_t i = 0; i < 2 && i < d->series.size(); ++i) {
            d->series[i]->replace(decimate(rates[i].sum, bytes, unit.divisor, x0, x1, pixels));
            d->bands[i]->upperSeries()->replace(
                decimate(rates[i].high, bytes, unit.divisor, x0, x1, pixels));
            d->bands[i]->lowerSeries()->replace(
                decimate(rates[i].low, bytes, unit.divisor, x0, x1, pixels));
        }
        d->yUnit = unit;
    } else {
        maxRaw = bytes ? history.maxBytesPerS() : history.maxMessagesPerS();
        const AxisUnit unit = unitFor(maxRaw, bytes);
        for (std::size_t i = 0; i < processes.size() && i < d->series.size(); ++i) {
            d->series[i]->replace(
                decimate(processes[i].rates, bytes, unit.divisor, x0, x1, pixels));
        }
        d->yUnit = unit;
    }
    d->x->setRange(x0, x1);
    const double yMax = d->scale.update(maxRaw / d->yUnit.divisor);
    d->y->setRange(0, yMax);
    setLabelFormat(*d->y, QString::fromLatin1(yMax >= 10 ? "%.0f" : yMax >= 1 ? "%.1f" : "%.2f"));
    d->setYTitle(d->yUnit.text());
}

struct DepthChartView::Private : TimeChart {
    // One pair of lines per channel; a channel without a known capacity has no capacity line.
    struct Lines {
        QLineSeries* depth = nullptr;
        QLineSeries* capacity = nullptr;
        std::string identity; // which channel, to name the lines when there are several
    };
    std::vector<Lines> lines;
    std::vector<std::pair<ChannelKind, std::string>> channels; // whose lines they are
    QString unit = QStringLiteral("bytes");
    bool mixedUnits = false;
    bool estimated = false;
    bool socket = false; // a Unix socket's send buffer: its limit counts kernel overhead
    double divisor = 1;  // bytes drawn in KiB or MiB, chosen from the capacity
    QString scaledUnit;  // "KiB", "MiB"; empty: the channel's own unit
    NiceScale scale;     // for depths without a capacity to scale to
    double yTop = 0;     // the value axis's top before rounding (0: to be set)
    // Said over the empty plot when no channel shown tells its fill level.
    QGraphicsTextItem* note = nullptr;

    void showNote(bool on) {
        if (!note) {
            note = new QGraphicsTextItem(chart);
            note->setDefaultTextColor(chart->titleBrush().color());
            QTextOption centred = note->document()->defaultTextOption();
            centred.setAlignment(Qt::AlignHCenter);
            note->document()->setDefaultTextOption(centred);
            QObject::connect(chart, &QChart::plotAreaChanged, note, [this] { placeNote(); });
            nameNote();
        }
        if (note->isVisible() != on) {
            note->setVisible(on);
            placeNote();
        }
    }
    void nameNote() {
        if (note) {
            note->setPlainText(DepthChartView::tr(
                "No fill level known: a pipe or FIFO tells it only to the processes that hold "
                "it."));
            placeNote();
        }
    }
    void placeNote() {
        if (!note->isVisible()) {
            return; // laid out when shown: a text layout per frame for nothing otherwise
        }
        const QRectF area = chart->plotArea();
        note->setTextWidth(std::max(60.0, area.width() - 16));
        const QRectF box = note->boundingRect();
        note->setPos(area.center().x() - box.width() / 2, area.center().y() - box.height() / 2);
    }

    void addLines(const std::string& identity, bool withCapacity) {
        const std::size_t i = lines.size();
        QPen pen(channelColor(i));
        pen.setWidthF(2.0);
        Lines l{addLine(pen), nullptr, identity};
        if (withCapacity) {
            QPen cap(i == 0 ? QColor(0xc0, 0x39, 0x2b) : channelColor(i));
            cap.setStyle(Qt::DashLine);
            cap.setWidthF(1.5);
            l.capacity = addLine(cap);
        }
        lines.push_back(std::move(l));
    }
    void removeLines() {
        for (const Lines& l : lines) {
            for (QLineSeries* s : {l.depth, l.capacity}) {
                if (s) {
                    removeLine(s);
                }
            }
        }
        lines.clear();
        channels.clear();
    }
    void nameLines() {
        // A Lab run has one channel, the run's; an observed one is named even alone.
        const bool named = lines.size() > 1 || estimated;
        for (const Lines& l : lines) {
            if (!named) {
                l.depth->setName(DepthChartView::tr("queued"));
            } else {
                l.depth->setName(
                    DepthChartView::tr("%1: queued").arg(QString::fromStdString(l.identity)));
            }
            if (l.capacity) {
                l.capacity->setName(
                    named
                        ? DepthChartView::tr("%1: capacity").arg(QString::fromStdString(l.identity))
                    : socket ? DepthChartView::tr("send buffer limit")
                             : DepthChartView::tr("capacity"));
            }
        }
        setYTitle(mixedUnits ? DepthChartView::tr("queued (each channel in its own unit)")
                  : !scaledUnit.isEmpty()
                      ? DepthChartView::tr("%1 queued").arg(scaledUnit)
                      : DepthChartView::tr("%1 queued").arg(unitText(unit.toStdString())));
    }
    // Bytes in one binary unit for the whole axis, chosen from the largest value it must show.
    void scaleTo(double largest) {
        if (unit != QLatin1String("bytes") || mixedUnits) {
            divisor = 1;
            scaledUnit.clear();
            return;
        }
        const bool mib = largest >= 4 * 1024 * 1024;
        const bool kib = largest >= 2048;
        divisor = mib ? 1024.0 * 1024 : kib ? 1024.0 : 1;
        scaledUnit = mib   ? QStringLiteral("MiB")
                     : kib ? QStringLiteral("KiB")
                           : QStringLiteral("B");
    }
};

DepthChartView::DepthChartView(QWidget* parent)
    : QWidget(parent)
    , d(std::make_unique<Private>()) {
    d->setUp(this, "%.0f");
    clear();
    QEvent texts(QEvent::LanguageChange);
    changeEvent(&texts);
}

DepthChartView::~DepthChartView() = default;

void DepthChartView::setEstimated(bool estimated) {
    d->estimated = estimated;
    QEvent texts(QEvent::LanguageChange);
    changeEvent(&texts);
}

void DepthChartView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        d->chart->setTitle(d->estimated ? tr("Queued per channel (estimated from kernel counters)")
                                        : tr("Channel fill"));
        d->x->setTitleText(tr("time (s)"));
        d->nameLines();
        d->nameNote();
        setToolTip(
            d->socket
                ? tr("Payload bytes sent and not yet received, against the socket's send buffer "
                     "limit (SO_SNDBUF). The kernel charges each queued message's buffer "
                     "overhead (its sk_buff, several hundred bytes) against that limit as well, "
                     "so a sender waits long before the payload reaches it: with small "
                     "messages, at a small fraction of it.")
                : tr("How full the channel is (messages or bytes waiting), against its "
                     "capacity"));
    }
    QWidget::changeEvent(event);
}

void DepthChartView::setUnit(const QString& unit) {
    d->unit = unit;
    d->mixedUnits = false;
    d->nameLines();
}

QString DepthChartView::axisTitle() const {
    return d->yTitle;
}

QString DepthChartView::drawnAxisTitle() const {
    return d->drawnYTitle();
}

int DepthChartView::seriesCount() const {
    return int(d->chart->series().size());
}

QStringList DepthChartView::seriesNames() const {
    QStringList names;
    for (const QAbstractSeries* series : d->chart->series()) {
        names << series->name();
    }
    return names;
}

bool DepthChartView::noteShown() const {
    return d->note && d->note->isVisible();
}

void DepthChartView::clear() {
    // Before any run: one empty channel's lines, as a Lab run has.
    d->removeLines();
    d->addLines({}, true);
    d->nameLines();
    d->chart->legend()->setVisible(true);
    d->showNote(false);
    d->scale.reset();
    d->x->setRange(0, 10);
    d->y->setRange(0, 1);
    d->yTop = 0;
}

void DepthChartView::setHistory(const RunHistory& history) {
    // Only channels whose fill level is known get lines: an observed pipe's is not (only a
    // holder can ask), and a legend entry without a line would say nothing.
    std::vector<const ChannelHistory*> channels;
    for (const ChannelHistory& c : history.channels()) {
        if (c.levelKnown) {
            channels.push_back(&c);
        }
    }
    std::vector<std::pair<ChannelKind, std::string>> who;
    for (const ChannelHistory* c : channels) {
        who.emplace_back(c->kind, c->identity);
    }
    // The lines follow the channels, and whether each knows its capacity.
    bool sameLines = who == d->channels && d->lines.size() == channels.size();
    for (std::size_t i = 0; sameLines && i < channels.size(); ++i) {
        sameLines = (d->lines[i].capacity != nullptr) == channels[i]->capacity.has_value();
    }
    const bool noneKnown = channels.empty() && !history.channels().empty();
    if (!sameLines && (!channels.empty() || noneKnown)) {
        d->removeLines();
        for (const ChannelHistory* c : channels) {
            d->addLines(c->identity, c->capacity.has_value());
        }
        d->channels = std::move(who);
        d->chart->legend()->setVisible(channels.size() <= 8); // a list of 40 hides the lines
        d->mixedUnits = false;
        for (const ChannelHistory* c : channels) {
            d->mixedUnits = d->mixedUnits || c->unit != channels.front()->unit;
        }
        if (!channels.empty() && !channels.front()->unit.empty()) {
            d->unit = QString::fromStdString(channels.front()->unit);
        }
        const auto isSocket = [](const ChannelHistory* c) {
            const auto* m = std::get_if<Mechanism>(&c->kind);
            return m && (*m == Mechanism::UnixStream || *m == Mechanism::UnixDgram);
        };
        d->socket = channels.size() == 1 && isSocket(channels.front());
        QEvent texts(QEvent::LanguageChange);
        changeEvent(&texts);
    }
    // One unit for the whole axis, from the largest capacity (or depth, where none is known).
    double largest = 0;
    for (const ChannelHistory* c : channels) {
        if (c->capacity) {
            largest = std::max(largest, double(*c->capacity));
        } else {
            for (const DepthPoint& p : c->depth) {
                largest = std::max(largest, p.depth);
            }
        }
    }
    const QString before = d->scaledUnit;
    d->scaleTo(largest);
    if (d->scaledUnit != before) {
        d->nameLines();
    }
    const double divisor = d->divisor;
    d->showNote(noneKnown);
    const double now = history.nowS();
    const double x0 = std::max(0.0, now - history.windowS());
    const double x1 = std::max(x0 + 10.0, now);
    const int buckets = std::max(1, int(d->chart->plotArea().width()));
    double yMax = 1.0;
    double deepestUnbounded = 0;
    bool anyUnbounded = false;
    for (std::size_t c = 0; c < channels.size() && c < d->lines.size(); ++c) {
        const auto& points = channels[c]->depth;
        QList<QPointF> out;
        out.reserve(std::min<qsizetype>(qsizetype(points.size()), 2 * buckets));
        // Keep the maximum of each pixel column: the peaks are what matters for a fill level.
        const double width = (x1 - x0) / buckets;
        std::size_t i = 0;
        double deepest = 0;
        for (int b = 0; b < buckets && i < points.size(); ++b) {
            const double end = x0 + (b + 1) * width;
            bool any = false;
            DepthPoint peak;
            for (; i < points.size() && points[i].timeS <= end; ++i) {
                if (!any || points[i].depth >= peak.depth) {
                    peak = points[i];
                }
                any = true;
            }
            if (any) {
                out.append({peak.timeS, peak.depth / divisor});
                deepest = std::max(deepest, peak.depth / divisor);
            }
        }
        d->lines[c].depth->replace(out);
        if (const auto capacity = channels[c]->capacity; capacity && d->lines[c].capacity) {
            const double top = double(*capacity) / divisor;
            d->lines[c].capacity->replace(QList<QPointF>{{x0, top}, {x1, top}});
            yMax = std::max(yMax, top * 1.05);
        } else {
            anyUnbounded = true;
            deepestUnbounded = std::max(deepestUnbounded, deepest);
        }
    }
    if (anyUnbounded) {
        yMax = std::max(yMax, d->scale.update(deepestUnbounded));
    }
    d->x->setRange(x0, x1);
    // Rounded to nice numbers, which moves the range: only when the top changes, or the axis
    // (and the chart's layout) would be redone on every frame.
    if (yMax != d->yTop) {
        d->yTop = yMax;
        d->y->setRange(0, yMax);
        d->y->applyNiceNumbers(); // ticks at round values: 0, 2, 4, ... slots
        wholeTicks(*d->y);
    }
    setLabelFormat(*d->y, QString::fromLatin1(divisor > 1 && d->y->max() < 10 ? "%.1f" : "%.0f"));
}

struct GaugeChartView::Private : TimeChart {
    std::vector<std::pair<QString, QLineSeries*>> series;
    std::vector<QList<QPointF>> points;
    NiceScale scale;
    int samples = 0;
    QString title, valueAxis; // empty: the defaults
    static constexpr double kWindowS = 120;
};

GaugeChartView::GaugeChartView(QWidget* parent)
    : QWidget(parent)
    , d(std::make_unique<Private>()) {
    d->setUp(this, "%.0f");
    QEvent texts(QEvent::LanguageChange);
    changeEvent(&texts);
}

GaugeChartView::~GaugeChartView() = default;

void GaugeChartView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        d->chart->setTitle(d->title.isEmpty() ? tr("Gauges") : d->title);
        d->x->setTitleText(tr("time (s)"));
        d->setYTitle(d->valueAxis.isEmpty() ? tr("value") : d->valueAxis);
    }
    QWidget::changeEvent(event);
}

void GaugeChartView::setTexts(const QString& title, const QString& valueAxis) {
    d->title = title;
    d->valueAxis = valueAxis;
    d->chart->setTitle(title);
    d->setYTitle(valueAxis);
}

void GaugeChartView::clear() {
    for (const auto& [name, line] : d->series) {
        d->removeLine(line);
    }
    d->series.clear();
    d->points.clear();
    d->samples = 0;
    d->scale.reset();
    d->x->setRange(0, 10);
    d->y->setRange(0, 1);
}

void GaugeChartView::renameSeries(const std::vector<QString>& names) {
    for (std::size_t i = 0; i < d->series.size() && i < names.size(); ++i) {
        d->series[i].first = names[i];
        d->series[i].second->setName(names[i]);
    }
}

int GaugeChartView::seriesCount() const {
    return int(d->series.size());
}

int GaugeChartView::sampleCount() const {
    return d->samples;
}

void GaugeChartView::addSample(double timeS,
                               const std::vector<std::pair<QString, double>>& values) {
    double maxY = 1;
    for (const auto& [name, value] : values) {
        auto it = std::find_if(d->series.begin(), d->series.end(),
                               [&](const auto& s) { return s.first == name; });
        if (it == d->series.end()) {
            QPen pen(QColor::fromHsvF(std::fmod(0.58 + 0.17 * double(d->series.size()), 1.0), 0.75,
                                      0.85));
            pen.setWidthF(2);
            QLineSeries* s = d->addLine(pen);
            s->setName(name);
            d->series.emplace_back(name, s);
            d->points.emplace_back();
            it = d->series.end() - 1;
        }
        auto& pts = d->points[std::size_t(it - d->series.begin())];
        pts.append({timeS, value});
        while (!pts.isEmpty() && pts.first().x() < timeS - Private::kWindowS) {
            pts.removeFirst();
        }
    }
    for (std::size_t i = 0; i < d->series.size(); ++i) {
        d->series[i].second->replace(d->points[i]);
        for (const QPointF& p : d->points[i]) {
            maxY = std::max(maxY, p.y());
        }
    }
    ++d->samples;
    const double x1 = std::max(10.0, timeS);
    d->x->setRange(std::max(0.0, x1 - Private::kWindowS), x1);
    d->y->setRange(0, d->scale.update(maxY));
    wholeTicks(*d->y);
}

} // namespace ipcscope
