#include "io/run_results.hpp"

#include <initializer_list>
#include <map>
#include <optional>
#include <utility>

#include "core/input_error.hpp"
#include "core/year_month.hpp"
#include "io/csv_reader.hpp"
#include "io/plot_metrics.hpp"
#include "io/resolved_events.hpp"
#include "core/summary.hpp"

namespace moatsim {
namespace {

namespace fs = std::filesystem;

// Checks every row's date against tick 0's date + tick, so a table whose dates and ticks
// disagree (edited, or mixed from two runs) is reported instead of plotted on a wrong axis.
class DateCheck {
public:
    explicit DateCheck(const CsvTable& t) : t_(t), tick_(t.column("tick")), date_(t.column("date")) {}

    int tick(const CsvRow& row) {
        const int tick = t_.tick(row, tick_);
        YearMonth date;
        if (!parse_year_month(row.fields[date_], date))
            throw InputError(t_.file.string() + ":" + std::to_string(row.line) +
                             ": column 'date': expected YYYY-MM, got '" + row.fields[date_] + "'");
        if (!origin_) origin_ = date.plus_months(-tick);
        else if (!(origin_->plus_months(tick) == date))
            throw InputError(t_.file.string() + ":" + std::to_string(row.line) + ": date " +
                             row.fields[date_] + " does not match tick " + std::to_string(tick) +
                             " (tick 0 is " + origin_->to_string() + ")");
        return tick;
    }
    [[nodiscard]] YearMonth origin() const {
        if (!origin_) throw InputError(t_.file.string() + ": no data rows");
        return *origin_;
    }

private:
    const CsvTable& t_;
    std::size_t tick_, date_;
    std::optional<YearMonth> origin_;
};

// Rows grouped by entity (first-appearance order), then tick.
template <class Value>
struct Grouped {
    std::vector<std::string> names;
    std::vector<std::map<int, Value>> by_tick;
    Value& at(const std::string& name, int tick) {
        std::size_t i = 0;
        while (i < names.size() && names[i] != name) ++i;
        if (i == names.size()) names.push_back(name), by_tick.emplace_back();
        return by_tick[i][tick];
    }
};

struct Point { double mean, lo, hi; int count; };

SeriesSet to_series(const std::string& metric, const YearMonth& origin, const Grouped<Point>& g) {
    SeriesSet s{{}, metric, origin, 0, {}};
    for (std::size_t i = 0; i < g.names.size(); ++i) {
        TimeSeries ts{g.names[i], {}, {}, {}, {}};
        for (const auto& [tick, p] : g.by_tick[i]) {
            ts.ticks.push_back(tick);
            ts.mean.push_back(p.mean);
            ts.lo.push_back(p.lo);
            ts.hi.push_back(p.hi);
            s.replicates = std::max(s.replicates, p.count);
        }
        s.series.push_back(std::move(ts));
    }
    return s;
}

fs::path need_file(const fs::path& dir, const std::string& name) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw InputError("'" + dir.string() + "': no such directory");
    const fs::path file = dir / name;
    if (!fs::is_regular_file(file, ec))
        throw InputError(file.string() + ": no such file (is '" + dir.string() +
                         "' an output directory of moatsim run?)");
    return file;
}

// A CSV cut short (a run killed while writing, a truncated copy) must not be drawn as if the
// run ended there: every series runs to the horizon the resolved scenario files promise (the
// shortest of them: compare covers the shorter horizon).
void check_complete(const SeriesSet& s, const fs::path& csv,
                    std::initializer_list<const std::optional<ScenarioFile>*> resolved) {
    std::optional<std::pair<int, fs::path>> promised;
    for (const auto* file : resolved)
        if (*file && (*file)->info.ticks && (!promised || *(*file)->info.ticks < promised->first))
            promised = std::pair{*(*file)->info.ticks, (*file)->path};
    if (!promised) return;
    const auto [horizon, source] = *promised;
    const auto date = [&](int tick) { return s.origin.plus_months(tick).to_string(); };
    for (const auto& ts : s.series) {
        const int last = ts.ticks.empty() ? -1 : ts.ticks.back();
        if (last < horizon)
            throw InputError(csv.string() + ": ends before the horizon: the last tick found for " +
                             ts.name + " is " + std::to_string(last) +
                             (last >= 0 ? " (" + date(last) + ")" : "") + ", expected " +
                             std::to_string(horizon) + " (" + date(horizon) + ") as in " +
                             source.string() + "; the file is incomplete (rerun to rewrite it)");
    }
}

// clouds.csv and vendors.csv hold a row per replicate, tick and entity, replicate by
// replicate: a file cut short has fewer rows at its late ticks than at tick 0.
void check_replicate_rows(const fs::path& csv, const Grouped<std::vector<double>>& values) {
    for (std::size_t i = 0; i < values.names.size(); ++i) {
        const auto& by_tick = values.by_tick[i];
        if (by_tick.empty()) continue;
        const auto& [first_tick, first] = *by_tick.begin();
        for (const auto& [tick, v] : by_tick)
            if (v.size() != first.size())
                throw InputError(csv.string() + ": " + values.names[i] + " has " +
                                 std::to_string(first.size()) + " replicate row(s) at tick " +
                                 std::to_string(first_tick) + " but " + std::to_string(v.size()) +
                                 " at tick " + std::to_string(tick) +
                                 "; the file is incomplete (rerun to rewrite it)");
    }
}

}  // namespace

ResultsKind results_kind(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw InputError("'" + dir.string() + "': no such directory");
    if (fs::is_regular_file(dir / "compare.csv", ec)) return ResultsKind::compare;
    if (fs::is_regular_file(dir / "sweep.csv", ec)) return ResultsKind::sweep;
    if (fs::is_regular_file(dir / "summary.csv", ec)) return ResultsKind::run;
    if (fs::is_regular_file(dir / "sensitivity.csv", ec) ||
        fs::is_regular_file(dir / "uncertainty.csv", ec))
        return ResultsKind::analysis;
    throw InputError("'" + dir.string() + "' is not a moatsim output directory: it has no "
                     "summary.csv (run), compare.csv (compare), sweep.csv (sweep), "
                     "sensitivity.csv or uncertainty.csv (analysis)");
}

namespace {

RunMetricSource known_source(const std::string& metric) {
    const auto source = run_metric_source(metric);
    if (!source)
        throw InputError("--metric: expected one of " + run_plot_metric_names() + " for a run "
                         "directory, got '" + metric + "'");
    return *source;
}

// One metric's series from its file, already parsed.
SeriesSet run_series(const CsvTable& t, const RunMetricSource& source, const std::string& metric,
                     const std::optional<ScenarioFile>& resolved) {
    DateCheck dates(t);
    const std::size_t entity = t.column(source.entity);
    Grouped<Point> points;
    if (source.summarised) {
        const std::size_t mean = t.column(source.column + "_mean"), lo = t.column(source.column + "_lo95"),
                          hi = t.column(source.column + "_hi95"), reps = t.column("replicates");
        for (const auto& row : t.rows)
            points.at(row.fields[entity], dates.tick(row)) =
                Point{t.number(row, mean), t.number(row, lo), t.number(row, hi), t.integer(row, reps)};
    } else {
        const std::size_t value = t.column(source.column);
        Grouped<std::vector<double>> values;
        for (const auto& row : t.rows)
            values.at(row.fields[entity], dates.tick(row)).push_back(t.number(row, value));
        check_replicate_rows(t.file, values);
        points.names = values.names;
        for (const auto& by_tick : values.by_tick) {
            auto& out = points.by_tick.emplace_back();
            for (const auto& [tick, v] : by_tick) {
                const Interval i = mean_interval(v);
                out[tick] = Point{i.mean, i.lo95, i.hi95, i.count};
            }
        }
    }
    SeriesSet s = to_series(metric, dates.origin(), points);
    check_complete(s, t.file, {&resolved});
    if (const std::size_t c = t.find_column("scenario"); c != static_cast<std::size_t>(-1))
        s.scenario = t.rows.front().fields[c];
    return s;
}

}  // namespace

SeriesSet read_run_series(const fs::path& dir, const std::string& metric) {
    const RunMetricSource source = known_source(metric);
    const CsvTable t = read_csv(need_file(dir, source.file));
    return run_series(t, source, metric, optional_scenario_file(dir / "scenario.resolved.toml"));
}

RunResults read_run_results(const fs::path& dir, const std::vector<std::string>& metrics) {
    RunResults r;
    r.dir = dir;
    std::map<std::string, CsvTable> tables;  // each file parsed once, whatever it serves
    for (const auto& metric : metrics) {
        const RunMetricSource source = known_source(metric);
        auto it = tables.find(source.file);
        if (it == tables.end())
            it = tables.emplace(source.file, read_csv(need_file(dir, source.file))).first;
        if (!r.scenario) r.scenario = optional_scenario_file(dir / "scenario.resolved.toml");
        r.metrics.push_back(run_series(it->second, source, metric, r.scenario));
    }
    if (metrics.empty()) r.scenario = optional_scenario_file(dir / "scenario.resolved.toml");
    std::error_code ec;
    if (fs::is_regular_file(dir / "backtest.csv", ec)) r.backtest = read_backtest_csv(dir / "backtest.csv");
    return r;
}

const SeriesSet& RunResults::series(const std::string& metric) const {
    for (const auto& s : metrics)
        if (s.metric == metric) return s;
    throw InputError(metric + ": not read from " + dir.string());
}

CompareResults read_compare_results(const fs::path& dir) {
    const CsvTable t = read_csv(need_file(dir, "compare.csv"));
    DateCheck dates(t);
    const std::size_t cloud = t.column("cloud"), metric = t.column("metric"), diff = t.column("diff"),
                      lo = t.column("lo95"), hi = t.column("hi95"), mean_base = t.column("mean_base"),
                      mean_alt = t.column("mean_alt");
    CompareResults r;
    r.dir = dir;
    Grouped<Point> points;
    std::string name;
    for (const auto& row : t.rows) {
        if (name.empty()) name = row.fields[metric];
        else if (row.fields[metric] != name)
            throw InputError(t.file.string() + ":" + std::to_string(row.line) + ": metric '" +
                             row.fields[metric] + "' differs from the file's first row ('" + name + "')");
        const int tick = dates.tick(row);
        // compare.csv does not store the replicate count (manifest.json does): 0 = unknown.
        points.at(row.fields[cloud], tick) =
            Point{t.number(row, diff), t.number(row, lo), t.number(row, hi), 0};
        r.rows.push_back({tick, row.fields[t.column("date")], row.fields[cloud], t.number(row, mean_base),
                          t.number(row, mean_alt), t.number(row, diff), t.number(row, lo),
                          t.number(row, hi)});
    }
    r.diff = to_series(name, dates.origin(), points);
    r.base = optional_scenario_file(dir / "base.resolved.toml");
    r.alt = optional_scenario_file(dir / "alt.resolved.toml");
    check_complete(r.diff, t.file, {&r.base, &r.alt});
    return r;
}

SeriesSet read_compare_series(const fs::path& dir) { return read_compare_results(dir).diff; }

}  // namespace moatsim
