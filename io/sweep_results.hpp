#pragma once
// A sweep directory read once (sweep.csv parsed, sweep.plan's facts), and the grid over its
// first two swept parameters at the horizon, for the sweep heatmap.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "io/csv_reader.hpp"
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

/// What a sweep directory's sweep.plan (experiments/sweep_runner.cpp: sweep_plan) promises.
struct SweepPlanFacts {
    int runs = 0;   // planned runs (its "run" lines)
    int ticks = 0;  // the horizon every run reaches
};

/// dir/sweep.plan's planned runs and horizon; nullopt if the directory has no plan.
/// @throws InputError naming the file if it cannot be read or has no "ticks" line.
[[nodiscard]] std::optional<SweepPlanFacts> read_sweep_plan(const std::filesystem::path& dir);

/// A sweep directory read once.
struct SweepResults {
    std::filesystem::path dir;
    CsvTable table;                      // sweep.csv, parsed
    std::vector<std::string> metrics;    // kept: the <metric>_mean columns, in header order
    std::optional<SweepPlanFacts> plan;  // sweep.plan's, if the directory has one
};

/// dir/sweep.csv and dir/sweep.plan. @throws InputError for a missing directory or file, a
/// malformed table or plan (file:line), or a header not starting with "run".
[[nodiscard]] SweepResults read_sweep_results(const std::filesystem::path& dir);

/// The grid of metric for cloud at the horizon (see read_sweep_grid), from results already read.
[[nodiscard]] SweepGrid sweep_grid(const SweepResults& results, const std::string& cloud,
                                   const std::string& metric);

/// The value of metric for cloud at the last tick of every run in dir/sweep.csv, averaged
/// (over replicates, as the file holds, and over any parameters beyond the second) per cell
/// of the first two parameters' grid.
/// @throws InputError for a missing file, a run ending before the plan's horizon, no such cloud or metric column, a malformed row
/// (file:line), no swept parameter, or more than 30 distinct values of a parameter (a
/// Latin-hypercube sweep is not a grid).
[[nodiscard]] SweepGrid read_sweep_grid(const std::filesystem::path& dir, const std::string& cloud,
                                        const std::string& metric);

}  // namespace moatsim
