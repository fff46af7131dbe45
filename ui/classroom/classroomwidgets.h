#pragma once

// Small widgets of the Classroom: two that keep it readable on a narrow projector, and the
// bytes a consumer received.

#include "lab/frame.h"

#include <QComboBox>
#include <QLabel>
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

// The last message a consumer received, byte for byte, in a text-message lesson (the course
// notes' lines): its characters escaped (\n, \0, ␣ for a space) above their hex values, with its
// length as n or n + 1. Hidden while no consumer has received one.
class MessageBytesView : public QLabel {
    Q_OBJECT

public:
    explicit MessageBytesView(QWidget* parent = nullptr);
    void setFrame(const Frame& frame);
    void clear();
    // Only the message's end on one row (its NUL or last character), "…" before it: presentation
    // mode, where the code needs the height.
    void setTailOnly(bool tailOnly);
    // The rows as shown: escaped characters, then hex, for each run of bytes (tests).
    QStringList rows() const { return m_rows; }

    // One byte as a cell of the characters' row, two columns wide: "w ", "\n", "\0", "␣ ".
    static QString byteCell(char byte);

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void render();
    int bytesPerRow() const; // as many as the width holds, 8 at least
    QString m_bytes;
    std::uint32_t m_size = 0;
    QString m_who;
    QStringList m_rows;
    int m_perRow = 0;
    bool m_tailOnly = false;
};

} // namespace ipcscope
