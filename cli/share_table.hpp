#pragma once
// The short table `moatsim run` prints: each cloud's workload share (mean across
// replicates) at the first, middle and last row, with dates.
#include <string>

#include "experiments/ensemble.hpp"

namespace moatsim::cli {

[[nodiscard]] std::string share_table(const Scenario& scenario, const EnsembleResult& result);

}  // namespace moatsim::cli
