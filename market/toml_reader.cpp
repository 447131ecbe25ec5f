#include "market/toml_reader.hpp"

#include <algorithm>
#include <charconv>

#include "core/input_error.hpp"
#include "core/input_text.hpp"

namespace moatsim::detail {
namespace {

// Echo limits in messages: a path may be long, a key holds a name or two, and the message
// itself holds at most a few lists of known keys or names.
constexpr std::size_t max_path_echo = 1024;
constexpr std::size_t max_key_echo = 160;
constexpr std::size_t max_message_echo = 2000;

std::string bound(double x) { return std::isinf(x) ? "inf" : format_number(x); }

std::string integer_range(std::int64_t lo, std::int64_t hi) {
    const bool open_hi = hi == int64_max;  // int_max is a real limit worth stating
    if (open_hi) return "an integer >= " + std::to_string(lo);
    return "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = up;
        }
    }
    return row[b.size()];
}

std::string in_quotes(std::string_view s) { return "'" + shown(s) + "'"; }

}  // namespace

bool Range::contains(double x) const noexcept {
    const bool above = lo_open ? x > lo : x >= lo;
    const bool below = hi_open ? x < hi : x <= hi;
    return above && below;
}

std::string Range::describe() const {
    const bool has_lo = !std::isinf(lo), has_hi = !std::isinf(hi);
    if (!has_lo && !has_hi) return "a finite number";
    if (!has_hi) return std::string("a number ") + (lo_open ? "> " : ">= ") + bound(lo);
    if (!has_lo) return std::string("a number ") + (hi_open ? "< " : "<= ") + bound(hi);
    return std::string("a number in ") + (lo_open ? "(" : "[") + bound(lo) + ", " + bound(hi) +
           (hi_open ? ")" : "]");
}

void TomlSource::fail(const Site& site, std::string_view what) const {
    // A merged (inherited) document holds nodes from several files: name the value's own.
    // Everything but the numbers may echo user text: escaped and cut (core/input_text.hpp).
    std::string message = shown(name_, max_path_echo);
    if (site.where && site.where->path) message = shown(*site.where->path, max_path_echo);
    if (site.where && site.where->begin.line > 0)
        message += ":" + std::to_string(site.where->begin.line) + ":" +
                   std::to_string(site.where->begin.column);
    message += ": ";
    if (!site.key.empty()) message += shown(site.key, max_key_echo) + ": ";
    message += shown(what, max_message_echo);
    throw InputError(message);
}

std::string format_number(double x) {
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, x);
    return std::string(buf, res.ptr);
}

std::string describe_value(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string: return "a string (\"" + shown(**node.as_string()) + "\")";
        case toml::node_type::integer: return std::to_string(*node.value<std::int64_t>());
        case toml::node_type::floating_point: return format_number(*node.value<double>());
        case toml::node_type::boolean: return *node.value<bool>() ? "true" : "false";
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time";
        case toml::node_type::date_time: return "a date-time";
        case toml::node_type::none: break;
    }
    return "nothing";
}

namespace {
// A wrong type is named by its type, so "got a float (2.5)" reads differently from "got 2.5".
std::string describe_type(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::integer: return "an integer (" + describe_value(node) + ")";
        case toml::node_type::floating_point: return "a float (" + describe_value(node) + ")";
        case toml::node_type::boolean: return "a boolean (" + describe_value(node) + ")";
        default: return describe_value(node);
    }
}
}  // namespace

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
    return out;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    std::size_t best = 3;
    const std::string* match = nullptr;
    for (const auto& c : candidates) {
        // Two edits turn any short name into any other, so require half the letters to stay.
        const std::size_t d = edit_distance(word, c);
        if (d < best && 2 * d <= std::max(word.size(), c.size())) best = d, match = &c;
    }
    return match ? " (did you mean " + in_quotes(*match) + "?)" : "";
}

double read_number(const TomlSource& src, const toml::node& node, const Site& site,
                   const Range& r) {
    if (!node.is_number()) src.fail(site, "expected " + r.describe() + ", got " + describe_type(node));
    const double x = node.is_integer() ? static_cast<double>(*node.value<std::int64_t>())
                                       : *node.value<double>();
    if (!std::isfinite(x) || !r.contains(x))
        src.fail(site, "expected " + r.describe() + ", got " + describe_value(node));
    return x;
}

std::int64_t read_integer(const TomlSource& src, const toml::node& node, const Site& site,
                          std::int64_t lo, std::int64_t hi) {
    if (!node.is_integer())
        src.fail(site, "expected " + integer_range(lo, hi) + ", got " + describe_type(node));
    const std::int64_t x = *node.value<std::int64_t>();
    if (x < lo || x > hi) src.fail(site, "expected " + integer_range(lo, hi) + ", got " + std::to_string(x));
    return x;
}

std::string read_string(const TomlSource& src, const toml::node& node, const Site& site) {
    if (!node.is_string()) src.fail(site, "expected a string, got " + describe_type(node));
    return *node.value<std::string>();
}

void check_name(const TomlSource& src, std::string_view name, const Site& site,
                std::string_view what) {
    const std::string problem = name_problem(name);
    if (!problem.empty())
        src.fail(site, "the " + std::string(what) + " \"" + shown(name) + "\" " + problem +
                           " (names and ids appear in CSV files, directory names and on the "
                           "terminal)");
}

std::string read_name(const TomlSource& src, const toml::node& node, const Site& site,
                      std::string_view what) {
    std::string name = read_string(src, node, site);
    check_name(src, name, site, what);
    return name;
}

void check_free_text(const TomlSource& src, std::string_view text, const Site& site) {
    // Newlines and tabs are fine in prose; other control characters drive terminals.
    std::string masked(text);
    for (char& c : masked)
        if (c == '\n' || c == '\t') c = ' ';
    const std::string problem = name_problem(masked);
    if (!problem.empty())
        src.fail(site, "the text " + problem + " (only tab and newline are allowed)");
}

const toml::table& read_table(const TomlSource& src, const toml::node& node, const Site& site) {
    if (!node.is_table()) src.fail(site, "expected a table, got " + describe_type(node));
    return *node.as_table();
}

const toml::array& read_array(const TomlSource& src, const toml::node& node, const Site& site) {
    if (!node.is_array()) src.fail(site, "expected an array, got " + describe_type(node));
    return *node.as_array();
}

YearMonth read_year_month(const TomlSource& src, const toml::node& node, const Site& site) {
    static constexpr std::string_view expected = "expected a \"YYYY-MM\" string (month 01..12), got ";
    if (!node.is_string()) src.fail(site, std::string(expected) + describe_type(node));
    const std::string s = *node.value<std::string>();
    const auto digits = [&](std::size_t from, std::size_t n) {
        return std::all_of(s.begin() + from, s.begin() + from + n,
                           [](char c) { return c >= '0' && c <= '9'; });
    };
    YearMonth ym;
    if (s.size() == 7 && s[4] == '-' && digits(0, 4) && digits(5, 2)) {
        ym.year = std::stoi(s.substr(0, 4));
        ym.month = std::stoi(s.substr(5, 2));
        if (ym.month >= 1 && ym.month <= 12) return ym;
    }
    src.fail(site, std::string(expected) + "\"" + shown(s) + "\"");
}

int read_choice(const TomlSource& src, const toml::node& node, const Site& site,
                const std::vector<std::string>& choices) {
    std::vector<std::string> listed;
    for (const auto& c : choices) listed.push_back(in_quotes(c));
    const std::string expected = "expected one of " + join(listed) + ", got ";
    if (!node.is_string()) src.fail(site, expected + describe_type(node));
    const std::string s = *node.value<std::string>();
    const auto it = std::find(choices.begin(), choices.end(), s);
    if (it == choices.end()) src.fail(site, expected + in_quotes(s) + did_you_mean(s, choices));
    return static_cast<int>(it - choices.begin());
}

TableReader::TableReader(const TomlSource& source, const toml::table& table, std::string path,
                         std::vector<std::string> allowed, std::string_view context)
    : source_(source), table_(table), path_(std::move(path)), allowed_(std::move(allowed)) {
    for (const auto& [key, node] : table_) {
        const std::string_view k = key.str();
        if (std::find(allowed_.begin(), allowed_.end(), k) != allowed_.end()) continue;
        const std::string hint = did_you_mean(k, allowed_);
        source_.fail({"", &key.source()},
                     "unknown key " + in_quotes(key_path(k)) + std::string(context) +
                         (hint.empty() ? " (allowed: " + join(allowed_) + ")" : hint));
    }
}

std::string TableReader::key_path(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

Site TableReader::site(std::string_view key) const {
    const auto it = table_.find(key);
    if (it != table_.end()) return {key_path(key), &it->first.source()};
    return {key_path(key), path_.empty() ? nullptr : &table_.source()};
}

const toml::node* TableReader::find(std::string_view key) const {
    if (std::find(allowed_.begin(), allowed_.end(), key) == allowed_.end())
        throw std::logic_error("TableReader: key '" + std::string(key) + "' not declared");
    return table_.get(key);
}

const toml::node& TableReader::require(std::string_view key, std::string_view expected) const {
    const toml::node* node = find(key);
    if (!node) fail(key, "required key is missing (expected " + std::string(expected) + ")");
    return *node;
}

void TableReader::fail(std::string_view key, std::string_view what) const {
    source_.fail(site(key), what);
}

double TableReader::number(std::string_view key, double fallback, const Range& r) const {
    const toml::node* node = find(key);
    return node ? read_number(source_, *node, site(key), r) : fallback;
}

double TableReader::require_number(std::string_view key, const Range& r) const {
    return read_number(source_, require(key, r.describe()), site(key), r);
}

std::int64_t TableReader::integer(std::string_view key, std::int64_t fallback, std::int64_t lo,
                                  std::int64_t hi) const {
    const toml::node* node = find(key);
    return node ? read_integer(source_, *node, site(key), lo, hi) : fallback;
}

std::string TableReader::string(std::string_view key, std::string fallback) const {
    const toml::node* node = find(key);
    return node ? read_string(source_, *node, site(key)) : std::move(fallback);
}

std::string TableReader::require_string(std::string_view key) const {
    return read_string(source_, require(key, "a string"), site(key));
}

int TableReader::choice(std::string_view key, int fallback,
                        const std::vector<std::string>& choices) const {
    const toml::node* node = find(key);
    return node ? read_choice(source_, *node, site(key), choices) : fallback;
}

int TableReader::require_choice(std::string_view key, const std::vector<std::string>& choices) const {
    std::vector<std::string> listed;
    for (const auto& c : choices) listed.push_back(in_quotes(c));
    return read_choice(source_, require(key, "one of " + join(listed)), site(key), choices);
}

YearMonth TableReader::require_year_month(std::string_view key) const {
    return read_year_month(source_, require(key, "a \"YYYY-MM\" string"), site(key));
}

const toml::table* TableReader::subtable(std::string_view key) const {
    const toml::node* node = find(key);
    return node ? &read_table(source_, *node, site(key)) : nullptr;
}

const toml::array* TableReader::array(std::string_view key) const {
    const toml::node* node = find(key);
    return node ? &read_array(source_, *node, site(key)) : nullptr;
}

}  // namespace moatsim::detail
