#pragma once
// Calibration files (docs/CALIBRATE.md): a historical scenario, the history to fit, the free
// parameters (dotted scenario keys as in sweeps, each with bounds and a scale), the
// objective's switching-rate target and the optimizer's budget.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/year_month.hpp"
#include "market/scenario_loader.hpp"

namespace moatsim {

struct FreeParameter {
    std::string name;               // as reported ("quality_growth")
    std::vector<std::string> keys;  // every key is set to the parameter's value
    double lower = 0, upper = 0;    // bounds, lower < upper
    double scale = 1;               // typical size of a change; the optimizer works in value / scale
};

struct CalibrationSpec {
    std::filesystem::path source;    // the calibration file
    std::string name;
    std::filesystem::path scenario;  // resolved against the calibration file
    std::filesystem::path data;      // history file or directory, resolved likewise
    std::vector<FreeParameter> parameters;
    std::optional<YearMonth> fit_until;  // observations after it are out of sample
    double switching_target = 0.01;  // adopters changing cloud per year (UK CMA: below 1%)
    double switching_band = 0.005;
    int starts = 3;                  // deterministic starts, each a global search then a polish
    int global_evaluations = 300;    // per start (NLopt GN_CRS2_LM)
    int local_evaluations = 300;     // per start (NLopt LN_BOBYQA); reaching it = not converged
    double tolerance = 1e-4;         // BOBYQA: relative change of the parameters (scaled)
    int profile_points = 7;          // per parameter, over its bounds, plus the estimate
    int profile_evaluations = 60;    // BOBYQA budget to re-fit the others at each profile point
    std::uint64_t seed = 1;          // NLopt's random numbers, start s uses seed + s
    ScenarioOverrides overrides;     // enterprises, mode = expected, replicates = 1
};

/// Reads and checks a calibration file; every key of every parameter is tried at both
/// bounds on the scenario. @throws InputError naming the file, line and key.
[[nodiscard]] CalibrationSpec load_calibration(const std::filesystem::path& file);

/// The settings that put `values` (one per parameter, natural units) into the scenario.
[[nodiscard]] std::vector<KeySetting> calibration_settings(const CalibrationSpec& spec,
                                                           const std::vector<double>& values);

}  // namespace moatsim
