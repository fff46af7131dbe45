#include "classroom/lessoncodeview.h"

#include "common/corestrings.h"

#include "base/format.h"

#include <QEvent>
#include <QFontDatabase>
#include <QLabel>
#include <QTextBlock>
#include <QTextCharFormat>
#include <QTextEdit>
#include <QVBoxLayout>

namespace ipcscope {

namespace {

// The wait a student reads in the code: a semaphore wait is P(name), any other the call.
QString waitName(CallKind call, const std::string& objectName) {
    const QString object = QString::fromStdString(objectName);
    if ((call == CallKind::Semop || call == CallKind::SemWait) && !object.isEmpty()) {
        return QStringLiteral("P(%1)").arg(object);
    }
    const QString name = QString::fromUtf8(callName(call).data());
    return object.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, object);
}

} // namespace

LessonCodeView::LessonCodeView(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel)
    , m_text(new QTextEdit)
    , m_caption(new QLabel) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_text->setReadOnly(true);
    // Long comments wrap rather than being cut at the right edge (a projector is narrow).
    m_text->setLineWrapMode(QTextEdit::WidgetWidth);
    m_text->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_text->viewport()->installEventFilter(this);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setToolTip(tr("The C code this process runs. The highlighted line is where each "
                          "worker is right now, read from its live state."));
    m_caption->setWordWrap(true);
    // Never squeezed below its wrapped height: one worker's line would be drawn over another's.
    m_caption->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_caption->setTextFormat(Qt::RichText);
    layout->addWidget(m_title);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_caption);
    applyFont();
}

QColor LessonCodeView::workerColor(std::uint32_t index) {
    static const QColor colors[] = {QColor(0xff, 0xd5, 0x4f), QColor(0x81, 0xd4, 0xfa),
                                    QColor(0xa5, 0xd6, 0xa7), QColor(0xf4, 0x8f, 0xb1)};
    return colors[index % std::size(colors)];
}

void LessonCodeView::setCode(const CodeBlock* code, const QString& title, const QString& language) {
    m_code = code;
    m_title->setText(title);
    QString text;
    if (code) {
        const auto& lines = code->linesIn(language.toStdString());
        const int width = int(QString::number(lines.size()).size());
        for (std::size_t i = 0; i < lines.size(); ++i) {
            // "/*" stays with its first word (a word joiner, then a no-break space: line
            // breaking may otherwise part "/" from "*"): a wrapped comment moves on whole, never
            // leaving its opening behind at the end of the code.
            QString line = QString::fromStdString(lines[i]);
            line.replace(QStringLiteral("/* "), QStringLiteral("/\u2060*\u00a0"));
            text += QStringLiteral("%1  %2\n").arg(int(i + 1), width).arg(line);
        }
    }
    m_text->setPlainText(text);
    m_sizeNoteAt = -1;
    m_sizeNoteLength = 0;
    m_sizeNote.clear();
    if (code) {
        addNotes(*code, language);
    }
    hangWrappedLines();
    m_lastSeen.clear();
    setFrame(Frame{});
}

void LessonCodeView::addNotes(const CodeBlock& code, const QString& language) {
    // Under its line, inside the same text block (a line break, not a new paragraph): block
    // N stays line N + 1 for the highlights.
    QTextCharFormat noteFormat;
    noteFormat.setFontItalic(true);
    noteFormat.setForeground(QColor(0xb0, 0x3a, 0x2e));
    for (const auto& [line, note] : code.notes) {
        const QTextBlock block = m_text->document()->findBlockByNumber(line - 1);
        if (!block.isValid()) {
            continue;
        }
        QTextCursor at(block);
        at.movePosition(QTextCursor::EndOfBlock);
        at.insertText(QString(QChar::LineSeparator) + QStringLiteral("⚠ ") +
                          QString::fromStdString(note.in(language.toStdString())),
                      noteFormat);
    }
}

void LessonCodeView::setFrame(const Frame& frame) {
    m_lines.clear();
    QList<QTextEdit::ExtraSelection> selections;
    QStringList captions;
    if (m_code) {
        for (std::size_t i = 0; i < frame.processes.size(); ++i) {
            const ProcessFrame& w = frame.processes[i];
            if (!w.isWorker(m_code->role)) {
                continue;
            }
            const WorkerId id = *w.worker;
            int line = m_code->lineFor(w.state, w.call, w.objectName);
            QString what = stateText(w.state);
            LastSeen& last = m_lastSeen[id.index];
            // A wait that ended in EOF was left, however briefly the frames saw the rest (the
            // notes' FIFO reader: out of open(), EOF in read() at once): it ran to its end.
            for (const RunEvent& e : frame.newEvents) {
                last.sawEof = last.sawEof || (e.worker == int(i) && e.kind == EventKind::Closed);
            }
            const bool stoppedWhileBlocked =
                w.state == WorkerState::Exited && last.blocked && !last.sawEof;
            if (stoppedWhileBlocked) {
                line = last.line;
                what = tr("stopped while waiting in %1").arg(waitName(last.call, last.objectName));
            } else if (w.state != WorkerState::Exited) {
                last = {line, w.state == WorkerState::Blocked, w.call, w.objectName, last.sawEof};
            }
            m_lines.push_back(line);
            const QColor color = workerColor(id.index);
            if (stoppedWhileBlocked) {
                // said above
            } else if (w.state == WorkerState::Blocked) {
                what = tr("blocked in %1%2 for %3")
                           .arg(QString::fromUtf8(callName(w.call).data()),
                                w.objectName.empty() ? QString()
                                                     : QStringLiteral(" (%1)").arg(
                                                           QString::fromStdString(w.objectName)),
                                QString::fromStdString(formatDurationNs(w.stateForNs)));
            } else if (w.state == WorkerState::Exited && w.exit) {
                what = tr("exited (%1)").arg(QString::fromStdString(w.exit->describe()));
            }
            if (w.stopped) {
                what += tr(", paused");
            }
            // The data moved so far: what a student counts against the code's loop.
            const QString moved = id.role == Role::Producer
                                      ? tr("%n message(s) sent", nullptr, int(w.messages))
                                      : tr("%n message(s) received", nullptr, int(w.messages));
            // In presentation mode the diagram says the live state in large text: the caption
            // keeps to one line (the code gets the height), except for how a worker ended.
            const bool stateInDiagram = m_presentation && w.state != WorkerState::Exited;
            captions << QStringLiteral(
                            "<span style=\"background:%1;color:black\">&nbsp;%2&nbsp;</span> "
                            "%3%4 · %5")
                            .arg(color.name(), workerName(id.role, id.index).toHtmlEscaped(),
                                 stateInDiagram ? QString() : what.toHtmlEscaped(),
                                 line > 0 ? tr(" — line %1").arg(line) : QString(),
                                 moved.toHtmlEscaped());
            if (line <= 0) {
                continue;
            }
            QTextEdit::ExtraSelection sel;
            sel.cursor = QTextCursor(m_text->document()->findBlockByNumber(line - 1));
            sel.format.setBackground(color);
            sel.format.setForeground(Qt::black);
            sel.format.setProperty(QTextFormat::FullWidthSelection, true);
            selections.append(sel);
        }
    }
    showMessageSize(frame);
    m_text->setExtraSelections(selections);
    m_caption->setText(captions.join(QStringLiteral("<br>")));
    keepLinesInView();
}

void LessonCodeView::showMessageSize(const Frame& frame) {
    QString note;
    int line = 0;
    if (m_code) {
        const bool producer = m_code->role == Role::Producer;
        const auto mark = m_code->marks.find(producer ? "write" : "read");
        line = mark == m_code->marks.end() ? 0 : mark->second;
        for (const ProcessFrame& w : frame.processes) {
            if (!w.isWorker(m_code->role) || w.lastMessageSize == 0) {
                continue;
            }
            const std::size_t nul = w.lastMessage.find('\0');
            const bool withNul = nul != std::string::npos && nul + 1 == w.lastMessageSize;
            const int n = int(withNul ? nul : w.lastMessageSize);
            const int bytes = int(w.lastMessageSize);
            note = withNul ? (producer ? tr("→ wrote %1 bytes: n + 1 (n = %2, then the NUL \\0)")
                                       : tr("→ read %1 bytes: n + 1 (n = %2, the last one \\0)"))
                                 .arg(bytes)
                                 .arg(n)
                           : (producer ? tr("→ wrote %1 bytes: n (no NUL)")
                                       : tr("→ read %1 bytes: n (no NUL)"))
                                 .arg(bytes);
            break;
        }
    }
    if (note == m_sizeNote) {
        return;
    }
    QTextCursor at(m_text->document());
    if (m_sizeNoteAt >= 0) {
        at.setPosition(m_sizeNoteAt);
        at.setPosition(m_sizeNoteAt + m_sizeNoteLength, QTextCursor::KeepAnchor);
        at.removeSelectedText();
        m_sizeNoteAt = -1;
    }
    m_sizeNote = note;
    const QTextBlock block = m_text->document()->findBlockByNumber(line - 1);
    if (note.isEmpty() || line <= 0 || !block.isValid()) {
        return;
    }
    // Under its line, inside the same text block (as the side notes): the highlights stay.
    at = QTextCursor(block);
    at.movePosition(QTextCursor::EndOfBlock);
    QTextCharFormat format;
    format.setForeground(QColor(0x15, 0x65, 0xc0));
    format.setFontWeight(QFont::Bold);
    m_sizeNoteAt = at.position();
    const QString text = QString(QChar::LineSeparator) + note;
    at.insertText(text, format);
    m_sizeNoteLength = int(text.size());
}

void LessonCodeView::keepLinesInView() {
    int first = 0;
    int last = 0;
    for (int line : m_lines) {
        if (line > 0) {
            first = first == 0 ? line : std::min(first, line);
            last = std::max(last, line);
        }
    }
    if (first == 0) {
        return;
    }
    // The last line first, then the first: when they do not fit together, the first wins.
    for (int line : {last, first}) {
        m_text->setTextCursor(QTextCursor(m_text->document()->findBlockByNumber(line - 1)));
        m_text->ensureCursorVisible();
    }
}

bool LessonCodeView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_text->viewport() && event->type() == QEvent::Resize) {
        // After the editor has laid its text out anew at the new size.
        QMetaObject::invokeMethod(this, &LessonCodeView::keepLinesInView, Qt::QueuedConnection);
    }
    return QWidget::eventFilter(watched, event);
}

QFont LessonCodeView::codeFont() const {
    return m_text->font();
}

QString LessonCodeView::captionText() const {
    return m_caption->text();
}

void LessonCodeView::setPresentationMode(bool on) {
    m_presentation = on;
    applyFont();
}

void LessonCodeView::applyFont() {
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (m_presentation) {
        mono.setPointSizeF(mono.pointSizeF() * 1.6);
        mono.setBold(true);
    }
    m_text->setFont(mono);
    // Presentation mode on a 1024x768 projector: two lines at the least (the current one kept
    // in view), so the live views under the code keep the room their large texts need.
    m_text->setMinimumHeight(
        m_presentation ? QFontMetrics(mono).lineSpacing() * 2 + 2 * m_text->frameWidth() : 0);
    hangWrappedLines();
}

void LessonCodeView::hangWrappedLines() {
    // A wrapped line goes on under its code (the number and 4 columns in), not under the
    // line number.
    if (!m_code) {
        return;
    }
    const int prefix = int(QString::number(m_code->lines.size()).size()) + 2;
    const double indent =
        QFontMetricsF(m_text->font()).horizontalAdvance(QLatin1Char('0')) * (prefix + 4);
    QTextCursor all(m_text->document());
    all.select(QTextCursor::Document);
    QTextBlockFormat hanging;
    hanging.setLeftMargin(indent);
    hanging.setTextIndent(-indent);
    all.mergeBlockFormat(hanging);
}

void LessonCodeView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        m_text->setToolTip(tr("The C code this process runs. The highlighted line is where each "
                              "worker is right now, read from its live state."));
    }
    QWidget::changeEvent(event);
}

} // namespace ipcscope
