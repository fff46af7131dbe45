#pragma once

#include "inventory/inventory.h"
#include "observe/objectwaiters.h"

#include <QObject>
#include <QThread>

#include <chrono>
#include <map>

namespace ipcscope {

// Runs inventory scans on a thread of its own: walking /proc for thousands of objects must
// never stall the GUI. Scans are requested with scan(); results come back as scanned().
class InventoryScanThread : public QObject {
    Q_OBJECT

public:
    explicit InventoryScanThread(InventoryOptions options, QObject* parent = nullptr);
    ~InventoryScanThread() override;

    void scan(); // ignored while a scan is still running
    bool busy() const { return m_busy; }

Q_SIGNALS:
    // With users scanned: who waits on which object, just before the scan it goes with.
    void waitersScanned(const ipcscope::ObjectWaiters& waiters);
    void scanned(const ipcscope::Inventory& inventory);

private:
    class Worker;
    QThread m_thread;
    Worker* m_worker;
    bool m_busy = false;
};

} // namespace ipcscope

Q_DECLARE_METATYPE(ipcscope::Inventory)
