#pragma once
// The model as a function of uncertain parameters, for sensitivity and uncertainty analysis:
// parameter values in, outputs out. With an alternative, each output is the paired contrast
// ALT - BASE on common random numbers (same seed, replicates, population size and mode; the
// alternative keeps the base's brand constants, experiments/counterfactual.hpp), averaged
// over replicates. Evaluations are independent and deterministic, so any schedule of them
// gives the same numbers.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "experiments/sensitivity_spec.hpp"

namespace moatsim {

class PairedModel {
public:
    /// Loads the unchanged base once (and, for BrandSource::base, calibrates it once).
    /// @throws InputError for scenarios that cannot be loaded.
    PairedModel(std::filesystem::path base, std::optional<std::filesystem::path> alternative,
                ScenarioOverrides overrides, BrandSource brands, std::vector<std::string> keys);

    /// The outputs at one point: values[i] is the value of keys[i]. on_tick is called after
    /// every row of every replicate, from worker threads.
    /// @throws InputError if the scenario rejects this combination of values.
    [[nodiscard]] std::vector<double> evaluate(const std::vector<double>& values,
                                               const std::vector<ModelOutput>& outputs,
                                               const std::function<void()>& on_tick) const;

    /// Model runs (rows of ticks) one evaluation makes: replicates x (ticks + 1) x (1 or 2).
    [[nodiscard]] std::uint64_t rows_per_evaluation() const noexcept;
    [[nodiscard]] const Scenario& base() const noexcept { return base_; }
    [[nodiscard]] bool paired() const noexcept { return alternative_.has_value(); }

private:
    std::filesystem::path base_file_;
    std::optional<std::filesystem::path> alternative_;
    ScenarioOverrides overrides_;
    BrandSource brands_;
    std::vector<std::string> keys_;
    Scenario base_;                    // unchanged, brands pinned when BrandSource::base
    std::vector<double> base_brands_;  // BrandSource::base
};

}  // namespace moatsim
