#pragma once

// The language of the GUI: English or Simplified Chinese, chosen by the system locale or by the
// user (QSettings "ui/language": "system", "en", "zh_CN"), switchable at run time. Installing a
// translator makes Qt send QEvent::LanguageChange to every widget, which then retranslates
// itself in changeEvent().

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QMenu;
class QWidget;

namespace ipcscope {

class Language : public QObject {
    Q_OBJECT

public:
    static constexpr const char* kSettingsKey = "ui/language";
    static constexpr const char* kSystem = "system";

    // The one instance (created on first use, a child of the application).
    static Language& instance();

    // Installs the translators of the saved language (call once the QApplication exists and
    // its organization and application names are set, before the main window is built).
    static void install();
    // Saves `code` ("system", "en", "zh_CN") and switches to it at once.
    static void setLanguage(const QString& code);
    // What the user chose: "system", "en" or "zh_CN".
    static QString current();
    // The language actually shown: "en" or "zh_CN".
    static QString effective();
    // Language codes the GUI ships, besides "system".
    static QStringList available();
    // The name of a language in that language ("English", "简体中文"); "system" gives the
    // translated "System default".
    static QString nativeName(const QString& code);

    // A menu of radio actions (System default / English / 简体中文) that switches immediately.
    // Its title and the "System default" item follow the language.
    static QMenu* createLanguageMenu(QWidget* parent);

Q_SIGNALS:
    void languageChanged(const QString& code);

public:
    ~Language() override;

private:
    explicit Language(QObject* parent);
    void apply(const QString& code);

    struct Private;
    std::unique_ptr<Private> d;
};

// The same as Language::createLanguageMenu().
QMenu* createLanguageMenu(QWidget* parent);

} // namespace ipcscope
