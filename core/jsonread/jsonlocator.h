#pragma once

// Where a field sits in a JSON text, so an error can name the line a person has to edit.
// QJsonDocument keeps no positions; this walks the text again.

#include <cstddef>
#include <string>
#include <string_view>

namespace ipcscope {

// The 1-based line of the value at `path` ("variants[1].run.size", "" for the document), or
// of the nearest enclosing value that is there (a missing field is reported at its object).
// `text` must already have parsed as JSON.
std::size_t jsonLineOf(std::string_view text, std::string path);

} // namespace ipcscope
