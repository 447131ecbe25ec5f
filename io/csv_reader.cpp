#include "io/csv_reader.hpp"
#include "io/read_budget.hpp"

#include <charconv>
#include <fstream>
#include <limits>
#include <sstream>

#include "core/input_error.hpp"

namespace moatsim {
namespace {

std::string where(const std::filesystem::path& file, int line) {
    return file.string() + ":" + std::to_string(line);
}

std::string shown(std::string_view field) {
    return field.size() > 40 ? std::string(field.substr(0, 40)) + "..." : std::string(field);
}

}  // namespace

std::size_t CsvTable::find_column(std::string_view name) const noexcept {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return i;
    return static_cast<std::size_t>(-1);
}

std::size_t CsvTable::column(std::string_view name) const {
    const std::size_t i = find_column(name);
    if (i != static_cast<std::size_t>(-1)) return i;
    std::string all;
    for (const auto& h : header) all += (all.empty() ? "" : ", ") + h;
    throw InputError(file.string() + ": no column '" + std::string(name) + "' (columns: " + all + ")");
}

double CsvTable::number(const CsvRow& row, std::size_t col) const {
    const std::string& f = row.fields.at(col);
    if (f.empty()) return std::numeric_limits<double>::quiet_NaN();
    double v = 0;
    const auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
    if (ec != std::errc() || end != f.data() + f.size())
        throw InputError(where(file, row.line) + ": column '" + header[col] +
                         "': expected a number, got '" + shown(f) + "'");
    return v;
}

int CsvTable::integer(const CsvRow& row, std::size_t col) const {
    const std::string& f = row.fields.at(col);
    int v = 0;
    const auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
    if (f.empty() || ec != std::errc() || end != f.data() + f.size())
        throw InputError(where(file, row.line) + ": column '" + header[col] +
                         "': expected an integer, got '" + shown(f) + "'");
    return v;
}

int CsvTable::tick(const CsvRow& row, std::size_t col) const {
    const int v = integer(row, col);
    if (v < 0 || v > max_result_tick)
        throw InputError(where(file, row.line) + ": column '" + header[col] + "': expected a tick from 0 to " +
                         std::to_string(max_result_tick) + ", got '" + shown(row.fields[col]) + "'");
    return v;
}

CsvTable parse_csv(std::string_view text, const std::filesystem::path& file) {
    // A UTF-8 byte-order mark (spreadsheets write one) is not part of the first column's name.
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    CsvTable t;
    t.file = file;
    std::vector<std::string> fields;
    std::string field;
    int line = 1, row_line = 1;
    bool quoted = false, any = false;
    const auto end_row = [&] {
        fields.push_back(std::move(field));
        field.clear();
        if (t.header.empty()) {
            t.header = std::move(fields);
        } else {
            if (fields.size() != t.header.size())
                throw InputError(where(file, row_line) + ": expected " +
                                 std::to_string(t.header.size()) + " fields (as in the header), got " +
                                 std::to_string(fields.size()));
            t.rows.push_back({row_line, std::move(fields)});
        }
        fields.clear();
        any = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
            else if (c == '"') quoted = false;
            else field += c, line += c == '\n';
            continue;
        }
        if (c == '"' && field.empty()) { quoted = any = true; continue; }
        if (c == ',') { fields.push_back(std::move(field)); field.clear(); any = true; continue; }
        if (c == '\r') continue;
        if (c == '\n') {
            // Blank lines carry no row (a trailing newline, or one added by an editor).
            if (any || !field.empty()) end_row();
            row_line = ++line;
            continue;
        }
        field += c;
        any = true;
    }
    if (quoted) throw InputError(where(file, row_line) + ": unterminated quoted field");
    if (any || !field.empty()) end_row();
    if (t.header.empty()) throw InputError(file.string() + ": empty file, expected a CSV header");
    return t;
}

CsvTable read_csv(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw InputError(file.string() + (std::filesystem::exists(file, ec)
                                              ? ": not a regular file (a directory, device or "
                                                "FIFO); expected a CSV file"
                                              : ": no such file"));
    require_memory_to_read(file, csv_table_read_factor, "a CSV file");
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) throw InputError(file.string() + ": cannot read");
    return parse_csv(text.str(), file);
}

}  // namespace moatsim
