#pragma once

// Translations of the words the Qt-free core hands to the GUI as std::string: mechanism titles
// and summaries, capacity units, object kinds, worker roles and states, kernel limit
// descriptions. The core stays English (the CLI and the JSON report use it); the GUI maps the
// values to translated text here, at display time, so a language switch takes effect at once.
// C function names ("write", "msgsnd", "sem_wait") are never translated.

#include "inventory/inventory.h"
#include "lab/frame.h"
#include "mechanisms/mechanism.h"
#include "telemetry/telemetry.h"

#include <QString>

#include <string_view>

namespace ipcscope {

QString mechanismTitle(Mechanism m);   // "System V message queue"
QString mechanismSummary(Mechanism m); // one line
// A capacity or depth unit: "bytes", "messages", "slots", "tokens", "pages". Unknown units are
// returned as they are.
QString unitText(std::string_view unit);
QString ipcKindText(IpcKind kind); // "POSIX message queue"
// A Unix socket's state as the inventory names it ("listening", "connected", ...).
QString socketStateText(std::string_view state);
QString roleText(Role role);                        // "producer"
QString workerName(Role role, std::uint32_t index); // "producer 2"
// A process of a frame: "producer 2" for a lab worker, else its command, else "process 4242".
QString processName(const std::optional<WorkerId>& worker, const std::string& command, pid_t pid);
QString processName(const ProcessFrame& process);
// What a channel is: its mechanism's title, or (observed) its kind of object.
QString channelTitle(const ChannelKind& kind);
QString stateText(WorkerState state); // "blocked"
// The description of a kernel IPC limit by its name ("MSGMNI"); `fallback` (the core's English
// text) when the name is unknown.
QString limitDescription(std::string_view resource, std::string_view fallback);

} // namespace ipcscope
