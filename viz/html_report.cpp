#include "viz/html_report.hpp"

#include <fmt/format.h>

#include <cmath>
#include <sstream>
#include <utility>

#include "core/input_error.hpp"
#include "io/plot_metrics.hpp"
#include "viz/backtest_charts.hpp"
#include "viz/report_parts.hpp"
#include "viz/result_charts.hpp"

namespace moatsim {
namespace report {

namespace fs = std::filesystem;

std::string field(const std::optional<JsonValue>& manifest, const std::string& key) {
    if (!manifest) return {};
    const JsonValue* v = manifest->find(key);
    if (!v) return {};
    if (v->kind == JsonValue::Kind::array) {  // command_line: as typed, space-separated
        std::string out;
        for (const auto& item : v->items) out += (out.empty() ? "" : " ") + item.as_text();
        return out;
    }
    return v->as_text();
}

void add_field(Facts& facts, const std::optional<JsonValue>& manifest, const std::string& key,
               const std::string& label) {
    if (std::string value = field(manifest, key); !value.empty()) facts.emplace_back(label, std::move(value));
}

void add_provenance(Facts& facts, const std::optional<JsonValue>& manifest) {
    if (!manifest) {
        facts.emplace_back("Provenance", "no manifest.json in the directory");
        return;
    }
    std::string version = field(manifest, "moatsim_version");
    if (const std::string git = field(manifest, "git_commit"); !git.empty()) version += " (git " + git + ")";
    facts.emplace_back("moatsim version", version);
    facts.emplace_back("Command", field(manifest, "command_line"));
    std::string started = field(manifest, "started");
    if (const std::string wall = field(manifest, "wall_seconds"); !wall.empty()) {
        double seconds = 0;
        if (std::istringstream(wall) >> seconds) started += fmt::format(", took {:.2f} s", seconds);
    }
    if (const std::string threads = field(manifest, "threads"); !threads.empty())
        started += " on " + threads + " thread(s)";
    facts.emplace_back("Started", started);
    std::string build = field(manifest, "compiler");
    if (const std::string type = field(manifest, "build_type"); !type.empty())
        build += (build.empty() ? "" : ", ") + type + " (" + field(manifest, "build_flags") + ")";
    if (const std::string isa = field(manifest, "instruction_set"); !isa.empty())
        build += (build.empty() ? "" : "; ") + field(manifest, "kernel") + " kernel on " + isa;
    if (!build.empty()) facts.emplace_back("Build", build);
    // Events dated past a shortened horizon were not applied; say which.
    std::string skipped;
    if (const JsonValue* list = manifest->find("skipped_events"))
        for (const auto& e : list->items) {
            const JsonValue *date = e.find("date"), *kind = e.find("kind"), *id = e.find("id");
            skipped += (skipped.empty() ? "" : ", ") + (date ? date->text : "") + " " +
                       (kind ? kind->text : "") + (id && !id->text.empty() ? " [" + id->text + "]" : "");
        }
    if (!skipped.empty()) facts.emplace_back("Events past the horizon (not applied)", skipped);
}

void events_table(HtmlPage& page, const std::vector<DatedEvent>& events) {
    if (events.empty()) {
        page.paragraph("The scenario has no dated events.", "note");
        return;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : events) rows.push_back({e.date.to_string(), e.id, e.kind, e.subject, e.note});
    page.table({"Date", "Event", "Kind", "Subject", "Note"}, rows,
               "Dated events, applied at the start of their month; dashed lines on the charts.", false);
}

std::string fixed(double v, int decimals) {
    return std::isfinite(v) ? fmt::format("{:.{}f}", v, decimals) : "n/a";
}

std::string interval(double lo, double hi, int decimals) {
    if (!std::isfinite(lo) || !std::isfinite(hi)) return {};
    return fmt::format("[{:.{}f}, {:.{}f}]", lo, decimals, hi, decimals);
}

}  // namespace report

namespace {

namespace fs = std::filesystem;
using report::Facts;

std::string period(const SeriesSet& s) {
    if (s.series.empty() || s.series.front().ticks.empty()) return "no data";
    const int first = s.series.front().ticks.front(), last = s.series.front().ticks.back();
    return fmt::format("{} to {} ({} months)", s.origin.plus_months(first).to_string(),
                       s.origin.plus_months(last).to_string(), last - first);
}

const TimeSeries* series_named(const SeriesSet& s, const std::string& name) {
    for (const auto& ts : s.series)
        if (ts.name == name) return &ts;
    return nullptr;
}

std::string run_report(const RunResults& run, const std::optional<JsonValue>& manifest) {
    const fs::path& dir = run.dir;
    const SeriesSet& work = run.series("share_workload");
    const SeriesSet& revenue = run.series("share_revenue");
    const std::optional<ScenarioInfo> info =
        run.scenario ? std::optional<ScenarioInfo>(run.scenario->info) : std::nullopt;
    // Every chart is drawn before the page is assembled.
    std::vector<std::pair<std::string, std::string>> charts;
    for (const auto& metric : run_plot_metrics())
        charts.emplace_back(metric, line_chart_svg(run_chart(run, metric)));
    // A `moatsim backtest` directory (docs/BACKTEST.md): the model against its observations.
    std::vector<std::string> backtest;
    for (const auto& c : backtest_charts(run)) backtest.push_back(line_chart_svg(c));

    const std::string name = !work.scenario.empty() ? work.scenario : info ? info->name : dir.filename().string();
    HtmlPage page("moatsim report: " + name);
    page.heading(1, "moatsim report: " + name);
    page.paragraph(fmt::format("A run of scenario {}: {}, {} replicate(s).", name, period(work), work.replicates),
                   "lead");
    Facts facts = {{"Scenario", name}, {"Replicates", std::to_string(work.replicates)}};
    report::add_field(facts, manifest, "enterprises", "Enterprises");
    report::add_field(facts, manifest, "mode", "Mode");
    report::add_field(facts, manifest, "seeds", "Seed");
    facts.emplace_back("Period", period(work));
    facts.emplace_back("Directory", dir.string());
    report::add_provenance(facts, manifest);
    page.facts(facts);

    page.open_section("shares");
    page.heading(2, "Final shares");
    std::vector<std::vector<std::string>> rows;
    std::string start_date, end_date;
    for (const auto& ts : work.series) {
        if (ts.ticks.empty()) continue;
        start_date = work.origin.plus_months(ts.ticks.front()).to_string();
        end_date = work.origin.plus_months(ts.ticks.back()).to_string();
        const double first = ts.mean.front() * 100, last = ts.mean.back() * 100;
        const TimeSeries* rev = series_named(revenue, ts.name);
        rows.push_back({ts.name, report::fixed(first, 1), report::fixed(last, 1),
                        report::interval(ts.lo.back() * 100, ts.hi.back() * 100, 1),
                        fmt::format("{:+.1f}", last - first),
                        rev && !rev->mean.empty() ? report::fixed(rev->mean.back() * 100, 1) : "n/a"});
    }
    page.table({"Cloud", "Workload share " + start_date + " (%)", "Workload share " + end_date + " (%)",
                "95% interval", "Change (pp)", "Revenue share " + end_date + " (%)"},
               rows,
               work.replicates > 1 ? "Means across replicates; 95% t-interval of the mean (summary.csv)."
                                   : "One replicate: no interval (summary.csv).");
    page.close_section();

    page.open_section("charts");
    page.heading(2, "Over time");
    for (const auto& [metric, svg] : charts) page.figure("chart-" + metric, svg);
    page.close_section();

    if (!backtest.empty()) {
        page.open_section("backtest");
        page.heading(2, "Backtest against published shares");
        for (std::size_t i = 0; i < backtest.size(); ++i)
            page.figure("chart-backtest-" + std::to_string(i), backtest[i]);
        page.close_section();
    }

    page.open_section("events");
    page.heading(2, "Events");
    if (info) report::events_table(page, info->events);
    else page.paragraph("No scenario.resolved.toml in the directory: events unknown.", "note");
    page.close_section();
    return page.finish("moatsim report of " + dir.string() +
                       ". Self-contained: no scripts, fonts or images are loaded from anywhere.");
}

std::string compare_report(const CompareResults& compare, const std::optional<JsonValue>& manifest) {
    const fs::path& dir = compare.dir;
    const SeriesSet& diff = compare.diff;
    const std::string svg = line_chart_svg(compare_chart(compare));
    const auto& base = compare.base;
    const auto& alt = compare.alt;
    const std::string base_name = base && !base->info.name.empty() ? base->info.name : "base";
    const std::string alt_name = alt && !alt->info.name.empty() ? alt->info.name : "alternative";
    const MetricDisplay d = metric_display(diff.metric);
    const int decimals = d.scale == 100 ? 2 : 3;

    HtmlPage page("moatsim report: " + alt_name + " vs " + base_name);
    page.heading(1, "moatsim report: " + alt_name + " vs " + base_name);
    page.paragraph("Paired comparison on common random numbers: replicate r of both scenarios shares its "
                   "seed, population and draws, so " + alt_name + " - " + base_name +
                   " per replicate isolates the lever.", "lead");
    Facts facts = {{"Base", base_name}, {"Alternative", alt_name}, {"Metric", diff.metric}};
    report::add_field(facts, manifest, "replicates", "Replicates");
    report::add_field(facts, manifest, "mode", "Mode");
    report::add_field(facts, manifest, "seeds", "Seed");
    facts.emplace_back("Period", period(diff));
    facts.emplace_back("Directory", dir.string());
    report::add_provenance(facts, manifest);
    page.facts(facts);

    page.open_section("differences");
    page.heading(2, "Paired difference " + alt_name + " - " + base_name);
    int horizon = 0;
    for (const auto& ts : diff.series)
        if (!ts.ticks.empty()) horizon = std::max(horizon, ts.ticks.back());
    std::vector<int> at;
    for (const int years : {1, 3, 10})
        if (12 * years <= horizon) at.push_back(12 * years);
    if (at.empty()) at.push_back(horizon);
    std::vector<std::string> header = {"Cloud"};
    for (const int t : at)
        header.push_back(diff.origin.plus_months(t).to_string() +
                         (t % 12 == 0 && t > 0 ? fmt::format(" ({} y)", t / 12) : fmt::format(" (month {})", t)));
    std::vector<std::vector<std::string>> rows;
    for (const auto& ts : diff.series) {
        std::vector<std::string> row = {ts.name};
        for (const int t : at) {
            std::size_t i = 0;
            while (i < ts.ticks.size() && ts.ticks[i] != t) ++i;
            if (i == ts.ticks.size()) { row.emplace_back("n/a"); continue; }
            const double lo = ts.lo[i] * d.scale, hi = ts.hi[i] * d.scale;
            const bool excludes = std::isfinite(lo) && std::isfinite(hi) && (lo > 0 || hi < 0);
            std::string cell = fmt::format("{:+.{}f}", ts.mean[i] * d.scale, decimals);
            if (std::isfinite(lo)) cell += fmt::format(" [{:+.{}f}, {:+.{}f}]", lo, decimals, hi, decimals);
            row.push_back(cell + (excludes ? "*" : ""));
        }
        rows.push_back(std::move(row));
    }
    page.table(header, rows,
               "Mean of the per-replicate differences in " + diff.metric +
                   (d.diff_unit.empty() ? "" : " (" + d.diff_unit + ")") +
                   " with its 95% interval; * = the interval excludes zero (compare.csv).");
    page.figure("chart-difference", svg);
    page.close_section();

    page.open_section("events");
    page.heading(2, "Events");
    std::vector<DatedEvent> events;
    for (const auto* info : {&base, &alt}) {
        if (!*info) continue;
        for (const auto& e : (*info)->info.events) {
            bool seen = false;
            for (const auto& k : events) seen = seen || (k.date == e.date && k.label() == e.label());
            if (!seen) events.push_back(e);
        }
    }
    if (base || alt) report::events_table(page, events);
    else page.paragraph("No resolved scenarios in the directory: events unknown.", "note");
    page.close_section();
    return page.finish("moatsim report of " + dir.string() +
                       ". Self-contained: no scripts, fonts or images are loaded from anywhere.");
}

std::string sweep_report(const SweepResults& sweep, const std::optional<JsonValue>& manifest) {
    const fs::path& dir = sweep.dir;
    // Named after the sweep file if the manifest records it, else after the directory.
    std::string name = dir.filename().empty() ? dir.parent_path().filename().string() : dir.filename().string();
    if (const JsonValue* inputs = manifest ? manifest->find("inputs") : nullptr)
        for (const auto& in : inputs->items)
            if (const JsonValue* role = in.find("role"); role && role->text == "sweep" && in.find("path"))
                name = fs::path(in.find("path")->text).stem().string();
    HtmlPage page("moatsim report: sweep " + name);
    page.heading(1, "moatsim report: sweep " + name);
    report::sweep_sections(page, sweep, manifest);
    return page.finish("moatsim report of " + dir.string() +
                       ". Self-contained: no scripts, fonts or images are loaded from anywhere.");
}

}  // namespace

const std::vector<std::string>& report_run_metrics() { return run_plot_metrics(); }

std::string html_report(const AnyResults& results, const std::optional<JsonValue>& manifest) {
    if (const auto* run = std::get_if<RunResults>(&results)) return run_report(*run, manifest);
    if (const auto* compare = std::get_if<CompareResults>(&results))
        return compare_report(*compare, manifest);
    if (const auto* analysis = std::get_if<AnalysisResults>(&results))
        return report::analysis_report(*analysis, manifest);
    return sweep_report(std::get<SweepResults>(results), manifest);
}

}  // namespace moatsim
