#include "runviews/recordingfiles.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace ipcscope {

QString RecordingFiles::directory() {
    QSettings s;
    const QString fallback =
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation).isEmpty()
            ? QDir::homePath() + QStringLiteral("/ipcscope-recordings")
            : QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
                  QStringLiteral("/ipcscope-recordings");
    return s.value(QStringLiteral("recordings/directory"), fallback).toString();
}

QString RecordingFiles::newPath(const QString& prefix) {
    const QString dir = directory();
    QDir().mkpath(dir); // if this fails, creating the file says why
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString path = QStringLiteral("%1/%2-%3.ipcrec").arg(dir, prefix, stamp);
    for (int n = 2; QFileInfo::exists(path); ++n) { // two runs in the same second
        path = QStringLiteral("%1/%2-%3-%4.ipcrec").arg(dir, prefix, stamp).arg(n);
    }
    return path;
}

QString RecordingFiles::askToOpen(QWidget* parent, const QString& title) {
    QSettings s;
    const QString dir = s.value(QStringLiteral("recordings/lastOpened"), directory()).toString();
    QFileDialog dialog(parent, title, dir, tr("ipcscope recordings (*.ipcrec);;All files (*)"));
    dialog.setAcceptMode(QFileDialog::AcceptOpen);
    dialog.setFileMode(QFileDialog::ExistingFile);
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) {
        return {};
    }
    const QString path = dialog.selectedFiles().constFirst();
    s.setValue(QStringLiteral("recordings/lastOpened"), QFileInfo(path).absolutePath());
    return path;
}

} // namespace ipcscope
