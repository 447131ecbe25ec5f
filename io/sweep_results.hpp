#pragma once
// Reading a sweep's sweep.csv back into a grid over its first two swept parameters, at the
// horizon, for the sweep heatmap.
#include <filesystem>
#include <string>
#include <vector>

#include "market/scenario.hpp"

namespace moatsim {

struct SweepGrid {
    std::string cloud, metric;
    std::string x_key, y_key;            // first and second swept parameter ("" if only one)
    std::vector<double> x_values, y_values;  // distinct values, ascending (y: {NaN} if none)
    std::vector<double> cells;           // [row (y) * x_values.size() + column (x)]: mean over
                                         // the runs in the cell of <metric>_mean; NaN = no run
    std::vector<int> runs_per_cell;      // > 1 when more than two parameters were swept
    int horizon = 0;                     // the last tick in the file
    YearMonth horizon_date;
    int parameters = 0;                  // how many parameters the sweep has
};

/// The value of metric for cloud at the last tick of every run in dir/sweep.csv, averaged
/// (over replicates, as the file holds, and over any parameters beyond the second) per cell
/// of the first two parameters' grid.
/// @throws InputError for a missing file, no such cloud or metric column, a malformed row
/// (file:line), no swept parameter, or more than 30 distinct values of a parameter (a
/// Latin-hypercube sweep is not a grid).
[[nodiscard]] SweepGrid read_sweep_grid(const std::filesystem::path& dir, const std::string& cloud,
                                        const std::string& metric);

}  // namespace moatsim
