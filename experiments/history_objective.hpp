#pragma once
// The calibration objective, in process: one deterministic expected-mode run of the
// historical scenario with the free parameters set, lined up with the history like the
// backtest (experiments/backtest.hpp). Objective = sum over in-sample observations of
// (residual / band)^2 + ((switching rate - target) / band)^2, the rate taken over the fitted
// window (up to fit_until) like the observations.
#include <vector>

#include "experiments/backtest.hpp"
#include "experiments/calibration_spec.hpp"

namespace moatsim {

struct Evaluation {
    double objective = 0;
    double chi2 = 0;            // the observations' part
    double switching_term = 0;  // the switching-rate part
    double switching_rate = 0;  // the rate it was computed from (over the fitted window)
    BacktestResult backtest;    // every observation, in and out of sample
};

class HistoryObjective {
public:
    /// Checks the history against the scenario once. @throws InputError as check_history.
    HistoryObjective(CalibrationSpec spec, std::vector<Observation> history);

    /// Objective at `values` (natural units, one per parameter); counts evaluations.
    [[nodiscard]] double operator()(const std::vector<double>& values) const;
    /// The full evaluation, residuals included.
    [[nodiscard]] Evaluation evaluate(const std::vector<double>& values) const;
    /// Whether an observation is in sample (dated at or before fit_until, or no fit_until).
    [[nodiscard]] bool in_sample(const Observation& o) const noexcept;

    [[nodiscard]] const CalibrationSpec& spec() const noexcept { return spec_; }
    [[nodiscard]] const std::vector<Observation>& history() const noexcept { return history_; }
    [[nodiscard]] long evaluations() const noexcept { return evaluations_; }
    /// Counts `n` evaluations made by other processes on this objective's behalf (MPI ranks:
    /// experiments/job_executor.hpp), so evaluations() is the same at any rank count.
    void count_elsewhere(long n) const noexcept { evaluations_ += n; }

private:
    CalibrationSpec spec_;
    std::vector<Observation> history_;
    mutable long evaluations_ = 0;
};

}  // namespace moatsim
