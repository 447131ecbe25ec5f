#pragma once
// The levers a class can pull (docs/SERVE.md, "Levers"): what each means, its unit and range,
// the values in force in a world at a month, and the dated scenario events a pull becomes.
// A pull is only ever an ordinary [[events]] table, so the exported scenario replays it.
#include <string>
#include <vector>

#include "market/scenario.hpp"

namespace moatsim {

struct LeverSpec {
    std::string id;           // as in the protocol: "catalog", "review_rate", ...
    std::string label;        // short, for the page
    std::string explanation;  // one line
    std::string unit;
    double min = 0, max = 1, step = 0.01;
    bool per_cloud = false;   // needs "cloud"
    bool per_vendor = false;  // needs "vendor"
};

/// Every lever, in the page's order.
[[nodiscard]] const std::vector<LeverSpec>& lever_specs();

/// One pull as a client sends it. `months` only for gpu_shock.
struct LeverPull {
    std::string lever;
    std::string cloud;
    std::string vendor;
    double value = 0;
    double months = 0;
};

/// The lever values in force in `world` once the events dated at or before `tick` applied.
struct LeverState {
    std::vector<std::vector<int>> catalog;   // [cloud][vendor] 1 = offered
    std::vector<std::vector<double>> port;   // [cloud][vendor] fraction on own silicon
    std::vector<double> silicon_discount;    // per cloud
    double lock_in_fear = 0;                 // population mean phi (see mean_lock_in_fear)
    double switch_cost_cloud = 0, switch_cost_vendor = 0, review_rate = 0;
    double price_war_ceiling = 0;            // globals.lerner_max
    double price_floor = 0;                  // globals.lerner_min: the ceiling may not go below
};
[[nodiscard]] LeverState lever_state_at(const Scenario& world, int tick);

/// The scenario's mean lock-in fear E[phi] (0 when the distribution has no finite mean).
[[nodiscard]] double mean_lock_in_fear(const Scenario& world);

/// A pull turned into scenario events: one [[events]] table each (TOML) and a line for the feed.
struct StudentEvent {
    int tick = 0;
    std::string toml;  // "[[events]]\n..." ready to append to a scenario
    std::string text;  // "2026-03 class: AWS stops offering Anthropic"
};

/// `s` as a TOML basic string (quotes, backslashes and control characters escaped).
[[nodiscard]] std::string toml_string(const std::string& s);

/// The events of `pull` dated at `tick`, given the values `now` in force then. `next_id`
/// numbers the events' ids ("class_1", ...) and is advanced.
/// @throws InputError naming the lever and what was expected (unknown lever, cloud or vendor,
///         a value out of range or not finite, a lever this scenario cannot move).
[[nodiscard]] std::vector<StudentEvent> events_for_pull(const Scenario& world,
                                                        const LeverState& now,
                                                        const LeverPull& pull, int tick,
                                                        int& next_id);

}  // namespace moatsim
