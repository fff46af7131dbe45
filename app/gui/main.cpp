// ipcscope: the desktop program.

#include "labpage.h"
#include "mainwindow.h"

#include "runoptions/runoptions.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

#include <cstdio>

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ipcscope"));
    QApplication::setApplicationName(QStringLiteral("ipcscope"));
    QApplication::setApplicationDisplayName(QStringLiteral("ipcscope"));
    QApplication::setApplicationVersion(QStringLiteral(IPCSCOPE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("ipcscope"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Watch inter-process communication happen."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption run(
        QStringLiteral("run"),
        QApplication::translate("main", "Start a run over MECHANISM at launch."),
        QStringLiteral("MECHANISM"));
    parser.addOption(run);
    const QCommandLineOption tab(
        QStringLiteral("tab"),
        QApplication::translate("main", "Open on this page: lab, objects or limits."),
        QStringLiteral("PAGE"));
    parser.addOption(tab);
    const ipcscope::RunOptions runOptions;
    runOptions.addTo(parser);
    parser.process(app);

    std::optional<ipcscope::RunConfig> initialRun;
    if (parser.isSet(run)) {
        auto config = runOptions.read(parser, parser.value(run));
        if (!config) {
            std::fprintf(stderr, "ipcscope: %s\n", config.error().message.c_str());
            return 2;
        }
        initialRun = *config;
    }

    ipcscope::MainWindow window;
    if (parser.isSet(tab)) {
        const QStringList pages{QStringLiteral("lab"), QStringLiteral("objects"),
                                QStringLiteral("limits")};
        const int page = int(pages.indexOf(parser.value(tab)));
        if (page < 0) {
            std::fprintf(stderr, "ipcscope: --tab takes lab, objects or limits\n");
            return 2;
        }
        window.tabs().setCurrentIndex(page);
    }
    window.show();
    if (initialRun) {
        window.labPage().startRun(*initialRun);
    }
    return app.exec();
}
