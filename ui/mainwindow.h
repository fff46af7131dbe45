#pragma once

#include "mechanisms/kernellimits.h"
#include "mechanisms/mechanism.h"

#include "base/result.h"

#include <QMainWindow>

class QLabel;
class QMenu;
class QToolBar;
class QTabWidget;

namespace ipcscope {

class ClassroomPage;
struct Recording;
class LabPage;
class LimitsPage;
class ObjectsPage;
class ObservePage;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    LabPage& labPage() { return *m_lab; }
    ObjectsPage& objectsPage() { return *m_objects; }
    ClassroomPage& classroomPage() { return *m_classroom; }
    ObservePage& observePage() { return *m_observe; }
    // Shows a page by name: "lab", "classroom", "observe", "objects" or "limits"; false if
    // unknown.
    bool showPage(const QString& name);
    // A saved window geometry made to fit the available screen area: no larger than it, and
    // moved inside it (a window saved at 1600×1000 on a 1024×700 screen).
    static QRect fitToScreen(const QRect& geometry, const QRect& available);
    // Replays a recording on the page it belongs to, and shows that page: a lesson's in the
    // Classroom, an observation's on the Observe page, any other run's in the Lab (--replay).
    Status openRecording(Recording recording, const QString& path);
    QTabWidget& tabs() { return *m_tabs; }
    // Adds a page after the Lab (the system-object browser, the kernel limits).
    void addPage(QWidget* page, const QString& title);

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void createMenus();
    void retranslateUi(); // menus, tab titles, toolbar: on QEvent::LanguageChange
    void showAbout();
    // File › Export: the trace and the wait-for graph of what the current page shows.
    void exportTrace();
    void exportWaitGraph();
    QString askExportFile(const QString& title, const QString& filter, const QString& suffix);

    KernelLimits m_limits;
    QTabWidget* m_tabs;
    LabPage* m_lab;
    ObjectsPage* m_objects = nullptr;
    LimitsPage* m_limitsPage = nullptr;
    ClassroomPage* m_classroom = nullptr;
    ObservePage* m_observe = nullptr;
    // Lifted while the Classroom or Observe page (same keys) is shown.
    QList<QList<QKeySequence>> m_labShortcuts;
    QList<QList<QKeySequence>> m_observeShortcuts; // given only while Observe is shown
    QLabel* m_status;
    // What retranslateUi() renames.
    QMenu* m_fileMenu = nullptr;
    QMenu* m_runMenu = nullptr;
    QMenu* m_objectsMenu = nullptr;
    QMenu* m_observeMenu = nullptr;
    QMenu* m_exportMenu = nullptr;
    QAction* m_exportTraceAction = nullptr;
    QAction* m_exportDotAction = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_fullScreenAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_aboutQtAction = nullptr;
    QToolBar* m_runToolBar = nullptr;
};

} // namespace ipcscope
