// Translations: every .ts entry is finished and keeps its placeholders, and the GUI really
// switches between English and Simplified Chinese at run time.

#include "common/language.h"
#include "lab/labpage.h"
#include "mainwindow.h"
#include "objects/inventorymodel.h"
#include "objects/objectspage.h"
#include "runviews/workertablemodel.h"

#include <QAction>
#include <QApplication>
#include <QDebug>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>

using namespace ipcscope;

namespace {

QString sourceDir() {
    return QString::fromLocal8Bit(qgetenv("IPCSCOPE_SOURCE_DIR"));
}

QStringList placeholders(const QString& text) {
    static const QRegularExpression re(QStringLiteral("%(?:n|L?[1-9][0-9]?)"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        found << it.next().captured();
    }
    found.removeDuplicates();
    found.sort();
    return found;
}

// Every problem of one .ts file, one line each: unfinished or empty translations, and
// translations whose %1, %2... %n differ from the source's.
QStringList tsProblems(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {path + QStringLiteral(": cannot open")};
    }
    QStringList problems;
    QXmlStreamReader xml(&file);
    QString context, source, type;
    QStringList forms;
    bool numerus = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
                source.clear();
                forms.clear();
                type.clear();
            } else if (name == QLatin1String("source")) {
                source = xml.readElementText();
            } else if (name == QLatin1String("translation")) {
                type = xml.attributes().value(QLatin1String("type")).toString();
                if (!numerus) {
                    forms << xml.readElementText();
                }
            } else if (name == QLatin1String("numerusform")) {
                forms << xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            const QString where =
                QStringLiteral("%1: [%2] \"%3\"").arg(QFileInfo(path).fileName(), context, source);
            if (type == QLatin1String("obsolete") || type == QLatin1String("vanished")) {
                continue;
            }
            if (type == QLatin1String("unfinished")) {
                problems << where + QStringLiteral(": unfinished");
                continue;
            }
            if (forms.isEmpty() || std::any_of(forms.begin(), forms.end(), [](const QString& f) {
                    return f.trimmed().isEmpty();
                })) {
                problems << where + QStringLiteral(": empty translation");
                continue;
            }
            const QStringList want = placeholders(source);
            for (const QString& f : forms) {
                QStringList have = placeholders(f);
                if (numerus && !have.contains(QStringLiteral("%n"))) {
                    have << QStringLiteral("%n"); // a singular form may spell the number out
                    have.sort();
                }
                if (have != want) {
                    problems << where + QStringLiteral(": placeholders %1 in \"%2\", source has %3")
                                            .arg(have.join(QLatin1Char(',')), f,
                                                 want.join(QLatin1Char(',')));
                }
            }
        }
    }
    if (xml.hasError()) {
        problems << path + QStringLiteral(": XML error: ") + xml.errorString();
    }
    return problems;
}

QStringList menuTitles(const MainWindow& window) {
    QStringList titles;
    for (QAction* a : window.menuBar()->actions()) {
        if (a->menu()) {
            titles << a->menu()->title();
        }
    }
    return titles;
}

void trigger(QWidget& window, const QString& code) {
    auto* menu = window.findChild<QMenu*>(QStringLiteral("languageMenu"));
    QVERIFY(menu);
    auto* action = menu->findChild<QAction*>(QStringLiteral("language_") + code);
    QVERIFY2(action, qPrintable(code));
    action->trigger();
    QCoreApplication::sendPostedEvents(); // LanguageChange is posted to every window
    QCoreApplication::processEvents();
}

} // namespace

class TestI18n : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // settings in a test location
        QCoreApplication::setOrganizationName(QStringLiteral("ipcscope-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_i18n"));
        QSettings().clear();
        QVERIFY2(!sourceDir().isEmpty(), "IPCSCOPE_SOURCE_DIR is not set (run through ctest)");
    }

    void tsFilesAreComplete() {
        const QDir dir(sourceDir() + QStringLiteral("/resources/translations"));
        const QStringList files = dir.entryList({QStringLiteral("*.ts")}, QDir::Files);
        QVERIFY(files.contains(QStringLiteral("ipcscope_zh_CN.ts")));
        QVERIFY(files.contains(QStringLiteral("ipcscope_en.ts")));
        QStringList problems;
        for (const QString& f : files) {
            problems << tsProblems(dir.filePath(f));
        }
        for (const QString& p : problems) {
            qWarning().noquote() << p; // in full: QVERIFY2 shortens long messages
        }
        QVERIFY2(problems.isEmpty(),
                 qPrintable(QStringLiteral("%1 entries need a translation or a fix (above); run "
                                           "scripts/update-translations.sh and translate them")
                                .arg(problems.size())));
    }

    // The check above must be able to fail: an unfinished entry, an empty one and a lost
    // placeholder in a copy of the Chinese file are all reported.
    void tsCheckCatchesProblems() {
        QFile original(sourceDir() + QStringLiteral("/resources/translations/ipcscope_zh_CN.ts"));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QString text = QString::fromUtf8(original.readAll());
        const QStringList before = tsProblems(original.fileName()); // (reported above)
        text.replace(QStringLiteral("<translation>文件(&amp;F)</translation>"),
                     QStringLiteral("<translation type=\"unfinished\">文件</translation>"));
        text.replace(QStringLiteral("<translation>视图(&amp;V)</translation>"),
                     QStringLiteral("<translation></translation>"));
        text.replace(QStringLiteral("<translation>监视 %1 %2</translation>"),
                     QStringLiteral("<translation>监视 %1</translation>"));
        QTemporaryDir tmp;
        QFile copy(tmp.filePath(QStringLiteral("ipcscope_zh_CN.ts")));
        QVERIFY(copy.open(QIODevice::WriteOnly));
        copy.write(text.toUtf8());
        copy.close();
        QStringList problems = tsProblems(copy.fileName());
        problems.removeIf([&](const QString& p) { return before.contains(p); });
        QCOMPARE(problems.size(), 3);
        QVERIFY2(problems.join(QLatin1Char('\n')).contains(QStringLiteral("&File\": unfinished")),
                 qPrintable(problems.join(QLatin1Char('\n'))));
        QVERIFY(problems.join(QLatin1Char('\n')).contains(QStringLiteral("empty translation")));
        QVERIFY(problems.join(QLatin1Char('\n')).contains(QStringLiteral("placeholders")));
    }

    void translationsAreEmbedded() {
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/ipcscope_zh_CN.qm")));
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/ipcscope_en.qm")));
    }

    void savedLanguageIsInstalled() {
        QSettings().setValue(QLatin1String(Language::kSettingsKey), QStringLiteral("zh_CN"));
        Language::install();
        QCOMPARE(Language::current(), QStringLiteral("zh_CN"));
        QCOMPARE(Language::effective(), QStringLiteral("zh_CN"));
        MainWindow window;
        QCOMPARE(menuTitles(window).value(0), QStringLiteral("文件(&F)"));
        QVERIFY2(menuTitles(window).contains(QStringLiteral("视图(&V)")),
                 qPrintable(menuTitles(window).join(QLatin1Char(' '))));
        QCOMPARE(window.tabs().tabText(0), QStringLiteral("实验(&L)"));
        QCOMPARE(window.objectsPage()
                     .model()
                     .headerData(InventoryModel::KindColumn, Qt::Horizontal)
                     .toString(),
                 QStringLiteral("类型"));
        // Plural forms come from the catalogue: English has two, Chinese one.
        QCOMPARE(ObjectsPage::tr("%n object(s)", nullptr, 3), QStringLiteral("3 个对象"));
    }

    void switchesAtRunTime() {
        Language::setLanguage(QStringLiteral("en"));
        MainWindow window;
        const QStringList english = menuTitles(window);
        QCOMPARE(english.value(0), QStringLiteral("&File"));
        QCOMPARE(ObjectsPage::tr("%n object(s)", nullptr, 1), QStringLiteral("1 object"));

        trigger(window, QStringLiteral("zh_CN"));
        QCOMPARE(Language::current(), QStringLiteral("zh_CN"));
        QCOMPARE(QSettings().value(QLatin1String(Language::kSettingsKey)).toString(),
                 QStringLiteral("zh_CN"));
        const QStringList chinese = menuTitles(window);
        QCOMPARE(chinese.size(), english.size());
        QCOMPARE(chinese.value(0), QStringLiteral("文件(&F)"));
        QVERIFY(chinese.contains(QStringLiteral("帮助(&H)")));
        QCOMPARE(window.tabs().tabText(window.tabs().indexOf(&window.objectsPage())),
                 QStringLiteral("系统对象(&O)"));
        QCOMPARE(window.objectsPage().refreshAction()->text(), QStringLiteral("刷新(&R)"));
        QCOMPARE(window.findChild<QMenu*>(QStringLiteral("languageMenu"))->title(),
                 QStringLiteral("语言(&L)"));
        QCOMPARE(window.objectsPage()
                     .model()
                     .headerData(InventoryModel::OwnerColumn, Qt::Horizontal)
                     .toString(),
                 QStringLiteral("属主"));
        // Pages and models of the lab follow too.
        QCOMPARE(window.labPage()
                     .workerModel()
                     .headerData(WorkerTableModel::StateColumn, Qt::Horizontal)
                     .toString(),
                 QStringLiteral("状态"));
        const auto labels = window.labPage().findChildren<QLabel*>();
        QVERIFY(std::any_of(labels.begin(), labels.end(), [](const QLabel* l) {
            return l->text() == QStringLiteral("机制(&M)：");
        }));
        QVERIFY(window.findChild<QAction*>(QStringLiteral("language_zh_CN"))->isChecked());

        trigger(window, QStringLiteral("en"));
        QCOMPARE(menuTitles(window), english);
        QCOMPARE(window.tabs().tabText(0), QStringLiteral("&Lab"));
        QCOMPARE(window.objectsPage().refreshAction()->text(), QStringLiteral("&Refresh"));
        QCOMPARE(window.findChild<QMenu*>(QStringLiteral("languageMenu"))->title(),
                 QStringLiteral("&Language"));
        QCOMPARE(window.objectsPage()
                     .model()
                     .headerData(InventoryModel::OwnerColumn, Qt::Horizontal)
                     .toString(),
                 QStringLiteral("Owner"));
        QCOMPARE(window.labPage()
                     .workerModel()
                     .headerData(WorkerTableModel::StateColumn, Qt::Horizontal)
                     .toString(),
                 QStringLiteral("State"));
        QVERIFY(window.findChild<QAction*>(QStringLiteral("language_en"))->isChecked());
    }
};

QTEST_MAIN(TestI18n)
#include "tst_i18n.moc"
