#pragma once

#include "lab/frame.h"

#include <string>

namespace ipcscope {

// The `ipcscope-cli run --json` document (field names are documented in docs/run-json.md).
std::string reportToJson(const RunReport& report);
// A readable summary with units.
std::string reportToText(const RunReport& report);
// One progress line for a live run: "2.0 s  sent 1.2 M (75 MiB/s)  received ...".
std::string progressLine(const Frame& frame, const RunConfig& config);

} // namespace ipcscope
