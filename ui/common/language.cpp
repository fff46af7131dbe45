#include "common/language.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QEvent>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

#include <memory>

namespace ipcscope {

namespace {

// Our own translations, embedded by qt_add_translations() (resources/CMakeLists.txt).
const QString kResourceDir = QStringLiteral(":/i18n");

// The shipped language that best fits `locale` ("zh_CN" for any Chinese in mainland script,
// "en" otherwise).
QString bestMatch(const QLocale& locale) {
    for (const QString& ui : locale.uiLanguages()) {
        const QLocale l(ui);
        if (l.language() == QLocale::Chinese && l.script() != QLocale::TraditionalChineseScript &&
            l.territory() != QLocale::Taiwan && l.territory() != QLocale::HongKong &&
            l.territory() != QLocale::Macau) {
            return QStringLiteral("zh_CN");
        }
        if (l.language() == QLocale::English) {
            return QStringLiteral("en");
        }
    }
    return QStringLiteral("en");
}

// A menu whose title and "System default" item follow the language; the language names stay
// in their own language.
class LanguageMenu : public QMenu {
public:
    explicit LanguageMenu(QWidget* parent)
        : QMenu(parent) {
        setObjectName(QStringLiteral("languageMenu"));
        auto* group = new QActionGroup(this);
        group->setExclusive(true);
        const QStringList codes =
            QStringList{QString::fromLatin1(Language::kSystem)} + Language::available();
        for (const QString& code : codes) {
            QAction* a = addAction(Language::nativeName(code));
            a->setCheckable(true);
            a->setData(code);
            a->setObjectName(QStringLiteral("language_") + code);
            a->setChecked(code == Language::current());
            group->addAction(a);
            connect(a, &QAction::triggered, this, [code] { Language::setLanguage(code); });
            if (code == QLatin1String(Language::kSystem)) {
                m_system = a;
                addSeparator();
            }
        }
        connect(&Language::instance(), &Language::languageChanged, this,
                [group](const QString& code) {
                    for (QAction* a : group->actions()) {
                        a->setChecked(a->data().toString() == code);
                    }
                });
        retranslate();
    }

protected:
    void changeEvent(QEvent* event) override {
        if (event->type() == QEvent::LanguageChange) {
            retranslate();
        }
        QMenu::changeEvent(event);
    }

private:
    void retranslate() {
        setTitle(Language::tr("&Language"));
        m_system->setText(Language::nativeName(QString::fromLatin1(Language::kSystem)));
        m_system->setToolTip(Language::tr("Follow the language of the desktop (%1)")
                                 .arg(Language::nativeName(bestMatch(QLocale::system()))));
    }

    QAction* m_system = nullptr;
};

} // namespace

struct Language::Private {
    QString current = QString::fromLatin1(kSystem);
    QString effective = QStringLiteral("en");
    bool installed = false;
    std::unique_ptr<QTranslator> app;
    std::unique_ptr<QTranslator> qt;
};

Language::Language(QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>()) {}

// A QTranslator removes itself from the application when it is destroyed.
Language::~Language() = default;

Language& Language::instance() {
    static QPointer<Language> one;
    if (!one) {
        one = new Language(QCoreApplication::instance());
    }
    return *one;
}

QStringList Language::available() {
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString Language::nativeName(const QString& code) {
    if (code == QLatin1String("en")) {
        return QStringLiteral("English");
    }
    if (code == QLatin1String("zh_CN")) {
        return QStringLiteral("简体中文");
    }
    return tr("System default");
}

QString Language::current() {
    return instance().d->current;
}

QString Language::effective() {
    return instance().d->effective;
}

void Language::install() {
    QSettings s;
    QString code = s.value(QLatin1String(kSettingsKey), QLatin1String(kSystem)).toString();
    if (code != QLatin1String(kSystem) && !available().contains(code)) {
        code = QString::fromLatin1(kSystem);
    }
    instance().apply(code);
}

void Language::setLanguage(const QString& code) {
    const QString c = available().contains(code) ? code : QString::fromLatin1(kSystem);
    QSettings().setValue(QLatin1String(kSettingsKey), c);
    if (c != current() || !instance().d->installed) {
        instance().apply(c);
    }
}

void Language::apply(const QString& code) {
    const QString language = code == QLatin1String(kSystem) ? bestMatch(QLocale::system()) : code;
    for (QTranslator* t : {d->app.get(), d->qt.get()}) {
        if (t) {
            QCoreApplication::removeTranslator(t);
        }
    }
    d->app.reset();
    d->qt.reset();
    // Our catalogue: English too (it carries the plural forms of "%n object(s)").
    auto app = std::make_unique<QTranslator>();
    if (app->load(QStringLiteral("ipcscope_") + language, kResourceDir)) {
        QCoreApplication::installTranslator(app.get());
        d->app = std::move(app);
    } else {
        qWarning("ipcscope: no translation for %s", qPrintable(language));
    }
    // Qt's own strings (standard buttons, context menus), when the distribution ships them.
    if (language != QLatin1String("en")) {
        auto qt = std::make_unique<QTranslator>();
        if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt.get());
            d->qt = std::move(qt);
        }
    }
    d->current = code;
    d->effective = language;
    d->installed = true;
    Q_EMIT languageChanged(code);
}

QMenu* Language::createLanguageMenu(QWidget* parent) {
    return new LanguageMenu(parent);
}

QMenu* createLanguageMenu(QWidget* parent) {
    return Language::createLanguageMenu(parent);
}

} // namespace ipcscope
