#pragma once
// Any output directory of moatsim (run, compare, sweep, sensitivity or uncertainty) read once
// into the plain structs of run_results.hpp, sweep_results.hpp and analysis_results.hpp, by what the directory holds: what `moatsim plot` and
// `moatsim report` draw from.
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "io/analysis_results.hpp"
#include "io/run_results.hpp"
#include "io/sweep_results.hpp"

namespace moatsim {

using AnyResults = std::variant<RunResults, CompareResults, SweepResults, AnalysisResults>;

/// dir read by its kind (results_kind); of a run directory, the series of `run_metrics`.
/// @throws InputError for a directory of no kind, or anything missing or malformed.
[[nodiscard]] AnyResults read_any_results(const std::filesystem::path& dir,
                                          const std::vector<std::string>& run_metrics);

}  // namespace moatsim
