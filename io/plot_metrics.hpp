#pragma once
// The quantities `moatsim plot` can draw from a run directory, where each comes from, and how
// any metric is shown (scale and unit), so run, compare and sweep charts label alike.
#include <optional>
#include <string>
#include <vector>

namespace moatsim {

struct MetricDisplay {
    std::string title;       // "Workload share"
    double scale = 1;        // CSV value x scale = shown value (fractions -> percent)
    std::string unit;        // unit of the shown value: "%", "$ per compute unit", ...
    std::string diff_unit;   // unit of a difference: "pp" for percentages, else unit
    bool fraction = false;   // a fraction of a whole: bands beyond [0, 1] are artefacts of the
                             // t-interval (shares cannot be negative), so charts clip them
};

/// How a metric is shown. Names are clouds.csv's columns plus vendor_share and
/// vendor_quality; any other name is shown as itself, unscaled, without a unit.
[[nodiscard]] MetricDisplay metric_display(const std::string& metric);

/// Where a run-directory metric comes from.
struct RunMetricSource {
    std::string file;      // "summary.csv", "clouds.csv" or "vendors.csv"
    std::string entity;    // column naming a series: "cloud" or "vendor"
    std::string column;    // value column (summary.csv: the prefix of _mean/_lo95/_hi95)
    bool summarised;       // true: mean and interval read from summary.csv
};

/// The metrics a run directory can plot, in the order --help lists them.
[[nodiscard]] const std::vector<std::string>& run_plot_metrics();
/// Source of a run metric, or nullopt if `moatsim plot` does not know it.
[[nodiscard]] std::optional<RunMetricSource> run_metric_source(const std::string& metric);
/// "share_workload, share_revenue, ..." for messages.
[[nodiscard]] std::string run_plot_metric_names();

}  // namespace moatsim
