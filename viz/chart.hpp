#pragma once
// Line charts as self-contained SVG: one line per series with an optional shaded 95% band,
// nice value ticks, calendar ticks when x is a month index, a legend, and labelled vertical
// markers for dated events. Data arrive in display units (e.g. percent), so the chart never
// guesses a scale.
#include <optional>
#include <string>
#include <vector>

#include "market/scenario.hpp"

namespace moatsim {

struct ChartSeries {
    std::string name;            // legend entry (any text; escaped)
    std::vector<double> x;       // months since LineChart::time_origin, or plain numbers
    std::vector<double> y;       // NaN = gap in the line
    std::vector<double> lo, hi;  // 95% band: empty, or one per y (NaN = no band there)
    /// Observations: a dot per point with a whisker from lo to hi, no line and no band
    /// (drawn as <g class="points"> with data-series, one <circle> per point).
    bool points = false;
    int colour = -1;             // palette index; -1: the series' position in the chart
};

struct ChartMarker {
    double x = 0;                // same units as ChartSeries::x
    std::string label;           // short text drawn along the marker
    std::string detail;          // tooltip (e.g. the event's note); may be empty
};

struct LineChart {
    std::string title;
    std::string subtitle;        // e.g. what the band is; may be empty
    std::string x_label;         // with unit, e.g. "Month"
    std::string y_label;         // with unit, e.g. "Workload share (%)"
    std::string note;            // small print under the chart; may be empty
    std::optional<YearMonth> time_origin;  // set: x is months since it, ticks are dates
    bool include_zero = false;   // widen the y range to 0 (differences: show "no effect")
    std::vector<ChartSeries> series;
    std::vector<ChartMarker> markers;
    double width = 840, height = 480;  // pixels
};

/// The chart as an SVG document. Each series is drawn as <path class="line"> (and its band as
/// <path class="band">) carrying data-series="<name>", so reports and tests can find them.
/// @throws std::invalid_argument if there is no finite data point, or a series' x, y, lo and
/// hi sizes disagree.
[[nodiscard]] std::string line_chart_svg(const LineChart& chart);

}  // namespace moatsim
