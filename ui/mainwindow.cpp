#include "mainwindow.h"

#include "labpage.h"
#include "limitspage.h"
#include "objectspage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
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
    m_objects = new ObjectsPage;
    m_tabs->addTab(m_objects, tr("System &objects"));
    m_limitsPage = new LimitsPage;
    m_tabs->addTab(m_limitsPage, tr("&Kernel limits"));
    connect(m_objects, &ObjectsPage::inventoryChanged, m_limitsPage, &LimitsPage::update);
    const auto updateActivity = [this] {
        m_objects->setActive(m_tabs->currentWidget() == m_objects ||
                             m_tabs->currentWidget() == m_limitsPage);
    };
    connect(m_tabs, &QTabWidget::currentChanged, this, updateActivity);
    updateActivity();
    setCentralWidget(m_tabs);

    m_status = new QLabel;
    statusBar()->addWidget(m_status, 1);
    connect(m_lab, &LabPage::statusChanged, this,
            [this] { m_status->setText(m_lab->statusText()); });
    m_status->setText(m_lab->statusText());

    createMenus();

    QSettings s;
    if (!restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray())) {
        resize(1600, 1000);
    }
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    m_lab->restoreState();
    m_objects->restoreState();
}

MainWindow::~MainWindow() = default;

void MainWindow::addPage(QWidget* page, const QString& title) {
    m_tabs->addTab(page, title);
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* quit = file->addAction(QIcon::fromTheme(QStringLiteral("application-exit")),
                                    tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setToolTip(tr("Stop any run, remove its objects and quit"));

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_lab->startAction());
    run->addAction(m_lab->pauseAction());
    run->addAction(m_lab->stopAction());

    QMenu* objects = menuBar()->addMenu(tr("&Objects"));
    objects->addAction(m_objects->refreshAction());
    objects->addAction(m_objects->watchAction());
    objects->addAction(m_objects->deleteAction());
    objects->addAction(m_objects->cleanupAction());

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* fullScreen = view->addAction(tr("&Full Screen"));
    fullScreen->setShortcut(QKeySequence::FullScreen);
    fullScreen->setCheckable(true);
    connect(fullScreen, &QAction::toggled, this,
            [this](bool on) { on ? showFullScreen() : showNormal(); });
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

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(QIcon::fromTheme(QStringLiteral("help-about")), tr("&About ipcscope"), this,
                    &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    QToolBar* bar = addToolBar(tr("Run"));
    bar->setObjectName(QStringLiteral("runToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_lab->startAction());
    bar->addAction(m_lab->pauseAction());
    bar->addAction(m_lab->stopAction());
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
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    m_lab->saveState();
    m_objects->saveState();
    event->accept();
}

} // namespace ipcscope
