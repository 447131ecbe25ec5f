#pragma once
// Uncertainty of fitted parameters (docs/CALIBRATE.md). The objective is a chi-square in
// units of the observations' bands, so a rise of 1 above the minimum marks a 68% interval
// for one parameter. Intervals come from profiles: each parameter is fixed at points across
// its bounds and the others re-fitted (BOBYQA) at every point. A parameter whose profile
// never rises by 1 across its whole range is "not identified": the data cannot tell its
// values apart, and it is not reported as estimated. Correlations come from the Hessian of
// the objective at the optimum (central differences), over the identified parameters whose
// profile interval closes on both sides (an interior optimum); NaN for the others.
#include <vector>

#include "experiments/calibration_fit.hpp"

namespace moatsim {

struct ProfilePoint {
    std::size_t parameter = 0;
    double value = 0;       // the fixed value, natural units
    double objective = 0;   // minimum over the other parameters
};

struct Estimate {
    double value = 0;
    bool identified = false;  // the profile rises by >= 1 somewhere within the bounds
    double lower = 0, upper = 0;  // 68% profile interval (a bound where it does not close)
    bool lower_closed = false, upper_closed = false;
    double max_rise = 0;      // largest profile rise above the optimum across the bounds
};

struct Uncertainty {
    std::vector<Estimate> estimates;           // one per parameter
    std::vector<ProfilePoint> profile;         // every profile point, parameter by parameter
    std::vector<std::vector<double>> correlation;  // NaN: not identified, or at a bound
    double best_profile_objective = 0;         // lowest objective met while profiling
};

/// Profiles every parameter around `fit` and estimates the correlation matrix.
[[nodiscard]] Uncertainty estimate_uncertainty(const HistoryObjective& objective,
                                               const FitResult& fit);

/// Correlations from a Hessian of chi-square (covariance = 2 H^-1) over the rows and columns
/// flagged in `use`; NaN for the others, and everywhere if that block is not positive definite.
[[nodiscard]] std::vector<std::vector<double>> correlation_from_hessian(
    const std::vector<std::vector<double>>& hessian, const std::vector<bool>& use);

}  // namespace moatsim
