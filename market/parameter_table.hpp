#pragma once
// One table per scope of a scenario file (top level, run, calibration, globals, population,
// clouds.<name>, vendors.<name>): every key with its member, unit, range, default or
// "required", whether `set` events may change it, and a one-line description. The loader,
// the resolved-scenario writer, `set` event resolution (market/parameters.cpp), the docs'
// parameter tables (`moatsim schema --markdown`) and the round-trip tests all read these
// tables, so a parameter is declared once. The numbers of globals, clouds and vendors are
// rows of market/parameter_{globals,clouds,vendors}.hpp, which also declare the members.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "market/scenario.hpp"
#include "market/toml_reader.hpp"

namespace moatsim::detail {

/// Longest horizon and event duration accepted, in months (keeps date arithmetic in range).
inline constexpr std::int64_t max_ticks = 12000;

/// Ranges narrower than a number's sign, so that no allowed value can drive the model out of
/// floating-point range (docs/SCENARIO.md, "Numeric limits", gives the reasons). What is
/// left (e.g. growth compounding over a very long horizon) the per-tick check reports.
namespace limits {
inline constexpr Range utils{-1e6, 1e6, false, false};        // utilities: exp saturates at ~700
inline constexpr Range weight{0.0, 1e6, false, false};        // non-negative utils
inline constexpr Range margin{0.0, 1e12, false, false};      // $ per compute unit, may be 0
inline constexpr Range money{0.0, 1e15, false, false};        // $ per month
inline constexpr Range growth{-1.0, 1.0, true, false};        // per month: at most doubling
inline constexpr Range headroom{0.0, 100.0, false, false};    // spare capacity over demand
inline constexpr Range compute_scale{1e-6, HUGE_VAL, false, false};  // compute units
inline constexpr Range market_size{0.0, 1e30, true, false};   // sizes are stored as float
}  // namespace limits

/// True for the limits:: ranges above (the docs mark them with ¹).
[[nodiscard]] bool is_numeric_limit(const Range& r) noexcept;

/// Row flags (market/parameter_globals.hpp): `fixed` keys are read once; `settable` ones a
/// `set` event may change; `required` ones have no default.
enum ParamFlag : unsigned { fixed = 0, settable = 1, required = 2 };

enum class ParamKind {
    number,      // double member, checked against `range`
    integer,     // integral member in [lo, hi]
    choice,      // enum member, spelled by core/modes.hpp
    structured,  // a string, date, array or table the loader reads by hand
};

template <class Spec>
struct Param {
    const char* key = "";
    ParamKind kind = ParamKind::number;
    unsigned flags = fixed;
    const char* symbol = "";
    const char* unit = "";
    const char* description = "";
    // number
    double Spec::*number = nullptr;
    Range range{};
    // integer
    std::int64_t lo = 0, hi = 0;
    std::int64_t (*get_integer)(const Spec&) = nullptr;
    void (*set_integer)(Spec&, std::int64_t) = nullptr;
    // choice: positions in enum_names<E>()
    std::vector<std::string> (*choices)() = nullptr;
    int (*get_choice)(const Spec&) = nullptr;
    void (*set_choice)(Spec&, int) = nullptr;
    // structured: the default shown by the docs (from a default Spec) and the allowed values
    std::string (*show_default)(const Spec&) = nullptr;
    const char* allowed = "";

    [[nodiscard]] bool is_required() const noexcept { return (flags & required) != 0; }
    [[nodiscard]] bool is_settable() const noexcept { return (flags & settable) != 0; }
    [[nodiscard]] bool is_scalar() const noexcept { return kind != ParamKind::structured; }
};

/// The scopes, in the order of docs/SCENARIO.md.
[[nodiscard]] const std::vector<Param<Scenario>>& top_level_params();    // "" (top level)
[[nodiscard]] const std::vector<Param<RunSettings>>& run_params();       // [run]
[[nodiscard]] const std::vector<Param<Scenario>>& calibration_params();  // [calibration]
[[nodiscard]] const std::vector<Param<Globals>>& global_params();        // [globals]
[[nodiscard]] const std::vector<Param<PopulationSpec>>& population_params();  // [population]
[[nodiscard]] const std::vector<Param<CloudSpec>>& cloud_params();       // [clouds.<name>]
[[nodiscard]] const std::vector<Param<VendorSpec>>& vendor_params();     // [vendors.<name>]

/// Every key of a table, for TableReader's list of allowed keys.
template <class Spec>
[[nodiscard]] std::vector<std::string> keys_of(const std::vector<Param<Spec>>& params) {
    std::vector<std::string> keys;
    for (const auto& p : params) keys.emplace_back(p.key);
    return keys;
}

/// The entry named `key`, or null.
template <class Spec>
[[nodiscard]] const Param<Spec>* find_param(const std::vector<Param<Spec>>& params,
                                            std::string_view key) {
    for (const auto& p : params)
        if (key == p.key) return &p;
    return nullptr;
}

/// Reads one scalar entry (number, integer or choice) from t into spec: the file's value,
/// else the default already in spec; "required key is missing" for a required one.
template <class Spec>
void read_param(const TableReader& t, const Param<Spec>& p, Spec& spec) {
    switch (p.kind) {
        case ParamKind::number:
            spec.*p.number = p.is_required() ? t.require_number(p.key, p.range)
                                             : t.number(p.key, spec.*p.number, p.range);
            break;
        case ParamKind::integer:
            p.set_integer(spec, t.integer(p.key, p.get_integer(spec), p.lo, p.hi));
            break;
        case ParamKind::choice:
            p.set_choice(spec, p.is_required() ? t.require_choice(p.key, p.choices())
                                               : t.choice(p.key, p.get_choice(spec), p.choices()));
            break;
        case ParamKind::structured: break;  // read by hand
    }
}

/// read_param for every scalar entry, in table order, except those named in `skip`.
template <class Spec>
void read_params(const TableReader& t, const std::vector<Param<Spec>>& params, Spec& spec,
                 const std::vector<std::string_view>& skip = {}) {
    for (const auto& p : params)
        if (std::find(skip.begin(), skip.end(), std::string_view(p.key)) == skip.end())
            read_param(t, p, spec);
}

}  // namespace moatsim::detail
