#include "flowprobe/probeprotocol.h"

#include <algorithm>
#include <charconv>
#include <vector>

namespace ipcscope::flowprobe {

FlowCounts& FlowCounts::operator+=(const FlowCounts& other) {
    bytesIn += other.bytesIn;
    bytesOut += other.bytesOut;
    messagesIn += other.messagesIn;
    messagesOut += other.messagesOut;
    calls += other.calls;
    errors += other.errors;
    waits += other.waits;
    waitNs += other.waitNs;
    maxWaitNs = std::max(maxWaitNs, other.maxWaitNs);
    return *this;
}

std::string_view flowKindName(FlowKind kind) {
    switch (kind) {
    case FlowKind::Fd:
        return "fd";
    case FlowKind::SysvMsq:
        return "sysv-msq";
    case FlowKind::SysvSem:
        return "sysv-sem";
    case FlowKind::Futex:
        return "futex";
    case FlowKind::Call:
        return "call";
    }
    return "unknown";
}

namespace {

// Space-separated numbers after a word, written and read in one order.
class LineWriter {
public:
    explicit LineWriter(std::string_view word)
        : m_line(word) {}
    template <typename T> LineWriter& operator<<(T value) {
        m_line += ' ';
        m_line += std::to_string(value);
        return *this;
    }
    std::string done() { return std::move(m_line) + '\n'; }

private:
    std::string m_line;
};

class LineReader {
public:
    explicit LineReader(std::string_view rest)
        : m_rest(rest) {}
    template <typename T> LineReader& operator>>(T& value) {
        const auto field = next();
        if (!m_error.empty()) {
            return *this;
        }
        if constexpr (std::is_enum_v<T>) {
            std::underlying_type_t<T> raw{};
            parse(field, raw);
            value = T(raw);
        } else if constexpr (std::is_same_v<T, bool>) {
            int raw = 0;
            parse(field, raw);
            value = raw != 0;
        } else {
            parse(field, value);
        }
        return *this;
    }
    // An error sentence, or empty when every field read and nothing is left over.
    std::string finish(std::string_view word) const {
        if (!m_error.empty()) {
            return "the probe's \"" + std::string(word) + "\" line " + m_error;
        }
        if (!m_rest.empty()) {
            return "the probe's \"" + std::string(word) + "\" line has more fields than expected";
        }
        return {};
    }

private:
    std::string_view next() {
        if (m_rest.empty()) {
            m_error = "has too few fields";
            return {};
        }
        const auto space = m_rest.find(' ');
        const auto field = m_rest.substr(0, space);
        m_rest = space == std::string_view::npos ? std::string_view{} : m_rest.substr(space + 1);
        return field;
    }
    template <typename T> void parse(std::string_view field, T& value) {
        const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
        if (ec != std::errc{} || end != field.data() + field.size()) {
            m_error = "has \"" + std::string(field) + "\" where a number belongs";
        }
    }

    std::string_view m_rest;
    std::string m_error;
};

template <typename T> Result<T> finished(T value, const LineReader& reader, std::string_view word) {
    if (auto problem = reader.finish(word); !problem.empty()) {
        return Error{std::move(problem)};
    }
    return value;
}

std::pair<std::string_view, std::string_view> splitWord(std::string_view line) {
    const auto space = line.find(' ');
    if (space == std::string_view::npos) {
        return {line, {}};
    }
    return {line.substr(0, space), line.substr(space + 1)};
}

bool validKind(FlowKind kind) {
    return kind >= FlowKind::Fd && kind <= FlowKind::Call;
}

} // namespace

std::string formatMessage(const ProbeMessage& message) {
    struct Visitor {
        std::string operator()(const Ready& m) { return (LineWriter("ready") << m.version).done(); }
        std::string operator()(const ProbeError& m) { return "error " + m.sentence + "\n"; }
        std::string operator()(const Gone& m) { return (LineWriter("gone") << m.tgid).done(); }
        std::string operator()(const SampleEnd& m) {
            return (LineWriter("end") << m.seq << m.nowNs << m.droppedCounters << m.droppedEvents)
                .done();
        }
        std::string operator()(const FlowCounter& m) {
            const auto& k = m.key;
            const auto& c = m.counts;
            return (LineWriter("flow") << k.tgid << std::uint32_t(k.kind) << k.id << k.sub << k.nr
                                       << c.bytesIn << c.bytesOut << c.messagesIn << c.messagesOut
                                       << c.calls << c.errors << c.waits << c.waitNs << c.maxWaitNs)
                .done();
        }
        std::string operator()(const WaitEvent& m) {
            return (LineWriter("wait") << m.tgid << m.tid << m.nr << std::uint32_t(m.kind) << m.id
                                       << m.sub << m.startNs << m.durationNs << m.ret << m.wakerTgid
                                       << m.wakerTid << int(m.slept))
                .done();
        }
    };
    return std::visit(Visitor{}, message);
}

Result<ProbeMessage> parseMessage(std::string_view line) {
    const auto [word, rest] = splitWord(line);
    LineReader in(rest);
    if (word == "ready") {
        Ready m;
        in >> m.version;
        return finished<ProbeMessage>(m, in, word);
    }
    if (word == "error") {
        return ProbeMessage{ProbeError{std::string(rest)}};
    }
    if (word == "gone") {
        Gone m;
        in >> m.tgid;
        return finished<ProbeMessage>(m, in, word);
    }
    if (word == "end") {
        SampleEnd m;
        in >> m.seq >> m.nowNs >> m.droppedCounters >> m.droppedEvents;
        return finished<ProbeMessage>(m, in, word);
    }
    if (word == "flow") {
        FlowCounter m;
        auto& k = m.key;
        auto& c = m.counts;
        in >> k.tgid >> k.kind >> k.id >> k.sub >> k.nr >> c.bytesIn >> c.bytesOut >>
            c.messagesIn >> c.messagesOut >> c.calls >> c.errors >> c.waits >> c.waitNs >>
            c.maxWaitNs;
        auto parsed = finished<ProbeMessage>(m, in, word);
        if (parsed && !validKind(k.kind)) {
            return Error{"the probe's \"flow\" line names an unknown kind of key"};
        }
        return parsed;
    }
    if (word == "wait") {
        WaitEvent m;
        in >> m.tgid >> m.tid >> m.nr >> m.kind >> m.id >> m.sub >> m.startNs >> m.durationNs >>
            m.ret >> m.wakerTgid >> m.wakerTid >> m.slept;
        auto parsed = finished<ProbeMessage>(m, in, word);
        if (parsed && !validKind(m.kind)) {
            return Error{"the probe's \"wait\" line names an unknown kind of key"};
        }
        return parsed;
    }
    return Error{"the probe sent a line that is not part of its protocol: \"" +
                 std::string(line.substr(0, 80)) + "\""};
}

std::string formatCommand(const ProbeCommand& command) {
    struct Visitor {
        std::string operator()(const WatchCommand& c) {
            return (LineWriter("watch") << c.tgid << c.flags).done();
        }
        std::string operator()(const UnwatchCommand& c) {
            return (LineWriter("unwatch") << c.tgid).done();
        }
        std::string operator()(const ConfigCommand& c) {
            return (LineWriter("config") << c.minWaitNs << c.eventThresholdNs).done();
        }
        std::string operator()(const SampleCommand& c) {
            return (LineWriter("sample") << c.seq).done();
        }
        std::string operator()(const QuitCommand&) { return "quit\n"; }
    };
    return std::visit(Visitor{}, command);
}

Result<ProbeCommand> parseCommand(std::string_view line) {
    const auto [word, rest] = splitWord(line);
    LineReader in(rest);
    if (word == "watch") {
        WatchCommand c;
        in >> c.tgid >> c.flags;
        auto parsed = finished<ProbeCommand>(c, in, word);
        if (parsed && c.tgid <= 0) {
            return Error{"watch needs a process id above 0"};
        }
        return parsed;
    }
    if (word == "unwatch") {
        UnwatchCommand c;
        in >> c.tgid;
        return finished<ProbeCommand>(c, in, word);
    }
    if (word == "config") {
        ConfigCommand c;
        in >> c.minWaitNs >> c.eventThresholdNs;
        return finished<ProbeCommand>(c, in, word);
    }
    if (word == "sample") {
        SampleCommand c;
        in >> c.seq;
        return finished<ProbeCommand>(c, in, word);
    }
    if (word == "quit" && rest.empty()) {
        return ProbeCommand{QuitCommand{}};
    }
    return Error{"unknown command \"" + std::string(line.substr(0, 80)) +
                 "\" (known: watch, unwatch, config, sample, quit)"};
}

} // namespace ipcscope::flowprobe
