#pragma once
// Reading a sweep's sweep.csv back into one time series per run and cloud, for the report's
// line charts per run group (the heatmap reads only the horizon: sweep_results.hpp).
#include <filesystem>
#include <string>
#include <vector>

#include "market/scenario.hpp"
#include "io/run_results.hpp"
#include "io/sweep_results.hpp"

namespace moatsim {

struct SweepRunSeries {
    int run = 0;
    std::vector<double> values;       // one per swept parameter, in SweepSeries::keys order
    std::vector<TimeSeries> clouds;   // metric per cloud: mean and 95% interval over replicates
};

struct SweepSeries {
    std::string metric;
    std::vector<std::string> keys;    // swept parameters (the columns between run and tick)
    std::vector<std::string> clouds;  // in first-appearance order
    std::vector<std::string> metrics; // every metric the sweep kept
    YearMonth origin;                 // date of tick 0
    std::vector<SweepRunSeries> runs; // in run order
};

/// Every run's metric over time per cloud from dir/sweep.csv.
/// @throws InputError for a missing file, a metric the sweep did not keep, or a malformed row
/// (file:line).
[[nodiscard]] SweepSeries read_sweep_series(const std::filesystem::path& dir, const std::string& metric);

/// Every run's metric over time per cloud, from a sweep directory already read.
/// @throws InputError as read_sweep_series.
[[nodiscard]] SweepSeries sweep_series(const SweepResults& results, const std::string& metric);

/// The metrics a sweep kept (the <metric>_mean columns of dir/sweep.csv's header), reading
/// only the header. @throws InputError for a missing or empty file.
[[nodiscard]] std::vector<std::string> sweep_metrics(const std::filesystem::path& dir);

}  // namespace moatsim
