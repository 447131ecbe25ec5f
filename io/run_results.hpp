#pragma once
// Reading what `moatsim run` and `moatsim compare` wrote back into per-entity time series
// (mean and 95% interval per tick), for charts, reports and the embedding facade. Only the
// output files are read, each once; nothing is re-run.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "io/backtest_csv.hpp"
#include "io/resolved_events.hpp"
#include "market/scenario.hpp"

namespace moatsim {

enum class ResultsKind { run, compare, sweep, analysis };

/// What kind of output directory dir is: compare.csv -> compare, sweep.csv -> sweep,
/// summary.csv -> run, sensitivity.csv or uncertainty.csv -> analysis. @throws InputError if dir is missing or holds none of them.
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

/// A run directory read once: the series of the metrics asked for (each file parsed once,
/// whichever metrics it serves) and the resolved scenario's name, horizon and events.
struct RunResults {
    std::filesystem::path dir;
    std::vector<SeriesSet> metrics;        // in the order asked
    std::optional<ScenarioFile> scenario;  // scenario.resolved.toml, if present
    std::vector<BacktestRow> backtest;     // backtest.csv of `moatsim backtest`, if present
    /// The series of a metric that was read. @throws InputError if it was not asked for.
    [[nodiscard]] const SeriesSet& series(const std::string& metric) const;
};

/// dir's series of each of `metrics` (as read_run_series), its resolved scenario and its
/// backtest rows.
/// @throws InputError as read_run_series.
[[nodiscard]] RunResults read_run_results(const std::filesystem::path& dir,
                                          const std::vector<std::string>& metrics);

/// One row of compare.csv.
struct CompareRow {
    int tick = 0;
    std::string date, cloud;
    double mean_base = 0, mean_alt = 0, diff = 0, lo95 = 0, hi95 = 0;
};

/// A compare directory read once.
struct CompareResults {
    std::filesystem::path dir;
    SeriesSet diff;                        // ALT - BASE per cloud: diff, lo95, hi95
    std::vector<CompareRow> rows;          // compare.csv, in file order
    std::optional<ScenarioFile> base, alt; // base/alt.resolved.toml, if present
};

/// dir/compare.csv and the resolved scenarios beside it. @throws InputError as
/// read_compare_series.
[[nodiscard]] CompareResults read_compare_results(const std::filesystem::path& dir);

/// A compare directory's paired difference ALT - BASE per cloud (compare.csv: diff, lo95,
/// hi95); metric is the file's. @throws InputError as read_run_series, or if the file mixes
/// metrics.
[[nodiscard]] SeriesSet read_compare_series(const std::filesystem::path& dir);

}  // namespace moatsim
