#include "core/summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace moatsim {

double student_t_975(int df) noexcept {
    // Exact table for small df (where the normal approximation is poor).
    static constexpr double table[] = {
        12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851,
        2.364624252,  2.306004135, 2.262157163, 2.228138852, 2.200985160, 2.178812830,
        2.160368656,  2.144786688, 2.131449546, 2.119905299, 2.109815578, 2.100922040,
        2.093024054,  2.085963447, 2.079613845, 2.073873068, 2.068657610, 2.063898562,
        2.059538553,  2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456};
    if (df < 1) return std::numeric_limits<double>::quiet_NaN();
    if (df <= 30) return table[df - 1];
    // Cornish-Fisher expansion around the normal quantile; error < 1e-5 for df > 30.
    const double z = 1.959963984540054, n = df;
    const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
    return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n) +
           (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n);
}

Interval mean_interval(std::span<const double> values) noexcept {
    Interval out;
    out.count = static_cast<int>(values.size());
    if (values.empty()) {
        out.mean = out.lo95 = out.hi95 = std::numeric_limits<double>::quiet_NaN();
        return out;
    }
    double sum = 0.0;
    for (const double v : values) sum += v;
    out.mean = sum / values.size();
    if (values.size() < 2) {
        out.lo95 = out.hi95 = std::numeric_limits<double>::quiet_NaN();
        return out;
    }
    double ss = 0.0;
    for (const double v : values) ss += (v - out.mean) * (v - out.mean);
    const double se = std::sqrt(ss / (values.size() - 1) / values.size());
    const double half = student_t_975(out.count - 1) * se;
    out.lo95 = out.mean - half;
    out.hi95 = out.mean + half;
    return out;
}

Interval fraction_interval(std::span<const double> values) noexcept {
    Interval out = mean_interval(values);
    // std::clamp would turn NaN (fewer than 2 values) into a bound; keep it NaN.
    if (!std::isnan(out.lo95)) out.lo95 = std::clamp(out.lo95, 0.0, 1.0);
    if (!std::isnan(out.hi95)) out.hi95 = std::clamp(out.hi95, 0.0, 1.0);
    return out;
}

}  // namespace moatsim
