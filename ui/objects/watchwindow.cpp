#include "objects/watchwindow.h"

#include "common/corestrings.h"
#include "objects/inventorymodel.h"
#include "objects/inventoryscanthread.h"
#include "runviews/chartviews.h"

#include <QEvent>
#include <QGuiApplication>
#include <QLabel>
#include <QScreen>
#include <QTimer>
#include <QVBoxLayout>

namespace ipcscope {

WatchWindow::WatchWindow(const IpcObject& object, const InventoryOptions& roots, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_object(object)
    , m_key(InventoryModel::identityKey(object))
    , m_chart(new GaugeChartView)
    , m_status(new QLabel)
    , m_timer(new QTimer(this)) {
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Watch %1 %2")
                       .arg(ipcKindText(object.kind), QString::fromStdString(object.displayId())));
    InventoryOptions options = roots;
    options.kinds = {object.kind};
    options.details = true;
    options.semaphoreValues = true;
    options.users =
        object.kind == IpcKind::PosixShm; // attach counts of POSIX memory come from /proc
    m_scanner = new InventoryScanThread(options, this);
    connect(m_scanner, &InventoryScanThread::scanned, this, &WatchWindow::onScanned);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_chart, 1);
    layout->addWidget(m_status);
    connect(m_timer, &QTimer::timeout, m_scanner, &InventoryScanThread::scan);
    m_clock.start();
    m_timer->start(250);
    m_scanner->scan();
    m_chart->setTexts(chartTitle(), valueAxisOf(object));
    QSize size(800, 450);
    if (const QScreen* screen = QGuiApplication::primaryScreen()) {
        size = size.boundedTo(screen->availableGeometry().size()); // a 1024×700 screen
    }
    resize(size);
}

QString WatchWindow::chartTitle() const {
    return QStringLiteral("%1 %2").arg(ipcKindText(m_object.kind),
                                       QString::fromStdString(m_object.displayId()));
}

QString WatchWindow::valueAxisOf(const IpcObject& o) {
    switch (o.kind) {
    case IpcKind::SysvMsg:
        return tr("queued (KiB)");
    case IpcKind::PosixMq:
        return tr("messages");
    case IpcKind::SysvSem:
    case IpcKind::PosixSem:
        return tr("value · processes waiting");
    case IpcKind::UnixStream:
    case IpcKind::UnixDgram:
    case IpcKind::UnixSeqpacket:
        return o.socketState == "listening" ? tr("connections") : tr("KiB · processes");
    case IpcKind::SysvShm:
    case IpcKind::PosixShm:
    case IpcKind::Pipe:
    case IpcKind::Fifo:
        return tr("processes");
    }
    return {};
}

WatchWindow::~WatchWindow() = default;

void WatchWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        setWindowTitle(
            tr("Watch %1 %2")
                .arg(ipcKindText(m_object.kind), QString::fromStdString(m_object.displayId())));
        // The lines keep their data; only their names change (same gauges, same order).
        std::vector<QString> names;
        for (const auto& [name, value] : gaugesOf(m_object)) {
            names.push_back(name);
        }
        m_chart->renameSeries(names);
        m_chart->setTexts(chartTitle(), valueAxisOf(m_object));
        updateStatus();
    }
    QWidget::changeEvent(event);
}

void WatchWindow::updateStatus() {
    m_status->setText(
        m_gone
            ? tr("The object has disappeared (removed, or its id now belongs to another object).")
            : InventoryModel::usageText(m_object));
}

QString WatchWindow::statusText() const {
    return m_status->text();
}

std::vector<std::pair<QString, double>> WatchWindow::gaugesOf(const IpcObject& o) {
    std::vector<std::pair<QString, double>> v;
    switch (o.kind) {
    case IpcKind::SysvMsg:
        // One unit on the axis: the bytes queued against the queue's capacity (msg_qbytes);
        // the message count is in the status line.
        v.emplace_back(tr("KiB queued"), double(o.sizeBytes) / 1024.0);
        if (o.queueLimitBytes) {
            v.emplace_back(tr("capacity (msg_qbytes)"), double(*o.queueLimitBytes) / 1024.0);
        }
        break;
    case IpcKind::SysvShm:
        v.emplace_back(tr("attached processes"), double(o.attached.value_or(0)));
        break;
    case IpcKind::SysvSem:
        for (std::size_t i = 0; i < o.semaphoreValues.size() && i < 8; ++i) {
            v.emplace_back(tr("semaphore %1").arg(i), o.semaphoreValues[i].value);
            v.emplace_back(tr("waiting on %1").arg(i), o.semaphoreValues[i].waitingForIncrease);
        }
        break;
    case IpcKind::PosixMq:
        v.emplace_back(tr("messages queued"), double(o.messages.value_or(0)));
        if (o.maxMessages) {
            v.emplace_back(tr("capacity (mq_maxmsg)"), double(*o.maxMessages));
        }
        break;
    case IpcKind::PosixSem:
        v.emplace_back(tr("value"), o.posixSemValue.value_or(0));
        v.emplace_back(tr("waiters"), o.posixSemWaiters.value_or(0));
        break;
    case IpcKind::PosixShm:
        v.emplace_back(tr("processes mapping it"), double(o.users.size()));
        break;
    case IpcKind::UnixStream:
    case IpcKind::UnixDgram:
    case IpcKind::UnixSeqpacket:
        if (o.socketState == "listening") {
            v.emplace_back(tr("waiting to be accepted"), double(o.pendingConnections.size()));
            if (o.backlogLimit) {
                v.emplace_back(tr("capacity (listen backlog)"), double(*o.backlogLimit));
            }
        } else {
            v.emplace_back(o.kind == IpcKind::UnixDgram ? tr("next datagram, KiB")
                                                        : tr("KiB queued"),
                           double(o.receiveQueue.value_or(0)) / 1024.0);
        }
        v.emplace_back(tr("processes holding it"), double(o.users.size()));
        break;
    case IpcKind::Pipe:
    case IpcKind::Fifo:
        v.emplace_back(tr("processes holding it"), double(o.users.size()));
        break;
    }
    return v;
}

void WatchWindow::onScanned(const Inventory& inventory) {
    for (const auto& o : inventory.objects) {
        if (InventoryModel::identityKey(o) == m_key) {
            const double t = double(m_clock.elapsed()) / 1000.0;
            m_object = o;
            m_chart->addSample(t, gaugesOf(o));
            updateStatus();
            return;
        }
    }
    m_gone = true;
    updateStatus();
    m_timer->stop();
}

} // namespace ipcscope
