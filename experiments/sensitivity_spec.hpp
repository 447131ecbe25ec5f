#pragma once
// Sensitivity files (docs/SENSITIVITY.md): a base scenario (and optionally an alternative, whose
// paired contrast ALT - BASE is then the output), uncertain parameters with priors, a method
// (Sobol indices or Morris screening) and the outputs: metrics of clouds at chosen ticks.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "experiments/metrics.hpp"
#include "experiments/prior.hpp"
#include "market/scenario_loader.hpp"

namespace moatsim {

/// One model output: a cloud's metric at a tick (of BASE, or of ALT - BASE when paired).
struct ModelOutput {
    Metric metric = Metric::share_workload;
    std::string cloud;
    int tick = 0;
    /// "share_workload:AWS@120", the journal's column name.
    [[nodiscard]] std::string label() const;
};

/// Where each evaluation's brand constants come from (docs/ODD.md section 5).
enum class BrandSource {
    draw,  // each draw's BASE is calibrated to the targets; ALT keeps that draw's brands
    base,  // brands of the unchanged base, kept by every draw (as a sweep's calibrate = "base")
};

struct SensitivitySpec {
    enum class Method { sobol, morris };
    std::filesystem::path source;
    std::string name;
    std::filesystem::path base;
    std::optional<std::filesystem::path> alternative;
    BrandSource brands = BrandSource::draw;
    Method method = Method::sobol;
    int samples = 0;           // sobol: base sample N; morris: trajectories r
    int levels = 4;            // morris grid levels (even)
    std::uint64_t seed = 1;    // morris trajectories, sobol bootstrap resamples
    int bootstrap = 500;       // sobol: resamples for the intervals
    double confidence = 0.95;  // sobol: interval level
    std::vector<PriorParameter> parameters;
    std::vector<ModelOutput> outputs;
    ScenarioOverrides overrides;
};

/// Reads and checks a sensitivity file: unknown keys, priors (lower < upper, positive scales),
/// every key settable on the base (and the alternative), outputs naming known clouds and
/// ticks within the run. @throws InputError naming the file, line and key.
[[nodiscard]] SensitivitySpec load_sensitivity(const std::filesystem::path& file,
                                               const ScenarioOverrides& command_line = {});

}  // namespace moatsim
