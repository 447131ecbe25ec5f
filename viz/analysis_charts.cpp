#include "viz/analysis_charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "core/input_error.hpp"
#include "core/year_month.hpp"
#include "io/plot_metrics.hpp"
#include "viz/chart.hpp"
#include "viz/sensitivity_charts.hpp"

namespace moatsim {
namespace {

// One output's rows of sensitivity.csv, parameters in first-seen (the spec's) order.
struct OutputRows {
    std::string label, metric;
    bool contrast = false;  // ALT - BASE
    std::vector<IndexBar> bars;
    std::vector<MorrisPoint> points;
};

template <typename T>
T& by_parameter(std::vector<T>& v, const std::string& parameter) {
    for (T& x : v)
        if (x.parameter == parameter) return x;
    v.push_back({});
    v.back().parameter = parameter;
    return v.back();
}

std::vector<AnalysisChart> sensitivity_charts(const AnalysisResults& a) {
    const CsvTable& t = a.table;
    const std::size_t output = t.column("output"), metric = t.column("metric"),
                      contrast = t.column("contrast"), parameter = t.column("parameter"),
                      index = t.column("index"), value = t.column("value"), lo = t.column("lo"),
                      hi = t.column("hi");
    std::vector<OutputRows> outputs;
    bool sobol = false;
    for (const CsvRow& row : t.rows) {
        const std::string& label = row.fields[output];
        auto o = std::find_if(outputs.begin(), outputs.end(), [&](const auto& x) { return x.label == label; });
        if (o == outputs.end())
            o = outputs.insert(outputs.end(), {label, row.fields[metric], row.fields[contrast] == "alt-base", {}, {}});
        const std::string& i = row.fields[index];
        const double v = t.number(row, value);
        if (i == "S1" || i == "ST") {
            sobol = true;
            IndexBar& b = by_parameter(o->bars, row.fields[parameter]);
            (i == "S1" ? b.s1 : b.st) = v;
            (i == "S1" ? b.s1_lo : b.st_lo) = t.number(row, lo);
            (i == "S1" ? b.s1_hi : b.st_hi) = t.number(row, hi);
        } else if (i == "mu_star") {
            by_parameter(o->points, row.fields[parameter]).mu_star = v;
        } else if (i == "sigma") {
            by_parameter(o->points, row.fields[parameter]).sigma = v;
        }
    }
    const AnalysisSettings& s = a.settings;
    std::vector<AnalysisChart> charts;
    for (std::size_t n = 0; n < outputs.size(); ++n) {
        OutputRows& o = outputs[n];
        const std::string what = (o.contrast ? "ALT - BASE, " : "") + o.label;
        if (sobol) {
            std::stable_sort(o.bars.begin(), o.bars.end(), [](const auto& x, const auto& y) { return x.st > y.st; });
            // Without the manifest's settings the subtitle says only what the whiskers are.
            const std::string subtitle =
                s.samples > 0 ? fmt::format("N = {}, {:.0f}% bootstrap intervals ({} resamples)",
                                            s.samples, 100 * s.confidence, s.bootstrap)
                              : std::string("bootstrap intervals");
            charts.push_back({"sobol_" + std::to_string(n + 1),
                              sobol_bar_chart_svg("Sobol indices: " + what, subtitle, o.bars)});
        } else {
            const std::string subtitle =
                s.samples > 0 ? fmt::format("r = {} trajectories on {} levels", s.samples, s.levels) : std::string();
            charts.push_back({"morris_" + std::to_string(n + 1),
                              morris_chart_svg("Morris screening: " + what, subtitle, o.metric, o.points)});
        }
    }
    return charts;
}

// Fan chart per cloud of the effect in percentage points (fractions) or the metric's unit.
std::vector<AnalysisChart> uncertainty_charts(const AnalysisResults& a) {
    const CsvTable& t = a.table;
    if (t.rows.empty()) return {};
    const std::size_t tick = t.column("tick"), date = t.column("date"), cloud = t.column("cloud"),
                      metric = t.column("metric"), draws = t.column("draws"), mean = t.column("mean"),
                      median = t.column("median"), p05 = t.column("p05"), p25 = t.column("p25"),
                      p75 = t.column("p75"), p95 = t.column("p95");
    const CsvRow& first = t.rows.front();
    YearMonth start;
    if (!parse_year_month(first.fields[date], start))
        throw InputError(t.file.string() + ":" + std::to_string(first.line) + ": column 'date': expected YYYY-MM");
    start = start.plus_months(-t.tick(first, tick));
    const std::string& metric_text = first.fields[metric];
    const double scale = metric_display(metric_text).fraction ? 100.0 : 1.0;
    std::vector<std::string> clouds;
    for (const CsvRow& row : t.rows)
        if (std::find(clouds.begin(), clouds.end(), row.fields[cloud]) == clouds.end())
            clouds.push_back(row.fields[cloud]);
    const AnalysisSettings& s = a.settings;
    std::vector<AnalysisChart> charts;
    for (std::size_t c = 0; c < clouds.size(); ++c) {
        ChartSeries outer{"5-95% of draws (line: median)", {}, {}, {}, {}};
        ChartSeries inner{"25-75% of draws (line: mean)", {}, {}, {}, {}};
        for (const CsvRow& row : t.rows) {
            if (row.fields[cloud] != clouds[c]) continue;
            const double x = t.tick(row, tick);
            outer.x.push_back(x);
            outer.y.push_back(scale * t.number(row, median));
            outer.lo.push_back(scale * t.number(row, p05));
            outer.hi.push_back(scale * t.number(row, p95));
            inner.x.push_back(x);
            inner.y.push_back(scale * t.number(row, mean));
            inner.lo.push_back(scale * t.number(row, p25));
            inner.hi.push_back(scale * t.number(row, p75));
        }
        LineChart chart;
        chart.title = "Effect on " + clouds[c] + " with parameter uncertainty: " +
                      (s.alternative.empty() ? "ALT" : s.alternative) + " - " + (s.base.empty() ? "BASE" : s.base);
        const int n = t.integer(first, draws);
        chart.subtitle = s.parameters > 0
                             ? fmt::format("{} paired draws of {} uncertain parameter(s)", n, s.parameters)
                             : fmt::format("{} paired draws", n);
        chart.x_label = "Month";
        chart.y_label = metric_text + (scale == 100.0 ? " difference (points)" : " difference");
        chart.time_origin = start;
        chart.include_zero = true;
        chart.series = {std::move(outer), std::move(inner)};
        charts.push_back({"fan_" + std::to_string(c + 1), line_chart_svg(chart)});
    }
    return charts;
}

}  // namespace

std::vector<AnalysisChart> analysis_charts(const AnalysisResults& a) {
    try {
        return a.kind == AnalysisKind::sensitivity ? sensitivity_charts(a) : uncertainty_charts(a);
    } catch (const std::invalid_argument& e) {  // a chart function refusing what the CSV holds
        throw InputError(a.table.file.string() + ": cannot draw its charts: " + e.what());
    }
}

}  // namespace moatsim
