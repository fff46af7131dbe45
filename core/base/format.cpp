#include "format.h"

#include <array>
#include <cmath>
#include <cstdio>

namespace ipcscope {

namespace {

std::string scaled(double value, double base, const std::array<const char*, 5>& units) {
    std::size_t unit = 0;
    double v = value;
    while (std::fabs(v) >= base && unit + 1 < units.size()) {
        v /= base;
        ++unit;
    }
    char buf[64];
    if (unit == 0) {
        std::snprintf(buf, sizeof buf, "%.0f%s", v, units[0]);
    } else {
        std::snprintf(buf, sizeof buf,
                      std::fabs(v) < 10 ? "%.2f%s" : (std::fabs(v) < 100 ? "%.1f%s" : "%.0f%s"), v,
                      units[unit]);
    }
    return buf;
}

} // namespace

std::string formatBytes(double bytes) {
    return scaled(bytes, 1024.0, {" B", " KiB", " MiB", " GiB", " TiB"});
}

std::string formatRate(double bytesPerSecond) {
    return formatBytes(bytesPerSecond) + "/s";
}

std::string formatCount(double value) {
    return scaled(value, 1000.0, {"", " k", " M", " G", " T"});
}

std::string formatDurationNs(std::uint64_t ns) {
    char buf[64];
    const double v = double(ns);
    if (ns < 1'000) {
        std::snprintf(buf, sizeof buf, "%llu ns", static_cast<unsigned long long>(ns));
    } else if (ns < 1'000'000) {
        std::snprintf(buf, sizeof buf, "%.1f µs", v / 1e3);
    } else if (ns < 1'000'000'000) {
        std::snprintf(buf, sizeof buf, "%.1f ms", v / 1e6);
    } else {
        std::snprintf(buf, sizeof buf, "%.1f s", v / 1e9);
    }
    return buf;
}

std::string_view sysvKeyText(std::int32_t key, char (&buf)[16]) {
    // By hand: snprintf's format parsing was a tenth of `ls --json` at 10,000 queues.
    static constexpr char kHex[] = "0123456789abcdef";
    const auto bits = std::uint32_t(key);
    buf[0] = '0';
    buf[1] = 'x';
    for (int i = 0; i < 8; ++i) {
        buf[2 + i] = kHex[(bits >> (28 - 4 * i)) & 15];
    }
    return {buf, 10};
}

std::string formatSysvKey(std::int32_t key) {
    char buf[16];
    return std::string(sysvKeyText(key, buf));
}

std::string cEscapedByte(char byte) {
    switch (byte) {
    case '\\':
        return "\\\\";
    case '"':
        return "\\\"";
    case '\n':
        return "\\n";
    case '\t':
        return "\\t";
    case '\r':
        return "\\r";
    case '\0':
        return "\\0";
    default:
        break;
    }
    const auto u = static_cast<unsigned char>(byte);
    if (u >= 0x20 && u < 0x7f) {
        return std::string(1, byte);
    }
    static constexpr char kHex[] = "0123456789abcdef";
    return {'\\', 'x', kHex[u >> 4], kHex[u & 15]};
}

std::string cEscaped(std::string_view bytes) {
    std::string out;
    for (char c : bytes) {
        out += cEscapedByte(c);
    }
    return out;
}

std::string hexBytes(std::string_view bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (!out.empty()) {
            out += ' ';
        }
        out += kHex[u >> 4];
        out += kHex[u & 15];
    }
    return out;
}

} // namespace ipcscope
