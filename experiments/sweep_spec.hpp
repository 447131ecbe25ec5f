#pragma once
// Sweep files (docs/SWEEP.md): a base scenario, the dotted keys to vary, a design (a grid of
// values or a Latin hypercube over ranges), replicates and the metrics to keep.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "experiments/metrics.hpp"
#include "market/scenario_loader.hpp"

namespace moatsim {

struct SweepParameter {
    std::string key;               // dotted scenario key, e.g. "clouds.AWS.silicon_discount"
    std::vector<double> values;    // grid
    double lo = 0, hi = 0;         // lhs: the range [lo, hi]
};

struct SweepSpec {
    enum class Design { grid, lhs };
    std::filesystem::path source;  // the sweep file
    std::string name;
    std::filesystem::path base;    // the base scenario, resolved against the sweep file
    Design design = Design::grid;
    int samples = 0;               // lhs
    std::uint64_t design_seed = 1; // lhs
    std::vector<SweepParameter> parameters;
    std::vector<Metric> metrics = {Metric::share_workload};
    bool calibrate_on_base = true; // every run keeps the base's brands (docs/ODD.md section 5)
    bool replicate_values = false; // sweep.csv also holds each replicate's value (paired analysis)
    ScenarioOverrides overrides;   // from the file's `replicates`, `seed`, `ticks`, ...
};

/// One run of a sweep: its index (row order of the outputs) and one value per parameter.
struct SweepRun {
    int index = 0;
    std::vector<double> values;
    [[nodiscard]] std::vector<KeySetting> settings(const SweepSpec& spec) const;
};

/// Reads and checks a sweep file, including that every key can be set on the base scenario.
/// @throws InputError naming the file, line and key.
[[nodiscard]] SweepSpec load_sweep(const std::filesystem::path& file,
                                   const ScenarioOverrides& command_line = {});

/// The runs of the design: a grid is the Cartesian product in parameter order (the last
/// parameter varies fastest); a Latin hypercube puts one sample in each of `samples` equal
/// strata of every range, strata paired by seeded permutations (Purpose::design draws).
[[nodiscard]] std::vector<SweepRun> expand_design(const SweepSpec& spec);

}  // namespace moatsim
