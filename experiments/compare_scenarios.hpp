#pragma once
// The paired-comparison rule in one place: two scenarios on common random numbers. The
// alternative takes the base's seed, replicate count, mode and population size, so replicate
// r of both shares its seed, population and draws; it runs with the base's calibrated brands
// pinned by cloud name (docs/ODD.md section 5), so ALT - BASE is the lever's effect, not a
// re-calibration's. `moatsim compare` (cli/compare_command.cpp) and moatsim::api::compare
// call these; sweeps pin brands the same way (experiments/sweep_runner.cpp).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "experiments/comparison.hpp"
#include "experiments/ensemble.hpp"
#include "market/scenario_loader.hpp"

namespace moatsim {

struct CompareOptions {
    Metric metric = Metric::share_workload;
    std::optional<std::string> cloud;  // only this cloud's rows
    std::string cloud_option = "compare: cloud";  // names `cloud` in messages ("--cloud")
    ScenarioOverrides overrides;       // the base's: a calibrate = "base" root loads with them
};

/// Both scenarios as they will run: aligned and with the base's brands pinned.
struct PairedScenarios {
    Scenario base, alt;
    std::vector<std::string> unmatched;  // clouds of alt not in base: they keep their own brand
    std::vector<std::string> notes;      // what pairing changed in alt, one sentence each
};

/// Pairs `alt` with `base` (as loaded): pins a calibrate = "base" root's brands on base,
/// aligns alt's run settings, calibrates base once and pins its brands on both.
/// @throws InputError if the scenarios start at different dates, share no cloud, or
/// options.cloud is not a cloud of both.
[[nodiscard]] PairedScenarios pair_scenarios(Scenario base, Scenario alt,
                                             const CompareOptions& options);

/// Rows (ticks of replicates) running a pair computes, for a progress bar.
[[nodiscard]] std::uint64_t comparison_rows(const PairedScenarios& pair);

struct ScenarioComparison {
    EnsembleResult base_run, alt_run;
    Comparison comparison;  // ALT - BASE per replicate of options.metric
};

/// Runs both scenarios of `pair` and pairs their replicates; each replicate of each is a job
/// of the current JobExecutor (experiments/job_executor.hpp; under mpirun spread over ranks).
/// on_tick is called after every row of every replicate, from worker threads. On an MPI rank
/// that only computes, the result is empty.
[[nodiscard]] ScenarioComparison run_comparison(const PairedScenarios& pair,
                                                const CompareOptions& options,
                                                const std::function<void()>& on_tick = {});

}  // namespace moatsim
