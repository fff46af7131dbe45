#pragma once

// The frame and report lines of a recording, both ways (framelines.cpp writes them,
// framelinereader.cpp reads them). Version 2 lines hold the frame's graph
// (processes, channels, endpoints); version 1 lines (one channel, a list of workers) are still
// read, and turned into the same graph, so older recordings replay.

#include "lab/frame.h"

#include <QJsonObject>

#include <string>

namespace ipcscope::recordingjson {

// `problem` is set (to the first problem, naming the field) when the line is not valid.
// `observation`: the frame is an observation's (processes are not bounded by a run's workers).
Frame readFrameLine(const QJsonObject& line, int version, const RunConfig& config,
                    std::string& problem, bool observation = false);
RunReport readReportLine(const QJsonObject& line, int version, const RunConfig& config,
                         std::string& problem);

// The name an event kind is stored by: names survive a renumbering of the enum.
std::string_view eventKindName(EventKind kind);

} // namespace ipcscope::recordingjson
