#pragma once
// A run: calibration once, then all replicates in parallel on TBB (each owns its state).
#include <functional>
#include <vector>

#include "core/partition.hpp"
#include "market/records.hpp"
#include "market/scenario.hpp"

namespace moatsim {

/// Brand constants for a scenario: Berry's contraction on `population` at t = 0 (events dated
/// at the start applied), or the scenario's own brands when calibration = none.
/// population may be one partition's block: then every partition of `reducer` calls with
/// its own block and all get the brands of the whole population, bit for bit.
[[nodiscard]] std::vector<double> scenario_brands(const Scenario& scenario,
                                                  const Population& population,
                                                  int* iterations = nullptr,
                                                  PartitionReducer& reducer = local_reducer());

/// The population replicate r starts from: drawn with key (seed, r).
[[nodiscard]] Population replicate_population(const Scenario& scenario, std::uint64_t replicate);
/// Only the rows of partition.range of that population (partition.range.total enterprises).
[[nodiscard]] Population replicate_population_block(const Scenario& scenario,
                                                    std::uint64_t replicate,
                                                    const Partition& partition);

/// Runs scenario.run.replicates replicates. If `fixed` is non-null every replicate starts
/// from it; otherwise each draws its own. on_tick is called after every row of every
/// replicate, from worker threads. Thread count: the caller's tbb::global_control.
[[nodiscard]] EnsembleResult run_ensemble(const Scenario& scenario, const Population* fixed,
                                          const std::function<void()>& on_tick = {});

/// The replicates of a run spread as jobs (experiments/compare_scenarios.cpp): the brands
/// run_ensemble would use (calibrated on replicate 0's population when the scenario
/// calibrates), with no replicate run yet.
[[nodiscard]] EnsembleResult ensemble_without_replicates(const Scenario& scenario);
/// Replicate r of a run with brands `brand`, exactly as run_ensemble runs it.
/// @throws SimulationError for a numeric failure.
[[nodiscard]] ReplicateResult run_one_replicate(const Scenario& scenario,
                                                const std::vector<double>& brand,
                                                std::uint64_t replicate,
                                                const std::function<void()>& on_tick = {});

/// run_ensemble as one partition of a partitioned run (core/partition.hpp): every partition
/// calls it with its own range and `fixed_block` (the rows of partition.range of a loaded
/// population, or null to draw them), and each returns the whole run's result, bit-identical
/// to run_ensemble in one process. partition.range.total must be the population's N.
/// Replicates run one after another (each uses all threads), as the partitions' reductions
/// must come in the same order everywhere.
[[nodiscard]] EnsembleResult run_ensemble_partitioned(const Scenario& scenario,
                                                      const Population* fixed_block,
                                                      const Partition& partition,
                                                      const std::function<void()>& on_tick = {});

/// The scenario exactly as `result` ran it: the brands it used pinned and calibration off, so
/// the file alone (scenario.resolved.toml) repeats the run.
[[nodiscard]] Scenario resolved_scenario(Scenario scenario, const EnsembleResult& result);

}  // namespace moatsim
