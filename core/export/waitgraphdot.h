#pragma once

// A frame's wait-for graph as Graphviz DOT (DESIGN.md §7): processes as boxes (waiting ones red,
// with call, object and how long), channels as ellipses (identity, depth against capacity),
// bold edges from a waiting process to what it waits on, dashed edges from there to the
// processes that could release it, and each deadlock's cycle in red with its verdict as the
// graph's label.

#include "lab/frame.h"

#include <string>

namespace ipcscope {

std::string waitGraphDot(const Frame& frame);

} // namespace ipcscope
