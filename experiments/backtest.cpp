#include "experiments/backtest.hpp"

#include <algorithm>
#include <cmath>

#include "core/input_error.hpp"
#include "experiments/ensemble.hpp"

namespace moatsim {
namespace {

std::string place(const Observation& o, int column) {
    return o.file.string() + ":" + std::to_string(o.line) + ":" + std::to_string(column) + ": ";
}

std::string names_of(const Scenario& s, Measure m) {
    std::string out;
    if (m == Measure::cloud_share)
        for (const auto& c : s.clouds) out += (out.empty() ? "" : ", ") + c.name;
    else
        for (const auto& v : s.vendors) out += (out.empty() ? "" : ", ") + v.name;
    return out;
}

int entity_index(const Scenario& s, const Observation& o) {
    return o.measure == Measure::cloud_share ? s.cloud_index(o.entity) : s.vendor_index(o.entity);
}

double value_at(const TickRecord& row, const Observation& o, int index) {
    const auto i = static_cast<std::size_t>(index);
    return o.measure == Measure::cloud_share ? row.clouds[i].share_workload
                                             : row.vendors[i].share;
}

}  // namespace

void check_history(const Scenario& s, const std::vector<Observation>& history) {
    const YearMonth last = s.start.plus_months(s.run.ticks);
    for (const Observation& o : history) {
        const int tick = o.date.months_since(s.start);
        if (tick < 0 || tick > s.run.ticks)
            throw InputError(place(o, o.date_column) + "date: observation dated " +
                             o.date.to_string() + " lies outside the run of '" +
                             s.source.string() + "' (" + s.start.to_string() + " to " +
                             last.to_string() + ")");
        if (entity_index(s, o) < 0)
            throw InputError(place(o, o.entity_column) + "entity: unknown " +
                             (o.measure == Measure::cloud_share ? "cloud" : "vendor") + " '" +
                             o.entity + "' (the scenario has " + names_of(s, o.measure) + ")");
    }
}

BacktestResult line_up(const Scenario& s, EnsembleResult run,
                       const std::vector<Observation>& history) {
    check_history(s, history);
    BacktestResult out;
    for (const Observation& o : history) {
        BacktestRow r;
        r.obs = o;
        r.tick = o.date.months_since(s.start);
        const int index = entity_index(s, o);
        double sum = 0;
        for (const auto& rep : run.replicates)
            sum += value_at(rep.ticks[static_cast<std::size_t>(r.tick)], o, index);
        r.model = sum / static_cast<double>(run.replicates.size());
        r.residual = r.model - o.observed;
        r.inside_band = std::abs(r.residual) <= o.band;
        out.rows.push_back(std::move(r));
    }
    out.series = fit_by_series(out.rows);
    out.switching_rate = annual_switching_rate(run);
    out.run = std::move(run);
    return out;
}

BacktestResult run_backtest(const Scenario& s, const std::vector<Observation>& history) {
    check_history(s, history);  // before the run, so bad input costs nothing
    return line_up(s, run_ensemble(s, nullptr), history);
}

double annual_switching_rate(const EnsembleResult& run, int last_tick) {
    double total = 0;
    for (const auto& rep : run.replicates) {
        double switches = 0, adopters = 0;
        const std::size_t end = last_tick >= 1 ? std::min(rep.ticks.size(), static_cast<std::size_t>(last_tick) + 1)
                                               : rep.ticks.size();
        for (std::size_t t = 1; t < end; ++t) {
            switches += rep.ticks[t].switches;
            adopters += rep.ticks[t].adopters;
        }
        total += adopters > 0 ? 12.0 * switches / adopters : 0.0;
    }
    return run.replicates.empty() ? 0.0 : total / static_cast<double>(run.replicates.size());
}

double band_chi2(const std::vector<BacktestRow>& rows) {
    double sum = 0;
    for (const auto& r : rows) sum += (r.residual / r.obs.band) * (r.residual / r.obs.band);
    return sum;
}

std::vector<SeriesFit> fit_by_series(const std::vector<BacktestRow>& rows) {
    std::vector<SeriesFit> fits;
    std::vector<double> squares;
    std::vector<int> inside;
    auto add = [&](std::size_t i, const BacktestRow& r) {
        fits[i].points += 1;
        squares[i] += r.residual * r.residual;
        inside[i] += r.inside_band ? 1 : 0;
    };
    for (const auto& r : rows) {
        std::size_t i = 0;
        while (i < fits.size() && fits[i].series != r.obs.series) ++i;
        if (i == fits.size()) {
            fits.push_back({r.obs.series});
            squares.push_back(0);
            inside.push_back(0);
        }
        add(i, r);
    }
    fits.push_back({"all"});
    squares.push_back(0);
    inside.push_back(0);
    for (const auto& r : rows) add(fits.size() - 1, r);
    for (std::size_t i = 0; i < fits.size(); ++i) {
        const double n = fits[i].points;
        fits[i].rmse = n > 0 ? std::sqrt(squares[i] / n) : 0.0;
        fits[i].inside_share = n > 0 ? inside[i] / n : 0.0;
    }
    return fits;
}

}  // namespace moatsim
