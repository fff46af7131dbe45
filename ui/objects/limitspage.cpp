#include "objects/limitspage.h"

#include "common/corestrings.h"

#include "base/format.h"
#include "inventory/removal.h"

#include <QEvent>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QTableWidget>
#include <QVBoxLayout>

#include <unistd.h>

namespace ipcscope {

namespace {

// One number from /proc/sys (absent when the file is missing or unreadable).
std::optional<std::uint64_t> readSysctl(const QString& path) {
    QFile f(QStringLiteral("/proc/sys/") + path);
    if (!f.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    bool ok = false;
    const auto v = f.readAll().trimmed().toULongLong(&ok);
    return ok ? std::optional<std::uint64_t>(v) : std::nullopt;
}

QString bytesText(std::uint64_t bytes) {
    return QString::fromStdString(formatBytes(double(bytes)));
}

} // namespace

std::vector<LimitsPage::Row> LimitsPage::pipeAndSocketLimits() {
    const long page = ::sysconf(_SC_PAGESIZE);
    const auto bytes = [](std::optional<std::uint64_t> v) {
        return v ? bytesText(*v) : tr("unknown");
    };
    const auto pages = [page](std::optional<std::uint64_t> v) {
        if (!v) {
            return tr("unknown");
        }
        if (*v == 0) {
            return tr("no limit (0)");
        }
        return tr("%1 pages (%2)").arg(*v).arg(bytesText(*v * std::uint64_t(page)));
    };
    const auto qlen = readSysctl(QStringLiteral("net/unix/max_dgram_qlen"));
    return {
        {QStringLiteral("fs.pipe-max-size"),
         tr("Largest capacity an unprivileged process may give a pipe (F_SETPIPE_SZ); a new "
            "pipe holds 64 KiB"),
         bytes(readSysctl(QStringLiteral("fs/pipe-max-size")))},
        {QStringLiteral("PIPE_BUF"),
         tr("A write of up to this many bytes to a pipe or FIFO is atomic: never interleaved "
            "with another writer's (a compile-time constant, not a setting)"),
         bytesText(KernelLimits{}.pipeBuf)},
        {QStringLiteral("fs.pipe-user-pages-soft"),
         tr("Pipe buffer pages one user may hold before new pipes get a single page"),
         pages(readSysctl(QStringLiteral("fs/pipe-user-pages-soft")))},
        {QStringLiteral("fs.pipe-user-pages-hard"),
         tr("Pipe buffer pages one user may hold before creating a pipe fails"),
         pages(readSysctl(QStringLiteral("fs/pipe-user-pages-hard")))},
        {QStringLiteral("net.core.rmem_default"),
         tr("Receive buffer of a new socket (a Unix stream socket's sender is held by it)"),
         bytes(readSysctl(QStringLiteral("net/core/rmem_default")))},
        {QStringLiteral("net.core.rmem_max"),
         tr("Largest receive buffer a process may set (SO_RCVBUF)"),
         bytes(readSysctl(QStringLiteral("net/core/rmem_max")))},
        {QStringLiteral("net.core.wmem_default"),
         tr("Send buffer of a new socket: how much sent data not yet read it may hold"),
         bytes(readSysctl(QStringLiteral("net/core/wmem_default")))},
        {QStringLiteral("net.core.wmem_max"),
         tr("Largest send buffer a process may set (SO_SNDBUF)"),
         bytes(readSysctl(QStringLiteral("net/core/wmem_max")))},
        {QStringLiteral("net.unix.max_dgram_qlen"),
         tr("Datagrams a Unix datagram socket queues before senders wait"),
         qlen ? tr("%n datagram(s)", nullptr, int(*qlen)) : tr("unknown")},
    };
}

LimitsPage::LimitsPage(QWidget* parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 4))
    , m_intro(new QLabel) {
    m_table->verticalHeader()->hide();
    // The description takes what is left and is elided (whole in its tooltip), so the usage
    // bars stay on a 1024-pixel screen.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Fixed);
    m_table->horizontalHeader()->resizeSection(
        3, fontMetrics().horizontalAdvance(QLatin1Char('x')) * 26);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setWordWrap(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* layout = new QVBoxLayout(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    layout->addWidget(m_table);
    retranslateUi();
}

void LimitsPage::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        if (m_hasInventory) {
            update(m_inventory);
        }
    }
    QWidget::changeEvent(event);
}

void LimitsPage::retranslateUi() {
    m_table->setHorizontalHeaderLabels(
        {tr("Resource"), tr("Description"), tr("Limit"), tr("In use")});
    m_table->setToolTip(
        tr("From /proc/sys/kernel, /proc/sys/fs and /proc/sys/net; usage counted from the "
           "objects listed"));
    m_intro->setText(
        tr("The kernel's limits on IPC objects, and how much of each is in use now. Raise a "
           "limit with sysctl, e.g. <tt>sysctl kernel.msgmni=64000</tt>."));
}

void LimitsPage::update(const Inventory& inventory) {
    if (&inventory != &m_inventory) {
        m_inventory = inventory;
        m_hasInventory = true;
    }
    const auto limits = limitsWithUsage(KernelLimits::read(), inventory);
    const std::vector<Row> more = pipeAndSocketLimits();
    m_table->setRowCount(int(limits.size() + more.size()));
    for (int r = 0; r < int(limits.size()); ++r) {
        const auto& l = limits[std::size_t(r)];
        const auto cell = [&](int c, const QString& text) {
            auto* item = m_table->item(r, c);
            if (!item) {
                item = new QTableWidgetItem;
                m_table->setItem(r, c, item);
            }
            item->setText(text);
        };
        cell(0, QString::fromStdString(l.resource));
        cell(1, limitDescription(l.resource, l.description));
        m_table->item(r, 1)->setToolTip(m_table->item(r, 1)->text());
        cell(2, !l.limit                               ? tr("unknown")
                : *l.limit >= (std::uint64_t(1) << 62) ? tr("no practical limit")
                : l.unit == "bytes" && *l.limit < (std::uint64_t(1) << 50)
                    ? QString::fromStdString(formatBytes(double(*l.limit)))
                    : QString::number(*l.limit));
        if (l.used) {
            auto* bar = qobject_cast<QProgressBar*>(m_table->cellWidget(r, 3));
            if (!bar) {
                bar = new QProgressBar;
                bar->setRange(0, 1000);
                m_table->setCellWidget(r, 3, bar);
            }
            const double pct = l.percent().value_or(0);
            bar->setValue(int(std::min(1000.0, pct * 10)));
            bar->setFormat(tr("%1 used (%2 %)").arg(*l.used).arg(pct, 0, 'f', pct < 1 ? 2 : 1));
        } else {
            cell(3, QStringLiteral("—"));
        }
    }
    // Pipes and sockets: limits with no count of use the kernel reports.
    for (std::size_t i = 0; i < more.size(); ++i) {
        const int r = int(limits.size() + i);
        const QStringList texts{more[i].resource, more[i].description, more[i].limit,
                                QStringLiteral("—")};
        for (int c = 0; c < texts.size(); ++c) {
            auto* item = m_table->item(r, c);
            if (!item) {
                item = new QTableWidgetItem;
                m_table->setItem(r, c, item);
            }
            item->setText(texts[c]);
            item->setToolTip(c == 1 ? texts[c] : QString());
        }
    }
}

} // namespace ipcscope
