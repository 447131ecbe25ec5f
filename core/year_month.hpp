#pragma once
// Calendar months, the model's time axis: tick t is a scenario's start plus t months. The one
// place "YYYY-MM" is parsed and formatted (scenario files, CSV date columns, resolved files).
#include <optional>
#include <string>
#include <string_view>

namespace moatsim {

/// Calendar month; tick t is `start` plus t months.
struct YearMonth {
    int year = 2025;
    int month = 1;  // 1..12
    [[nodiscard]] YearMonth plus_months(int months) const noexcept;
    [[nodiscard]] int months_since(const YearMonth& origin) const noexcept;
    [[nodiscard]] std::string to_string() const;  // "YYYY-MM"
    friend bool operator==(const YearMonth&, const YearMonth&) = default;
};

/// "YYYY-MM" (four digits, '-', two digits, month 01..12) -> YearMonth; nullopt otherwise.
[[nodiscard]] std::optional<YearMonth> parse_year_month(std::string_view text);

/// The same, for callers that test and assign: false (out unchanged) if text is no such date.
[[nodiscard]] bool parse_year_month(std::string_view text, YearMonth& out);

}  // namespace moatsim
