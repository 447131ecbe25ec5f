#pragma once
// What the commands that evaluate the model over parameter draws (sensitivity, uncertainty)
// share at the edge: a progress bar with ETA fed by the evaluations, and the manifest's
// common part.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "cli/progress_bar.hpp"
#include "experiments/evaluation_runner.hpp"
#include "io/manifest.hpp"

namespace moatsim::cli {

/// Callbacks that create `bar` once the number of rows to compute is known (shown only on a
/// terminal and without --quiet), advance it per row and log the journal's repairs.
[[nodiscard]] EvaluationCallbacks progress_callbacks(std::unique_ptr<ProgressBar>& bar,
                                                     const std::string& label, bool quiet);

/// command, command line, the base scenario's inputs, seed, threads, start and wall time.
[[nodiscard]] Manifest analysis_manifest(const std::string& command,
                                         const std::vector<std::string>& args,
                                         const Scenario& base,
                                         std::chrono::system_clock::time_point started,
                                         double seconds);

}  // namespace moatsim::cli
