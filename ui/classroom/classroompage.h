#pragma once

// The Classroom: ready lessons and pitfalls (data files, see core/lessons) run with real
// processes, slowly enough to explain. A teacher picks a lesson, reads its explanation, starts
// it, and watches the code of each process with the line every worker is at highlighted from
// its live state; pauses, steps one operation at a time, changes the pace, restarts, switches
// between a pitfall's broken and fixed variants, and projects it all in presentation mode.

#include "runviews/labcontroller.h"

#include "lessons/lessonfile.h"
#include "lessons/lessonsession.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QListView;
class QSplitter;
class QTextBrowser;
class QToolBar;

namespace ipcscope {

class BlockingTimelineView;
class ElidingComboBox;
class ReplayBar;
class LessonCodeView;
class LessonListModel;
class MessageBytesView;
class TopologyView;
class ViewPacer;

class ClassroomPage : public QWidget {
    Q_OBJECT

public:
    explicit ClassroomPage(QWidget* parent = nullptr);
    ~ClassroomPage() override;

    // Reloads the lesson files (and shows the ones that did not load, with the reason).
    void reload(const std::vector<std::string>& directories = lessonDirectories());
    const LessonLibrary& library() const { return m_library; }
    bool selectLesson(const QString& id); // false when there is no such lesson
    const Lesson* currentLesson() const;
    const LessonVariant* currentVariant() const;
    bool selectVariant(const QString& id);

    LabController& controller() { return *m_controller; }
    LessonCodeView& codeView(Role role) {
        return role == Role::Producer ? *m_producerCode : *m_consumerCode;
    }
    QAction* startAction() const { return m_start; }
    QAction* pauseAction() const { return m_pause; }
    QAction* stepAction() const { return m_step; }
    QAction* stopAction() const { return m_stop; }
    QAction* presentationAction() const { return m_presentation; }
    QAction* recordAction() const { return m_record; }
    QAction* openRecordingAction() const { return m_openRecording; }
    // Replays a recorded lesson with its code pane (no process runs). Errors in words.
    Status openRecording(const QString& path);
    Status openRecording(Recording recording, const QString& path); // read already
    QComboBox* paceBox() const { return m_pace; }
    QComboBox* variantBox() const;
    QString verdictText() const;
    bool presentationMode() const;

    void saveState() const;
    void restoreState();

Q_SIGNALS:
    void presentationModeChanged(bool on);
    void statusChanged(const QString& text);

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void buildActions();
    void retranslate();
    void showLesson();
    void startSession();         // of the selected lesson and variant, for the frames to come
    void startLesson(bool held); // held: in step mode from the first operation
    void showError(const QString& message);
    // Selects the recorded lesson and variant; an error when this is not a lesson's recording.
    Status showRecordedLesson(const Recording& recording);
    Status replayOpened(Status opened);
    void startRecordingIfArmed();
    void leaveReplay();
    void updateReplayBar();
    void togglePause();
    void step();
    void onFrame();
    void refreshViews(); // from the latest frame: paced by m_pacer
    void onFinished();
    void updateActions();
    void setPresentationMode(bool on);
    void fitToolBar();         // the variant's box gets the room the other tools leave
    int codePixelSize() const; // of the code panes' text now
    // Presentation mode's heights: the diagram what its texts need, the timeline its lanes, the
    // code the rest.
    void fitPresentation();
    void clearBytes();           // no received bytes shown (a new run, another lesson)
    double diagramUnit() const;  // presentation mode: the diagram's text size, in pixels
    double diagramScale() const; // ... as TopologyView::setScale() takes it
    std::uint64_t paceNs() const;
    QString language() const;

    LessonLibrary m_library;
    LabController* m_controller;
    ViewPacer* m_pacer; // the views of the frames, at the rate the eye needs, none while hidden
    std::optional<LessonSession> m_session; // of the run or replay shown
    LessonListModel* m_lessons;
    QListView* m_list;
    QLabel* m_loadErrors;
    QTextBrowser* m_text;
    ElidingComboBox* m_variant;
    QComboBox* m_pace;
    QLabel* m_paceLabel;
    QLabel* m_variantLabel;
    LessonCodeView* m_producerCode;
    LessonCodeView* m_consumerCode;
    TopologyView* m_topology;
    BlockingTimelineView* m_timeline;
    MessageBytesView* m_bytes; // a text-message lesson's last message, byte for byte
    QLabel* m_verdict;
    QSplitter* m_splitter;
    QSplitter* m_rightSplitter;
    QSplitter* m_live; // the diagram beside the timeline
    QToolBar* m_bar;
    bool m_splitterRestored = false; // else the list's width follows the first size shown
    QAction* m_start;
    QAction* m_pause;
    QAction* m_step;
    QAction* m_stop;
    QAction* m_presentation;
    QAction* m_record;
    QAction* m_openRecording;
    ReplayBar* m_replayBar;
    QAction* m_paceLabelAction = nullptr; // the toolbar's entries for the labels
    QAction* m_variantLabelAction = nullptr;
    QFont m_normalFont;
};

} // namespace ipcscope
