#pragma once

// The IPC mechanisms ipcscope can run, and how a run over one of them is configured.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipcscope {

enum class Mechanism : std::uint8_t {
    Pipe,
    Fifo,
    SysvMsg,
    SysvShm,
    SysvSem,
    PosixMq,
    PosixShm,
    UnixStream,
    UnixDgram,
};

struct MechanismInfo {
    Mechanism id;
    std::string_view name;         // as typed on the command line: "sysv-msg"
    std::string_view title;        // "System V message queue"
    std::string_view summary;      // one line
    std::string_view capacityUnit; // what --capacity counts: "bytes", "messages", "slots", "tokens"
    bool preservesOrder;           // per producer, with a single consumer type/priority
    bool carriesPayload;           // false for bare semaphore tokens
};

const std::array<MechanismInfo, 9>& allMechanisms();
const MechanismInfo& mechanismInfo(Mechanism m);
std::optional<Mechanism> parseMechanism(std::string_view name);

enum class Role : std::uint8_t { Producer, Consumer };
std::string_view roleName(Role role);

// What a lesson's producers send instead of stamped binary messages: the course notes' text line,
// `n = sprintf(buf, "write info : %d sends %s", getpid(), ctime(&tp))`, written as n bytes or,
// as in the notes, as n + 1 (the string's terminating NUL too). Pipes and FIFOs only; the
// consumer reads what is there (read(fd, buf, PIPE_BUF)) and checks every line it receives.
enum class TextMessage : std::uint8_t { None, Text, TextAndNul };
std::string_view textMessageName(TextMessage t); // "none", "n", "n+1" (as in JSON)

// Deliberate mistakes the Classroom's pitfalls reproduce with real processes. All off in a
// normal run; validateConfig() refuses a mistake the mechanism cannot make.
struct Scenario {
    bool readerKeepsWriteEnd = false; // pipe: consumers also hold the write end: never see EOF
    bool ringWithoutMutex = false;    // shm rings: producers update the ring without the mutex
    bool emptyStartsAtZero = false;   // shm rings: "empty" starts at 0 instead of N: deadlock
    double producerStartDelayS = 0;   // producers wait this long before opening the channel
    // fifo: the course notes' writer, `if ((fd == open(...)) < 0)`: it opens the FIFO (the
    // reader's open() returns), compares instead of assigning, so the descriptor it got is lost
    // and it writes to one it never opened (EBADF).
    bool writerComparesFd = false;
    TextMessage textMessage = TextMessage::None;
    // Every worker is SIGKILLed this long into the run; the run's objects stay until the run is
    // stopped (or its duration ends).
    double crashAfterS = 0;
    // sysv-shm: IPC_RMID this long into the run while the workers are attached (destroy pending
    // until they detach).
    double removeWhileAttachedS = 0;
    // Tests only (not in lessons, recordings or the JSON config): consumer 0 holds its first
    // message received but unmarked until that message's producer has sent this many seen
    // windows more (telemetry/seenledger.h), as a consumer stopped between receive and mark.
    std::uint32_t holdFirstMessageWindows = 0;

    bool any() const {
        return readerKeepsWriteEnd || ringWithoutMutex || emptyStartsAtZero || writerComparesFd ||
               producerStartDelayS > 0 || crashAfterS > 0 || removeWhileAttachedS > 0 ||
               holdFirstMessageWindows > 0 || textMessage != TextMessage::None;
    }
    bool operator==(const Scenario&) const = default;
};

struct RunConfig {
    Mechanism mechanism = Mechanism::Pipe;
    std::uint32_t producers = 1;
    std::uint32_t consumers = 1;
    std::uint32_t messageSize = 64; // bytes per message, header included
    double producerRate = 0;        // messages per second per producer; 0 = as fast as possible
    double consumerRate = 0;        // per consumer; 0 = as fast as possible
    std::optional<std::uint64_t>
        capacity;                    // in the mechanism's capacity unit; unset = kernel default
    std::optional<double> durationS; // stop producing after this long...
    std::optional<std::uint64_t> messages; // ...or after this many messages in total
    bool raw = false;                      // telemetry compiled out of the transfer loops
    std::uint32_t messageTypes = 1; // sysv-msg: types 1..N in turn; posix-mq: priorities 0..N-1
    std::vector<long> receiveTypes; // sysv-msg msgtyp per consumer (cyclic); empty = 0, any type
    Scenario scenario;
    // Classroom controls at start (Run::setPace / setStepMode change them live).
    std::uint64_t paceIntervalNs = 0; // at least this long between one worker's operations
    bool startInStepMode = false;     // workers wait for Run::step() before each operation

    static constexpr double kDefaultDurationS = 3.0;
    double effectiveDurationS() const {
        return messages ? 0.0 : durationS.value_or(kDefaultDurationS);
    }
    long receiveTypeFor(std::uint32_t consumer) const {
        return receiveTypes.empty() ? 0 : receiveTypes[consumer % receiveTypes.size()];
    }
    // Messages producer `index` sends when the run is bounded by a message count (0 = unbounded).
    std::uint64_t quotaFor(std::uint32_t index) const {
        if (!messages) {
            return 0;
        }
        const std::uint64_t base = *messages / producers;
        return base + (index < *messages % producers ? 1 : 0);
    }
    bool operator==(const RunConfig&) const = default;
};

} // namespace ipcscope
