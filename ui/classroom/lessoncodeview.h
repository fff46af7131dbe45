#pragma once

// The C code one role of a lesson runs, with the line each live worker is at highlighted in
// that worker's colour (driven by the worker's state from telemetry, not by a script), and a
// caption per worker saying what it does there ("blocked in read for 3.2 s").

#include "lab/frame.h"
#include "lessons/lesson.h"

#include <QWidget>

#include <map>

class QLabel;
class QTextEdit;

namespace ipcscope {

class LessonCodeView : public QWidget {
    Q_OBJECT

public:
    explicit LessonCodeView(QWidget* parent = nullptr);

    // The code's comments in `language` ("zh_CN", "en"), as the lesson file gives them.
    void setCode(const CodeBlock* code, const QString& title, const QString& language = {});
    // Highlights the lines of the workers of this view's role; an empty frame clears them.
    void setFrame(const Frame& frame);
    void setPresentationMode(bool on);

    // The 1-based line highlighted for each worker of the role, in worker order (tests).
    const std::vector<int>& highlightedLines() const { return m_lines; }
    QString captionText() const;
    QFont codeFont() const; // the code's, larger in presentation mode

    static QColor workerColor(std::uint32_t index);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void applyFont();
    void addNotes(const CodeBlock& code, const QString& language); // side notes under lines
    void hangWrappedLines();
    void keepLinesInView(); // every highlighted line, not only the first worker's
    // A text-message run: under the write (producer) or read (consumer) line, how many bytes
    // the last message had, n or n + 1.
    void showMessageSize(const Frame& frame);

    // Where each worker of the role last was before it ended: a worker stopped while blocked
    // stays on the call it never returned from, not on the "exited" line it never ran.
    struct LastSeen {
        int line = 0;
        bool blocked = false;
        CallKind call = CallKind::None;
        std::string objectName;
        bool sawEof = false;
    };

    const CodeBlock* m_code = nullptr;
    QLabel* m_title;
    QTextEdit* m_text;
    QLabel* m_caption;
    std::vector<int> m_lines;
    std::map<std::uint32_t, LastSeen> m_lastSeen; // by worker index
    bool m_presentation = false;
    int m_sizeNoteAt = -1; // where showMessageSize()'s text starts in the document; -1: none
    int m_sizeNoteLength = 0;
    QString m_sizeNote;

public:
    QString messageSizeNote() const { return m_sizeNote; } // tests
};

} // namespace ipcscope
