#pragma once
// Internal to the scenario loader (scenario_loader.cpp, scenario_events.cpp): helpers both
// use. The keys, ranges and defaults they read are in market/parameter_table.hpp.
#include <string>
#include <string_view>
#include <vector>

#include "core/input_text.hpp"
#include "market/parameter_table.hpp"
#include "market/scenario.hpp"
#include "market/toml_reader.hpp"

namespace moatsim::detail {

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
