#pragma once

#include "inventory/inventory.h"
#include "observe/observation.h"

#include <QElapsedTimer>
#include <QWidget>

#include <vector>

class QAction;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QTextBrowser;
class QTimer;

namespace ipcscope {

class InventoryModel;
class InventoryScanThread;
struct RemovalResult;

// Every IPC object on the system: sortable, filterable, refreshed automatically off the GUI
// thread, with details and careful deletion.
class ObjectsPage : public QWidget {
    Q_OBJECT

public:
    explicit ObjectsPage(InventoryOptions options = {}, QWidget* parent = nullptr);
    ~ObjectsPage() override;

    InventoryModel& model() { return *m_model; }
    QTableView& view() { return *m_view; }
    QAction* deleteAction() const { return m_delete; }
    QAction* refreshAction() const { return m_refresh; }
    QAction* cleanupAction() const { return m_cleanup; }
    QAction* watchAction() const { return m_watch; }
    // "Observe who uses it": asks (observeRequested) to observe everyone using the selected
    // object, on the Observe page.
    QAction* observeAction() const { return m_observe; }
    static ObjectRef objectRefOf(const IpcObject& object);
    // Opens a live chart of the selected object's gauges; returns the window (or null).
    QWidget* watchSelected();

    void refreshNow();
    void setRefreshIntervalS(double seconds);
    void setPaused(bool paused);
    // Refresh only while someone looks (this page or the limits): a /proc walk every second
    // would otherwise compete with the lab's workers for the CPU.
    void setActive(bool active);
    void setTextFilter(const QString& text);
    void setOwnerFilter(const QString& owner); // "" = everyone

    void saveState() const;
    void restoreState();

    // Deletes the selected objects (after confirmation unless `confirm` is false); returns the
    // error messages, also shown to the user.
    QStringList deleteSelected(bool confirm = true);
    // The question asked before deleting these objects: names them, who uses them (pids and
    // commands), and what IPC_RMID does to an attached segment.
    QString deleteConfirmationText(const std::vector<IpcObject>& targets) const;
    std::vector<IpcObject> selectedObjects() const;
    QString lastConfirmation() const { return m_lastConfirmation; }
    // The status line: "3 of 84 objects", the last deletion's outcome, warnings.
    QString statusText() const;
    // The page's own status line; off in the main window, whose status bar shows statusText().
    void setStatusLineShown(bool shown);
    // Anonymous pipes (system plumbing) are hidden by default.
    void setShowAnonymousPipes(bool show);

    // Lines of what a stale cleanup did (tests call this without the dialog).
    QStringList cleanupStale(bool confirm = true);

    // Dialogs are shown only when interactive (tests switch them off and read lastMessage()).
    void setInteractive(bool interactive) { m_interactive = interactive; }
    QString lastMessage() const { return m_lastMessage; }

Q_SIGNALS:
    void refreshed(int objects);
    void statusChanged(const QString& text);
    void inventoryChanged(const ipcscope::Inventory& inventory);
    void observeRequested(const ipcscope::ObjectRef& object);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void retranslateUi(); // every text of the page, again on QEvent::LanguageChange
    void updateStatus();
    void onScanned(const Inventory& inventory);
    void showDetails();
    void report(const QString& title, const QString& text, bool error);
    void fitColumns();
    QString outcomeOf(const IpcObject& o, const RemovalResult& removal) const;

    InventoryOptions m_options;
    InventoryModel* m_model;
    QSortFilterProxyModel* m_proxy;
    InventoryScanThread* m_scanner;
    QTableView* m_view;
    QTextBrowser* m_details;
    QComboBox* m_kind;
    QComboBox* m_owner;
    QLineEdit* m_filter;
    QCheckBox* m_pause;
    QCheckBox* m_showPipes;
    QLabel* m_empty; // over the view when the filter hides every row
    QDoubleSpinBox* m_interval;
    QLabel* m_status;
    QLabel* m_intervalLabel;
    QTimer* m_timer;
    QAction* m_delete;
    QAction* m_refresh;
    QAction* m_cleanup;
    QAction* m_watch;
    QAction* m_observe;
    bool m_interactive = true;
    bool m_active = true;
    QString m_lastMessage;
    int m_objectCount = -1; // of the last scan (-1: none yet), for the status line
    QStringList m_warnings; // of the last scan
    int m_pipeCount = 0;
    std::vector<int> m_contentWidths; // of the first scan's rows, every column but the last
    bool m_fitting = false;
    bool m_userWidths = false; // the header's state was restored
    QString m_lastConfirmation;
    QString m_outcome; // of the last deletion, read back from the kernel
    QElapsedTimer m_outcomeClock;
};

} // namespace ipcscope
