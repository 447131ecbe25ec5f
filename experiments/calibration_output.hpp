#pragma once
// What `moatsim calibrate` writes (docs/CALIBRATE.md): calibration.json (everything),
// calibration.csv (one row per parameter), residuals.csv (backtest.csv's columns at the
// fitted values), errors.csv (RMSE per observation date, in or out of sample),
// profile.csv, correlation.csv, and the text of a scenario that inherits the baseline with
// the fitted values (calibrated.toml).
#include <filesystem>
#include <string>
#include <vector>

#include "experiments/calibration_uncertainty.hpp"

namespace moatsim {

struct DateError {
    YearMonth date;
    bool in_sample = true;
    int points = 0;
    double rmse = 0;  // fraction
};

struct CalibrationReport {
    FitResult fit;
    Uncertainty uncertainty;
    Evaluation at_fit;                 // the objective's parts and residuals at the estimate
    std::vector<DateError> by_date;    // in date order
    double in_sample_rmse = 0, out_of_sample_rmse = 0;
    int in_sample_points = 0, out_of_sample_points = 0;
    double seconds = 0;
};

/// Everything after the fit: uncertainty, residuals and errors by date.
[[nodiscard]] CalibrationReport report_calibration(const HistoryObjective& objective,
                                                   FitResult fit);

/// Writes the files into `dir` (each through a temporary file).
void write_calibration_outputs(const std::filesystem::path& dir, const HistoryObjective& objective,
                               const CalibrationReport& report);

/// A scenario inheriting `base` (a path as written in the file) with every identified
/// estimate set and its provenance in comments; parameters that are not identified are
/// listed in comments only.
[[nodiscard]] std::string calibrated_scenario(const HistoryObjective& objective,
                                              const CalibrationReport& report,
                                              const std::string& base);

}  // namespace moatsim
