#pragma once

#include "inventory/inventory.h"
#include "objects/inventoryscanthread.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>

#include <vector>

namespace ipcscope {

// Every IPC object, one row each. A new scan is merged into the rows (vanished rows removed,
// changed cells announced, new rows appended), never a reset, so the view keeps its sort,
// scroll position and selection. New rows are highlighted for a moment; vanished ones stay,
// struck out, for a moment before they go.
class InventoryModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Columns {
        KindColumn,
        IdColumn,
        KeyColumn,
        OwnerColumn,
        PermsColumn,
        SizeColumn,
        UsageColumn,
        ChangedColumn,
        UsersColumn,
        ColumnCount
    };
    enum Roles { SortRole = Qt::UserRole + 1, KindRole, OursRole, VanishedRole };
    static constexpr int kHighlightMs = 2000;

    explicit InventoryModel(QObject* parent = nullptr);

    void merge(const Inventory& inventory);
    // Who waits on which object (findObjectWaiters()): "Used by" names them after the holders.
    void setWaiters(ObjectWaiters waiters);
    const std::vector<ObjectWaiter>* waitersOf(const IpcObject& o) const;
    // "27 waits in msgrcv (type 3) · ≥ 4 min"
    static QString waiterText(const ObjectWaiter& w);
    const IpcObject* object(int row) const;
    bool isVanished(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString usageText(const IpcObject& o);
    // "123 nginx, 124 nginx"
    static QString processesText(const std::vector<ProcessUse>& users);
    // A Unix socket's other end: "socket:[88] (pid 12 nginx)", or that it is closed or not
    // accepted yet; and what waits in it: "1.2 KiB queued", "2 waiting to be accepted".
    static QString socketPeerText(const IpcObject& o);
    static QString socketQueueText(const IpcObject& o);
    static QString identityKey(const IpcObject& o);

    // Announces every header and cell as changed (texts are made at display time, so a new
    // language shows at once). Called on QEvent::LanguageChange, which the model receives from
    // the widget it is a child of.
    void retranslate();

protected:
    bool event(QEvent* event) override;

private:
    struct Row {
        IpcObject object;
        QString key;
        qint64 addedMs = -1;    // when it appeared (for the highlight)
        qint64 vanishedMs = -1; // when it disappeared (kept a moment, then removed)
    };
    std::vector<Row> m_rows;
    ObjectWaiters m_waiters;
    QElapsedTimer m_clock;
    bool m_first = true;
};

} // namespace ipcscope
