#pragma once

// Writing what the lab shows to files: the charts as a PNG image, the samples as CSV.
// Both write through QSaveFile, so a failed export never leaves half a file behind.

#include "base/result.h"
#include "recording/sampletable.h"

#include <QRect>
#include <QString>

class QWidget;

namespace ipcscope::exporter {

// Renders `area` of `widget` (its whole rect when empty) into a PNG file.
Status writePng(QWidget& widget, const QRect& area, const QString& path);

// One row per sample with a header row (see SampleTable::toCsv()).
Status writeCsv(const SampleTable& table, const QString& path);

} // namespace ipcscope::exporter
