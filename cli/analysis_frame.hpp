#pragma once
// What the commands that evaluate the model over parameter draws (sensitivity, uncertainty)
// share at the edge: a progress bar with ETA fed by the evaluations.
#include <memory>
#include <string>
#include <vector>

#include "cli/progress_bar.hpp"
#include "experiments/evaluation_runner.hpp"

namespace moatsim::cli {

/// Callbacks that create `bar` once the number of rows to compute is known (shown only on a
/// terminal and without --quiet), advance it per row and log the journal's repairs.
[[nodiscard]] EvaluationCallbacks progress_callbacks(std::unique_ptr<ProgressBar>& bar,
                                                     const std::string& label, bool quiet);

}  // namespace moatsim::cli
