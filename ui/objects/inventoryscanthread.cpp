#include "objects/inventoryscanthread.h"

#include <QMetaObject>

namespace ipcscope {

class InventoryScanThread::Worker : public QObject {
public:
    explicit Worker(InventoryOptions options)
        : m_scanner(std::move(options)) {}
    Inventory scan() { return m_scanner.scan(); }

private:
    InventoryScanner m_scanner;
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
        QMetaObject::invokeMethod(this, [this, inventory = std::move(inventory)] {
            m_busy = false;
            Q_EMIT scanned(inventory);
        });
    });
}

} // namespace ipcscope
