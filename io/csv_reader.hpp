#pragma once
// Reading the CSV tables moatsim writes (RFC 4180 quoting), for charts and reports. Every
// error is an InputError naming the file, and the line where there is one, because the
// tables may have been edited, truncated or produced by another version.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace moatsim {

/// The last tick a result file can hold: the loader's longest horizon (run.ticks <= 12000).
inline constexpr int max_result_tick = 12000;

struct CsvRow {
    int line = 0;                     // 1-based line where the row starts
    std::vector<std::string> fields;  // unquoted
};

class CsvTable {
public:
    std::filesystem::path file;
    std::vector<std::string> header;
    std::vector<CsvRow> rows;

    /// Index of a column, or npos.
    [[nodiscard]] std::size_t find_column(std::string_view name) const noexcept;
    /// Index of a column. @throws InputError "<file>: no column 'x' (columns: ...)".
    [[nodiscard]] std::size_t column(std::string_view name) const;
    /// A field as a number; an empty field is NaN (how moatsim writes "no value").
    /// @throws InputError "<file>:<line>: column 'x': expected a number, got 'abc'".
    [[nodiscard]] double number(const CsvRow& row, std::size_t column) const;
    /// A field as an integer. @throws InputError as number().
    [[nodiscard]] int integer(const CsvRow& row, std::size_t column) const;
    /// A field as a tick: an integer from 0 to max_result_tick, so that date arithmetic on it
    /// (tick 0's date = a row's date - its tick) cannot overflow.
    /// @throws InputError "<file>:<line>: column 'tick': expected a tick from 0 to 12000, got 'x'".
    [[nodiscard]] int tick(const CsvRow& row, std::size_t column) const;
};

/// Parses CSV text; `file` names it in messages. Every row must have as many fields as the
/// header. @throws InputError on an empty text, an unterminated quote or a short/long row.
[[nodiscard]] CsvTable parse_csv(std::string_view text, const std::filesystem::path& file);

/// Reads and parses a CSV file. @throws InputError if it is missing or unreadable, or as
/// parse_csv.
[[nodiscard]] CsvTable read_csv(const std::filesystem::path& file);

}  // namespace moatsim
