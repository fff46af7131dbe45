#include "workerargs.h"

#include <charconv>
#include <cstdlib>
#include <string_view>

namespace ipcscope {

namespace {

template <typename T> bool parseNumber(std::string_view text, T& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

} // namespace

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
        } else if (opt == "--rate") {
            char* end = nullptr;
            a.rate = std::strtod(val.data(), &end); // val views argv: NUL-terminated
            ok = end && *end == '\0' && a.rate >= 0;
        } else if (opt == "--quota") {
            ok = parseNumber(val, a.quota);
        } else if (opt == "--start-delay-ns") {
            ok = parseNumber(val, a.startDelayNs);
        } else if (opt == "--types") {
            ok = parseNumber(val, a.messageTypes) && a.messageTypes >= 1;
        } else if (opt == "--receive-type") {
            ok = parseNumber(val, a.params.receiveType);
        } else if (opt == "--check-order") {
            a.checkOrder = val == "1";
        } else if (opt == "--raw") {
            a.raw = val == "1";
        } else if (opt == "--fds") {
            ok = parseNumber(val, fdCount) && fdCount >= 0 && fdCount < 16;
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
