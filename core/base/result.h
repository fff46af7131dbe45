#pragma once

// A value or a human-readable error: the expected-style return used across the core
// (std::expected is C++23; this project is C++20).

#include <cerrno>
#include <string>
#include <utility>
#include <variant>

namespace ipcscope {

struct Error {
    std::string message; // a full sentence a person can act on
    int errnoValue = 0;  // the errno behind it, 0 when none

    static Error fromErrno(std::string what, int err = errno);
};

template <typename T> class [[nodiscard]] Result {
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_data); }
    const T& value() const& { return std::get<0>(m_data); }
    T&& value() && { return std::get<0>(std::move(m_data)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

// For operations that return nothing but may fail.
struct Ok {};
using Status = Result<Ok>;

} // namespace ipcscope
