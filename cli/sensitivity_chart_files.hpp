#pragma once
// The charts of a sensitivity analysis, written beside sensitivity.csv: one SVG per output,
// sobol_<n>.svg (S1 and ST bars with intervals, parameters by ST) or morris_<n>.svg (mu*-sigma).
#include <filesystem>

#include "experiments/sensitivity_analysis.hpp"

namespace moatsim::cli {

/// @throws OutputError if a file cannot be written.
void write_sensitivity_charts(const std::filesystem::path& dir, const SensitivitySpec& spec,
                              const SensitivityResult& r);

}  // namespace moatsim::cli
