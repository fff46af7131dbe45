#include "objects/inventoryscanthread.h"

#include <QMetaObject>

namespace ipcscope {

class InventoryScanThread::Worker : public QObject {
public:
    explicit Worker(InventoryOptions options)
        : m_scanner(std::move(options)) {}
    Inventory scan() { return m_scanner.scan(); }
    // Only with users scanned (the System objects page): a process list that reads only the
    // objects does not look for waiters either.
    std::optional<ObjectWaiters> waiters(Inventory& inventory) {
        if (!m_scanner.options().users || !m_scanner.options().live) {
            return std::nullopt;
        }
        std::string problem;
        ObjectWaiters w = findObjectWaiters(inventory, m_tracker, std::chrono::milliseconds(100),
                                            64, &problem, m_scanner.options().procRoot);
        if (!problem.empty()) {
            inventory.warnings.push_back(problem);
        }
        return w;
    }

private:
    InventoryScanner m_scanner;
    WaitTracker m_tracker; // "waits … · 4 min" grows from scan to scan
};

InventoryScanThread::InventoryScanThread(InventoryOptions options, QObject* parent)
    : QObject(parent)
    , m_worker(new Worker(std::move(options))) {
    qRegisterMetaType<ipcscope::Inventory>();
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("inventory scan"));
    m_thread.start(QThread::LowPriority);
}

InventoryScanThread::~InventoryScanThread() {
    m_thread.quit();
    m_thread.wait();
}

void InventoryScanThread::scan() {
    if (m_busy) {
        return;
    }
    m_busy = true;
    QMetaObject::invokeMethod(m_worker, [this] {
        Inventory inventory = m_worker->scan(); // on the scan thread
        std::optional<ObjectWaiters> waiters = m_worker->waiters(inventory);
        QMetaObject::invokeMethod(
            this, [this, inventory = std::move(inventory), waiters = std::move(waiters)] {
                m_busy = false;
                if (waiters) {
                    Q_EMIT waitersScanned(*waiters);
                }
                Q_EMIT scanned(inventory);
            });
    });
}

} // namespace ipcscope
