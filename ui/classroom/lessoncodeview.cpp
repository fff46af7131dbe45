#include "classroom/lessoncodeview.h"

#include "common/corestrings.h"

#include "base/format.h"

#include <QEvent>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QVBoxLayout>

namespace ipcscope {

LessonCodeView::LessonCodeView(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel)
    , m_text(new QPlainTextEdit)
    , m_caption(new QLabel) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setToolTip(tr("The C code this process runs. The highlighted line is where each "
                          "worker is right now, read from its live state."));
    m_caption->setWordWrap(true);
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

void LessonCodeView::setCode(const CodeBlock* code, const QString& title) {
    m_code = code;
    m_title->setText(title);
    QString text;
    if (code) {
        const int width = int(QString::number(code->lines.size()).size());
        for (std::size_t i = 0; i < code->lines.size(); ++i) {
            text += QStringLiteral("%1  %2\n")
                        .arg(int(i + 1), width)
                        .arg(QString::fromStdString(code->lines[i]));
        }
    }
    m_text->setPlainText(text);
    setFrame(Frame{});
}

void LessonCodeView::setFrame(const Frame& frame) {
    m_lines.clear();
    QList<QTextEdit::ExtraSelection> selections;
    QStringList captions;
    if (m_code) {
        for (const ProcessFrame& w : frame.processes) {
            if (!w.isWorker(m_code->role)) {
                continue;
            }
            const int line = m_code->lineFor(w.state, w.call, w.objectName);
            m_lines.push_back(line);
            const WorkerId id = *w.worker;
            const QColor color = workerColor(id.index);
            QString what = stateText(w.state);
            if (w.state == WorkerState::Blocked) {
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
            captions << QStringLiteral(
                            "<span style=\"background:%1;color:black\">&nbsp;%2&nbsp;</span> "
                            "%3%4 · %5")
                            .arg(color.name(), workerName(id.role, id.index).toHtmlEscaped(),
                                 what.toHtmlEscaped(),
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
    m_text->setExtraSelections(selections);
    if (!m_lines.empty() && m_lines.front() > 0) {
        QTextCursor c(m_text->document()->findBlockByNumber(m_lines.front() - 1));
        m_text->setTextCursor(c);
        m_text->ensureCursorVisible();
    }
    m_caption->setText(captions.join(QStringLiteral("<br>")));
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
}

void LessonCodeView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        m_text->setToolTip(tr("The C code this process runs. The highlighted line is where each "
                              "worker is right now, read from its live state."));
    }
    QWidget::changeEvent(event);
}

} // namespace ipcscope
