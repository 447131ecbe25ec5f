#pragma once
// Priors of uncertain scenario parameters (docs/SENSITIVITY.md): a distribution over one
// dotted scenario key, sampled by inverse transform so that a point of the unit cube (from a
// low-discrepancy sequence or a Morris grid) maps to one value per parameter.
#include <limits>
#include <string>

namespace moatsim {

/// Where readers of sweep, sensitivity, priors and calibration files probe a range between
/// its ends (as a fraction of the way from low to high, or a quantile): an irrational-looking
/// fraction, so the probe is not a whole number and a key that takes only integers is
/// refused when the file is read, not at the first run that draws a fraction.
inline constexpr double interior_probe = 0.41421356;

struct Prior {
    enum class Kind { uniform, normal, lognormal, triangular };
    Kind kind = Kind::uniform;
    // uniform: a = lower, b = upper; normal: a = mean, b = sd; lognormal: a = median,
    // b = sigma (sd of the logarithm); triangular: a = lower, c = mode, b = upper.
    double a = 0, b = 1, c = 0;
    // Truncation (normal, lognormal): the distribution conditioned on [lower, upper].
    double lower = -std::numeric_limits<double>::infinity();
    double upper = std::numeric_limits<double>::infinity();

    /// The value at probability u in [0, 1]; for normal and lognormal priors u is clamped to
    /// [min_probability, 1 - min_probability] so that their values stay finite.
    [[nodiscard]] double quantile(double u) const;
    /// Probability mass inside the truncation interval (1 when not truncated).
    [[nodiscard]] double mass() const;
    /// "uniform(0.5, 2)", "normal(1, 0.2) on [0, inf)" for messages and reports.
    [[nodiscard]] std::string describe() const;
};

/// The smallest probability a sample uses (the extremes tried when a prior is read).
inline constexpr double min_probability = 1e-6;

/// A scenario parameter with its prior and where the prior comes from.
struct PriorParameter {
    std::string key;     // dotted scenario key, e.g. "globals.optionality_weight"
    Prior prior;
    std::string source;  // provenance note ("calibration 2026-11", "stated range"); may be ""
};

[[nodiscard]] const char* prior_kind_name(Prior::Kind k) noexcept;

}  // namespace moatsim
