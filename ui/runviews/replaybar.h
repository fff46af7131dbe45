#pragma once

// The transport of a replay: play/pause, a position slider with "mm:ss.s" times, a speed
// choice, and a button to leave the replay. attach() drives a LabController's replay with it
// (the Lab and the Classroom both do); the widget itself knows nothing of recordings.

#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace ipcscope {

class LabController;

class ReplayBar : public QWidget {
    Q_OBJECT

public:
    explicit ReplayBar(QWidget* parent = nullptr);

    // Play/pause, seek and speed go to `controller`; Close is left to the page (closeRequested).
    void attach(LabController* controller);
    // Shows the controller's replay state (hidden when it is not replaying).
    void sync(const LabController& controller);

    void setTitle(const QString& title); // e.g. the file name
    void setDuration(double seconds);
    void setPosition(double seconds); // ignored while the user drags the slider
    void setPlaying(bool playing);
    void setSpeed(double factor); // one of speeds(); others pick the nearest
    double speed() const;
    double position() const;

    static const QList<double>& speeds();      // 0.25× … 8×
    static QString formatTime(double seconds); // "mm:ss.s"

    QToolButton* playButton() const { return m_play; }
    QSlider* slider() const { return m_slider; }
    QComboBox* speedBox() const { return m_speed; }
    QLabel* timeLabel() const { return m_time; }

Q_SIGNALS:
    void playToggled(bool play);
    void seekRequested(double seconds);
    void speedChosen(double factor);
    void closeRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void updateTimeLabel(double seconds);

    QLabel* m_title;
    QToolButton* m_play;
    QSlider* m_slider;
    QLabel* m_time;
    QComboBox* m_speed;
    QLabel* m_speedLabel;
    QToolButton* m_close;
    QString m_titleText;
    double m_durationS = 0;
    bool m_playing = false;
};

} // namespace ipcscope
