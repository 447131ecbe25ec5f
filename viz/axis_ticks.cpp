#include "viz/axis_ticks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace moatsim {

double nice_step(double span, int target_count) {
    const double raw = span / std::max(1, target_count);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double fraction = raw / magnitude;
    // Thresholds at the geometric midpoints, so the chosen step is the closest nice one.
    const double nice = fraction < 1.42 ? 1 : fraction < 3.16 ? 2 : fraction < 7.07 ? 5 : 10;
    return nice * magnitude;
}

AxisTicks nice_ticks(double lo, double hi, int target_count) {
    if (!std::isfinite(lo) || !std::isfinite(hi) || lo > hi)
        throw std::invalid_argument(fmt::format("nice_ticks: bad range [{}, {}]", lo, hi));
    if (lo == hi) {
        const double pad = lo == 0 ? 1.0 : std::abs(lo) * 0.1;
        lo -= pad;
        hi += pad;
    }
    AxisTicks t;
    t.step = nice_step(hi - lo, target_count);
    // A relative epsilon stops rounding noise (0.30000000000000004) adding a whole step.
    const double eps = t.step * 1e-9;
    const double first = std::floor((lo + eps) / t.step);
    const double last = std::ceil((hi - eps) / t.step);
    t.lo = first * t.step;
    t.hi = last * t.step;
    for (double k = first; k <= last; ++k) {
        const double v = k * t.step;
        t.values.push_back(std::abs(v) < eps ? 0.0 : v);
    }
    return t;
}

std::string tick_label(double value, double step, double max_abs) {
    static constexpr struct { double scale; const char* suffix; } units[] = {
        {1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}};
    double scale = 1;
    const char* suffix = "";
    if (max_abs >= 1e4) {
        for (const auto& u : units)
            if (max_abs >= u.scale) {
                scale = u.scale;
                suffix = u.suffix;
                break;
            }
    }
    // The fewest decimals that show the step exactly (0.25 needs two, 2.5 one), so
    // neighbouring labels never round to the same text.
    const double scaled_step = std::abs(step / scale);
    int decimals = 0;
    while (decimals < 9) {
        const double shifted = scaled_step * std::pow(10.0, decimals);
        if (std::abs(shifted - std::round(shifted)) < 1e-6 * std::max(1.0, shifted)) break;
        ++decimals;
    }
    std::string text = fmt::format("{:.{}f}", value / scale, decimals);
    // Zero needs no suffix ("0", not "0G"), and rounding must not print "-0".
    if (text.find_first_not_of("-0.") == std::string::npos) return fmt::format("{:.{}f}", 0.0, decimals);
    return text + suffix;
}

MonthTicks month_ticks(const YearMonth& origin, int first, int last, int target_count) {
    static constexpr int steps[] = {1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000};
    MonthTicks out;
    const int span = std::max(1, last - first);
    out.step_months = steps[std::size(steps) - 1];
    for (const int s : steps)
        if (span / s <= target_count) {
            out.step_months = s;
            break;
        }
    // Absolute month numbers make "January" (and January of every 5th year, ...) the multiples
    // of the step, whatever month the run starts in.
    const int origin_abs = origin.year * 12 + (origin.month - 1);
    for (int t = first; t <= last; ++t)
        if ((((origin_abs + t) % out.step_months) + out.step_months) % out.step_months == 0)
            out.ticks.push_back(t);
    return out;
}

std::string month_label(const YearMonth& origin, int tick, int step_months) {
    const YearMonth m = origin.plus_months(tick);
    return step_months % 12 == 0 ? std::to_string(m.year) : m.to_string();
}

}  // namespace moatsim
