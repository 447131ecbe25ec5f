// The sweep part of `moatsim report`: the heatmaps of the horizon effect over the first two
// swept parameters, and one line chart per group of runs (runs sharing the second
// parameter's value), from sweep.csv alone.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/input_error.hpp"
#include "io/plot_metrics.hpp"
#include "viz/report_parts.hpp"
#include "viz/result_charts.hpp"
#include "io/sweep_results.hpp"
#include "io/sweep_series.hpp"

namespace moatsim::report {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t max_grid_values = 30;   // as sweep_results.cpp: more is not a grid
constexpr std::size_t max_groups = 8;         // line charts per report
constexpr std::size_t max_lines = 21;         // 7 colours x 3 dash styles (palette.hpp)

std::string number_text(double v) { return std::isnan(v) ? std::string("n/a") : fmt::format("{}", v); }

std::vector<double> distinct(const SweepSeries& s, std::size_t key) {
    std::vector<double> v;
    for (const auto& r : s.runs) v.push_back(r.values[key]);
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

std::string sweep_file(const std::optional<JsonValue>& manifest) {
    const JsonValue* inputs = manifest ? manifest->find("inputs") : nullptr;
    if (!inputs) return {};
    for (const auto& in : inputs->items) {
        const JsonValue* role = in.find("role");
        const JsonValue* path = in.find("path");
        if (role && path && role->text == "sweep") return path->text;
    }
    return {};
}

// One line per run of `runs`, labelled by the values of every parameter but `group_key`.
LineChart group_chart(const SweepSeries& s, const std::string& cloud, const std::vector<const SweepRunSeries*>& runs,
                      std::optional<std::size_t> group_key, double group_value) {
    const MetricDisplay d = metric_display(s.metric);
    LineChart c;
    std::string what = d.title.empty() ? s.metric : d.title;
    if (what.size() > 1 && what[0] >= 'A' && what[0] <= 'Z' && !(what[1] >= 'A' && what[1] <= 'Z'))
        what[0] = static_cast<char>(what[0] - 'A' + 'a');
    c.title = cloud + " " + what + " by run";
    if (group_key) c.title += ", " + s.keys[*group_key] + " = " + number_text(group_value);
    std::string legend_keys;
    for (std::size_t k = 0; k < s.keys.size(); ++k)
        if (!group_key || k != *group_key) legend_keys += (legend_keys.empty() ? "" : ", ") + s.keys[k];
    c.subtitle = "Mean over each run's replicates; legend: " + legend_keys;
    c.x_label = "Month";
    c.y_label = d.unit.empty() ? d.title : d.title + " (" + d.unit + ")";
    c.time_origin = s.origin;
    c.height = 400;
    for (const auto* r : runs) {
        std::string label;
        for (std::size_t k = 0; k < s.keys.size(); ++k)
            if (!group_key || k != *group_key) label += (label.empty() ? "" : ", ") + number_text(r->values[k]);
        for (const auto& ts : r->clouds) {
            if (ts.name != cloud) continue;
            ChartSeries line{label, {}, {}, {}, {}};
            for (std::size_t i = 0; i < ts.ticks.size(); ++i) {
                line.x.push_back(ts.ticks[i]);
                line.y.push_back(ts.mean[i] * d.scale);
            }
            c.series.push_back(std::move(line));
        }
    }
    c.note = "Run " + std::to_string(runs.front()->run) + (runs.size() > 1 ? " and others" : "") +
             " of sweep.csv; bands omitted for legibility (sweep.csv has each run's 95% interval)";
    return c;
}

}  // namespace

void sweep_sections(HtmlPage& page, const SweepResults& sweep, const std::optional<JsonValue>& manifest) {
    const fs::path& dir = sweep.dir;
    const std::vector<std::string>& metrics = sweep.metrics;
    if (metrics.empty()) throw InputError((dir / "sweep.csv").string() + ":1: no <metric>_mean columns");
    const auto kept = [&](const std::string& m) { return std::find(metrics.begin(), metrics.end(), m) != metrics.end(); };
    const std::string metric = kept("share_workload") ? "share_workload" : metrics.front();
    const SweepSeries s = sweep_series(sweep, metric);
    const std::string cloud =
        std::find(s.clouds.begin(), s.clouds.end(), "AWS") != s.clouds.end() ? "AWS" : s.clouds.front();

    std::vector<std::vector<double>> values;
    for (std::size_t k = 0; k < s.keys.size(); ++k) values.push_back(distinct(s, k));
    const bool grid = values[0].size() <= max_grid_values && (values.size() < 2 || values[1].size() <= max_grid_values);

    // Charts first: any bad file stops the report before anything is assembled.
    std::vector<std::string> heatmaps;
    if (grid) {
        heatmaps.push_back(heatmap_svg(sweep_heatmap(sweep, cloud, metric)));
        if (metric != "share_revenue" && kept("share_revenue"))
            heatmaps.push_back(heatmap_svg(sweep_heatmap(sweep, cloud, "share_revenue")));
    }
    std::vector<std::string> lines;
    std::string lines_note;
    if (s.keys.size() >= 2 && values[1].size() <= max_groups) {
        std::map<double, std::vector<const SweepRunSeries*>> groups;
        for (const auto& r : s.runs) groups[r.values[1]].push_back(&r);
        std::size_t widest = 0;
        for (const auto& [v, runs] : groups) widest = std::max(widest, runs.size());
        if (widest <= max_lines)
            for (const auto& [v, runs] : groups) lines.push_back(line_chart_svg(group_chart(s, cloud, runs, 1, v)));
    }
    if (lines.empty() && s.runs.size() <= max_lines) {
        std::vector<const SweepRunSeries*> all;
        for (const auto& r : s.runs) all.push_back(&r);
        lines.push_back(line_chart_svg(group_chart(s, cloud, all, std::nullopt, 0)));
    }
    if (lines.empty())
        lines_note = fmt::format("{} runs are too many to draw as lines (at most {} per chart).", s.runs.size(), max_lines);

    const int horizon = s.runs.front().clouds.empty() || s.runs.front().clouds.front().ticks.empty()
                            ? 0 : s.runs.front().clouds.front().ticks.back();
    page.paragraph(fmt::format("{} run(s) over {} swept parameter(s); each cell and line is one run's mean over "
                               "its replicates, read from sweep.csv.", s.runs.size(), s.keys.size()),
                   "lead");
    // A sweep stopped early (killed, or still running) is shown, but never as if it were whole.
    const auto& plan = sweep.plan;
    const int planned = plan ? plan->runs : static_cast<int>(s.runs.size());
    const int missing = std::max(0, planned - static_cast<int>(s.runs.size()));
    if (missing > 0)
        page.paragraph(fmt::format("Partial sweep: {} of the {} planned runs are missing (sweep.plan lists {}, "
                                   "sweep.csv has {}); rerun moatsim sweep on the same directory to finish it.",
                                   missing, planned, planned, s.runs.size()),
                       "note");
    Facts facts;
    if (const std::string file = sweep_file(manifest); !file.empty()) facts.emplace_back("Sweep file", file);
    for (std::size_t k = 0; k < s.keys.size(); ++k) {
        std::string v;
        for (const double x : values[k]) v += (v.empty() ? "" : ", ") + number_text(x);
        facts.emplace_back("Parameter " + std::to_string(k + 1), s.keys[k] + ": " + v);
    }
    facts.emplace_back("Runs", missing > 0 ? fmt::format("{} of {} planned ({} missing)", s.runs.size(), planned, missing)
                                           : std::to_string(s.runs.size()));
    if (const auto r = field(manifest, "replicates"); !r.empty()) facts.emplace_back("Replicates per run", r);
    if (const auto seed = field(manifest, "seeds"); !seed.empty()) facts.emplace_back("Seed", seed);
    facts.emplace_back("Period", fmt::format("{} to {} ({} months)", s.origin.to_string(),
                                             s.origin.plus_months(horizon).to_string(), horizon));
    std::string kept_list;
    for (const auto& m : metrics) kept_list += (kept_list.empty() ? "" : ", ") + m;
    facts.emplace_back("Metrics kept", kept_list);
    facts.emplace_back("Directory", dir.string());
    add_provenance(facts, manifest);
    page.facts(facts);

    page.open_section("effect");
    page.heading(2, "Effect on " + cloud + " at the horizon");
    for (std::size_t i = 0; i < heatmaps.size(); ++i) page.figure("chart-heatmap-" + std::to_string(i + 1), heatmaps[i]);
    if (!grid)
        page.paragraph("No heatmap: a parameter has more than 30 distinct values (a Latin-hypercube design is "
                       "not a grid).", "note");
    page.close_section();

    page.open_section("runs");
    page.heading(2, cloud + " over time by run");
    for (std::size_t i = 0; i < lines.size(); ++i) page.figure("chart-runs-" + std::to_string(i + 1), lines[i]);
    if (!lines_note.empty()) page.paragraph(lines_note, "note");
    page.close_section();
}

}  // namespace moatsim::report
