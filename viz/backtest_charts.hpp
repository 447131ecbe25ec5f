#pragma once
// The backtest's charts (docs/BACKTEST.md): the model's cloud and vendor shares as lines and
// every observation of backtest.csv as a point with its band as a whisker, in the colour of
// the entity's line. Drawn by `moatsim report` for a directory written by `moatsim backtest`.
#include <vector>

#include "io/run_results.hpp"
#include "viz/chart.hpp"

namespace moatsim {

/// Two charts (cloud shares, vendor shares; a chart without observations is left out) from a
/// run's share_workload and vendor_share series and its backtest rows; none if it has no
/// backtest rows. @throws InputError if a run with backtest rows lacks one of those series.
[[nodiscard]] std::vector<LineChart> backtest_charts(const RunResults& run);

}  // namespace moatsim
