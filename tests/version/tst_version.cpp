// The version lives in one place, the CMake project version: the programs' --version, the
// About box, the AppStream metainfo's release and the Debian changelog all say it.

#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QXmlStreamReader>

using namespace ipcscope;

namespace {

const QString kVersion = QStringLiteral(IPCSCOPE_VERSION);

QString readText(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromUtf8(file.readAll());
}

// What PROGRAM ARGS prints on standard output (a failed start or exit: empty).
QString outputOf(const QString& program, const QStringList& args) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

} // namespace

class TestVersion : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // settings in a test location
        QVERIFY2(
            QRegularExpression(QStringLiteral("^\\d+\\.\\d+\\.\\d+$")).match(kVersion).hasMatch(),
            qPrintable(kVersion));
    }

    void programsPrintIt() {
        QCOMPARE(outputOf(QStringLiteral(IPCSCOPE_CLI), {QStringLiteral("--version")}),
                 QStringLiteral("ipcscope-cli ") + kVersion);
        QCOMPARE(outputOf(QStringLiteral(IPCSCOPE_CLI),
                          {QStringLiteral("run"), QStringLiteral("--version")}),
                 QStringLiteral("ipcscope-cli ") + kVersion);
        QCOMPARE(outputOf(QStringLiteral(IPCSCOPE_GUI), {QStringLiteral("--version")}),
                 QStringLiteral("ipcscope ") + kVersion);
    }

    // The metainfo is generated from the .in file; its newest release is this version, on the
    // project's release date.
    void metainfoRelease() {
        QFile file(QStringLiteral(IPCSCOPE_METAINFO));
        QVERIFY2(file.open(QIODevice::ReadOnly), IPCSCOPE_METAINFO);
        QXmlStreamReader xml(&file);
        QStringList versions;
        QString firstDate;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == QLatin1String("release")) {
                versions << xml.attributes().value(QLatin1String("version")).toString();
                if (firstDate.isEmpty()) {
                    firstDate = xml.attributes().value(QLatin1String("date")).toString();
                }
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY2(!versions.isEmpty(), "no <release> in the metainfo");
        QCOMPARE(versions.first(), kVersion);
        QCOMPARE(firstDate, QStringLiteral(IPCSCOPE_RELEASE_DATE));
    }

    // debian/changelog's newest entry: "ipcscope (VERSION) ...", signed on the release date.
    void debianChangelog() {
        const QString changelog = readText(QStringLiteral(IPCSCOPE_SOURCE_DIR "/debian/changelog"));
        QVERIFY2(!changelog.isEmpty(), "cannot read debian/changelog");
        const auto head =
            QRegularExpression(QStringLiteral("^ipcscope \\(([^)]+)\\) ")).match(changelog);
        QVERIFY2(head.hasMatch(), qPrintable(changelog.section(QLatin1Char('\n'), 0, 0)));
        QCOMPARE(head.captured(1), kVersion);
        const auto trailer = QRegularExpression(QStringLiteral("^ -- .+>  (.+)$"),
                                                QRegularExpression::MultilineOption)
                                 .match(changelog);
        QVERIFY2(trailer.hasMatch(), "no trailer line in debian/changelog");
        const QDateTime signedAt = QDateTime::fromString(trailer.captured(1), Qt::RFC2822Date);
        QVERIFY2(signedAt.isValid(), qPrintable(trailer.captured(1)));
        QCOMPARE(signedAt.toUTC().date().toString(Qt::ISODate),
                 QStringLiteral(IPCSCOPE_RELEASE_DATE));
    }

    // Help › About ipcscope names the version.
    void aboutBox() {
        MainWindow window;
        window.show();
        QAction* about = nullptr;
        for (QAction* menu : window.menuBar()->actions()) {
            for (QAction* a : menu->menu() ? menu->menu()->actions() : QList<QAction*>{}) {
                if (a->text().remove(QLatin1Char('&')) == QLatin1String("About ipcscope")) {
                    about = a;
                }
            }
        }
        QVERIFY2(about, "no Help › About ipcscope");
        QString shown;
        // The box is modal: read it and close it from the event loop it runs.
        QTimer::singleShot(0, [&shown] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                shown = box->text();
                box->accept();
            }
        });
        about->trigger();
        QVERIFY2(shown.contains(QStringLiteral("ipcscope ") + kVersion), qPrintable(shown));
    }
};

QTEST_MAIN(TestVersion)
#include "tst_version.moc"
