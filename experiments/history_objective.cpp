#include "experiments/history_objective.hpp"

#include "experiments/counterfactual.hpp"

namespace moatsim {

HistoryObjective::HistoryObjective(CalibrationSpec spec, std::vector<Observation> history)
    : spec_(std::move(spec)), history_(std::move(history)) {
    check_history(load_scenario(spec_.scenario, spec_.overrides), history_);
}

bool HistoryObjective::in_sample(const Observation& o) const noexcept {
    return !spec_.fit_until || o.date.months_since(*spec_.fit_until) <= 0;
}

Evaluation HistoryObjective::evaluate(const std::vector<double>& values) const {
    ++evaluations_;
    // Brands are re-fitted to the scenario's start shares at every evaluation (calibrate =
    // "self"): the start is data, the free parameters shape what follows.
    const Scenario s = pin_base_brands(
        load_scenario(spec_.scenario, spec_.overrides, calibration_settings(spec_, values)),
        spec_.overrides, nullptr);
    Evaluation e;
    e.backtest = run_backtest(s, history_);
    std::vector<BacktestRow> fitted;
    for (const auto& r : e.backtest.rows)
        if (in_sample(r.obs)) fitted.push_back(r);
    e.chi2 = band_chi2(fitted);
    // The switching rate over the fitted window only, so nothing after fit_until is fitted.
    const double rate = spec_.fit_until ? annual_switching_rate(e.backtest.run, spec_.fit_until->months_since(s.start))
                                        : e.backtest.switching_rate;
    e.switching_rate = rate;
    const double z = (rate - spec_.switching_target) / spec_.switching_band;
    e.switching_term = z * z;
    e.objective = e.chi2 + e.switching_term;
    return e;
}

double HistoryObjective::operator()(const std::vector<double>& values) const {
    return evaluate(values).objective;
}

}  // namespace moatsim
