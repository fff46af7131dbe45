// ipcscope: the desktop program.

#include "classroom/classroompage.h"
#include "common/language.h"
#include "lab/labpage.h"
#include "mainwindow.h"
#include "observe/observepage.h"

#include "recording/recording.h"
#include "runoptions/runoptions.h"

#include <QAction>
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
    // English or Simplified Chinese (the saved choice, else the system's), before any text is
    // made: --help and the main window come out in that language.
    ipcscope::Language::install();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Watch inter-process communication happen."));
    parser.addHelpOption();
    parser.addVersionOption();
    // Declares an option and adds it to the parser (help texts stay at the call: lupdate reads
    // them).
    const auto addOption = [&parser](const QString& name, const QString& help,
                                     const QString& valueName = {}) {
        const QCommandLineOption option(name, help, valueName);
        parser.addOption(option);
        return option;
    };
    const QCommandLineOption run =
        addOption(QStringLiteral("run"),
                  QApplication::translate("main", "Start a run over MECHANISM at launch."),
                  QStringLiteral("MECHANISM"));
    const QCommandLineOption tab =
        addOption(QStringLiteral("tab"),
                  QApplication::translate(
                      "main", "Open on this page: lab, classroom, observe, objects or limits."),
                  QStringLiteral("PAGE"));
    const QCommandLineOption lesson =
        addOption(QStringLiteral("lesson"),
                  QApplication::translate(
                      "main", "Open the Classroom on lesson NAME (see ipcscope-cli lessons)."),
                  QStringLiteral("NAME"));
    const QCommandLineOption variant = addOption(
        QStringLiteral("variant"),
        QApplication::translate("main", "With --lesson: show this variant (broken or fixed)."),
        QStringLiteral("VARIANT"));
    const QCommandLineOption startLesson =
        addOption(QStringLiteral("start"),
                  QApplication::translate("main", "With --lesson: start it at once."));
    const QCommandLineOption presentation =
        addOption(QStringLiteral("presentation"),
                  QApplication::translate("main", "With --lesson: open it in presentation mode."));
    const QCommandLineOption recordLesson =
        addOption(QStringLiteral("record"),
                  QApplication::translate(
                      "main", "With --lesson: record its runs (replay them with --replay)."));
    const QCommandLineOption observe = addOption(
        QStringLiteral("observe"),
        QApplication::translate("main", "Observe these processes at launch (comma-separated "
                                        "pids, or the option repeated), on the Observe page."),
        QStringLiteral("PID"));
    const QCommandLineOption replay = addOption(
        QStringLiteral("replay"),
        QApplication::translate("main", "Open the recording FILE (.ipcrec) and replay it."),
        QStringLiteral("FILE"));
    const ipcscope::RunOptions runOptions;
    runOptions.addTo(parser);
    // Not process(): it exits with status 1 on a bad option, and bad usage is 2.
    if (!parser.parse(QApplication::arguments())) {
        std::fprintf(stderr, "ipcscope: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        parser.showHelp(0);
    }
    if (parser.isSet(QStringLiteral("version"))) {
        parser.showVersion();
    }
    // --observe may be repeated (one pid each) or take a list; every pid must be a number.
    std::vector<pid_t> observePids;
    for (const QString& value : parser.values(observe)) {
        for (const QString& word : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const int pid = word.trimmed().toInt(&ok);
            if (!ok || pid <= 0) {
                std::fprintf(stderr, "ipcscope: --observe takes process ids, not '%s'\n",
                             qPrintable(word));
                return 2;
            }
            observePids.push_back(pid_t(pid));
        }
    }
    if (parser.isSet(observe) && observePids.empty()) {
        std::fprintf(stderr, "ipcscope: --observe needs at least one process id\n");
        return 2;
    }
    if (auto repeated = ipcscope::refuseRepeatedOptions(parser, {QStringLiteral("observe")});
        !repeated) {
        std::fprintf(stderr, "ipcscope: %s\n", repeated.error().message.c_str());
        return 2;
    }
    if (const auto option = runOptions.firstSet(parser); option && !parser.isSet(run)) {
        std::fprintf(stderr, "ipcscope: %s goes with --run MECHANISM\n", qPrintable(*option));
        return 2;
    }

    std::optional<ipcscope::RunConfig> initialRun;
    if (parser.isSet(run)) {
        auto config = runOptions.read(parser, parser.value(run));
        if (!config) {
            std::fprintf(stderr, "ipcscope: %s\n", config.error().message.c_str());
            return 2;
        }
        initialRun = *config;
    }

    if (initialRun && parser.isSet(replay)) {
        std::fprintf(stderr, "ipcscope: --run and --replay cannot be used together\n");
        return 2;
    }
    if (!observePids.empty() && parser.isSet(replay)) {
        std::fprintf(stderr, "ipcscope: --observe and --replay cannot be used together\n");
        return 2;
    }
    if (parser.isSet(replay) && (parser.isSet(startLesson) || parser.isSet(recordLesson))) {
        std::fprintf(stderr, "ipcscope: --replay shows a recorded run: it goes with neither "
                             "--start nor --record\n");
        return 2;
    }
    // A recording that cannot be read (a directory, a FIFO, /dev/zero, a malformed file) is
    // refused before any window opens.
    std::optional<ipcscope::Recording> recording;
    if (parser.isSet(replay)) {
        auto read = ipcscope::readRecording(parser.value(replay).toStdString());
        if (!read) {
            std::fprintf(stderr, "ipcscope: %s\n", read.error().message.c_str());
            return 2;
        }
        recording = std::move(*read);
    }

    ipcscope::MainWindow window;
    if (parser.isSet(tab) && !window.showPage(parser.value(tab))) {
        std::fprintf(stderr, "ipcscope: --tab takes lab, classroom, observe, objects or limits\n");
        return 2;
    }
    if (parser.isSet(lesson)) {
        ipcscope::ClassroomPage& classroom = window.classroomPage();
        if (!classroom.selectLesson(parser.value(lesson))) {
            std::fprintf(stderr,
                         "ipcscope: no lesson named '%s' (ipcscope-cli lessons lists them)\n",
                         qPrintable(parser.value(lesson)));
            return 2;
        }
        if (parser.isSet(variant) && !classroom.selectVariant(parser.value(variant))) {
            std::fprintf(stderr, "ipcscope: lesson '%s' has no variant '%s'\n",
                         qPrintable(parser.value(lesson)), qPrintable(parser.value(variant)));
            return 2;
        }
        window.showPage(QStringLiteral("classroom"));
    }
    if ((parser.isSet(startLesson) || parser.isSet(presentation) || parser.isSet(recordLesson)) &&
        !parser.isSet(lesson)) {
        std::fprintf(stderr, "ipcscope: --start, --presentation and --record go with --lesson\n");
        return 2;
    }
    if (recording) {
        // A recorded lesson replays in the Classroom, with its code; an observation on the
        // Observe page; any other run in the Lab.
        auto opened = window.openRecording(std::move(*recording), parser.value(replay));
        recording.reset();
        if (!opened) {
            std::fprintf(stderr, "ipcscope: %s\n", opened.error().message.c_str());
            return 2;
        }
    }
    window.show();
    if (parser.isSet(presentation)) {
        window.classroomPage().presentationAction()->setChecked(true);
    }
    if (parser.isSet(recordLesson)) {
        window.classroomPage().recordAction()->setChecked(true);
    }
    if (parser.isSet(startLesson)) {
        window.classroomPage().startAction()->trigger();
    }
    if (initialRun) {
        window.labPage().startRun(*initialRun);
    }
    if (!observePids.empty()) {
        ipcscope::ObserveOptions options;
        options.selection.pids = observePids;
        // Exact flow (eBPF) as the page remembers it, started as the page would.
        const ipcscope::ObserveOptions remembered = window.observePage().options();
        options.exactFlow = remembered.exactFlow;
        options.launcher = remembered.launcher;
        options.probePath = remembered.probePath;
        window.showPage(QStringLiteral("observe"));
        if (auto s = window.observePage().observe(options); !s) {
            std::fprintf(stderr, "ipcscope: %s\n", s.error().message.c_str());
            return 2;
        }
    }
    return app.exec();
}
