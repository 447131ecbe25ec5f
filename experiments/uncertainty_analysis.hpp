#pragma once
// The effect of a lever with parameter uncertainty (`moatsim uncertainty`, docs/SENSITIVITY.md):
// for each draw of the uncertain parameters from their priors (points of a Sobol sequence
// mapped through the priors), BASE and ALT run on common random numbers with ALT keeping the
// draw's brands; the effect ALT - BASE of every cloud at every tick is summarised across draws.
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "experiments/evaluation_runner.hpp"

namespace moatsim {

struct UncertaintySpec {
    std::filesystem::path base, alternative, priors_file;
    std::vector<PriorParameter> parameters;
    int draws = 64;
    Metric metric = Metric::share_workload;
    BrandSource brands = BrandSource::draw;
    ScenarioOverrides overrides;
};

/// Reads the priors file (keys: description, calibrate, parameters; docs/SENSITIVITY.md) and
/// checks it against both scenarios. @throws InputError naming the file, line and key.
[[nodiscard]] UncertaintySpec load_uncertainty(const std::filesystem::path& base,
                                               const std::filesystem::path& alternative,
                                               const std::filesystem::path& priors, int draws,
                                               Metric metric, const ScenarioOverrides& overrides);

struct EffectRow {
    int tick = 0;
    std::string cloud;
    double mean = 0, median = 0, p05 = 0, p25 = 0, p75 = 0, p95 = 0;
    double p_positive = 0;  // share of draws with effect > 0
};

struct UncertaintyResult {
    YearMonth start;
    std::vector<std::string> clouds;  // in both scenarios, in the base's order
    std::vector<EffectRow> rows;      // by tick, then cloud
    int draws = 0, blocks = 0, resumed = 0;
};

/// Runs the draws into dir (journal, then uncertainty.csv written atomically).
[[nodiscard]] UncertaintyResult run_uncertainty(const UncertaintySpec& spec,
                                                const std::filesystem::path& dir,
                                                const EvaluationCallbacks& callbacks);

/// The summary row of one set of effects (one per draw); quantiles interpolate (type 7).
[[nodiscard]] EffectRow summarise_effects(std::vector<double> effects);

/// uncertainty.csv: tick,date,cloud,metric,draws,mean,median,p05,p25,p75,p95,p_positive
void write_uncertainty_csv(std::ostream& out, Metric metric, const UncertaintyResult& r);

}  // namespace moatsim
