#pragma once

#include "lab/frame.h"
#include "runhistory.h"

#include <QWidget>

namespace ipcscope {

// The run as a picture: producers on the left, the channel in the middle with a fill bar
// (depth against capacity), consumers on the right. Edges grow with throughput and move while
// data flows; a blocked worker turns a distinct colour and shows "msgsnd · 2.4 s".
// Readable on a projector (scales with the widget and the font).
class TopologyView : public QWidget {
    Q_OBJECT

public:
    explicit TopologyView(QWidget* parent = nullptr);
    ~TopologyView() override;

    void setSnapshot(const Frame& frame, const RunConfig& config, const RunHistory& history);
    void clear();
    // What to say before the first run (the Lab's default asks to choose a mechanism).
    void setPlaceholderText(const QString& text);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace ipcscope
