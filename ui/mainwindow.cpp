#include "mainwindow.h"

#include "classroom/classroompage.h"
#include "common/language.h"
#include "lab/labpage.h"
#include "objects/limitspage.h"
#include "objects/objectspage.h"
#include "observe/observepage.h"
#include "runviews/exporter.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>

#include <algorithm>

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
    m_observe = new ObservePage;
    m_tabs->addTab(m_observe, tr("O&bserve"));
    m_objects = new ObjectsPage;
    m_tabs->addTab(m_objects, tr("System &objects"));
    m_limitsPage = new LimitsPage;
    m_tabs->addTab(m_limitsPage, tr("&Kernel limits"));
    connect(m_objects, &ObjectsPage::inventoryChanged, m_limitsPage, &LimitsPage::update);
    const QList<QAction*> labActions{m_lab->startAction(), m_lab->pauseAction(),
                                     m_lab->stopAction(), m_lab->openRecordingAction(),
                                     m_lab->recordAction()};
    for (QAction* a : labActions) {
        m_labShortcuts.append(a->shortcuts());
    }
    const QList<QAction*> observeActions{m_observe->startAction(), m_observe->stopAction(),
                                         m_observe->openRecordingAction(),
                                         m_observe->recordAction()};
    for (QAction* a : observeActions) {
        m_observeShortcuts.append(a->shortcuts());
    }
    const auto updateActivity = [this, labActions, observeActions] {
        m_objects->setActive(m_tabs->currentWidget() == m_objects ||
                             m_tabs->currentWidget() == m_limitsPage);
        // The Classroom and Observe have their own Start/Stop/Record/Open on the same keys (F5,
        // Shift+F5, Ctrl+Shift+R, Ctrl+O): only the page shown gets them.
        const bool classroom = m_tabs->currentWidget() == m_classroom;
        const bool observe = m_tabs->currentWidget() == m_observe;
        const bool objects =
            m_tabs->currentWidget() == m_objects || m_tabs->currentWidget() == m_limitsPage;
        for (qsizetype i = 0; i < labActions.size(); ++i) {
            const bool lifted = observe || (classroom && i < 4); // the Classroom has no Record
            labActions[i]->setShortcuts(lifted ? QList<QKeySequence>{} : m_labShortcuts[i]);
        }
        for (qsizetype i = 0; i < observeActions.size(); ++i) {
            observeActions[i]->setShortcuts(observe ? m_observeShortcuts[i]
                                                    : QList<QKeySequence>{});
        }
        m_observe->setActive(observe);
        if (m_runToolBar) {
            // The lab's run controls would only confuse on the Classroom, Observe, System objects
            // and Kernel limits pages: nothing there starts or stops a run.
            m_runToolBar->setVisible(!classroom && !observe && !objects);
        }
    };
    connect(m_tabs, &QTabWidget::currentChanged, this, updateActivity);
    updateActivity();
    setCentralWidget(m_tabs);

    m_status = new QLabel;
    statusBar()->addWidget(m_status, 1);
    connect(m_lab, &LabPage::statusChanged, this, [this] {
        if (m_tabs->currentWidget() != m_objects && m_tabs->currentWidget() != m_limitsPage) {
            m_status->setText(m_lab->statusText());
        }
    });
    m_status->setText(m_lab->statusText());
    connect(m_observe, &ObservePage::statusChanged, this, [this] {
        if (m_tabs->currentWidget() == m_observe) {
            m_status->setText(m_observe->statusText());
        }
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_observe) {
            m_status->setText(m_observe->statusText());
        } else if (m_tabs->currentWidget() == m_lab) {
            m_status->setText(m_lab->statusText());
        } else if (m_tabs->currentWidget() == m_objects ||
                   m_tabs->currentWidget() == m_limitsPage) {
            m_status->setText(m_objects->statusText());
        }
    });
    // The objects page's own line (counts, a deletion's outcome) is the status bar's there:
    // "Ready" of the Lab would say nothing of what just happened to an object.
    m_objects->setStatusLineShown(false); // the window's status bar says it
    connect(m_objects, &ObjectsPage::statusChanged, this, [this](const QString& text) {
        if (m_tabs->currentWidget() == m_objects || m_tabs->currentWidget() == m_limitsPage) {
            m_status->setText(text);
        }
    });
    connect(m_objects, &ObjectsPage::observeRequested, this, [this](const ObjectRef& object) {
        m_tabs->setCurrentWidget(m_observe);
        if (auto s = m_observe->observeObject(object); !s) {
            QMessageBox::warning(this, tr("Could not observe"),
                                 QString::fromStdString(s.error().message));
        }
    });
    // File › Open Recording is the Lab's: a recorded observation replays on the Observe page.
    m_lab->setObservationOpener([this](Recording recording, const QString& path) {
        m_tabs->setCurrentWidget(m_observe);
        return m_observe->openRecording(std::move(recording), path);
    });
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
        // The status line is read by the class too.
        QFont status = font();
        if (on) {
            status.setPointSizeF(status.pointSizeF() * 1.6);
        }
        statusBar()->setFont(status);
        on ? showFullScreen() : showNormal();
    });

    createMenus();
    retranslateUi(); // the tooltips createMenus() leaves to it

    QSettings s;
    if (!restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray())) {
        // The default size, on a screen that has room for it (a 1024×768 projector has not).
        QSize size(1600, 1000);
        if (const QScreen* screen = QGuiApplication::primaryScreen()) {
            size = size.boundedTo(screen->availableGeometry().size());
        }
        resize(size);
    }
    // A window last used on a larger screen: what was saved is fitted to this one.
    if (const QScreen* screen = QGuiApplication::primaryScreen(); screen && !isMaximized()) {
        setGeometry(fitToScreen(geometry(), screen->availableGeometry()));
    }
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    updateActivity(); // the restored state may have shown the run toolbar on a page without runs
    m_lab->restoreState();
    m_objects->restoreState();
    m_classroom->restoreState();
    m_observe->restoreState();
}

QRect MainWindow::fitToScreen(const QRect& geometry, const QRect& available) {
    if (available.isEmpty()) {
        return geometry;
    }
    QRect fitted(geometry.topLeft(), geometry.size().boundedTo(available.size()));
    // Then moved inside, so the title bar and every edge can be reached.
    fitted.moveLeft(
        std::clamp(fitted.left(), available.left(), available.right() - fitted.width() + 1));
    fitted.moveTop(
        std::clamp(fitted.top(), available.top(), available.bottom() - fitted.height() + 1));
    return fitted;
}

bool MainWindow::showPage(const QString& name) {
    const std::pair<const char*, QWidget*> pages[] = {{"lab", m_lab},
                                                      {"classroom", m_classroom},
                                                      {"observe", m_observe},
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

Status MainWindow::openRecording(Recording recording, const QString& path) {
    if (recording.lesson) {
        m_tabs->setCurrentWidget(m_classroom);
        return m_classroom->openRecording(std::move(recording), path);
    }
    if (!recording.observation) {
        m_tabs->setCurrentWidget(m_lab);
    }
    return m_lab->openRecording(std::move(recording), path); // an observation goes on
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
    // The trace and the wait-for graph of whatever the page shown holds: a run, a replay or an
    // observation.
    QMenu* exportMenu = m_exportMenu =
        file->addMenu(QIcon::fromTheme(QStringLiteral("document-export")), tr("&Export"));
    m_exportTraceAction = exportMenu->addAction(tr("&Trace (Perfetto, chrome://tracing)…"), this,
                                                &MainWindow::exportTrace);
    m_exportTraceAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_exportDotAction = exportMenu->addAction(tr("&Wait-for graph (Graphviz DOT)…"), this,
                                              &MainWindow::exportWaitGraph);
    m_exportDotAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    exportMenu->setToolTipsVisible(true);
    file->addSeparator();
    QAction* quit = m_quitAction = file->addAction(
        QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setToolTip(tr("Stop any run, remove its objects and quit"));

    QMenu* run = m_runMenu = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_lab->startAction());
    run->addAction(m_lab->pauseAction());
    run->addAction(m_lab->stopAction());

    QMenu* observe = m_observeMenu = menuBar()->addMenu(tr("O&bserve"));
    observe->addAction(m_observe->startAction());
    observe->addAction(m_observe->stopAction());
    observe->addAction(m_observe->recordAction());
    observe->addAction(m_observe->openRecordingAction());
    observe->addSeparator();
    observe->addAction(m_observe->refreshAction());
    observe->setToolTipsVisible(true);

    QMenu* objects = m_objectsMenu = menuBar()->addMenu(tr("&Objects"));
    objects->addAction(m_objects->refreshAction());
    objects->addAction(m_objects->watchAction());
    objects->addAction(m_objects->deleteAction());
    objects->addAction(m_objects->cleanupAction());
    objects->addAction(m_objects->observeAction());

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
                                                  {m_observe, tr("O&bserve")},
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
    m_observeMenu->setTitle(tr("O&bserve"));
    m_exportMenu->setTitle(tr("&Export"));
    m_exportTraceAction->setText(tr("&Trace (Perfetto, chrome://tracing)…"));
    m_exportTraceAction->setToolTip(
        tr("Save what the page shows (a run, a replay or an observation) as Trace Event JSON: "
           "a track per thread with its waits, counters for the flows; opens in "
           "ui.perfetto.dev and chrome://tracing (Ctrl+Shift+T)"));
    m_exportDotAction->setText(tr("&Wait-for graph (Graphviz DOT)…"));
    m_exportDotAction->setToolTip(
        tr("Save who waits on what and who could release it, at the frame shown, as a Graphviz "
           "graph: dot -Tsvg draws it (Ctrl+Shift+G)"));
    m_viewMenu->setTitle(tr("&View"));
    m_fullScreenAction->setText(tr("&Full Screen"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About ipcscope"));
    m_aboutQtAction->setText(tr("About &Qt"));
    m_runToolBar->setWindowTitle(tr("Run"));
}

QString MainWindow::askExportFile(const QString& title, const QString& filter,
                                  const QString& suffix) {
    QSettings s;
    const QString dir = s.value(QStringLiteral("export/directory"), QDir::homePath()).toString();
    QFileDialog dialog(this, title, dir + QStringLiteral("/ipcscope") + suffix, filter);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(suffix.mid(1));
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) {
        return {};
    }
    const QString path = dialog.selectedFiles().constFirst();
    s.setValue(QStringLiteral("export/directory"), QFileInfo(path).absolutePath());
    return path;
}

// The controller of the page shown (the Lab's on the pages that have none).
static LabController& shownController(QTabWidget& tabs, LabPage& lab, ClassroomPage& classroom,
                                      ObservePage& observe) {
    if (tabs.currentWidget() == &classroom) {
        return classroom.controller();
    }
    if (tabs.currentWidget() == &observe) {
        return observe.controller();
    }
    return lab.controller();
}

void MainWindow::exportTrace() {
    const LabController& c = shownController(*m_tabs, *m_lab, *m_classroom, *m_observe);
    if (c.frames().empty()) {
        QMessageBox::information(this, tr("Export a trace"),
                                 tr("There is nothing to export yet: start a run or an "
                                    "observation, or open a recording, first."));
        return;
    }
    const QString path =
        askExportFile(tr("Export a trace"), tr("Trace Event JSON (*.json);;All files (*)"),
                      QStringLiteral(".trace.json"));
    if (path.isEmpty()) {
        return;
    }
    if (auto s = exporter::writeTrace(c, path); !s) {
        QMessageBox::warning(this, tr("Could not export the trace"),
                             QString::fromStdString(s.error().message));
    } else {
        m_status->setText(tr("Trace saved as %1: open it in ui.perfetto.dev or chrome://tracing")
                              .arg(QDir::toNativeSeparators(path)));
    }
}

void MainWindow::exportWaitGraph() {
    const LabController& c = shownController(*m_tabs, *m_lab, *m_classroom, *m_observe);
    if (c.frames().empty()) {
        QMessageBox::information(this, tr("Export the wait-for graph"),
                                 tr("There is nothing to export yet: start a run or an "
                                    "observation, or open a recording, first."));
        return;
    }
    const QString path =
        askExportFile(tr("Export the wait-for graph"),
                      tr("Graphviz DOT (*.dot *.gv);;All files (*)"), QStringLiteral(".dot"));
    if (path.isEmpty()) {
        return;
    }
    if (auto s = exporter::writeWaitGraph(c.lastFrame(), path); !s) {
        QMessageBox::warning(this, tr("Could not export the wait-for graph"),
                             QString::fromStdString(s.error().message));
    } else {
        m_status->setText(tr("Wait-for graph saved as %1: dot -Tsvg draws it")
                              .arg(QDir::toNativeSeparators(path)));
    }
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
    m_observe->controller().abort();
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    m_lab->saveState();
    m_objects->saveState();
    m_classroom->saveState();
    m_observe->saveState();
    event->accept();
}

} // namespace ipcscope
