#pragma once
// Evaluates the model at many points of the parameters' unit cube (a Saltelli design, Morris
// trajectories, uncertainty draws) into a resumable journal in the output directory, in the
// sweep's format (experiments/sweep_output.hpp) under its own names:
// - evaluations.csv: block,point,<parameter keys>,<output labels> (one row per point);
// - blocks.csv: one row per finished block of points, with its rows' count and checksum;
// - evaluations.plan: the fingerprint (input hashes, settings, method, every point).
// Blocks are jobs of the current JobExecutor (experiments/job_executor.hpp: on TBB, or also on
// other MPI ranks; each block's points in order, each evaluation's replicates in parallel);
// a block's rows reach the journal only once all of it is computed, in block order. The outputs are read back from the journal, so a resumed analysis computes from the
// very numbers an uninterrupted one does.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "experiments/paired_model.hpp"

namespace moatsim {

struct EvaluationCallbacks {
    std::function<void(std::uint64_t total_rows)> on_start;  // rows (ticks) still to compute
    std::function<void()> on_tick;                             // from worker threads
    std::function<void(const std::string&)> on_note;           // what reopening repaired
};

struct Evaluations {
    std::vector<std::vector<double>> values;  // per point: the parameter values
    std::vector<std::vector<double>> outputs; // per point: the outputs
    int blocks = 0, resumed = 0;              // blocks in the design, found done on disk
};

/// Evaluates `blocks` (each a list of unit-cube points, one probability per parameter,
/// mapped through the priors) into dir. `plan` must describe everything the numbers depend
/// on besides the points (which are added to it).
/// @throws InputError (bad combination of values, a directory holding another analysis),
/// OutputError (writing).
[[nodiscard]] Evaluations evaluate_blocks(const PairedModel& model,
                                          const std::vector<PriorParameter>& parameters,
                                          const std::vector<ModelOutput>& outputs,
                                          const std::vector<std::vector<std::vector<double>>>& blocks,
                                          const std::filesystem::path& dir, std::string plan,
                                          const EvaluationCallbacks& callbacks);

/// The fingerprint lines common to every analysis: input hashes and run settings.
[[nodiscard]] std::string evaluation_plan_header(const std::string& kind,
                                                 const std::filesystem::path& file,
                                                 const PairedModel& model,
                                                 const std::vector<PriorParameter>& parameters,
                                                 const std::vector<ModelOutput>& outputs);

}  // namespace moatsim
