#include "workerargs.h"

#include <charconv>
#include <cmath>
#include <string_view>

namespace ipcscope {

namespace {

template <typename T> bool parseNumber(std::string_view text, T& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

bool parseFlag(std::string_view text, bool& out) {
    out = text == "1";
    return text == "0" || text == "1";
}

template <typename T> std::string number(T v) {
    return std::to_string(v); // integers only: exact
}

} // namespace

std::uint64_t intervalNsForRate(double rate) {
    if (!(rate > 0)) {
        return 0;
    }
    constexpr double kLongest = 4611686018427387904.0; // 2^62 ns
    const double ns = std::round(1e9 / rate);
    if (!(ns < kLongest)) {
        return std::uint64_t(kLongest);
    }
    return ns < 1 ? 1 : std::uint64_t(ns);
}

WorkerArgs workerArgsFor(const RunConfig& config, Role role, std::uint32_t index,
                         std::uint32_t slot, const EndpointSpec& spec) {
    const bool producer = role == Role::Producer;
    WorkerArgs a;
    a.mechanism = config.mechanism;
    a.role = role;
    a.index = index;
    a.slot = slot;
    a.intervalNs = intervalNsForRate(producer ? config.producerRate : config.consumerRate);
    a.quota = producer ? config.quotaFor(index) : 0;
    a.messageTypes = config.messageTypes;
    a.checkOrder = mechanismInfo(config.mechanism).preservesOrder && config.messageTypes == 1;
    a.raw = config.raw;
    a.startDelayNs =
        producer ? std::uint64_t(std::llround(config.scenario.producerStartDelayS * 1e9)) : 0;
    a.holdWindows = !producer && index == 0 ? config.scenario.holdFirstMessageWindows : 0;
    for (std::size_t i = 0; i < spec.fds.size(); ++i) {
        a.params.fds.push_back(kFirstChannelFd + int(i));
    }
    a.params.values = spec.values;
    if (config.scenario.textMessage != TextMessage::None) {
        a.params.values.emplace_back(kTextMessageParam,
                                     std::string(textMessageName(config.scenario.textMessage)));
    }
    a.params.messageSize = config.messageSize;
    a.params.producerCount = config.producers;
    a.params.receiveType = producer ? 0 : config.receiveTypeFor(index);
    return a;
}

std::vector<std::string> writeWorkerArgs(const WorkerArgs& a) {
    std::vector<std::string> out{"--mechanism",
                                 std::string(mechanismInfo(a.mechanism).name),
                                 "--role",
                                 std::string(roleName(a.role)),
                                 "--index",
                                 number(a.index),
                                 "--slot",
                                 number(a.slot),
                                 "--producers",
                                 number(a.params.producerCount),
                                 "--size",
                                 number(a.params.messageSize),
                                 "--interval-ns",
                                 number(a.intervalNs),
                                 "--quota",
                                 number(a.quota),
                                 "--types",
                                 number(a.messageTypes),
                                 "--receive-type",
                                 number(a.params.receiveType),
                                 "--check-order",
                                 a.checkOrder ? "1" : "0",
                                 "--raw",
                                 a.raw ? "1" : "0",
                                 "--start-delay-ns",
                                 number(a.startDelayNs),
                                 "--hold-windows",
                                 number(a.holdWindows),
                                 "--fds",
                                 number(a.params.fds.size())};
    for (const auto& [k, v] : a.params.values) {
        out.push_back("--param");
        out.push_back(k + "=" + v);
    }
    return out;
}

Result<WorkerArgs> parseWorkerArgs(int argc, char** argv) {
    WorkerArgs a;
    bool haveMechanism = false;
    bool haveRole = false;
    int fdCount = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string_view opt = argv[i];
        if (i + 1 >= argc) {
            return Error{"option " + std::string(opt) + " needs a value"};
        }
        const std::string_view val = argv[++i];
        bool ok = true;
        if (opt == "--mechanism") {
            const auto m = parseMechanism(val);
            ok = m.has_value();
            if (ok) {
                a.mechanism = *m;
                haveMechanism = true;
            }
        } else if (opt == "--role") {
            ok = val == "producer" || val == "consumer";
            a.role = val == "producer" ? Role::Producer : Role::Consumer;
            haveRole = ok;
        } else if (opt == "--index") {
            ok = parseNumber(val, a.index);
        } else if (opt == "--slot") {
            ok = parseNumber(val, a.slot);
        } else if (opt == "--producers") {
            ok = parseNumber(val, a.params.producerCount);
        } else if (opt == "--size") {
            ok = parseNumber(val, a.params.messageSize);
        } else if (opt == "--interval-ns") {
            ok = parseNumber(val, a.intervalNs);
        } else if (opt == "--quota") {
            ok = parseNumber(val, a.quota);
        } else if (opt == "--start-delay-ns") {
            ok = parseNumber(val, a.startDelayNs);
        } else if (opt == "--hold-windows") {
            ok = parseNumber(val, a.holdWindows);
        } else if (opt == "--types") {
            ok = parseNumber(val, a.messageTypes) && a.messageTypes >= 1;
        } else if (opt == "--receive-type") {
            ok = parseNumber(val, a.params.receiveType);
        } else if (opt == "--check-order") {
            ok = parseFlag(val, a.checkOrder);
        } else if (opt == "--raw") {
            ok = parseFlag(val, a.raw);
        } else if (opt == "--fds") {
            ok = parseNumber(val, fdCount) && fdCount >= 0 && fdCount <= kMaxChannelFds;
        } else if (opt == "--param") {
            const auto eq = val.find('=');
            ok = eq != std::string_view::npos;
            if (ok) {
                a.params.values.emplace_back(std::string(val.substr(0, eq)),
                                             std::string(val.substr(eq + 1)));
            }
        } else {
            return Error{"unknown option " + std::string(opt)};
        }
        if (!ok) {
            return Error{"bad value for " + std::string(opt) + ": '" + std::string(val) + "'"};
        }
    }
    if (!haveMechanism || !haveRole) {
        return Error{"--mechanism and --role are required"};
    }
    for (int i = 0; i < fdCount; ++i) {
        a.params.fds.push_back(kFirstChannelFd + i);
    }
    return a;
}

} // namespace ipcscope
