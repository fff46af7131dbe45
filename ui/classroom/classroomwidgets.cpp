#include "classroom/classroomwidgets.h"

#include "common/corestrings.h"

#include "base/format.h"

#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QScrollBar>
#include <QStyleOptionComboBox>
#include <QStylePainter>
#include <QTextBlock>
#include <QTextLayout>

namespace ipcscope {

ElidingComboBox::ElidingComboBox(QWidget* parent)
    : QComboBox(parent) {
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(this, &QComboBox::currentIndexChanged, this, [this] { setToolTip(currentText()); });
}

void ElidingComboBox::setMaximumTextWidth(int pixels) {
    m_maximumTextWidth = pixels;
    updateGeometry();
    update();
}

int ElidingComboBox::longestTextWidth() const {
    int longest = 0;
    for (int i = 0; i < count(); ++i) {
        longest = std::max(longest, fontMetrics().horizontalAdvance(itemText(i)));
    }
    return longest;
}

QSize ElidingComboBox::sizeHint() const {
    QSize hint = QComboBox::sizeHint();
    if (m_maximumTextWidth > 0) {
        hint.rwidth() -= std::max(0, longestTextWidth() - m_maximumTextWidth);
    }
    return hint;
}

QSize ElidingComboBox::minimumSizeHint() const {
    QSize least = QComboBox::minimumSizeHint();
    least.setWidth(std::min(least.width(), sizeHint().width()));
    return least;
}

int ElidingComboBox::textRoom() const {
    QStyleOptionComboBox option;
    initStyleOption(&option);
    return style()
        ->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, this)
        .width();
}

QString ElidingComboBox::shownText() const {
    return fontMetrics().elidedText(currentText(), Qt::ElideRight, textRoom() - 2);
}

void ElidingComboBox::paintEvent(QPaintEvent*) {
    QStylePainter painter(this);
    painter.setPen(palette().color(QPalette::Text));
    QStyleOptionComboBox option;
    initStyleOption(&option);
    option.currentText = shownText();
    painter.drawComplexControl(QStyle::CC_ComboBox, option);
    painter.drawControl(QStyle::CE_ComboBoxLabel, option);
}

WholeLinesTextBrowser::WholeLinesTextBrowser(QWidget* parent)
    : QTextBrowser(parent) {}

int WholeLinesTextBrowser::visibleBottom() const {
    const int height = viewport()->height();
    const int scroll = verticalScrollBar()->value();
    QAbstractTextDocumentLayout* layout = document()->documentLayout();
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next()) {
        const QRectF box = layout->blockBoundingRect(block).translated(0, -scroll);
        if (box.bottom() <= height) {
            continue;
        }
        if (box.top() >= height) {
            break;
        }
        // The block crosses the edge: stop above its first line that does.
        const QTextLayout* lines = block.layout();
        const QPointF at = lines->position() - QPointF(0, scroll);
        for (int i = 0; i < lines->lineCount(); ++i) {
            const QRectF line = lines->lineAt(i).rect().translated(at);
            if (line.bottom() > height) {
                return std::max(0, int(std::floor(line.top())));
            }
        }
        break;
    }
    return height;
}

void WholeLinesTextBrowser::paintEvent(QPaintEvent* event) {
    QTextBrowser::paintEvent(event);
    const int bottom = visibleBottom();
    if (bottom < viewport()->height()) {
        QPainter p(viewport());
        p.fillRect(QRect(0, bottom, viewport()->width(), viewport()->height() - bottom),
                   palette().base());
    }
}

MessageBytesView::MessageBytesView(QWidget* parent)
    : QLabel(parent) {
    setObjectName(QStringLiteral("receivedBytes"));
    setTextFormat(Qt::RichText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    // As wide as the page gives, never wider: the rows are cut to the width it has.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    hide();
}

QString MessageBytesView::byteCell(char byte) {
    if (byte == ' ') {
        return QStringLiteral("\u2423 "); // ␣: a space the class can see
    }
    const QString escaped = QString::fromStdString(cEscapedByte(byte));
    return escaped.size() <= 2 ? escaped.leftJustified(2) : QStringLiteral("\u00b7 ");
}

void MessageBytesView::setFrame(const Frame& frame) {
    for (const ProcessFrame& w : frame.processes) {
        if (w.isWorker(Role::Consumer) && w.lastMessageSize != 0) {
            const QString who = workerName(Role::Consumer, w.worker->index);
            const QString bytes =
                QString::fromLatin1(w.lastMessage.data(), qsizetype(w.lastMessage.size()));
            if (bytes != m_bytes || w.lastMessageSize != m_size || who != m_who) {
                m_bytes = bytes;
                m_size = w.lastMessageSize;
                m_who = who;
                render();
            }
            return;
        }
    }
}

void MessageBytesView::setTailOnly(bool tailOnly) {
    m_tailOnly = tailOnly;
    render();
}

void MessageBytesView::clear() {
    m_bytes.clear();
    m_size = 0;
    m_rows.clear();
    QLabel::clear();
    hide();
}

void MessageBytesView::render() {
    if (m_size == 0) {
        return;
    }
    const std::string raw = m_bytes.toLatin1().toStdString();
    const std::size_t nul = raw.find('\0');
    const bool withNul = nul != std::string::npos && nul + 1 == m_size;
    const QString size =
        withNul ? tr("%1 bytes = n + 1: the text (n = %2) and its NUL").arg(m_size).arg(nul)
                : tr("%1 bytes = n: the text, no NUL").arg(m_size);
    // Each byte three columns wide, its character over its hex value.
    m_perRow = bytesPerRow();
    const std::size_t kPerRow = std::size_t(m_perRow);
    m_rows.clear();
    const bool cut = m_tailOnly && raw.size() > kPerRow;
    for (std::size_t at = cut ? raw.size() - (kPerRow - 1) : 0; at < raw.size(); at += kPerRow) {
        QString chars = cut ? QStringLiteral("\u2026  ") : QString();
        const std::string part = raw.substr(at, kPerRow);
        for (char c : part) {
            chars += byteCell(c) + QLatin1Char(' ');
        }
        m_rows << chars.trimmed()
               << (cut ? QStringLiteral("   ") : QString()) +
                      QString::fromStdString(hexBytes(part));
    }
    QString rows;
    for (int i = 0; i < m_rows.size(); ++i) {
        rows += (i % 2 == 0 ? QStringLiteral("<span>%1</span><br>")
                            : QStringLiteral("<span style=\"color:#1565c0\">%1</span><br>"))
                    .arg(m_rows[i].toHtmlEscaped());
    }
    const QString heading =
        m_tailOnly ? tr("<b>%1 received</b> %2")
                         .arg(m_who.toHtmlEscaped(),
                              (withNul ? tr("%1 bytes = n + 1, the last one \\0").arg(m_size)
                                       : tr("%1 bytes = n, no \\0").arg(m_size))
                                  .toHtmlEscaped())
                   : tr("<b>The last message %1 received</b>, as read() returned it — %2%3")
                         .arg(m_who.toHtmlEscaped(), size.toHtmlEscaped(),
                              m_size > raw.size() ? tr(" (the first %1 shown)").arg(raw.size())
                                                  : QString());
    setText(
        heading +
        QStringLiteral("<div style=\"font-family:monospace; white-space:pre\">%1</div>").arg(rows));
    setToolTip(tr("The bytes the consumer process received, read from its live state: each "
                  "character (escaped: \\n a line end, \\0 the NUL, ␣ a space) above its value "
                  "in hex"));
    show();
}

int MessageBytesView::bytesPerRow() const {
    QFont mono = font();
    mono.setFamily(QStringLiteral("monospace"));
    const double column = QFontMetricsF(mono).horizontalAdvance(QLatin1Char('0'));
    return std::max(8, int((width() - 8) / (3 * std::max(1.0, column))));
}

void MessageBytesView::resizeEvent(QResizeEvent* event) {
    QLabel::resizeEvent(event);
    if (m_size != 0 && bytesPerRow() != m_perRow) {
        render(); // more (or fewer) bytes a row fit now
    }
}

void MessageBytesView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::FontChange) {
        render();
    }
    QLabel::changeEvent(event);
}

} // namespace ipcscope
