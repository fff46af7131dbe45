#pragma once

// Writing what the lab shows to files: the charts as a PNG image, the samples as CSV, the
// frames as a Trace Event Format trace (Perfetto, chrome://tracing), a frame's wait-for graph as
// Graphviz DOT. All write through QSaveFile, so a failed export never leaves half a file behind.

#include "base/result.h"
#include "recording/sampletable.h"

#include <QRect>
#include <QString>

class QWidget;

namespace ipcscope {
class LabController;
struct Frame;
} // namespace ipcscope

namespace ipcscope::exporter {

// Renders `area` of `widget` (its whole rect when empty) into a PNG file.
Status writePng(QWidget& widget, const QRect& area, const QString& path);

// One row per sample with a header row (see SampleTable::toCsv()).
Status writeCsv(const SampleTable& table, const QString& path);

// Every frame the controller holds (a run, a replay or an observation) as Trace Event JSON:
// a track per thread with its waits as slices, the flows as counters.
Status writeTrace(const LabController& controller, const QString& path);

// One frame's wait-for graph (waiters, objects, releasers; cycles in red) as Graphviz DOT.
Status writeWaitGraph(const Frame& frame, const QString& path);

} // namespace ipcscope::exporter
