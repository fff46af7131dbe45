#pragma once

#include "inventory/inventory.h"

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QTimer;

namespace ipcscope {

class GaugeChartView;
class InventoryScanThread;

// A live chart of one object's gauges: queued messages and bytes, attach count, semaphore
// values and waiters. Works for any object, not only ipcscope's; reads only (no receive, no
// attach), on the scan thread.
class WatchWindow : public QWidget {
    Q_OBJECT

public:
    WatchWindow(const IpcObject& object, const InventoryOptions& roots, QWidget* parent = nullptr);
    ~WatchWindow() override;

    GaugeChartView& chart() { return *m_chart; }
    QString statusText() const;
    static std::vector<std::pair<QString, double>> gaugesOf(const IpcObject& o);
    // The chart's value axis for this kind of object, with its unit.
    static QString valueAxisOf(const IpcObject& o);
    QString chartTitle() const; // the object: "System V message queue 5"

protected:
    void changeEvent(QEvent* event) override;

private:
    void onScanned(const Inventory& inventory);
    void updateStatus();

    IpcObject m_object; // as last seen
    bool m_gone = false;
    QString m_key;
    GaugeChartView* m_chart;
    QLabel* m_status;
    QTimer* m_timer;
    InventoryScanThread* m_scanner;
    QElapsedTimer m_clock;
};

} // namespace ipcscope
