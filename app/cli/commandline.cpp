#include "commandline.h"

#include "runoptions/runoptions.h"

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

bool printHelpIfAsked(const QCommandLineParser& parser) {
    if (!parser.isSet(QStringLiteral("help"))) {
        return false;
    }
    std::fputs(qPrintable(parser.helpText()), stdout);
    return true;
}
