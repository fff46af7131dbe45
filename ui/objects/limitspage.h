#pragma once

#include "inventory/inventory.h"
#include "mechanisms/kernellimits.h"

#include <QWidget>

#include <vector>

class QLabel;
class QTableWidget;

namespace ipcscope {

// The kernel's IPC limits with how much of each is in use, as bars.
class LimitsPage : public QWidget {
    Q_OBJECT

public:
    explicit LimitsPage(QWidget* parent = nullptr);
    void update(const Inventory& inventory);
    QTableWidget& table() { return *m_table; }
    // Pipe and socket limits from /proc/sys, with units (no usage: the kernel counts none).
    struct Row {
        QString resource, description, limit;
    };
    static std::vector<Row> pipeAndSocketLimits();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();

    QTableWidget* m_table;
    QLabel* m_intro;
    Inventory m_inventory; // the last one shown, to show again in another language
    bool m_hasInventory = false;
};

} // namespace ipcscope
