#include "viz/backtest_charts.hpp"

#include <map>

#include "io/backtest_csv.hpp"
#include "io/run_results.hpp"

namespace moatsim {
namespace {

LineChart chart_for(const SeriesSet& model, const std::vector<BacktestRow>& rows, Measure measure,
                    const std::string& what) {
    LineChart c;
    c.title = "Backtest: " + what;
    c.subtitle = "Lines: the model. Points: published figures, whiskers: their bands.";
    c.x_label = "Month";
    c.y_label = what + " (%)";
    c.time_origin = model.origin;
    std::map<std::string, int> colour;  // entity -> palette index of its model line
    std::map<std::pair<std::string, std::string>, ChartSeries> observed;  // (series, entity)
    for (const auto& r : rows) {
        if (r.obs.measure != measure) continue;
        if (!colour.count(r.obs.entity)) colour[r.obs.entity] = -1;
        ChartSeries& s = observed[{r.obs.series, r.obs.entity}];
        s.name = r.obs.entity + " (" + r.obs.series + ")";
        s.points = true;
        s.x.push_back(r.obs.date.months_since(model.origin));
        s.y.push_back(100 * r.obs.observed);
        s.lo.push_back(100 * (r.obs.observed - r.obs.band));
        s.hi.push_back(100 * (r.obs.observed + r.obs.band));
    }
    for (const auto& ts : model.series) {
        if (!colour.count(ts.name)) continue;  // only entities with observations
        colour[ts.name] = static_cast<int>(c.series.size());
        ChartSeries line;
        line.name = ts.name + " (model)";
        for (std::size_t k = 0; k < ts.ticks.size(); ++k) {
            line.x.push_back(ts.ticks[k]);
            line.y.push_back(100 * ts.mean[k]);
        }
        line.colour = colour[ts.name];
        c.series.push_back(std::move(line));
    }
    for (auto& [key, s] : observed) {
        s.colour = colour[key.second];
        c.series.push_back(std::move(s));
    }
    return c;
}

}  // namespace

std::vector<LineChart> backtest_charts(const RunResults& run) {
    const std::vector<BacktestRow>& rows = run.backtest;
    std::vector<LineChart> charts;
    if (rows.empty()) return charts;
    for (const auto& [measure, metric, what] :
         {std::tuple{Measure::cloud_share, "share_workload", "Cloud workload share"},
          std::tuple{Measure::vendor_share, "vendor_share", "Model vendor share"}}) {
        LineChart c = chart_for(run.series(metric), rows, measure, what);
        bool any_points = false;
        for (const auto& s : c.series) any_points = any_points || s.points;
        if (any_points) charts.push_back(std::move(c));
    }
    return charts;
}

}  // namespace moatsim
