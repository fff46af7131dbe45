#pragma once

// A small streaming JSON writer: objects, arrays, numbers, strings. Used for the reports and
// listings the CLI prints: appends to one std::string (no DOM, no iostreams), fast enough for
// tens of thousands of objects.

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
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
        separator();
        string(k);
        m_out += ':';
        m_afterKey = true;
    }
    void value(std::string_view v) {
        separator();
        string(v);
    }
    void value(const char* v) { value(std::string_view(v)); }
    void value(const std::string& v) { value(std::string_view(v)); }
    void value(bool v) {
        separator();
        m_out += v ? "true" : "false";
    }
    void value(double v) {
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
        separator();
        char buf[24];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        m_out.append(buf, std::size_t(r.ptr - buf));
    }
    void null() {
        separator();
        m_out += "null";
    }
    template <typename T> void field(std::string_view k, const T& v) {
        key(k);
        value(v);
    }
    const std::string& str() const { return m_out; }
    // Writes what is written so far to `f` and forgets it (open objects and arrays stay open):
    // a long listing need not be held whole.
    void drainTo(std::FILE* f) {
        std::fwrite(m_out.data(), 1, m_out.size(), f);
        m_out.clear();
    }

private:
    void open(char c) {
        separator();
        m_out += c;
        m_first = true;
    }
    void close(char c) {
        m_out += c;
        m_first = false;
    }
    void separator() {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (!m_first) {
            m_out += ',';
        }
        m_first = false;
    }
    void string(std::string_view s) {
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

    std::string m_out;
    bool m_first = true;
    bool m_afterKey = false;
};

} // namespace ipcscope
