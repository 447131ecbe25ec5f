#pragma once
// Reading what `moatsim run` and `moatsim compare` wrote back into per-entity time series
// (mean and 95% interval per tick), for charts and reports. Only the output files are read;
// nothing is re-run.
#include <filesystem>
#include <string>
#include <vector>

#include "market/scenario.hpp"

namespace moatsim {

enum class ResultsKind { run, compare, sweep };

/// What kind of output directory dir is: compare.csv -> compare, sweep.csv -> sweep,
/// summary.csv -> run. @throws InputError if dir is missing or holds none of them.
[[nodiscard]] ResultsKind results_kind(const std::filesystem::path& dir);

struct TimeSeries {
    std::string name;                   // cloud or vendor
    std::vector<int> ticks;             // ascending
    std::vector<double> mean, lo, hi;   // per tick, as in the CSV (fractions stay fractions);
                                        // lo/hi NaN where there is no interval (1 replicate)
};

struct SeriesSet {
    std::string scenario;               // the CSV's scenario column ("" for compare.csv)
    std::string metric;                 // "share_workload", "vendor_share", ...
    YearMonth origin;                   // the date of tick 0
    int replicates = 0;                 // per series point (compare: paired replicates)
    std::vector<TimeSeries> series;     // in the CSV's order
};

/// A run directory's metric (plot_metrics.hpp: run_plot_metrics()). Shares come from
/// summary.csv; the others are the mean and 95% t-interval across replicates of clouds.csv or
/// vendors.csv. @throws InputError for an unknown metric, a missing file or column, a bad
/// number, or a date that does not match its tick, naming the file and line.
[[nodiscard]] SeriesSet read_run_series(const std::filesystem::path& dir, const std::string& metric);

/// A compare directory's paired difference ALT - BASE per cloud (compare.csv: diff, lo95,
/// hi95); metric is the file's. @throws InputError as read_run_series, or if the file mixes
/// metrics.
[[nodiscard]] SeriesSet read_compare_series(const std::filesystem::path& dir);

}  // namespace moatsim
