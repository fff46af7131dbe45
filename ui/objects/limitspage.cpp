#include "objects/limitspage.h"

#include "common/corestrings.h"

#include "base/format.h"
#include "inventory/removal.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ipcscope {

LimitsPage::LimitsPage(QWidget* parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 4))
    , m_intro(new QLabel) {
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
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
        tr("From /proc/sys/kernel and /proc/sys/fs/mqueue; usage counted from the objects listed"));
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
    m_table->setRowCount(int(limits.size()));
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
}

} // namespace ipcscope
