#pragma once
// Formatting of single CSV fields, shared by every table moatsim writes.
#include <fmt/format.h>

#include <cmath>
#include <string>

namespace moatsim {

/// A text field, quoted (RFC 4180) only when CSV needs it.
[[nodiscard]] inline std::string csv_text(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string quoted = "\"";
    for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

/// Shortest round-trip text for a number; empty (NA to pandas and R) for NaN.
[[nodiscard]] inline std::string csv_number(double v) {
    return std::isnan(v) ? std::string() : fmt::format("{}", v);
}

}  // namespace moatsim
