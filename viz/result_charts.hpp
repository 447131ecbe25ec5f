#pragma once
// The standard charts of an output directory, built from the structs io/ read it into (never
// from the files themselves): what `moatsim plot` writes and what a report embeds. Each returns a chart description, so a caller may
// change size or titles before rendering it with line_chart_svg / heatmap_svg.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "viz/chart.hpp"
#include "viz/heatmap.hpp"
#include "io/any_results.hpp"
#include "io/resolved_events.hpp"

namespace moatsim {

/// Markers for events, at months since origin, one per event (the chart merges close labels).
[[nodiscard]] std::vector<ChartMarker> event_markers(const std::vector<DatedEvent>& events,
                                                     const YearMonth& origin);

/// A run directory's metric over time, one line per cloud (or vendor) with its 95% band,
/// and the events of scenario.resolved.toml as markers (none if the file is absent).
/// @throws InputError if `run` holds no series of metric.
[[nodiscard]] LineChart run_chart(const RunResults& run, const std::string& metric);

/// A compare directory's paired difference ALT - BASE per cloud with its 95% band, a zero
/// line, and the events of both resolved scenarios. @throws InputError if metric is given and
/// is not the one compare.csv holds.
[[nodiscard]] LineChart compare_chart(const CompareResults& compare,
                                      const std::optional<std::string>& metric = std::nullopt);

/// A sweep directory's effect on cloud's metric at the horizon over the first two swept
/// parameters: each cell is the value (mean over replicates, and over any further swept
/// parameters) minus the value at the lowest grid point (both parameters at their lowest
/// values), or minus the mean of all cells if that point has no run.
/// @throws InputError (sweep_results.hpp: sweep_grid) for an unknown cloud or metric.
[[nodiscard]] Heatmap sweep_heatmap(const SweepResults& sweep, const std::string& cloud,
                                    const std::string& metric);

/// The metric a run directory's default chart shows: `metric`, or share_workload.
[[nodiscard]] std::string run_plot_metric(const std::optional<std::string>& metric);

/// The default chart of any output directory as SVG: run -> run_chart(run_plot_metric(metric))
/// (read_any_results must have read that metric), compare -> compare_chart (metric, if given,
/// must be compare.csv's), sweep -> sweep_heatmap("AWS", metric or share_workload).
/// @throws InputError for a metric the results do not hold.
[[nodiscard]] std::string plot_svg(const AnyResults& results,
                                   const std::optional<std::string>& metric);

}  // namespace moatsim
