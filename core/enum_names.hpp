#pragma once
// One spelling per enum value, used by every reader and writer of scenarios, manifests,
// CSVs and the command line: to_string(e) and parse_enum<E>(text). Each enum's table of
// (value, name) pairs lives next to the enum (core/modes.hpp, ...) as a specialisation of
// EnumNames<E>; nothing else maps a string to an enum or back.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace moatsim {

/// Specialise with `static constexpr std::array<std::pair<E, std::string_view>, N> table`.
template <class E>
struct EnumNames;

template <class E>
concept NamedEnum = requires { EnumNames<E>::table; };

/// The name of e ("" for a value missing from the table, which a test rules out).
template <NamedEnum E>
[[nodiscard]] constexpr std::string_view to_string(E e) noexcept {
    for (const auto& [value, name] : EnumNames<E>::table)
        if (value == e) return name;
    return {};
}

/// The value named `text`, or nullopt.
template <NamedEnum E>
[[nodiscard]] constexpr std::optional<E> parse_enum(std::string_view text) noexcept {
    for (const auto& [value, name] : EnumNames<E>::table)
        if (name == text) return value;
    return std::nullopt;
}

/// Every name, in table order, for "expected one of ..." messages and choice readers.
template <NamedEnum E>
[[nodiscard]] std::vector<std::string> enum_names() {
    std::vector<std::string> out;
    for (const auto& entry : EnumNames<E>::table) out.emplace_back(entry.second);
    return out;
}

/// The value at position i of enum_names<E>() (choice readers return positions).
template <NamedEnum E>
[[nodiscard]] constexpr E enum_at(std::size_t i) noexcept {
    return EnumNames<E>::table[i].first;
}

}  // namespace moatsim
