#pragma once
// `moatsim sensitivity`: which uncertain parameters an output hinges on. Builds the design of
// the file's method (Saltelli for Sobol indices, trajectories for Morris), evaluates it through
// the resumable journal (experiments/evaluation_runner.hpp) and estimates the indices of every
// output.
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "experiments/evaluation_runner.hpp"
#include "experiments/morris.hpp"
#include "experiments/sensitivity_spec.hpp"
#include "experiments/sobol_indices.hpp"

namespace moatsim {

struct SensitivityResult {
    std::vector<SobolIndices> sobol;                 // per output (method sobol)
    std::vector<std::vector<MorrisEffect>> morris;   // per output, per parameter (morris)
    int evaluations = 0, blocks = 0, resumed = 0;
};

/// Runs the analysis into dir (journal, then sensitivity.csv written atomically).
/// @throws InputError, OutputError as evaluate_blocks.
[[nodiscard]] SensitivityResult run_sensitivity(const SensitivitySpec& spec,
                                                const std::filesystem::path& dir,
                                                const EvaluationCallbacks& callbacks);

/// The analysis from outputs already evaluated at the method's design (tests use it with
/// analytic functions): y[point][output].
[[nodiscard]] SensitivityResult analyse(const SensitivitySpec& spec,
                                        const std::vector<std::vector<double>>& y);

/// The unit-cube design of the file's method, in blocks (a Saltelli row or a trajectory).
[[nodiscard]] std::vector<std::vector<std::vector<double>>> sensitivity_design(const SensitivitySpec& spec);

/// sensitivity.csv (docs/SENSITIVITY.md):
/// output,metric,cloud,tick,contrast,parameter,index,value,lo,hi
void write_sensitivity_csv(std::ostream& out, const SensitivitySpec& spec,
                           const SensitivityResult& result);

}  // namespace moatsim
