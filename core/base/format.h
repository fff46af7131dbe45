#pragma once

// Numbers as a person reads them: 1.5 KiB, 12.3 MiB/s, 850 µs.

#include <cstdint>
#include <string>
#include <string_view>

namespace ipcscope {

std::string formatBytes(double bytes);          // "512 B", "1.5 KiB", "3.20 MiB"
std::string formatRate(double bytesPerSecond);  // "1.5 KiB/s"
std::string formatDurationNs(std::uint64_t ns); // "850 ns", "12.3 µs", "4.20 ms", "2.4 s"
std::string formatCount(double value);          // "950", "12.3 k", "4.56 M"
std::string formatSysvKey(std::int32_t key);    // "0x1bc50001", as ipcs prints keys
// The same into `buf`, without allocating (a listing of 10,000 keys).
std::string_view sysvKeyText(std::int32_t key, char (&buf)[16]);
// Bytes as a C string literal's text: "hello\n\0" (\\, \", \n, \t, \r, \0, else \xNN).
std::string cEscaped(std::string_view bytes);
// One byte's escape alone: "h", "\n", "\0", "\x7f" (cEscaped() of that byte).
std::string cEscapedByte(char byte);
std::string hexBytes(std::string_view bytes); // "68 65 6c 6c 6f 00"

} // namespace ipcscope
