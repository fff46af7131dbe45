#include "runviews/exporter.h"

#include "runviews/labcontroller.h"

#include "export/traceevents.h"
#include "export/waitgraphdot.h"

#include <QCoreApplication>
#include <QPixmap>
#include <QSaveFile>
#include <QWidget>

namespace ipcscope::exporter {

namespace {

Status commit(QSaveFile& file, const QString& path) {
    if (!file.commit()) {
        return Error{QCoreApplication::translate("Exporter", "Could not write %1: %2.")
                         .arg(path, file.errorString())
                         .toStdString()};
    }
    return Ok{};
}

Status openFor(QSaveFile& file, const QString& path) {
    if (!file.open(QIODevice::WriteOnly)) {
        return Error{QCoreApplication::translate("Exporter", "Could not create %1: %2.")
                         .arg(path, file.errorString())
                         .toStdString()};
    }
    return Ok{};
}

} // namespace

Status writePng(QWidget& widget, const QRect& area, const QString& path) {
    const QPixmap image = widget.grab(area.isEmpty() ? widget.rect() : area);
    if (image.isNull() || image.width() == 0 || image.height() == 0) {
        return Error{QCoreApplication::translate(
                         "Exporter", "There is nothing to export: the charts are not shown.")
                         .toStdString()};
    }
    QSaveFile file(path);
    if (auto s = openFor(file, path); !s) {
        return s;
    }
    if (!image.save(&file, "PNG")) {
        file.cancelWriting();
        return Error{QCoreApplication::translate("Exporter", "Could not encode the charts as PNG.")
                         .toStdString()};
    }
    return commit(file, path);
}

namespace {

Status writeText(const std::string& text, const QString& path) {
    QSaveFile file(path);
    if (auto s = openFor(file, path); !s) {
        return s;
    }
    if (file.write(text.data(), qint64(text.size())) != qint64(text.size())) {
        file.cancelWriting();
        return Error{QCoreApplication::translate("Exporter", "Could not write %1: %2.")
                         .arg(path, file.errorString())
                         .toStdString()};
    }
    return commit(file, path);
}

// What the trace says it is of: the run's mechanism and workers, the recording, or the
// observation's selection.
TraceExportInfo traceInfo(const LabController& c) {
    TraceExportInfo info;
    if (c.hasObservation()) {
        const RecordedObservation what =
            c.observeOptions() ? recordedObservation(*c.observeOptions())
                               : c.recording()->observation.value_or(RecordedObservation{});
        info.title = "ipcscope: observation of";
        for (std::size_t i = 0; i < what.selection.size(); ++i) {
            info.title += (i ? ", " : " ") + what.selection[i];
        }
    } else {
        const RunConfig& config = c.config();
        info.title = "ipcscope: " + std::string(mechanismInfo(config.mechanism).name) + ", " +
                     std::to_string(config.producers) + " producer(s), " +
                     std::to_string(config.consumers) + " consumer(s)";
    }
    if (c.recording()) {
        info.startTime = c.recording()->created;
    }
    return info;
}

} // namespace

Status writeTrace(const LabController& controller, const QString& path) {
    if (controller.frames().empty()) {
        return Error{QCoreApplication::translate(
                         "Exporter", "There is no data to export yet: start a run or an "
                                     "observation, or open a recording, first.")
                         .toStdString()};
    }
    return writeText(traceEventJson(controller.frames(), traceInfo(controller)), path);
}

Status writeWaitGraph(const Frame& frame, const QString& path) {
    return writeText(waitGraphDot(frame), path);
}

Status writeCsv(const SampleTable& table, const QString& path) {
    if (table.empty()) {
        return Error{QCoreApplication::translate(
                         "Exporter", "There is no data to export yet: start a run or open a "
                                     "recording first.")
                         .toStdString()};
    }
    return writeText(table.toCsv(), path);
}

} // namespace ipcscope::exporter
