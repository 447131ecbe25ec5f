#pragma once
// The backtest's charts (docs/BACKTEST.md): the model's cloud and vendor shares as lines and
// every observation of backtest.csv as a point with its band as a whisker, in the colour of
// the entity's line. Drawn by `moatsim report` for a directory written by `moatsim backtest`.
#include <filesystem>
#include <vector>

#include "viz/chart.hpp"

namespace moatsim {

/// Two charts (cloud shares, vendor shares; a chart without observations is left out), from
/// the directory's summary.csv / vendors.csv and backtest.csv.
/// @throws InputError naming a missing or malformed file.
[[nodiscard]] std::vector<LineChart> backtest_charts(const std::filesystem::path& dir);

}  // namespace moatsim
