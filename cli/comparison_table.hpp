#pragma once
// The short table `moatsim compare` prints: per cloud, the paired difference ALT - BASE at
// 1, 3 and 10 years (or the horizon), with its 95% interval and whether it excludes zero.
// Each metric is shown in its own unit (io/plot_metrics.hpp), columns sized to their cells.
#include <string>

#include "experiments/comparison.hpp"

namespace moatsim::cli {

[[nodiscard]] std::string comparison_table(const Scenario& base, const Scenario& alt,
                                           const Comparison& c);

/// The ticks the table shows: 12, 36 and 120 months where within the horizon, and the
/// horizon itself if it is not one of them.
[[nodiscard]] std::vector<int> milestone_ticks(int horizon);

}  // namespace moatsim::cli
