#pragma once
// Fitting the free parameters (docs/CALIBRATE.md): from each of several deterministic starts,
// a global derivative-free search (NLopt GN_CRS2_LM, controlled random search with local
// mutation) and then a local polish (NLopt LN_BOBYQA) from its best point; the best polished
// start wins. The optimizer works in value / scale, so each parameter moves on its own scale.
// Starts (and the profile and Hessian points of calibration_uncertainty) are jobs of the
// current JobExecutor (experiments/job_executor.hpp), spread over ranks under mpirun.
#include <functional>
#include <stdexcept>
#include <string_view>
#include <string>
#include <vector>

#include "experiments/history_objective.hpp"

namespace moatsim {

struct StartResult {
    std::vector<double> start;    // natural units
    std::vector<double> values;   // after the polish
    double global_objective = 0;  // best of the global search
    double objective = 0;         // after the polish
    std::string local_status;     // NLopt's result of the polish
    bool converged = false;       // the polish met its tolerance (not its evaluation budget)
};

struct FitResult {
    std::vector<double> values;
    double objective = 0;
    std::vector<StartResult> starts;
    long evaluations = 0;
};

/// The optimizer did not converge: the best start's polish used its whole budget or NLopt
/// failed. Carries the last state for the report (exit 1).
struct ConvergenceError : std::runtime_error {
    ConvergenceError(const std::string& what, std::vector<double> last, double last_objective)
        : std::runtime_error(what), values(std::move(last)), objective(last_objective) {}
    std::vector<double> values;
    double objective;
};

/// Fits every parameter of objective.spec(). @throws ConvergenceError.
[[nodiscard]] FitResult fit_parameters(const HistoryObjective& objective);

struct Polish {
    std::vector<double> values;
    double objective = 0;
    std::string status;
    bool converged = false;
};

/// BOBYQA over the parameters whose `free` flag is set, the others held at `from`.
[[nodiscard]] Polish polish(const HistoryObjective& objective, const std::vector<double>& from,
                            const std::vector<bool>& free, int evaluations, double tolerance);

/// Runs `count` independent computations on the objective as jobs (experiments/
/// job_executor.hpp): one at a time per process, every process receiving every result in
/// order, and the evaluations other processes made counted on `objective`.
void run_objective_jobs(const HistoryObjective& objective, int count,
                        const std::function<std::string(int)>& compute,
                        const std::function<void(int, std::string_view)>& deliver,
                        const std::function<std::string(int)>& describe);

}  // namespace moatsim
