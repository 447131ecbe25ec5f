#pragma once
// Internal to the scenario loader (scenario_loader.cpp, scenario_events.cpp): the numeric
// keys of clouds, vendors and globals with their allowed ranges, in one table each, so that
// reading a key and checking a `set` event's value use the same rule.
#include <string>
#include <string_view>
#include <vector>

#include "core/input_text.hpp"
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

template <class Spec>
struct NumberField {
    const char* key;
    double Spec::*member;
    Range range;
    bool required = false;  // otherwise the default is the Spec's default member value
};

inline const std::vector<NumberField<CloudSpec>>& cloud_number_fields() {
    static const std::vector<NumberField<CloudSpec>> f = {
        {"target_share", &CloudSpec::target_share, ranges::unit_open_lo, true},
        {"brand", &CloudSpec::brand, limits::utils},
        {"price", &CloudSpec::price, ranges::positive, true},
        {"silicon_discount", &CloudSpec::silicon_discount, ranges::unit_open_hi},
        {"silicon_fraction", &CloudSpec::silicon_fraction, ranges::unit},
        {"silicon_target", &CloudSpec::silicon_target, ranges::unit},
        {"silicon_supply", &CloudSpec::silicon_supply, ranges::non_negative},
        {"silicon_supply_growth", &CloudSpec::silicon_supply_growth, limits::growth},
    };
    return f;
}

inline const std::vector<NumberField<VendorSpec>>& vendor_number_fields() {
    static const std::vector<NumberField<VendorSpec>> f = {
        {"taste_mean", &VendorSpec::taste_mean, limits::utils},
        {"quality0", &VendorSpec::quality0, limits::utils},
        {"quality_scale", &VendorSpec::quality_scale, limits::weight},
        {"compute_scale", &VendorSpec::compute_scale, limits::compute_scale},
        {"margin", &VendorSpec::margin, limits::margin},
        {"reinvest", &VendorSpec::reinvest, ranges::unit},
        {"funding", &VendorSpec::funding, limits::money},
    };
    return f;
}

inline const std::vector<NumberField<Globals>>& global_number_fields() {
    static const std::vector<NumberField<Globals>> f = {
        {"gpu_cost", &Globals::gpu_cost, ranges::positive},
        {"gpu_cost_decline", &Globals::gpu_cost_decline, ranges::unit_open_hi},
        {"gpu_supply", &Globals::gpu_supply, ranges::non_negative},
        {"gpu_supply_growth", &Globals::gpu_supply_growth, limits::growth},
        {"demand_growth", &Globals::demand_growth, limits::growth},
        {"bass_p", &Globals::bass_p, ranges::non_negative},
        {"bass_q", &Globals::bass_q, ranges::non_negative},
        {"review_rate", &Globals::review_rate, ranges::unit},
        {"switch_cost_cloud", &Globals::switch_cost_cloud, limits::weight},
        {"switch_cost_vendor", &Globals::switch_cost_vendor, limits::weight},
        {"data_gravity", &Globals::data_gravity, limits::weight},
        {"optionality_weight", &Globals::optionality_weight, limits::weight},
        {"silicon_lockin_weight", &Globals::silicon_lockin_weight, limits::weight},
        {"scarcity_penalty", &Globals::scarcity_penalty, limits::weight},
        {"nest_lambda", &Globals::nest_lambda, ranges::unit_open_lo},
        {"markup_speed", &Globals::markup_speed, ranges::unit},
        {"lerner_min", &Globals::lerner_min, ranges::unit_open_hi},
        {"lerner_max", &Globals::lerner_max, ranges::unit_open_hi},
        {"headroom", &Globals::headroom, limits::headroom},
    };
    return f;
}

/// "unknown vendor 'Claude' (vendors: Amazon, Anthropic, ...)", with a suggestion if close.
/// @param what "cloud" or "vendor"
[[nodiscard]] inline std::string unknown_name(std::string_view what, std::string_view name,
                                              const Scenario& s) {
    std::vector<std::string> names;
    if (what == "cloud")
        for (const auto& c : s.clouds) names.push_back(c.name);
    else
        for (const auto& v : s.vendors) names.push_back(v.name);
    return "unknown " + std::string(what) + " '" + shown(name) + "'" +
           did_you_mean(name, names) + " (" + std::string(what) + "s: " + join(names) + ")";
}

/// A {<cloud> = share} table: names must be clouds, each share in [0, 1], missing clouds
/// get 0, and the shares sum to 1 (+-1e-6). Returns one share per cloud.
[[nodiscard]] std::vector<double> read_cloud_shares(const TomlSource& src, const toml::node& node,
                                                    const Site& site, const Scenario& s);

/// Reads the [[events]] array against the scenario's clouds, vendors, start and run.ticks
/// (already overridden). Events are returned in file order.
/// into s.events, sorted by tick (stable in file order); those dated past the horizon go to
/// s.skipped_events instead. Only an event before the start is an error.
void read_events(const TomlSource& src, const toml::array& events, Scenario& s);

}  // namespace moatsim::detail
