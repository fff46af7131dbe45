#include "mainwindow.h"

#include "classroom/classroompage.h"
#include "common/language.h"
#include "lab/labpage.h"
#include "objects/limitspage.h"
#include "objects/objectspage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>

namespace ipcscope {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_limits(KernelLimits::read())
    , m_tabs(new QTabWidget)
    , m_lab(new LabPage(m_limits)) {
    setWindowTitle(tr("ipcscope"));
    QIcon icon;
    for (int size : {32, 64, 128, 256}) {
        icon.addFile(QStringLiteral(":/icons/ipcscope-%1.png").arg(size));
    }
    setWindowIcon(QIcon::fromTheme(QStringLiteral("ipcscope"), icon));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_lab, tr("&Lab"));
    m_classroom = new ClassroomPage;
    m_tabs->addTab(m_classroom, tr("&Classroom"));
    m_objects = new ObjectsPage;
    m_tabs->addTab(m_objects, tr("System &objects"));
    m_limitsPage = new LimitsPage;
    m_tabs->addTab(m_limitsPage, tr("&Kernel limits"));
    connect(m_objects, &ObjectsPage::inventoryChanged, m_limitsPage, &LimitsPage::update);
    const QList<QAction*> labActions{m_lab->startAction(), m_lab->pauseAction(),
                                     m_lab->stopAction(), m_lab->openRecordingAction()};
    for (QAction* a : labActions) {
        m_labShortcuts.append(a->shortcuts());
    }
    const auto updateActivity = [this, labActions] {
        m_objects->setActive(m_tabs->currentWidget() == m_objects ||
                             m_tabs->currentWidget() == m_limitsPage);
        // The Classroom has its own Start/Pause/Stop/Replay on the same keys (F5, F6, Shift+F5,
        // Ctrl+O).
        const bool classroom = m_tabs->currentWidget() == m_classroom;
        for (qsizetype i = 0; i < labActions.size(); ++i) {
            labActions[i]->setShortcuts(classroom ? QList<QKeySequence>{} : m_labShortcuts[i]);
        }
        if (m_runToolBar) {
            m_runToolBar->setVisible(!classroom); // the lab's run controls would only confuse
        }
    };
    connect(m_tabs, &QTabWidget::currentChanged, this, updateActivity);
    updateActivity();
    setCentralWidget(m_tabs);

    m_status = new QLabel;
    statusBar()->addWidget(m_status, 1);
    connect(m_lab, &LabPage::statusChanged, this,
            [this] { m_status->setText(m_lab->statusText()); });
    m_status->setText(m_lab->statusText());
    connect(m_classroom, &ClassroomPage::statusChanged, this, [this](const QString& text) {
        if (m_tabs->currentWidget() == m_classroom) {
            m_status->setText(text);
        }
    });
    connect(m_classroom, &ClassroomPage::presentationModeChanged, this, [this](bool on) {
        // The room sees the lesson, not the tool: full screen, no toolbar, no tab bar.
        m_tabs->tabBar()->setVisible(!on);
        if (m_runToolBar) {
            m_runToolBar->setVisible(!on);
        }
        on ? showFullScreen() : showNormal();
    });

    createMenus();

    QSettings s;
    if (!restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray())) {
        resize(1600, 1000);
    }
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    m_lab->restoreState();
    m_objects->restoreState();
    m_classroom->restoreState();
}

bool MainWindow::showPage(const QString& name) {
    const std::pair<const char*, QWidget*> pages[] = {{"lab", m_lab},
                                                      {"classroom", m_classroom},
                                                      {"objects", m_objects},
                                                      {"limits", m_limitsPage}};
    for (const auto& [key, page] : pages) {
        if (name == QLatin1String(key)) {
            m_tabs->setCurrentWidget(page);
            return true;
        }
    }
    return false;
}

MainWindow::~MainWindow() = default;

void MainWindow::addPage(QWidget* page, const QString& title) {
    m_tabs->addTab(page, title);
}

void MainWindow::createMenus() {
    QMenu* file = m_fileMenu = menuBar()->addMenu(tr("&File"));
    // Recording and replay, export (LabPage owns these actions).
    file->addAction(m_lab->openRecordingAction());
    file->addAction(m_lab->recordAction());
    file->addSeparator();
    file->addAction(m_lab->exportChartsAction());
    file->addAction(m_lab->exportDataAction());
    file->addSeparator();
    QAction* quit = m_quitAction = file->addAction(
        QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setToolTip(tr("Stop any run, remove its objects and quit"));

    QMenu* run = m_runMenu = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_lab->startAction());
    run->addAction(m_lab->pauseAction());
    run->addAction(m_lab->stopAction());

    QMenu* objects = m_objectsMenu = menuBar()->addMenu(tr("&Objects"));
    objects->addAction(m_objects->refreshAction());
    objects->addAction(m_objects->watchAction());
    objects->addAction(m_objects->deleteAction());
    objects->addAction(m_objects->cleanupAction());

    QMenu* view = m_viewMenu = menuBar()->addMenu(tr("&View"));
    QAction* fullScreen = m_fullScreenAction = view->addAction(tr("&Full Screen"));
    fullScreen->setShortcut(QKeySequence::FullScreen);
    fullScreen->setCheckable(true);
    connect(fullScreen, &QAction::toggled, this,
            [this](bool on) { on ? showFullScreen() : showNormal(); });
    // English / 简体中文 / the desktop's language, switched at once (retranslateUi() follows).
    view->addMenu(createLanguageMenu(this));
    for (int i = 0; i < 9; ++i) {
        auto* tab = new QAction(this);
        tab->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
        connect(tab, &QAction::triggered, this, [this, i] {
            if (i < m_tabs->count()) {
                m_tabs->setCurrentIndex(i);
            }
        });
        addAction(tab);
    }

    QMenu* help = m_helpMenu = menuBar()->addMenu(tr("&Help"));
    m_aboutAction = help->addAction(QIcon::fromTheme(QStringLiteral("help-about")),
                                    tr("&About ipcscope"), this, &MainWindow::showAbout);
    m_aboutQtAction = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    QToolBar* bar = m_runToolBar = addToolBar(tr("Run"));
    bar->setObjectName(QStringLiteral("runToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_lab->startAction());
    bar->addAction(m_lab->pauseAction());
    bar->addAction(m_lab->stopAction());
}

void MainWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslateUi() {
    // The same texts as the constructor and createMenus(); pages retranslate themselves.
    if (!m_fileMenu) {
        return; // not built yet
    }
    setWindowTitle(tr("ipcscope"));
    const std::pair<QWidget*, QString> pages[] = {{m_lab, tr("&Lab")},
                                                  {m_classroom, tr("&Classroom")},
                                                  {m_objects, tr("System &objects")},
                                                  {m_limitsPage, tr("&Kernel limits")}};
    for (const auto& [page, title] : pages) {
        if (const int i = m_tabs->indexOf(page); i >= 0) {
            m_tabs->setTabText(i, title);
        }
    }
    m_fileMenu->setTitle(tr("&File"));
    m_quitAction->setText(tr("&Quit"));
    m_quitAction->setToolTip(tr("Stop any run, remove its objects and quit"));
    m_runMenu->setTitle(tr("&Run"));
    m_objectsMenu->setTitle(tr("&Objects"));
    m_viewMenu->setTitle(tr("&View"));
    m_fullScreenAction->setText(tr("&Full Screen"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About ipcscope"));
    m_aboutQtAction->setText(tr("About &Qt"));
    m_runToolBar->setWindowTitle(tr("Run"));
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About ipcscope"),
        tr("<h3>ipcscope %1</h3>"
           "<p>See inter-process communication happen: real processes over pipes, FIFOs, "
           "System V and POSIX queues, shared memory, semaphores and Unix sockets.</p>"
           "<p>Built with Qt %2, running on Qt %3.</p>")
            .arg(QStringLiteral(IPCSCOPE_VERSION), QStringLiteral(QT_VERSION_STR),
                 QString::fromLatin1(qVersion())));
}

void MainWindow::closeEvent(QCloseEvent* event) {
    // Closing during a run ends it the way the CLI's Ctrl-C twice does: workers killed, every
    // object removed (Run's destructor), before the window goes.
    m_lab->controller().abort();
    m_classroom->controller().abort();
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    m_lab->saveState();
    m_objects->saveState();
    m_classroom->saveState();
    event->accept();
}

} // namespace ipcscope
