#include "viz/result_charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/input_error.hpp"
#include "io/plot_metrics.hpp"
#include "viz/analysis_charts.hpp"

namespace moatsim {
namespace {

namespace fs = std::filesystem;

std::string with_unit(const std::string& label, const std::string& unit) {
    return unit.empty() ? label : label + " (" + unit + ")";
}

std::string lower_first(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z' && !(s.size() > 1 && s[1] >= 'A' && s[1] <= 'Z'))
        s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

// Values scaled for display; with `clip` (levels of a fraction, not differences) the band is
// kept within [0, scale].
std::vector<ChartSeries> chart_series(const SeriesSet& set, double scale, bool clip) {
    const auto bound = [&](double v) { return clip && !std::isnan(v) ? std::clamp(v * scale, 0.0, scale) : v * scale; };
    std::vector<ChartSeries> out;
    for (const auto& ts : set.series) {
        ChartSeries s{ts.name, {}, {}, {}, {}};
        for (std::size_t i = 0; i < ts.ticks.size(); ++i) {
            s.x.push_back(ts.ticks[i]);
            s.y.push_back(ts.mean[i] * scale);
            s.lo.push_back(bound(ts.lo[i]));
            s.hi.push_back(bound(ts.hi[i]));
        }
        out.push_back(std::move(s));
    }
    return out;
}

std::string number_text(double v) { return std::isnan(v) ? std::string() : fmt::format("{}", v); }

}  // namespace

std::vector<ChartMarker> event_markers(const std::vector<DatedEvent>& events, const YearMonth& origin) {
    std::vector<ChartMarker> out;
    for (const auto& e : events) {
        std::string detail = e.date.to_string() + " " + e.kind;
        if (!e.subject.empty()) detail += " " + e.subject;
        if (!e.note.empty()) detail += ": " + e.note;
        out.push_back({static_cast<double>(e.date.months_since(origin)), e.label(), detail});
    }
    return out;
}

LineChart run_chart(const RunResults& run, const std::string& metric) {
    const SeriesSet& set = run.series(metric);
    const MetricDisplay d = metric_display(metric);
    const auto source = run_metric_source(metric);
    LineChart c;
    const std::string by = source->entity == "vendor" ? "model vendor" : "cloud";
    c.title = d.title + (metric.starts_with("vendor_") ? "" : " by " + by);
    if (!set.scenario.empty()) c.title += " - " + set.scenario;
    c.subtitle = set.replicates > 1
                     ? fmt::format("Mean of {} replicates; shaded: 95% interval of the mean", set.replicates)
                     : "One replicate: no interval";
    c.x_label = "Month";
    c.y_label = with_unit(d.title, d.unit);
    c.time_origin = set.origin;
    c.series = chart_series(set, d.scale, d.fraction);
    if (run.scenario) {
        c.markers = event_markers(run.scenario->info.events, set.origin);
        if (!c.markers.empty()) c.note = "Dashed lines: scenario events (scenario.resolved.toml). ";
    }
    if (d.fraction && set.replicates > 1) c.note += "Bands clipped to [0, 100]%. ";
    c.note += "Source: " + (run.dir / source->file).string();
    return c;
}

LineChart compare_chart(const CompareResults& compare, const std::optional<std::string>& metric) {
    const SeriesSet& set = compare.diff;
    if (metric && *metric != set.metric)
        throw InputError("--metric " + *metric + ": " + (compare.dir / "compare.csv").string() +
                         " holds the difference in " + set.metric +
                         " (moatsim compare --metric chooses it)");
    const MetricDisplay d = metric_display(set.metric);
    const auto& base = compare.base;
    const auto& alt = compare.alt;
    const std::string base_name = base && !base->info.name.empty() ? base->info.name : "base";
    const std::string alt_name = alt && !alt->info.name.empty() ? alt->info.name : "alternative";
    LineChart c;
    c.title = alt_name + " - " + base_name + ": " + lower_first(d.title) + " by cloud";
    c.subtitle = "Paired difference on common random numbers; shaded: 95% interval of the mean difference";
    c.x_label = "Month";
    c.y_label = with_unit("Difference in " + lower_first(d.title), d.diff_unit);
    c.time_origin = set.origin;
    c.include_zero = true;
    c.series = chart_series(set, d.scale, false);
    // Events of both scenarios, each once: the alternative usually inherits the base's.
    for (const auto* info : {&base, &alt}) {
        if (!*info) continue;
        for (auto& m : event_markers((*info)->info.events, set.origin)) {
            bool seen = false;
            for (const auto& k : c.markers) seen = seen || (k.x == m.x && k.label == m.label);
            if (!seen) c.markers.push_back(std::move(m));
        }
    }
    if (!c.markers.empty()) c.note = "Dashed lines: scenario events. ";
    c.note += "Source: " + (compare.dir / "compare.csv").string();
    return c;
}

Heatmap sweep_heatmap(const SweepResults& sweep, const std::string& cloud, const std::string& metric) {
    const SweepGrid g = sweep_grid(sweep, cloud, metric);
    const MetricDisplay d = metric_display(metric);
    double reference = g.cells[0];
    std::string against;
    if (std::isfinite(reference)) {
        against = g.x_key + " = " + number_text(g.x_values[0]);
        if (!g.y_key.empty()) against += ", " + g.y_key + " = " + number_text(g.y_values[0]);
    } else {
        double sum = 0;
        int n = 0;
        for (const double v : g.cells)
            if (std::isfinite(v)) sum += v, ++n;
        reference = n > 0 ? sum / n : std::nan("");
        against = "the mean of all cells";
    }
    Heatmap h;
    h.title = "Effect on " + cloud + " " + lower_first(d.title) + " at " + g.horizon_date.to_string();
    h.subtitle = fmt::format("Change from {} ({} {} {:.{}f}{}{})", against, cloud, lower_first(d.title),
                             reference * d.scale, d.scale == 100 ? 1 : 3, d.unit == "%" ? "" : " ",
                             d.unit);
    h.x_label = g.x_key;
    h.y_label = g.y_key.empty() ? "(one parameter swept)" : g.y_key;
    h.value_label = with_unit("Change in " + cloud + " " + lower_first(d.title), d.diff_unit);
    for (const double v : g.x_values) h.x_values.push_back(number_text(v));
    for (const double v : g.y_values) h.y_values.push_back(g.y_key.empty() ? "" : number_text(v));
    for (const double v : g.cells) h.cells.push_back((v - reference) * d.scale);
    h.decimals = d.scale == 100 ? 1 : 3;
    h.note = "Each cell: mean over the run's replicates at the horizon";
    if (g.parameters > 2)
        h.note += fmt::format(", averaged over the other {} swept parameter(s)", g.parameters - 2);
    h.note += ". Source: " + (sweep.dir / "sweep.csv").string();
    return h;
}

std::string run_plot_metric(const std::optional<std::string>& metric) {
    return metric.value_or("share_workload");
}

std::string plot_svg(const AnyResults& results, const std::optional<std::string>& metric) {
    if (const auto* run = std::get_if<RunResults>(&results))
        return line_chart_svg(run_chart(*run, run_plot_metric(metric)));
    if (const auto* compare = std::get_if<CompareResults>(&results))
        return line_chart_svg(compare_chart(*compare, metric));
    if (const auto* analysis = std::get_if<AnalysisResults>(&results)) {
        // The names the command gives its chart files, from the data they are drawn from.
        const std::vector<AnalysisChart> charts = analysis_charts(*analysis);
        throw InputError("'" + analysis->dir.string() + "' is a sensitivity or uncertainty "
                         "directory: its charts are already there as SVG files (" +
                         (charts.empty() ? std::string("none") : charts.front().name + ".svg, ...") +
                         "); `moatsim report` shows them with the table");
    }
    return heatmap_svg(sweep_heatmap(std::get<SweepResults>(results), "AWS",
                                     metric.value_or("share_workload")));
}

}  // namespace moatsim
