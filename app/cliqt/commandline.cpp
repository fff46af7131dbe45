#include "commandline.h"

#include "runoptions/runoptions.h"

#include <QCoreApplication>

#include <cstdio>

int usage(const char* command, const QString& message) {
    std::fprintf(stderr, "ipcscope-cli %s: %s\n", command, qPrintable(message));
    return 2;
}

bool parseArguments(QCommandLineParser& parser, const char* command, const QStringList& args,
                    const QStringList& repeatable) {
    QStringList argv = args;
    argv.prepend(QStringLiteral("ipcscope-cli %1").arg(QLatin1String(command)));
    if (!parser.parse(argv)) {
        usage(command, parser.errorText());
        return false;
    }
    if (const auto once = ipcscope::refuseRepeatedOptions(parser, repeatable); !once) {
        usage(command, QString::fromStdString(once.error().message));
        return false;
    }
    return true;
}

bool printHelpIfAsked(const QCommandLineParser& parser, const char* command) {
    if (!parser.isSet(QStringLiteral("help"))) {
        return false;
    }
    // Qt names the program by its path ("Usage: /usr/libexec/ipcscope/ipcscope-cli-qt
    // [options]"); the user typed "ipcscope-cli COMMAND".
    QString text = parser.helpText();
    const QString program = QCoreApplication::arguments().constFirst();
    const QString usage = QStringLiteral("Usage: ");
    if (text.startsWith(usage + program)) {
        text.replace(usage.size(), program.size(),
                     QStringLiteral("ipcscope-cli %1").arg(QLatin1String(command)));
    }
    std::fputs(qPrintable(text), stdout);
    return true;
}
