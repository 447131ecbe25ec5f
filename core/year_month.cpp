#include "core/year_month.hpp"

#include <cstdio>

namespace moatsim {

YearMonth YearMonth::plus_months(int months) const noexcept {
    const int total = year * 12 + (month - 1) + months;
    return {total / 12, total % 12 + 1};
}

int YearMonth::months_since(const YearMonth& origin) const noexcept {
    return (year * 12 + month) - (origin.year * 12 + origin.month);
}

std::string YearMonth::to_string() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return buf;
}

std::optional<YearMonth> parse_year_month(std::string_view text) {
    if (text.size() != 7 || text[4] != '-') return std::nullopt;
    for (const int i : {0, 1, 2, 3, 5, 6})
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    const auto number = [&](std::size_t from, std::size_t n) {
        int v = 0;
        for (std::size_t i = from; i < from + n; ++i) v = v * 10 + (text[i] - '0');
        return v;
    };
    const int month = number(5, 2);
    if (month < 1 || month > 12) return std::nullopt;
    return YearMonth{number(0, 4), month};
}

bool parse_year_month(std::string_view text, YearMonth& out) {
    const std::optional<YearMonth> parsed = parse_year_month(text);
    if (parsed) out = *parsed;
    return parsed.has_value();
}

}  // namespace moatsim
