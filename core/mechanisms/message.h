#pragma once

// The messages producers send: a 16-byte header (sequence number, producer, checksum) and a
// payload. Consumers verify every byte, so torn, interleaved or truncated messages are caught.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

namespace ipcscope {

struct MessageHeader {
    std::uint64_t seq;
    std::uint32_t producer;
    std::uint32_t checksum;
};
static_assert(sizeof(MessageHeader) == 16);

inline constexpr std::uint32_t kMinMessageSize = sizeof(MessageHeader);
// Buffers handed to endpoints have this many scratch bytes before the message (System V
// msgsnd wants the message type in front of the text; no extra copy needed).
inline constexpr std::size_t kMessageHeadroom = sizeof(long);

// A fast 64-bit hash with four independent lanes (not cryptographic: it only has to catch
// torn and mixed-up messages).
inline std::uint64_t hashBytes(const std::byte* data, std::size_t size, std::uint64_t seed) {
    constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
    std::uint64_t h[4] = {seed ^ k, seed + k, seed * 3 + 1, ~seed};
    std::size_t i = 0;
    for (; i + 32 <= size; i += 32) {
        for (int lane = 0; lane < 4; ++lane) {
            std::uint64_t w;
            std::memcpy(&w, data + i + lane * 8, 8);
            h[lane] = (h[lane] ^ w) * k;
        }
    }
    std::uint64_t tail = 0;
    for (; i < size; ++i) {
        tail = (tail << 8 | std::uint64_t(data[i])) * 31;
    }
    std::uint64_t r = h[0] ^ (h[1] >> 7) ^ (h[2] << 11) ^ (h[3] >> 13) ^ tail ^ size;
    r ^= r >> 29;
    r *= k;
    return r ^ (r >> 32);
}

inline std::uint32_t messageChecksum(std::uint64_t seq, std::uint32_t producer,
                                     std::span<const std::byte> payload) {
    const std::uint64_t h =
        hashBytes(payload.data(), payload.size(), seq * 0x100000001B3ull ^ producer);
    return std::uint32_t(h ^ (h >> 32));
}

// Fills a producer's payload once; stamps header and checksum per message.
class MessageStamper {
public:
    MessageStamper(std::span<std::byte> message, std::uint32_t producer)
        : m_message(message)
        , m_producer(producer) {
        for (std::size_t i = sizeof(MessageHeader); i < message.size(); ++i) {
            message[i] = std::byte((producer * 131u + i * 7u + 0x5au) & 0xffu);
        }
    }

    void stamp(std::uint64_t seq) {
        MessageHeader h{seq, m_producer,
                        messageChecksum(seq, m_producer, m_message.subspan(sizeof(MessageHeader)))};
        std::memcpy(m_message.data(), &h, sizeof h);
    }

private:
    std::span<std::byte> m_message;
    std::uint32_t m_producer;
};

// nullopt when the message is not intact.
struct VerifiedMessage {
    std::uint64_t seq;
    std::uint32_t producer;
};

inline bool verifyMessage(std::span<const std::byte> message, std::uint32_t producerCount,
                          VerifiedMessage& out) {
    if (message.size() < sizeof(MessageHeader)) {
        return false;
    }
    MessageHeader h;
    std::memcpy(&h, message.data(), sizeof h);
    if (h.producer >= producerCount) {
        return false;
    }
    if (messageChecksum(h.seq, h.producer, message.subspan(sizeof(MessageHeader))) != h.checksum) {
        return false;
    }
    out = VerifiedMessage{h.seq, h.producer};
    return true;
}

} // namespace ipcscope
