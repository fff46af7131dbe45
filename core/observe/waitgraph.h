#pragma once

// The wait-for graph of an observation (DESIGN.md §7): a waiting thread points at the object it
// waits on, the object at the processes that could release it (the holders of a pipe's or
// socket's other end, a queue's senders or receivers, a semaphore's users). A cycle of
// processes that all wait (Tarjan's strongly connected components) is a deadlock: certain when
// each object in it has one possible releaser, possible otherwise. A waiter that no live
// process can release gets a note.

#include "observation.h"

namespace ipcscope {

// Fills observation.deadlocks and observation.notes from its processes' threads and its
// channels' ends (replacing what was there).
void analyseWaits(Observation& observation);

} // namespace ipcscope
