#pragma once

// A small streaming JSON writer: objects, arrays, numbers, strings. Used for the reports and
// listings the CLI prints: appends to one std::string (no DOM, no iostreams), fast enough for
// tens of thousands of objects.

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace ipcscope {

class JsonWriter {
public:
    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    void key(std::string_view k) {
        flushStage();
        // The usual key (short, nothing to escape) goes in with its comma, quotes and colon in
        // one append: a listing of 10,000 objects has 200,000 keys.
        char buf[64];
        if (k.size() + 4 <= sizeof buf && plain(k)) {
            std::size_t n = 0;
            if (separatorNeeded()) {
                buf[n++] = ',';
            }
            buf[n++] = '"';
            k.copy(buf + n, k.size());
            n += k.size();
            buf[n++] = '"';
            buf[n++] = ':';
            m_out.append(buf, n);
        } else {
            separator();
            string(k);
            m_out += ':';
        }
        m_afterKey = true;
    }
    void value(std::string_view v) {
        flushStage();
        separator();
        string(v);
    }
    void value(const char* v) { value(std::string_view(v)); }
    void value(const std::string& v) { value(std::string_view(v)); }
    void value(bool v) {
        flushStage();
        separator();
        m_out += v ? "true" : "false";
    }
    void value(double v) {
        flushStage();
        separator();
        if (!std::isfinite(v)) {
            m_out += "null";
            return;
        }
        // The shortest text that reads back as exactly this double (%.6g printed a rate of
        // 123456.789 as 123457).
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        m_out.append(buf, std::size_t(r.ptr - buf));
    }
    template <typename T>
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool>) void value(T v) {
        flushStage();
        char buf[24];
        char* at = buf;
        if (separatorNeeded()) {
            *at++ = ',';
        }
        const auto r = std::to_chars(at, buf + sizeof buf, v);
        m_out.append(buf, std::size_t(r.ptr - buf));
    }
    void null() {
        flushStage();
        separator();
        m_out += "null";
    }
    template <typename T> void field(std::string_view k, const T& v) {
        key(k);
        value(v);
    }
    // A key the program spells, a string literal (nothing in it to escape), with a number, a
    // bool or a short plain string: `,"key":value` written straight into the stage (flushStage),
    // without the key's escape check. `ls --json` writes 180,000 fields for 10,000 queues, and the
    // general path's checks and appends were a third of its work.
    template <std::size_t N, typename T> void field(const char (&k)[N], const T& v) {
        constexpr std::size_t kKey = N - 1;
        if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
            char* at = stageFor(kKey + 4 + 24);
            at = literalKeyInto(at, k);
            m_staged = std::size_t(std::to_chars(at, m_stage + sizeof m_stage, v).ptr - m_stage);
        } else if constexpr (std::is_same_v<T, bool>) {
            char* at = literalKeyInto(stageFor(kKey + 4 + 5), k);
            const std::string_view text = v ? "true" : "false";
            m_staged = std::size_t(std::copy(text.begin(), text.end(), at) - m_stage);
        } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
            const std::string_view text(v);
            if (text.size() <= 64 && plain(text)) {
                char* at = literalKeyInto(stageFor(kKey + 4 + 66), k);
                *at++ = '"';
                at = std::copy(text.begin(), text.end(), at);
                *at++ = '"';
                m_staged = std::size_t(at - m_stage);
            } else {
                key(std::string_view(k, kKey));
                value(text);
            }
        } else {
            key(std::string_view(k, kKey));
            value(v);
        }
    }
    const std::string& str() const {
        flushStage();
        return m_out;
    }
    // Writes what is written so far to `f` and forgets it (open objects and arrays stay open):
    // a long listing need not be held whole.
    void drainTo(std::FILE* f) {
        flushStage();
        std::fwrite(m_out.data(), 1, m_out.size(), f);
        m_out.clear();
    }

private:
    void open(char c) {
        flushStage();
        separator();
        m_out += c;
        m_first = true;
    }
    void close(char c) {
        flushStage();
        m_out += c;
        m_first = false;
    }
    // Whether a comma comes before the next key or value; moves past it either way.
    bool separatorNeeded() {
        if (m_afterKey) {
            m_afterKey = false;
            return false;
        }
        const bool comma = !m_first;
        m_first = false;
        return comma;
    }
    void separator() {
        if (separatorNeeded()) {
            m_out += ',';
        }
    }
    // Fields with literal keys gather here and go into m_out at the next other write: one
    // append per object instead of one (and a memcpy call) per field. Every other write, and
    // str() and drainTo(), first flush it.
    void flushStage() const {
        if (m_staged != 0) {
            m_out.append(m_stage, m_staged);
            m_staged = 0;
        }
    }
    // Where `n` more bytes can be staged (flushing first when they would not fit). Inline: a
    // call per field was a tenth of the fast path's work.
    [[gnu::always_inline]] char* stageFor(std::size_t n) {
        if (m_staged + n > sizeof m_stage) [[unlikely]] {
            flushStage();
        }
        return m_stage + m_staged;
    }
    // `,"key":` (the comma if one is due) at `at`; returns the end.
    template <std::size_t N> char* literalKeyInto(char* at, const char (&k)[N]) {
        assert(std::char_traits<char>::length(k) == N - 1 && plain(std::string_view(k, N - 1)));
        if (separatorNeeded()) {
            *at++ = ',';
        }
        *at++ = '"';
        std::memcpy(at, k, N - 1); // a compile-time length: a few moves, no call
        at += N - 1;
        *at++ = '"';
        *at++ = ':';
        return at;
    }
    static bool plain(std::string_view s) {
        for (char ch : s) {
            const auto c = static_cast<unsigned char>(ch);
            if (c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
    void string(std::string_view s) {
        char buf[64];
        if (s.size() + 2 <= sizeof buf && plain(s)) { // one append for the usual short value
            buf[0] = '"';
            s.copy(buf + 1, s.size());
            buf[s.size() + 1] = '"';
            m_out.append(buf, s.size() + 2);
            return;
        }
        m_out += '"';
        std::size_t plain = 0; // start of the run of characters that need no escaping
        for (std::size_t i = 0; i < s.size(); ++i) {
            const unsigned char c = static_cast<unsigned char>(s[i]);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            m_out.append(s.data() + plain, i - plain);
            plain = i + 1;
            switch (c) {
            case '"':
                m_out += "\\\"";
                break;
            case '\\':
                m_out += "\\\\";
                break;
            case '\n':
                m_out += "\\n";
                break;
            case '\t':
                m_out += "\\t";
                break;
            case '\r':
                m_out += "\\r";
                break;
            default: {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                m_out += buf;
            }
            }
        }
        m_out.append(s.data() + plain, s.size() - plain);
        m_out += '"';
    }

    mutable std::string m_out;
    mutable char m_stage[1024];
    mutable std::size_t m_staged = 0;
    bool m_first = true;
    bool m_afterKey = false;
};

} // namespace ipcscope
