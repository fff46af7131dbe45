#include "runviews/replaybar.h"

#include "runviews/labcontroller.h"

#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QToolButton>

#include <cmath>

namespace ipcscope {

namespace {

constexpr double kSliderUnitsPerS = 1000.0; // the slider counts milliseconds

} // namespace

ReplayBar::ReplayBar(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel)
    , m_play(new QToolButton)
    , m_slider(new QSlider(Qt::Horizontal))
    , m_time(new QLabel)
    , m_speed(new QComboBox)
    , m_speedLabel(new QLabel)
    , m_close(new QToolButton) {
    m_play->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_play->setAutoRaise(true);
    setPlaying(false);
    connect(m_play, &QToolButton::clicked, this, [this] { Q_EMIT playToggled(!m_playing); });

    m_slider->setRange(0, 0);
    m_slider->setSingleStep(100);
    m_slider->setPageStep(5000);
    // Dragging seeks as it goes (the views follow); clicks and keys seek to where they land.
    connect(m_slider, &QSlider::sliderMoved, this, [this](int value) {
        updateTimeLabel(value / kSliderUnitsPerS);
        Q_EMIT seekRequested(value / kSliderUnitsPerS);
    });
    connect(m_slider, &QSlider::actionTriggered, this, [this](int action) {
        if (action != QAbstractSlider::SliderMove) {
            Q_EMIT seekRequested(m_slider->sliderPosition() / kSliderUnitsPerS);
        }
    });

    QFont mono = m_time->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_time->setFont(mono);

    for (double s : speeds()) {
        m_speed->addItem(QString(), s); // texts: retranslateUi()
    }
    setSpeed(1.0);
    connect(m_speed, &QComboBox::activated, this,
            [this](int i) { Q_EMIT speedChosen(m_speed->itemData(i).toDouble()); });

    m_close->setIcon(QIcon::fromTheme(QStringLiteral("window-close")));
    m_close->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_close->setAutoRaise(true);
    connect(m_close, &QToolButton::clicked, this, &ReplayBar::closeRequested);

    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    // Set apart from the live views above it: this is a recording, not the machine now.
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_title);
    layout->addWidget(m_play);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_time);
    layout->addWidget(m_speedLabel);
    layout->addWidget(m_speed);
    layout->addWidget(m_close);
    retranslateUi();
}

void ReplayBar::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void ReplayBar::retranslateUi() {
    m_slider->setToolTip(tr("Position in the recording: drag to seek"));
    m_time->setToolTip(tr("Position / length of the recording (minutes:seconds)"));
    for (int i = 0; i < m_speed->count(); ++i) {
        m_speed->setItemText(i, tr("%1×").arg(m_speed->itemData(i).toDouble()));
    }
    m_speed->setToolTip(tr("Replay speed"));
    m_speedLabel->setText(tr("Speed"));
    m_close->setText(tr("Close Replay"));
    m_close->setToolTip(tr("Leave the replay and go back to the live lab"));
    if (!m_titleText.isEmpty()) {
        setTitle(m_titleText);
    }
    setPlaying(m_playing);
    updateTimeLabel(position());
}

const QList<double>& ReplayBar::speeds() {
    static const QList<double> list{0.25, 0.5, 1.0, 2.0, 4.0, 8.0};
    return list;
}

void ReplayBar::attach(LabController* controller) {
    connect(this, &ReplayBar::playToggled, controller, [controller](bool play) {
        play ? controller->playReplay() : controller->pauseReplay();
    });
    connect(this, &ReplayBar::seekRequested, controller, &LabController::seek);
    connect(this, &ReplayBar::speedChosen, controller, &LabController::setReplaySpeed);
}

void ReplayBar::sync(const LabController& c) {
    setVisible(c.isReplaying());
    if (!c.isReplaying()) {
        return;
    }
    setTitle(QFileInfo(c.replayPath()).fileName());
    setDuration(c.replayDurationS());
    setPosition(c.replayPositionS());
    setPlaying(c.isReplayPlaying());
    setSpeed(c.replaySpeed());
}

QString ReplayBar::formatTime(double seconds) {
    const long long tenths = std::llround(std::max(0.0, seconds) * 10.0);
    return QStringLiteral("%1:%2")
        .arg(tenths / 600, 2, 10, QLatin1Char('0'))
        .arg(double(tenths % 600) / 10.0, 4, 'f', 1, QLatin1Char('0'));
}

void ReplayBar::setTitle(const QString& title) {
    m_titleText = title;
    m_title->setText(tr("Replay of %1").arg(title));
}

void ReplayBar::setDuration(double seconds) {
    m_durationS = seconds;
    const QSignalBlocker block(m_slider);
    m_slider->setRange(0, int(std::lround(seconds * kSliderUnitsPerS)));
    updateTimeLabel(position());
}

void ReplayBar::setPosition(double seconds) {
    if (m_slider->isSliderDown()) {
        return; // the user's hand wins over the clock
    }
    const QSignalBlocker block(m_slider);
    m_slider->setValue(int(std::lround(seconds * kSliderUnitsPerS)));
    updateTimeLabel(seconds);
}

double ReplayBar::position() const {
    return m_slider->value() / kSliderUnitsPerS;
}

void ReplayBar::setPlaying(bool playing) {
    m_playing = playing;
    m_play->setIcon(QIcon::fromTheme(playing ? QStringLiteral("media-playback-pause")
                                             : QStringLiteral("media-playback-start")));
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    m_play->setToolTip(playing ? tr("Pause the replay") : tr("Play the recording"));
}

void ReplayBar::setSpeed(double factor) {
    int best = 0;
    for (int i = 0; i < m_speed->count(); ++i) {
        if (std::abs(m_speed->itemData(i).toDouble() - factor) <
            std::abs(m_speed->itemData(best).toDouble() - factor)) {
            best = i;
        }
    }
    const QSignalBlocker block(m_speed);
    m_speed->setCurrentIndex(best);
}

double ReplayBar::speed() const {
    return m_speed->currentData().toDouble();
}

void ReplayBar::updateTimeLabel(double seconds) {
    m_time->setText(
        tr("%1 / %2").arg(formatTime(std::min(seconds, m_durationS)), formatTime(m_durationS)));
}

} // namespace ipcscope
