#include "io/sweep_results.hpp"
#include "io/read_budget.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>

#include "core/input_error.hpp"
#include "core/year_month.hpp"
#include "io/csv_reader.hpp"

namespace moatsim {
namespace {

constexpr std::size_t max_grid_values = 30;

std::vector<double> distinct_sorted(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

std::size_t index_of(const std::vector<double>& sorted, double v) {
    return static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), v) - sorted.begin());
}

}  // namespace

std::optional<SweepPlanFacts> read_sweep_plan(const std::filesystem::path& dir) {
    const std::filesystem::path file = dir / "sweep.plan";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
    require_memory_to_read(file, text_read_factor, "a sweep plan");  // a line may be the file
    std::ifstream in(file);
    SweepPlanFacts plan;
    bool ticks = false;
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("run ")) ++plan.runs;
        else if (line.starts_with("ticks ")) ticks = std::sscanf(line.c_str() + 6, "%d", &plan.ticks) == 1;
    }
    if (in.bad() || !ticks)
        throw InputError(file.string() + ": cannot read the planned horizon (no 'ticks' line)");
    return plan;
}

SweepResults read_sweep_results(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        throw InputError("'" + dir.string() + "': no such directory");
    SweepResults r{dir, read_csv(dir / "sweep.csv"), {}, {}};
    const CsvTable& t = r.table;
    if (t.header.empty() || t.header[0] != "run")
        throw InputError(t.file.string() + ":1: expected the header to start with 'run'");
    for (const auto& h : t.header)
        if (h.size() > 5 && h.ends_with("_mean")) r.metrics.push_back(h.substr(0, h.size() - 5));
    r.plan = read_sweep_plan(dir);
    return r;
}

SweepGrid read_sweep_grid(const std::filesystem::path& dir, const std::string& cloud,
                          const std::string& metric) {
    return sweep_grid(read_sweep_results(dir), cloud, metric);
}

SweepGrid sweep_grid(const SweepResults& results, const std::string& cloud,
                     const std::string& metric) {
    const CsvTable& t = results.table;
    const std::filesystem::path& dir = results.dir;
    const std::size_t tick_col = t.column("tick"), date_col = t.column("date"),
                      cloud_col = t.column("cloud");
    std::size_t value_col = t.find_column(metric + "_mean");
    if (value_col == static_cast<std::size_t>(-1)) {
        std::string kept;
        for (const auto& m : results.metrics) kept += (kept.empty() ? "" : ", ") + m;
        throw InputError(t.file.string() + ": the sweep kept no metric '" + metric + "' (it kept: " + kept + ")");
    }
    SweepGrid g;
    g.cloud = cloud;
    g.metric = metric;
    g.parameters = static_cast<int>(tick_col) - 1;  // the columns between run and tick
    if (g.parameters < 1) throw InputError(t.file.string() + ": no swept parameter columns");
    g.x_key = t.header[1];
    if (g.parameters >= 2) g.y_key = t.header[2];

    // The horizon is the plan's (or, without sweep.plan, the last tick of the file); every
    // run in the file must reach it, or the heatmap would silently lose the run's cell.
    bool any_cloud = false;
    std::map<int, int> last_tick;  // per run
    for (const auto& row : t.rows) {
        const int tick = t.tick(row, tick_col);
        if (tick > g.horizon) g.horizon = tick;
        auto [it, fresh] = last_tick.emplace(t.integer(row, 0), tick);
        if (!fresh) it->second = std::max(it->second, tick);
        any_cloud = any_cloud || row.fields[cloud_col] == cloud;
    }
    if (!any_cloud) throw InputError(t.file.string() + ": no rows for cloud '" + cloud + "'");
    const auto& plan = results.plan;
    const int expected = plan ? plan->ticks : g.horizon;
    for (const auto& [run, last] : last_tick)
        if (last < expected)
            throw InputError(t.file.string() + ": run " + std::to_string(run) +
                             " ends before the horizon: the last tick found is " +
                             std::to_string(last) + ", expected " + std::to_string(expected) +
                             (plan ? " as in " + (dir / "sweep.plan").string() : std::string()) +
                             "; the file is incomplete (rerun the sweep to resume it)");

    struct Hit { double x, y, value; };
    std::vector<Hit> hits;
    std::vector<double> xs, ys;
    for (const auto& row : t.rows) {
        if (row.fields[cloud_col] != cloud || t.tick(row, tick_col) != g.horizon) continue;
        (void)t.integer(row, 0);  // the run number must be an integer
        const double x = t.number(row, 1);
        const double y = g.parameters >= 2 ? t.number(row, 2) : std::numeric_limits<double>::quiet_NaN();
        if (!std::isfinite(x) || (g.parameters >= 2 && !std::isfinite(y)))
            throw InputError(t.file.string() + ":" + std::to_string(row.line) + ": empty parameter value");
        if (!parse_year_month(row.fields[date_col], g.horizon_date))
            throw InputError(t.file.string() + ":" + std::to_string(row.line) +
                             ": column 'date': expected YYYY-MM, got '" + row.fields[date_col] + "'");
        hits.push_back({x, y, t.number(row, value_col)});
        xs.push_back(x);
        ys.push_back(y);
    }
    g.x_values = distinct_sorted(xs);
    g.y_values = g.parameters >= 2 ? distinct_sorted(ys) : std::vector<double>{std::numeric_limits<double>::quiet_NaN()};
    for (const auto& [key, values] : {std::pair{g.x_key, &g.x_values}, std::pair{g.y_key, &g.y_values}})
        if (values->size() > max_grid_values)
            throw InputError(t.file.string() + ": parameter '" + key + "' has " + std::to_string(values->size()) +
                             " distinct values; a heatmap needs a grid design (a Latin-hypercube sweep is not one)");

    const std::size_t nx = g.x_values.size();
    g.cells.assign(nx * g.y_values.size(), 0.0);
    g.runs_per_cell.assign(g.cells.size(), 0);
    for (const auto& h : hits) {
        const std::size_t cell = (g.parameters >= 2 ? index_of(g.y_values, h.y) : 0) * nx + index_of(g.x_values, h.x);
        g.cells[cell] += h.value;
        ++g.runs_per_cell[cell];
    }
    for (std::size_t i = 0; i < g.cells.size(); ++i)
        g.cells[i] = g.runs_per_cell[i] > 0 ? g.cells[i] / g.runs_per_cell[i]
                                            : std::numeric_limits<double>::quiet_NaN();
    return g;
}

}  // namespace moatsim
