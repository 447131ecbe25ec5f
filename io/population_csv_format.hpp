#pragma once
// The population file's syntax, shared by its reader and writer: its columns, CSV quoting
// and field scanning (io/population_csv.hpp is the public interface).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace moatsim::detail {

// What a file column holds; `vendor` indexes Population::taste for Field::taste.
enum class Field : std::uint8_t { id, size, alpha, beta, phi, home_cloud, taste, adopted };
struct Column {
    std::string name;
    Field field;
    std::size_t vendor = 0;
};

/// The columns in the order the writer uses (the reader accepts any order).
[[nodiscard]] std::vector<Column> expected_columns(const std::vector<std::string>& vendor_names);

[[nodiscard]] inline bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

/// RFC 4180 quoting where needed, and of edge blanks, since the reader trims those.
[[nodiscard]] std::string csv_field(std::string_view text);

[[nodiscard]] std::string joined(const std::vector<std::string>& items, const char* separator);

/// The header row (no newline) for `cols`.
[[nodiscard]] std::string header_line(const std::vector<Column>& cols);

enum class Scan { ok, unterminated, junk_after_quote };

/// Reads the field at p, trimmed of blanks and unquoted ("" stands for "); leaves p on the
/// ',' that ends it, or at end. Fields never span lines: the loader splits the file at
/// newlines to parse it in parallel, and no name in a scenario holds a newline.
/// `scratch` holds the unquoted text of a quoted field, which `text` then views.
Scan scan_field(const char*& p, const char* end, std::string_view& text, std::string& scratch);

/// The columns of a header line, in file order, mapped onto `expected` (any order; a leading
/// UTF-8 BOM and a CR are ignored). @throws InputError "<where>:1: ..." naming missing,
/// unknown or repeated columns.
[[nodiscard]] std::vector<Column> parse_header(std::string_view line,
                                               const std::vector<Column>& expected,
                                               const std::string& where);

/// The number of fields on a line (without its newline).
[[nodiscard]] std::size_t count_fields(const char* p, const char* end);

}  // namespace moatsim::detail
