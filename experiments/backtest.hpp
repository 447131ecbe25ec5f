#pragma once
// The backtest (docs/BACKTEST.md): run a scenario over a historical period and line the run
// up with every published observation by date (docs/ODD.md section 7.10: the row of tick
// t is dated start + t). Also the in-process objective that `calibrate` minimises, so a fit
// and the backtest measure misfit the same way.
#include <string>
#include <vector>

#include "io/backtest_csv.hpp"
#include "io/history_csv.hpp"
#include "market/records.hpp"
#include "market/scenario.hpp"

namespace moatsim {

struct SeriesFit {
    std::string series;
    int points = 0;
    double rmse = 0;          // root mean square residual, fraction (x100 = points)
    double inside_share = 0;  // fraction of the series' points inside their bands
};

struct BacktestResult {
    std::vector<BacktestRow> rows;     // one per observation, in the order read
    std::vector<SeriesFit> series;     // in order of first appearance, then "all"
    double switching_rate = 0;         // adopters changing cloud per year (annual_switching_rate)
    EnsembleResult run;
};

/// Checks that every observation can be lined up with `s`: its date lies in start..start+T
/// and its entity is a cloud (cloud_share) or vendor (vendor_share) of the scenario.
/// @throws InputError "<file>:<line>:<column>: ..." naming what the run covers or holds.
void check_history(const Scenario& s, const std::vector<Observation>& history);

/// The model's value for each observation (mean over replicates), residuals and fit per series.
[[nodiscard]] BacktestResult line_up(const Scenario& s, EnsembleResult run,
                                     const std::vector<Observation>& history);

/// check_history, then run_ensemble, then line_up. `s` must already carry the brands it runs
/// with (calibrated itself or pinned from its base).
[[nodiscard]] BacktestResult run_backtest(const Scenario& s,
                                          const std::vector<Observation>& history);

/// Adopters changing cloud per year: 12 x sum(switches) / sum(adopters) over ticks 1..T (or
/// 1..last_tick when last_tick >= 1), averaged over replicates. The UK CMA puts it below 1%
/// (docs/SOURCES.md §5).
[[nodiscard]] double annual_switching_rate(const EnsembleResult& run, int last_tick = -1);

/// Sum over rows of (residual / band)^2: each observation counts in units of its own band.
[[nodiscard]] double band_chi2(const std::vector<BacktestRow>& rows);

/// Fit per series (in order of first appearance) plus a final "all" entry.
[[nodiscard]] std::vector<SeriesFit> fit_by_series(const std::vector<BacktestRow>& rows);

}  // namespace moatsim
