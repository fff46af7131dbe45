#pragma once

// What the recording suites (format, replay) share: files written and read back, and how a
// failed comparison of frames or reports is printed.

#include "../../common/framesamples.h"

#include "recording/recording.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <string>
#include <vector>

namespace recordingtests {

using namespace ipcscope;

inline QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size()) {
        qFatal("cannot write %s", qPrintable(path));
    }
    return path;
}

inline QByteArray readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return f.readAll();
}

inline std::string errorOf(const std::string& path) {
    auto r = readRecording(path);
    return r ? std::string("(no error)") : r.error().message;
}

// A report has its run's one channel: what its processes wait on.
inline std::vector<ProcessFrame> labReportWorkers(const Frame& f) {
    std::vector<ProcessFrame> out = f.processes;
    for (auto& p : out) {
        if (p.waitChannel) {
            p.waitChannel = 0;
        }
    }
    return out;
}

} // namespace recordingtests

// What QCOMPARE prints when two frames or reports differ: their recording lines.
namespace ipcscope {
inline char* toString(const Frame& frame) {
    return qstrdup(recordingFrameLine(frame).c_str());
}
inline char* toString(const RunReport& report) {
    return qstrdup(recordingReportLine(report).c_str());
}
} // namespace ipcscope
