#pragma once
// Runs a sweep into its output directory (experiments/sweep_output.hpp), resuming where an earlier,
// interrupted invocation stopped. Runs are jobs of the current JobExecutor (experiments/
// job_executor.hpp: on TBB, several at once, each run's replicates in parallel; under mpirun
// also on other ranks, docs/MPI.md); all runs share the seed, so run-to-run differences are the
// parameters' (common random numbers), and every run keeps the base's brands unless the
// sweep says calibrate = "self".
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "experiments/sweep_spec.hpp"

namespace moatsim {

struct SweepSummary {
    int runs = 0;         // in the design
    int resumed = 0;      // already on disk when the sweep started
    std::uint64_t seed = 0;
    int replicates = 0;
    std::string plan;     // the fingerprint written to sweep.plan
    std::vector<std::string> notes;  // what reopening the directory repaired
};

/// The fingerprint lines of a base scenario: hashes of its file and its bases, and the run
/// settings (seed, replicates, ticks, enterprises, mode, kernel). Sweeps and sensitivity
/// analyses share them.
[[nodiscard]] std::string scenario_plan_lines(const std::filesystem::path& base_file,
                                              const Scenario& base);

/// The sweep's fingerprint: hashes of the sweep file and of the base scenario and its bases,
/// the settings every run uses, and each run's values.
[[nodiscard]] std::string sweep_plan(const SweepSpec& spec, const std::vector<SweepRun>& runs,
                                     const Scenario& base);

/// "key = value, key = value" of one run, for messages.
[[nodiscard]] std::string describe_run(const SweepSpec& spec, const SweepRun& run);

struct SweepOptions {
    std::filesystem::path out_dir;  // created, or resumed if it holds this sweep
};

/// What a caller hears while a sweep runs; each may be empty.
struct SweepCallbacks {
    /// Each repair reopening the directory made, one sentence each, before any computing.
    std::function<void(const std::string&)> on_note;
    /// The rows (ticks of replicates) the remaining runs will produce, for a progress bar.
    std::function<void(std::uint64_t total_rows)> on_start;
    /// After every row, from worker threads.
    std::function<void()> on_tick;
};

/// Runs every run not yet on disk (or not intact there) into options.out_dir, reporting
/// through `callbacks`.
/// @throws InputError for bad inputs or a directory holding another sweep; OutputError
/// when writing fails.
SweepSummary run_sweep(const SweepSpec& spec, const SweepOptions& options,
                       const SweepCallbacks& callbacks = {});

}  // namespace moatsim
