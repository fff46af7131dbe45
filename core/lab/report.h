#pragma once

#include "lab/frame.h"

#include <functional>
#include <string>

namespace ipcscope {

class JsonWriter;

// The `ipcscope-cli run --json` document (field names are documented in docs/run-json.md).
// `extra` may add fields at the end of the top-level object (a lesson's verdict).
std::string reportToJson(const RunReport& report,
                         const std::function<void(JsonWriter&)>& extra = {});
// The pieces of the JSON documents shared with recordings (core/recording).
void writeRunConfigJson(JsonWriter& json, const RunConfig& config);
void writeTotalsJson(JsonWriter& json, const Totals& totals);
// A readable summary with units.
std::string reportToText(const RunReport& report);
// One progress line for a live run: "2.0 s  sent 1.2 M (75 MiB/s)  received ...".
std::string progressLine(const Frame& frame, const RunConfig& config);

} // namespace ipcscope
