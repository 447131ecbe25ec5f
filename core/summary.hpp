#pragma once
// Statistics across replicates: mean and 95% confidence interval of the mean.
#include <span>

namespace moatsim {

struct Interval {
    double mean = 0;
    double lo95 = 0;  // NaN when fewer than 2 values
    double hi95 = 0;
    int count = 0;
};

/// 97.5% quantile of Student's t with df degrees of freedom (df >= 1).
[[nodiscard]] double student_t_975(int df) noexcept;

/// Mean and t-based 95% interval of the mean, mean +- t(n-1) s / sqrt(n).
[[nodiscard]] Interval mean_interval(std::span<const double> values) noexcept;

/// mean_interval of a fraction (a share, a utilisation), its bounds clipped to [0, 1]: the t
/// interval is symmetric, so near 0 or 1 it would reach values no fraction can take.
[[nodiscard]] Interval fraction_interval(std::span<const double> values) noexcept;

}  // namespace moatsim
