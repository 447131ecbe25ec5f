#pragma once
// Where axis ticks go and how they are labelled: "nice" steps (1, 2 or 5 times a power of
// ten) on value axes, and calendar-aligned month steps (quarters, years, ...) on time axes,
// so a reader never has to interpolate 0.2857 or a tick at 2026-05.
#include <string>
#include <vector>

#include "core/year_month.hpp"

namespace moatsim {

struct AxisTicks {
    double lo = 0, hi = 1;       // the axis range: [data lo, data hi] widened to whole steps
    double step = 0.2;           // 1, 2 or 5 x 10^k
    std::vector<double> values;  // lo, lo + step, ..., hi
};

/// The nice step (1, 2 or 5 x 10^k) giving about target_count intervals over span > 0.
[[nodiscard]] double nice_step(double span, int target_count);

/// Ticks covering [lo, hi] with about target_count intervals. An empty range (lo == hi) is
/// widened around the value. @throws std::invalid_argument if lo or hi is not finite or lo > hi.
[[nodiscard]] AxisTicks nice_ticks(double lo, double hi, int target_count = 5);

/// A tick label: as many decimals as the step needs, and k/M/G/T once the axis reaches 10^4
/// (capacity in compute units, revenue in $), e.g. 0.05 -> "0.05", 2500000 (step 5e5) -> "2.5M".
/// max_abs is the largest |value| on the axis, so every label of an axis uses one suffix.
[[nodiscard]] std::string tick_label(double value, double step, double max_abs);

struct MonthTicks {
    int step_months = 12;       // 1, 2, 3, 6, 12, 24, 60, 120, ...
    std::vector<int> ticks;     // months since the origin, aligned to the calendar
};

/// Ticks for months first..last since origin, at most about target_count of them, aligned so
/// that yearly ticks fall in January and quarterly ones in January, April, July, October.
[[nodiscard]] MonthTicks month_ticks(const YearMonth& origin, int first, int last,
                                     int target_count = 6);

/// "2027" when the step is whole years (every tick is a January), else "2027-04".
[[nodiscard]] std::string month_label(const YearMonth& origin, int tick, int step_months);

}  // namespace moatsim
