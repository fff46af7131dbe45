#pragma once

#include "mechanisms/kernellimits.h"
#include "mechanisms/mechanism.h"

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace ipcscope {

class LabPage;
class LimitsPage;
class ObjectsPage;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    LabPage& labPage() { return *m_lab; }
    ObjectsPage& objectsPage() { return *m_objects; }
    QTabWidget& tabs() { return *m_tabs; }
    // Adds a page after the Lab (the system-object browser, the kernel limits).
    void addPage(QWidget* page, const QString& title);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void showAbout();

    KernelLimits m_limits;
    QTabWidget* m_tabs;
    LabPage* m_lab;
    ObjectsPage* m_objects = nullptr;
    LimitsPage* m_limitsPage = nullptr;
    QLabel* m_status;
};

} // namespace ipcscope
