#pragma once
// The typed scenario: everything a run needs, validated once by the loader
// (scenario_loader.cpp is the only file that sees TOML). Units are in the comments;
// defaults are the values a scenario gets when it omits a key (docs/SCENARIO.md).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "agents/population.hpp"
#include "core/modes.hpp"
#include "core/year_month.hpp"

namespace moatsim {

struct CloudSpec {
    std::string name;
    double target_share = 0.0;           // calibration target, fraction of workload at t = 0
    double brand = 0.0;                  // b_k, utils (calibrated unless calibration = none)
    double price = 1.0;                  // p_k(0), $ per GPU compute unit
    double silicon_discount = 0.0;       // d_k, fraction off the GPU price on own silicon
    double silicon_fraction = 0.0;       // f_k(0), fraction of capacity that is own silicon
    double silicon_target = 0.0;         // f*_k, share of new orders placed on own silicon
    double silicon_supply = 0.0;         // own-silicon capacity deliverable per tick, units/month
    double silicon_supply_growth = 0.0;  // growth of silicon_supply per tick, fraction
    std::vector<std::uint8_t> offers;    // offers[m] = 1 if vendor m is in the catalog C_k
    std::vector<double> port;            // port_km per vendor m, fraction served on own silicon
};

struct VendorSpec {
    std::string name;
    double taste_mean = 0.0;     // mean of tau_im, utils
    double quality0 = 1.0;       // q0_m, quality units
    double quality_scale = 0.1;  // sigma_m, quality per log of training compute
    double compute_scale = 1.0;  // Q0_m, compute units
    double margin = 0.0;         // mu_m, $ per compute unit served
    double reinvest = 0.0;       // rho_m, fraction of revenue spent on training
    double funding = 0.0;        // F_m baseline outside funding, $ per month
    std::vector<double> training_split;  // h_mk per cloud k, sums to 1
};

struct Globals {
    PricingRule pricing = PricingRule::markup;
    double gpu_cost = 2.0;             // c_0, $ per GPU compute unit
    double gpu_cost_decline = 0.0;     // fraction per tick
    double gpu_supply = 1.0e12;        // S_0, new GPU capacity per tick, units/month
    double gpu_supply_growth = 0.0;    // fraction per tick
    double demand_growth = 0.0;        // g, fraction per tick
    double bass_p = 0.0;               // innovation, per tick
    double bass_q = 0.0;               // imitation, per tick
    double review_rate = 0.0;          // r, probability per tick
    double switch_cost_cloud = 0.0;    // kappa_c, utils
    double switch_cost_vendor = 0.0;   // kappa_m, utils
    double data_gravity = 0.0;         // G, utils
    double optionality_weight = 0.0;   // omega, utils per nat of entropy (times phi_i)
    double silicon_lockin_weight = 0.0;// theta, utils per unit of psi (times phi_i)
    double scarcity_penalty = 0.0;     // delta, utils per unit of excess demand
    double nest_lambda = 1.0;          // lambda in (0, 1]
    double markup_speed = 0.0;         // eta in [0, 1]
    double lerner_min = 0.0;           // L_min
    double lerner_max = 0.9;           // L_max < 1
    double headroom = 0.0;             // capacity over demand, fraction
    int lead_time = 1;                 // L, ticks >= 1
};

struct Event {
    using Kind = EventKind;  // spelled by to_string(kind) (core/modes.hpp)
    Kind kind = Kind::set;
    int tick = 0;          // months after start
    int cloud = -1;        // index, where the kind names a cloud
    int vendor = -1;       // index, where the kind names a vendor
    std::string parameter; // set: dotted key, e.g. "clouds.AWS.price" or "globals.review_rate"
    double value = 0.0;    // set / port: the new value; funding: $ per month; gpu_shock: factor
    int months = 0;        // funding / gpu_shock: duration in ticks
    std::vector<double> split;  // training_split: h_mk per cloud
    std::string note;      // human-readable description, shown by live views and reports
    std::string id;        // optional name, so an inheriting scenario can drop the event
};

struct RunSettings {
    std::uint64_t seed = 1;
    int ticks = 120;       // T
    int replicates = 1;
    Mode mode = Mode::stochastic;
    Kernel kernel = Kernel::fast;
};

struct Scenario {
    std::string name;
    std::string description;
    std::filesystem::path source;  // file it was read from ("<string>" for text)
    YearMonth start{};
    RunSettings run{};
    CalibrationMethod calibration = CalibrationMethod::berry;
    Globals globals{};
    PopulationSpec population{};
    std::vector<CloudSpec> clouds;
    std::vector<VendorSpec> vendors;
    std::vector<Event> events;  // sorted by tick, stable in file order
    /// Events dated past the horizon (e.g. a --ticks shorter than the file's): read and
    /// checked like the others, never applied; kept so the resolved scenario still has them.
    std::vector<Event> skipped_events;  // sorted as events
    /// Files this one inherits from (`base = ...`), nearest first; the last is the root base.
    std::vector<std::filesystem::path> bases;
    /// For an inheriting scenario: calibrate brands on the root base's world, then apply this
    /// file's changes (docs/ODD.md section 5). False for `calibrate = "self"` and for root files.
    bool calibrate_on_base = false;

    [[nodiscard]] int cloud_index(std::string_view name) const noexcept;   // -1 if absent
    [[nodiscard]] int vendor_index(std::string_view name) const noexcept;  // -1 if absent
};

}  // namespace moatsim
