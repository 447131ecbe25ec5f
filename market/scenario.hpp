#pragma once
// The typed scenario: everything a run needs, validated once by the loader
// (scenario_loader.cpp is the only file that sees TOML). Units are in the comments or, for
// the rows of market/parameter_*.hpp, in the rows; defaults are the values a scenario gets
// when it omits a key (docs/SCENARIO.md).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "agents/population.hpp"
#include "core/modes.hpp"
#include "core/year_month.hpp"
#include "market/event.hpp"

namespace moatsim {

// The numeric parameters of clouds, vendors and globals are declared once, as rows of
// market/parameter_{clouds,vendors,globals}.hpp (key, default, range, unit, description);
// these macros turn each row into a member with its default.
#define MOATSIM_NUMBER(key, default_value, ...) double key = default_value;
#define MOATSIM_INTEGER(key, type, default_value, ...) type key = default_value;
#define MOATSIM_CHOICE(key, type, default_value, ...) type key = default_value;

struct CloudSpec {
    std::string name;
#include "market/parameter_clouds.hpp"
    std::vector<std::uint8_t> offers;    // offers[m] = 1 if vendor m is in the catalog C_k
    std::vector<double> port;            // port_km per vendor m, fraction served on own silicon
};

struct VendorSpec {
    std::string name;
#include "market/parameter_vendors.hpp"
    std::vector<double> training_split;  // h_mk per cloud k, sums to 1
};

struct Globals {
#include "market/parameter_globals.hpp"
};

#undef MOATSIM_NUMBER
#undef MOATSIM_INTEGER
#undef MOATSIM_CHOICE

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
