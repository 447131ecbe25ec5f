#include "io/population_csv_format.hpp"

#include <algorithm>
#include <cstring>

#include "core/input_error.hpp"
#include "core/input_text.hpp"

namespace moatsim::detail {

std::vector<Column> expected_columns(const std::vector<std::string>& vendor_names) {
    std::vector<Column> cols = {{"id", Field::id},       {"size", Field::size},
                                {"alpha", Field::alpha}, {"beta", Field::beta},
                                {"phi", Field::phi},     {"home_cloud", Field::home_cloud}};
    for (std::size_t m = 0; m < vendor_names.size(); ++m)
        cols.push_back({"taste_" + vendor_names[m], Field::taste, m});
    cols.push_back({"adopted", Field::adopted});
    return cols;
}

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos &&
        (text.empty() || (!is_blank(text.front()) && !is_blank(text.back()))))
        return std::string(text);
    std::string quoted = "\"";
    for (const char c : text)
        quoted += c == '"' ? std::string_view("\"\"") : std::string_view(&c, 1);
    return quoted + "\"";
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

std::string header_line(const std::vector<Column>& cols) {
    std::vector<std::string> names;
    for (const auto& c : cols) names.push_back(csv_field(c.name));
    return joined(names, ",");
}

// ---------------------------------------------------------------------------------- reading

Scan scan_field(const char*& p, const char* end, std::string_view& text, std::string& scratch) {
    while (p != end && is_blank(*p)) ++p;
    if (p == end || *p != '"') {
        const auto* comma =
            static_cast<const char*>(std::memchr(p, ',', static_cast<std::size_t>(end - p)));
        const char* stop = comma != nullptr ? comma : end;
        const char* last = stop;
        while (last != p && is_blank(last[-1])) --last;
        text = std::string_view(p, static_cast<std::size_t>(last - p));
        p = stop;
        return Scan::ok;
    }
    scratch.clear();
    for (++p;; ++p) {  // each turn starts after an opening or a doubled quote
        const auto* q =
            static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)));
        if (q == nullptr) return Scan::unterminated;
        scratch.append(p, q);
        p = q + 1;
        if (p == end || *p != '"') break;
        scratch += '"';
    }
    text = scratch;
    while (p != end && is_blank(*p)) ++p;
    return p == end || *p == ',' ? Scan::ok : Scan::junk_after_quote;
}

std::size_t count_fields(const char* p, const char* end) {
    std::string scratch;
    std::string_view text;
    std::size_t n = 1;
    for (; scan_field(p, end, text, scratch) == Scan::ok && p != end; ++p) ++n;
    return n;
}

// Maps the header's columns onto the expected ones, in file order.
std::vector<Column> parse_header(std::string_view line, const std::vector<Column>& expected,
                                 const std::string& where) {
    if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // spreadsheet BOM
    if (line.find_first_not_of(" \t\r") == std::string_view::npos)
        throw InputError(where + ":1: empty file or empty header line (expected the columns " +
                         header_line(expected) + ")");
    if (line.back() == '\r') line.remove_suffix(1);
    std::vector<Column> cols;
    std::vector<bool> seen(expected.size(), false);
    std::vector<std::string> unknown, missing;
    std::string scratch;
    const char* p = line.data();
    for (bool first = true; first || p != line.data() + line.size(); first = false) {
        std::string_view name;
        if (!first) ++p;
        if (scan_field(p, line.data() + line.size(), name, scratch) != Scan::ok)
            throw InputError(where + ":1: malformed quoted column name in the header");
        const auto it = std::find_if(expected.begin(), expected.end(),
                                     [&](const Column& c) { return c.name == name; });
        if (it == expected.end()) {
            if (unknown.size() < 8) unknown.push_back("'" + shown(name) + "'");
        } else if (seen[static_cast<std::size_t>(it - expected.begin())]) {
            throw InputError(where + ":1: column '" + it->name + "' appears twice");
        } else {
            seen[static_cast<std::size_t>(it - expected.begin())] = true;
            cols.push_back(*it);
        }
    }
    for (std::size_t k = 0; k < expected.size(); ++k)
        if (!seen[k]) missing.push_back("'" + expected[k].name + "'");
    if (missing.empty() && unknown.empty()) return cols;
    std::string problem = missing.empty() ? "" : "missing column(s) " + joined(missing, ", ");
    if (!unknown.empty())
        problem += (problem.empty() ? "" : "; ") + ("unknown column(s) " + joined(unknown, ", "));
    throw InputError(where + ":1: " + problem + " (expected the columns " + header_line(expected) +
                     ", in any order)");
}

}  // namespace moatsim::detail
