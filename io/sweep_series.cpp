#include "io/sweep_series.hpp"
#include "io/read_budget.hpp"

#include <algorithm>
#include <fstream>
#include <map>

#include "core/input_error.hpp"
#include "core/year_month.hpp"
#include "io/csv_reader.hpp"

namespace moatsim {
namespace {

std::vector<std::string> kept_metrics(const std::vector<std::string>& header) {
    std::vector<std::string> out;
    for (const auto& h : header)
        if (h.size() > 5 && h.ends_with("_mean")) out.push_back(h.substr(0, h.size() - 5));
    return out;
}

std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
}

}  // namespace

std::vector<std::string> sweep_metrics(const std::filesystem::path& dir) {
    const std::filesystem::path file = dir / "sweep.csv";
    require_memory_to_read(file, text_read_factor, "a sweep table");  // its header may be the file
    std::ifstream in(file, std::ios::binary);
    std::string line;
    if (!in || !std::getline(in, line)) throw InputError(file.string() + ": missing or empty");
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return kept_metrics(parse_csv(line + "\n", file).header);
}

SweepSeries read_sweep_series(const std::filesystem::path& dir, const std::string& metric) {
    SweepResults r{dir, read_csv(dir / "sweep.csv"), {}, {}};  // the plan is not needed here
    if (r.table.header.empty() || r.table.header[0] != "run")
        throw InputError(r.table.file.string() + ":1: expected the header to start with 'run'");
    r.metrics = kept_metrics(r.table.header);
    return sweep_series(r, metric);
}

SweepSeries sweep_series(const SweepResults& results, const std::string& metric) {
    const CsvTable& t = results.table;
    const std::size_t tick_col = t.column("tick"), date_col = t.column("date"), cloud_col = t.column("cloud");
    SweepSeries s;
    s.metric = metric;
    s.metrics = results.metrics;
    const std::size_t mean = t.find_column(metric + "_mean");
    if (mean == static_cast<std::size_t>(-1))
        throw InputError(t.file.string() + ": the sweep kept no metric '" + metric + "' (it kept: " +
                         joined(s.metrics) + ")");
    const std::size_t lo = t.column(metric + "_lo95"), hi = t.column(metric + "_hi95");
    if (tick_col < 2) throw InputError(t.file.string() + ": no swept parameter columns");
    s.keys.assign(t.header.begin() + 1, t.header.begin() + static_cast<std::ptrdiff_t>(tick_col));

    std::map<int, std::size_t> run_index;
    bool have_origin = false;
    for (const auto& row : t.rows) {
        const int run = t.integer(row, 0);
        const int tick = t.tick(row, tick_col);
        YearMonth date;
        if (!parse_year_month(row.fields[date_col], date))
            throw InputError(t.file.string() + ":" + std::to_string(row.line) +
                             ": column 'date': expected YYYY-MM, got '" + row.fields[date_col] + "'");
        if (!have_origin) s.origin = date.plus_months(-tick), have_origin = true;
        else if (!(s.origin.plus_months(tick) == date))
            throw InputError(t.file.string() + ":" + std::to_string(row.line) + ": date " + row.fields[date_col] +
                             " does not match tick " + std::to_string(tick) + " (tick 0 is " +
                             s.origin.to_string() + ")");
        auto [it, added] = run_index.try_emplace(run, s.runs.size());
        if (added) {
            SweepRunSeries r;
            r.run = run;
            for (std::size_t k = 1; k < tick_col; ++k) r.values.push_back(t.number(row, k));
            s.runs.push_back(std::move(r));
        }
        const std::string& cloud = row.fields[cloud_col];
        if (std::find(s.clouds.begin(), s.clouds.end(), cloud) == s.clouds.end()) s.clouds.push_back(cloud);
        auto& series = s.runs[it->second].clouds;
        auto ts = std::find_if(series.begin(), series.end(), [&](const TimeSeries& x) { return x.name == cloud; });
        if (ts == series.end()) ts = series.insert(series.end(), TimeSeries{cloud, {}, {}, {}, {}});
        ts->ticks.push_back(tick);
        ts->mean.push_back(t.number(row, mean));
        ts->lo.push_back(t.number(row, lo));
        ts->hi.push_back(t.number(row, hi));
    }
    if (s.runs.empty()) throw InputError(t.file.string() + ": no data rows");
    std::sort(s.runs.begin(), s.runs.end(), [](const auto& a, const auto& b) { return a.run < b.run; });
    return s;
}

}  // namespace moatsim
