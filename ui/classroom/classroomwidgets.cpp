#include "classroom/classroomwidgets.h"

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

} // namespace ipcscope
