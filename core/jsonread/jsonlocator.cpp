#include "jsonlocator.h"

#include <algorithm>
#include <charconv>
#include <optional>

namespace ipcscope {

namespace {

// Where the value at a path such as "variants[1].run.size" starts in a JSON text, so an
// error can name the line a teacher has to edit. QJsonDocument keeps no positions; the text
// has already parsed, so this only has to skip values, not check them. Nothing when the path
// is not there (a missing field) or cannot be followed (a key holding '.' or '[').
class JsonLocator {
public:
    explicit JsonLocator(std::string_view text)
        : m_s(text) {}

    std::optional<std::size_t> find(std::string_view path) {
        m_i = 0;
        space();
        while (!path.empty()) {
            if (path.front() == '[') {
                const std::size_t close = path.find(']');
                if (close == std::string_view::npos) {
                    return std::nullopt;
                }
                std::size_t index = 0;
                const auto [end, ec] = std::from_chars(path.data() + 1, path.data() + close, index);
                if (ec != std::errc() || end != path.data() + close || !enter('[', {}, index)) {
                    return std::nullopt;
                }
                path.remove_prefix(close + 1);
            } else {
                if (path.front() == '.') {
                    path.remove_prefix(1);
                }
                const std::size_t stop = std::min(path.find('.'), path.find('['));
                if (!enter('{', path.substr(0, stop), 0)) {
                    return std::nullopt;
                }
                path.remove_prefix(std::min(stop, path.size()));
            }
        }
        return m_i;
    }

private:
    bool at(char c) const { return m_i < m_s.size() && m_s[m_i] == c; }
    void space() {
        while (m_i < m_s.size() &&
               std::string_view(" \t\r\n").find(m_s[m_i]) != std::string_view::npos) {
            ++m_i;
        }
    }
    // At an opening quote: moves past the string, returns its raw text (escapes kept).
    std::string_view string() {
        const std::size_t start = ++m_i;
        while (m_i < m_s.size() && m_s[m_i] != '"') {
            m_i += m_s[m_i] == '\\' ? 2 : 1;
        }
        const std::string_view text = m_s.substr(start, std::min(m_i, m_s.size()) - start);
        ++m_i;
        return text;
    }
    void skipValue() {
        if (at('"')) {
            string();
            return;
        }
        if (!at('{') && !at('[')) {
            while (m_i < m_s.size() &&
                   std::string_view(",]} \t\r\n").find(m_s[m_i]) == std::string_view::npos) {
                ++m_i;
            }
            return;
        }
        std::size_t depth = 0; // iterative: a deeply nested file cannot exhaust the stack
        while (m_i < m_s.size()) {
            if (at('"')) {
                string();
                continue;
            }
            const char c = m_s[m_i++];
            if (c == '{' || c == '[') {
                ++depth;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return;
            }
        }
    }
    // Inside an object ('{') or an array ('['): moves to the value of `key` or to element
    // `index`.
    bool enter(char open, std::string_view key, std::size_t index) {
        if (!at(open)) {
            return false;
        }
        ++m_i;
        space();
        for (std::size_t k = 0; m_i < m_s.size() && !at(open == '{' ? '}' : ']'); ++k) {
            if (open == '{') {
                if (!at('"')) {
                    return false;
                }
                const std::string_view name = string();
                space();
                ++m_i; // ':'
                space();
                if (name == key) {
                    return true;
                }
            } else if (k == index) {
                return true;
            }
            skipValue();
            space();
            if (!at(',')) {
                return false;
            }
            ++m_i;
            space();
        }
        return false;
    }

    std::string_view m_s;
    std::size_t m_i = 0;
};

} // namespace

std::size_t jsonLineOf(std::string_view text, std::string path) {
    JsonLocator locator(text);
    while (true) {
        if (const auto offset = locator.find(path)) {
            return std::size_t(std::count(text.begin(), text.begin() + *offset, '\n')) + 1;
        }
        const std::size_t cut = path.find_last_of(".[");
        if (cut == std::string::npos || path.empty()) {
            return 1;
        }
        path.resize(cut);
    }
}

} // namespace ipcscope
