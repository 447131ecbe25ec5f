#include "experiments/calibration_output.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "experiments/job_executor.hpp"
#include "io/atomic_file.hpp"
#include "io/csv_format.hpp"

namespace moatsim {
namespace {

double rmse_of(const std::vector<BacktestRow>& rows, const HistoryObjective& o, bool in, int& n) {
    double sum = 0;
    n = 0;
    for (const auto& r : rows)
        if (o.in_sample(r.obs) == in) {
            sum += r.residual * r.residual;
            ++n;
        }
    return n > 0 ? std::sqrt(sum / n) : NAN;
}

double json_number(double v) { return std::isfinite(v) ? v : 0.0; }

nlohmann::json report_json(const HistoryObjective& objective, const CalibrationReport& r) {
    const CalibrationSpec& spec = objective.spec();
    nlohmann::json j;
    j["name"] = spec.name;
    j["scenario"] = spec.scenario.string();
    j["data"] = spec.data.string();
    j["fit_until"] = spec.fit_until ? spec.fit_until->to_string() : "";
    j["enterprises"] = *spec.overrides.enterprises;
    j["uncertainty_method"] =
        "profile likelihood: each parameter fixed on a grid over its bounds, the others re-fitted; "
        "68% interval where the objective (chi-square in band units) rises by 1";
    j["objective"] = {{"total", r.at_fit.objective},
                      {"observations_chi2", r.at_fit.chi2},
                      {"switching_term", r.at_fit.switching_term},
                      {"switching_rate", r.at_fit.switching_rate},
                      {"switching_rate_whole_run", r.at_fit.backtest.switching_rate},
                      {"switching_target", spec.switching_target}};
    j["evaluations"] = r.fit.evaluations;
    j["seconds"] = r.seconds;
    j["in_sample"] = {{"points", r.in_sample_points}, {"rmse", json_number(r.in_sample_rmse)}};
    j["out_of_sample"] = {{"points", r.out_of_sample_points},
                          {"rmse", json_number(r.out_of_sample_rmse)}};
    for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
        const auto& par = spec.parameters[p];
        const auto& e = r.uncertainty.estimates[p];
        nlohmann::json q = {{"name", par.name},       {"keys", par.keys},
                            {"lower_bound", par.lower}, {"upper_bound", par.upper},
                            {"scale", par.scale},     {"identified", e.identified},
                            {"max_profile_rise", e.max_rise}};
        if (e.identified)
            q["estimate"] = e.value, q["interval_68"] = {e.lower, e.upper},
            q["interval_closed"] = {e.lower_closed, e.upper_closed};
        else
            q["value_at_optimum_not_an_estimate"] = e.value;
        j["parameters"].push_back(q);
    }
    for (const auto& row : r.uncertainty.correlation) {
        nlohmann::json line = nlohmann::json::array();
        for (const double c : row) line.push_back(std::isfinite(c) ? nlohmann::json(c) : nlohmann::json());
        j["correlation"].push_back(line);
    }
    for (const auto& s : r.fit.starts)
        j["starts"].push_back({{"start", s.start},
                               {"values", s.values},
                               {"global_objective", s.global_objective},
                               {"objective", s.objective},
                               {"local_status", s.local_status}});
    for (const auto& d : r.by_date)
        j["error_by_date"].push_back({{"date", d.date.to_string()},
                                      {"in_sample", d.in_sample},
                                      {"points", d.points},
                                      {"rmse", d.rmse}});
    return j;
}

}  // namespace

CalibrationReport report_calibration(const HistoryObjective& objective, FitResult fit) {
    CalibrationReport r;
    r.uncertainty = estimate_uncertainty(objective, fit);
    if (!job_executor().writes_outputs()) return r;  // an MPI rank that only computed
    r.at_fit = objective.evaluate(fit.values);
    r.fit = std::move(fit);
    r.fit.evaluations = objective.evaluations();
    const auto& rows = r.at_fit.backtest.rows;
    r.in_sample_rmse = rmse_of(rows, objective, true, r.in_sample_points);
    r.out_of_sample_rmse = rmse_of(rows, objective, false, r.out_of_sample_points);
    std::map<int, std::pair<double, int>> by_month;  // months since year 0 -> (sum sq, n)
    for (const auto& row : rows) {
        auto& [sum, n] = by_month[row.obs.date.year * 12 + row.obs.date.month - 1];
        sum += row.residual * row.residual;
        ++n;
    }
    for (const auto& [m, v] : by_month) {
        DateError d;
        d.date = YearMonth{m / 12, m % 12 + 1};
        Observation probe;
        probe.date = d.date;
        d.in_sample = objective.in_sample(probe);
        d.points = v.second;
        d.rmse = std::sqrt(v.first / v.second);
        r.by_date.push_back(d);
    }
    return r;
}

void write_calibration_outputs(const std::filesystem::path& dir, const HistoryObjective& objective,
                               const CalibrationReport& r) {
    const CalibrationSpec& spec = objective.spec();
    auto write = [&dir](const char* name, const std::function<void(std::ostream&)>& body) {
        AtomicFile f(dir / name);
        body(f.stream());
        f.commit();
    };
    write("calibration.json", [&](std::ostream& o) { o << report_json(objective, r).dump(2) << '\n'; });
    write("calibration.csv", [&](std::ostream& o) {
        o << "parameter,identified,estimate,lower_68,upper_68,lower_closed,upper_closed,"
             "max_profile_rise,lower_bound,upper_bound,scale\n";
        for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
            const auto& par = spec.parameters[p];
            const auto& e = r.uncertainty.estimates[p];
            const double na = NAN;  // not identified: no estimate, no interval
            o << csv_text(par.name) << ',' << (e.identified ? "true" : "false") << ','
              << csv_number(e.identified ? e.value : na) << ','
              << csv_number(e.identified ? e.lower : na) << ','
              << csv_number(e.identified ? e.upper : na) << ','
              << (e.lower_closed ? "true" : "false") << ',' << (e.upper_closed ? "true" : "false")
              << ',' << csv_number(e.max_rise) << ',' << csv_number(par.lower) << ','
              << csv_number(par.upper) << ',' << csv_number(par.scale) << '\n';
        }
    });
    write("residuals.csv", [&](std::ostream& o) { write_backtest_csv(o, r.at_fit.backtest.rows); });
    write("errors.csv", [&](std::ostream& o) {
        o << "date,sample,points,rmse\n";
        for (const auto& d : r.by_date)
            o << d.date.to_string() << ',' << (d.in_sample ? "in" : "out") << ',' << d.points
              << ',' << csv_number(d.rmse) << '\n';
    });
    write("profile.csv", [&](std::ostream& o) {
        o << "parameter,value,objective,rise\n";
        for (const auto& p : r.uncertainty.profile)
            o << csv_text(spec.parameters[p.parameter].name) << ',' << csv_number(p.value) << ','
              << csv_number(p.objective) << ',' << csv_number(p.objective - r.fit.objective) << '\n';
    });
    write("correlation.csv", [&](std::ostream& o) {
        o << "parameter";
        for (const auto& par : spec.parameters) o << ',' << csv_text(par.name);
        o << '\n';
        for (std::size_t i = 0; i < spec.parameters.size(); ++i) {
            o << csv_text(spec.parameters[i].name);
            for (const double c : r.uncertainty.correlation[i]) o << ',' << csv_number(c);
            o << '\n';
        }
    });
}

std::string calibrated_scenario(const HistoryObjective& objective, const CalibrationReport& r,
                                 const std::string& base) {
    const CalibrationSpec& spec = objective.spec();
    std::string out = fmt::format(
        "# Calibrated: the baseline with the free parameters that `moatsim calibrate` fitted to\n"
        "# the 2023-2025 history (docs/CALIBRATE.md). Written by moatsim calibrate {} from\n"
        "# {} (history {}, {} enterprises, expected mode{}); objective {:.4g} (chi-square in\n"
        "# band units {:.4g} + switching term {:.4g}); intervals are 68% profile intervals.\n",
        spec.source.filename().string(), spec.scenario.filename().string(),
        spec.data.lexically_normal().string(),
        *spec.overrides.enterprises,
        spec.fit_until ? ", fitted up to " + spec.fit_until->to_string() : std::string(),
        r.at_fit.objective, r.at_fit.chi2, r.at_fit.switching_term);
    out += fmt::format("base = \"{}\"\ncalibrate = \"self\"          # brands fitted to the "
                       "baseline's 2025 target shares under the fitted values\n"
                       "name = \"calibrated\"\ndescription = \"Baseline with parameters "
                       "fitted to 2023-2025 cloud and model-vendor shares\"\n",
                       base);
    std::map<std::string, std::vector<std::string>> tables;  // table -> "key = value # why"
    for (std::size_t p = 0; p < spec.parameters.size(); ++p) {
        const auto& par = spec.parameters[p];
        const auto& e = r.uncertainty.estimates[p];
        if (!e.identified) {
            out += fmt::format("# {}: not identified (profile rises by {:.3g} < 1 across [{}, {}]); "
                               "the baseline's value is kept\n",
                               par.name, e.max_rise, par.lower, par.upper);
            continue;
        }
        for (const auto& key : par.keys) {
            const auto dot = key.rfind('.');
            tables[key.substr(0, dot)].push_back(fmt::format(
                "{} = {:.6g}  # fitted ({}): 68% profile interval [{:.4g}, {:.4g}]{}", key.substr(dot + 1),
                e.value, par.name, e.lower, e.upper,
                e.lower_closed && e.upper_closed ? "" : " (reaches a bound of the search)"));
        }
    }
    for (const auto& [table, lines] : tables) {
        out += "\n[" + table + "]\n";
        for (const auto& l : lines) out += l + "\n";
    }
    return out;
}

}  // namespace moatsim
