#pragma once

// Two small widgets the Classroom needs to stay readable on a narrow projector.

#include <QComboBox>
#include <QTextBrowser>

namespace ipcscope {

// A combo box whose current text is elided ("Fast producer, slow con…") when the box is
// narrower than the text, never cut; the whole text is its tooltip and the list shows it all.
class ElidingComboBox : public QComboBox {
    Q_OBJECT

public:
    explicit ElidingComboBox(QWidget* parent = nullptr);
    // The widest the box asks for (0: as wide as its longest entry).
    void setMaximumTextWidth(int pixels);
    int longestTextWidth() const; // of its entries, in pixels
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    // What the box shows now (tests).
    QString shownText() const;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    int textRoom() const;
    int m_maximumTextWidth = 0;
};

// A text browser that never shows a line cut through the middle at its bottom edge: the
// partly visible line is left out (the scroll bar says there is more), as a printed page would.
class WholeLinesTextBrowser : public QTextBrowser {
    Q_OBJECT

public:
    explicit WholeLinesTextBrowser(QWidget* parent = nullptr);
    // The y (viewport coordinates) below which nothing is drawn: the bottom of the last line
    // that is wholly visible (tests).
    int visibleBottom() const;

protected:
    void paintEvent(QPaintEvent* event) override;
};

} // namespace ipcscope
