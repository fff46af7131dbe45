#pragma once

#include "inventory/inventory.h"
#include "mechanisms/kernellimits.h"

#include <QWidget>

class QTableWidget;

namespace ipcscope {

// The kernel's IPC limits with how much of each is in use, as bars.
class LimitsPage : public QWidget {
    Q_OBJECT

public:
    explicit LimitsPage(QWidget* parent = nullptr);
    void update(const Inventory& inventory);
    QTableWidget& table() { return *m_table; }

private:
    QTableWidget* m_table;
};

} // namespace ipcscope
