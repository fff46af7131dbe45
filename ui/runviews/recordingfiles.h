#pragma once

// Where recordings live on disk, shared by the pages that record and replay (Lab, Classroom):
// the recordings folder, a fresh file name per run, and the dialog to open one.

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace ipcscope {

class RecordingFiles {
    Q_DECLARE_TR_FUNCTIONS(RecordingFiles)

public:
    // Where Record writes: a new file per run in this folder (a setting, else under Documents).
    static QString directory();
    // A new file in directory(): "<prefix>-yyyyMMdd-HHmmss[-N].ipcrec".
    static QString newPath(const QString& prefix);
    // The file dialog for a recording to open (remembers its folder); "" when cancelled.
    static QString askToOpen(QWidget* parent, const QString& title);
};

} // namespace ipcscope
