// The polkit action org.ipcscope.probe, installed for real with `cmake --install --component
// probe` into a scratch prefix: its exec.path annotation is exactly where the probe was
// installed (pkexec matches that path and nothing else), the probe is there and runs, the
// action asks for an administrator (kept for the session), says so in English and Chinese, and
// the file is valid against polkit's DTD.

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <map>

namespace {

struct Action {
    QString id;
    QString execPath;
    std::map<QString, QString> messages; // by xml:lang ("" for English)
    std::map<QString, QString> defaults; // allow_any, allow_inactive, allow_active
};

std::optional<Action> readAction(const QString& path, QString* problem) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *problem = file.errorString();
        return std::nullopt;
    }
    QXmlStreamReader xml(&file);
    Action a;
    bool inDefaults = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && xml.name() == QLatin1String("defaults")) {
            inDefaults = false;
        }
        if (!xml.isStartElement()) {
            continue;
        }
        const QString lang = xml.attributes().value(QLatin1String("xml:lang")).toString();
        if (xml.name() == QLatin1String("action")) {
            a.id = xml.attributes().value(QLatin1String("id")).toString();
        } else if (xml.name() == QLatin1String("message")) {
            a.messages[lang] = xml.readElementText();
        } else if (xml.name() == QLatin1String("defaults")) {
            inDefaults = true;
        } else if (inDefaults) {
            a.defaults[xml.name().toString()] = xml.readElementText();
        } else if (xml.name() == QLatin1String("annotate") &&
                   xml.attributes().value(QLatin1String("key")) ==
                       QLatin1String("org.freedesktop.policykit.exec.path")) {
            a.execPath = xml.readElementText();
        }
    }
    if (xml.hasError()) {
        *problem = xml.errorString();
        return std::nullopt;
    }
    return a;
}

} // namespace

class TestPolkit : public QObject {
    Q_OBJECT

    QTemporaryDir m_prefix{QDir::tempPath() + QStringLiteral("/ipcscope-polkit-XXXXXX")};
    QString m_policy;

private Q_SLOTS:
    void initTestCase() {
        if (!IPCSCOPE_PROBE_BUILT) {
            QSKIP("ipcscope-probe is not built here (clang, bpftool, libbpf-dev or the kernel's "
                  "BTF is missing), so neither it nor its polkit action is installed");
        }
        QVERIFY(m_prefix.isValid());
        QProcess install;
        install.start(QStringLiteral(IPCSCOPE_CMAKE_COMMAND),
                      {QStringLiteral("--install"), QStringLiteral(IPCSCOPE_BINARY_DIR),
                       QStringLiteral("--prefix"), m_prefix.path(), QStringLiteral("--component"),
                       QStringLiteral("probe")});
        QVERIFY(install.waitForFinished(120000));
        QVERIFY2(install.exitStatus() == QProcess::NormalExit && install.exitCode() == 0,
                 install.readAllStandardError().constData());
        m_policy = QDir(m_prefix.path())
                       .filePath(QStringLiteral(IPCSCOPE_POLKIT_DIR "/org.ipcscope.probe.policy"));
        QVERIFY2(QFileInfo::exists(m_policy), qPrintable(m_policy));
    }

    // pkexec runs the probe only when started with the path the annotation names: the probe
    // installed in this prefix, which is there and answers.
    void execPathIsTheInstalledProbe() {
        QString problem;
        const auto action = readAction(m_policy, &problem);
        QVERIFY2(action, qPrintable(problem));
        QCOMPARE(action->id, QStringLiteral("org.ipcscope.probe"));
        const QString probe =
            QDir(m_prefix.path())
                .filePath(QStringLiteral(IPCSCOPE_LIBEXEC_SUBDIR "/ipcscope-probe"));
        QCOMPARE(action->execPath, QDir::cleanPath(probe));
        const QFileInfo info(action->execPath);
        QVERIFY(info.isAbsolute());
        QVERIFY2(info.isFile() && info.isExecutable(), qPrintable(action->execPath));

        // It is the probe, and runs from there (--version loads nothing into the kernel).
        QProcess run;
        run.start(action->execPath, {QStringLiteral("--version")});
        QVERIFY(run.waitForFinished(30000));
        QCOMPARE(run.exitCode(), 0);
        const QString out = QString::fromUtf8(run.readAllStandardOutput());
        QVERIFY2(out.startsWith(QLatin1String("ipcscope-probe ")), qPrintable(out));
    }

    void asksForAnAdministratorInWords() {
        QString problem;
        const auto action = readAction(m_policy, &problem);
        QVERIFY2(action, qPrintable(problem));
        QCOMPARE(action->defaults.at(QStringLiteral("allow_active")),
                 QStringLiteral("auth_admin_keep"));
        QCOMPARE(action->defaults.at(QStringLiteral("allow_any")), QStringLiteral("auth_admin"));
        QVERIFY(action->messages.at(QString()).contains(QLatin1String("eBPF")));
        QVERIFY(action->messages.count(QStringLiteral("zh_CN")));
        QVERIFY(action->messages.at(QStringLiteral("zh_CN")).contains(QLatin1String("eBPF")));
        QVERIFY(action->messages.at(QStringLiteral("zh_CN")) != action->messages.at(QString()));
    }

    // Valid against polkit's own DTD (what polkitd parses it with), where polkit is installed.
    void validAgainstPolkitsDtd() {
        const QString dtd = QStringLiteral("/usr/share/polkit-1/policyconfig-1.dtd");
        if (!QFileInfo::exists(dtd)) {
            QSKIP("polkit's DTD (/usr/share/polkit-1/policyconfig-1.dtd) is not installed here");
        }
        QProcess lint;
        lint.start(QStringLiteral("xmllint"),
                   {QStringLiteral("--noout"), QStringLiteral("--dtdvalid"), dtd, m_policy});
        if (!lint.waitForStarted()) {
            QSKIP("xmllint (libxml2-utils) is not installed here");
        }
        QVERIFY(lint.waitForFinished(30000));
        QVERIFY2(lint.exitCode() == 0, lint.readAllStandardError().constData());
    }
};

QTEST_MAIN(TestPolkit)
#include "tst_polkit.moc"
