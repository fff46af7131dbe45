#pragma once

// The Unix socket table lives in the inventory (ipcscope_inventory), which lists the sockets
// too; the observer reads the same table. This header keeps the observer's include path.
#include "inventory/unixsockets.h"
