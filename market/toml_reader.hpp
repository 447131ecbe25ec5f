#pragma once
// Typed, position-aware reading of a parsed TOML document, for the scenario loader only
// (it is the one file that includes this header). Every failure throws an InputError that
// names the file, line and column, the dotted key, what was expected and what was found:
//   scenarios/x.toml:14:1: clouds.AWS.price: expected a number > 0, got -1
#include <toml++/toml.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "market/scenario.hpp"

namespace moatsim::detail {

/// The allowed values of a number; describes itself for messages ("a number in [0, 1)").
struct Range {
    double lo = -HUGE_VAL;
    double hi = HUGE_VAL;
    bool lo_open = false;
    bool hi_open = false;
    [[nodiscard]] bool contains(double x) const noexcept;
    [[nodiscard]] std::string describe() const;
};

namespace ranges {
inline constexpr Range any{};
inline constexpr Range positive{0.0, HUGE_VAL, true, false};         // > 0
inline constexpr Range non_negative{0.0, HUGE_VAL, false, false};    // >= 0
inline constexpr Range unit{0.0, 1.0, false, false};                 // [0, 1]
inline constexpr Range unit_open_hi{0.0, 1.0, false, true};          // [0, 1)
inline constexpr Range unit_open_lo{0.0, 1.0, true, false};          // (0, 1]
inline constexpr Range above_minus_one{-1.0, HUGE_VAL, true, false}; // > -1
}  // namespace ranges

inline constexpr std::int64_t int_max = std::numeric_limits<int>::max();
inline constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

/// Where a value sits: its dotted key and its place in the file (null: no place).
struct Site {
    std::string key;
    const toml::source_region* where = nullptr;
};

/// The document's name as messages show it; formats and throws every message.
class TomlSource {
public:
    explicit TomlSource(std::string name) : name_(std::move(name)) {}
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    /// Throws InputError "<file>:<line>:<column>: <key>: <what>"; the position and the key
    /// are left out when the site has none.
    [[noreturn]] void fail(const Site& site, std::string_view what) const;

private:
    std::string name_;
};

// Small text helpers shared by the loader.
[[nodiscard]] std::string format_number(double x);           // shortest round-trip form
[[nodiscard]] std::string describe_value(const toml::node&); // "a string (\"120\")", "-1"
[[nodiscard]] std::string join(const std::vector<std::string>& words);  // "a, b, c"
/// " (did you mean 'x'?)" for the closest candidate within edit distance 2, else "".
[[nodiscard]] std::string did_you_mean(std::string_view word,
                                       const std::vector<std::string>& candidates);

// Readers of one node; `site` names it in messages.
[[nodiscard]] double read_number(const TomlSource&, const toml::node&, const Site&, const Range&);
[[nodiscard]] std::int64_t read_integer(const TomlSource&, const toml::node&, const Site&,
                                        std::int64_t lo, std::int64_t hi);
[[nodiscard]] std::string read_string(const TomlSource&, const toml::node&, const Site&);
/// Rejects a name or id holding a control character or invalid UTF-8 (core/input_text.hpp).
/// @param what  what the name names in the message ("cloud name", "event id")
void check_name(const TomlSource&, std::string_view name, const Site&, std::string_view what);
/// read_string, then check_name.
[[nodiscard]] std::string read_name(const TomlSource&, const toml::node&, const Site&,
                                    std::string_view what);
/// Rejects prose (a description or note) holding control characters other than tab and
/// newline, or invalid UTF-8.
void check_free_text(const TomlSource&, std::string_view text, const Site&);
[[nodiscard]] const toml::table& read_table(const TomlSource&, const toml::node&, const Site&);
[[nodiscard]] const toml::array& read_array(const TomlSource&, const toml::node&, const Site&);
/// A "YYYY-MM" string with month 01..12.
[[nodiscard]] YearMonth read_year_month(const TomlSource&, const toml::node&, const Site&);
/// The index of the node's string value among `choices`.
[[nodiscard]] int read_choice(const TomlSource&, const toml::node&, const Site&,
                              const std::vector<std::string>& choices);

/// One TOML table whose keys are known in advance. The constructor rejects any other key
/// ("unknown key 'globals.reveiw_rate' (did you mean 'review_rate'?)"); the getters read
/// one key each, with a default when it is optional.
class TableReader {
public:
    /// @param path     dotted name of the table ("" for the document root, "clouds.AWS")
    /// @param allowed  every key the table may hold
    /// @param context  appended to unknown-key messages (e.g. " for kind 'set'")
    TableReader(const TomlSource& source, const toml::table& table, std::string path,
                std::vector<std::string> allowed, std::string_view context = {});

    [[nodiscard]] const toml::table& table() const noexcept { return table_; }
    [[nodiscard]] const std::string& path() const noexcept { return path_; }
    [[nodiscard]] std::string key_path(std::string_view key) const;
    /// The key's site: the key's own position if present, else the table's.
    [[nodiscard]] Site site(std::string_view key) const;
    [[nodiscard]] const toml::node* find(std::string_view key) const;
    /// The key's node; throws "required key is missing (expected <expected>)" if absent.
    [[nodiscard]] const toml::node& require(std::string_view key, std::string_view expected) const;
    [[noreturn]] void fail(std::string_view key, std::string_view what) const;

    [[nodiscard]] double number(std::string_view key, double fallback, const Range& r) const;
    [[nodiscard]] double require_number(std::string_view key, const Range& r) const;
    [[nodiscard]] std::int64_t integer(std::string_view key, std::int64_t fallback,
                                       std::int64_t lo, std::int64_t hi) const;
    [[nodiscard]] std::string string(std::string_view key, std::string fallback) const;
    [[nodiscard]] std::string require_string(std::string_view key) const;
    [[nodiscard]] int choice(std::string_view key, int fallback,
                             const std::vector<std::string>& choices) const;
    [[nodiscard]] int require_choice(std::string_view key,
                                     const std::vector<std::string>& choices) const;
    [[nodiscard]] YearMonth require_year_month(std::string_view key) const;
    [[nodiscard]] const toml::table* subtable(std::string_view key) const;  // null if absent
    [[nodiscard]] const toml::array* array(std::string_view key) const;     // null if absent

private:
    const TomlSource& source_;
    const toml::table& table_;
    std::string path_;
    std::vector<std::string> allowed_;
};

}  // namespace moatsim::detail
