#include "cli/comparison_table.hpp"

#include <fmt/format.h>

namespace moatsim::cli {

std::vector<int> milestone_ticks(int horizon) {
    std::vector<int> ticks;
    for (const int t : {12, 36, 120})
        if (t <= horizon) ticks.push_back(t);
    if (ticks.empty() || ticks.back() != horizon) ticks.push_back(horizon);
    return ticks;
}

std::string comparison_table(const Scenario& base, const Scenario& alt, const Comparison& c) {
    const bool share = c.metric != Metric::customers;
    const double scale = share ? 100.0 : 1.0;  // shares in percentage points
    std::string out = fmt::format(
        "Paired difference {} - {} in {}{}, mean of {} replicate(s) with 95% interval "
        "(* = excludes zero):\n",
        alt.name, base.name, metric_name(c.metric), share ? " (percentage points)" : "",
        c.rows.empty() ? 0 : c.rows.front().diff.count);
    const auto ticks = milestone_ticks(c.ticks);
    out += fmt::format("{:<10}", "cloud");
    for (const int t : ticks)
        out += fmt::format("{:>28}", fmt::format("{} ({:g} y)", base.start.plus_months(t).to_string(),
                                                 t / 12.0));
    out += "\n";
    for (const auto& cloud : c.clouds) {
        out += fmt::format("{:<10}", cloud);
        for (const int t : ticks) {
            for (const auto& row : c.rows) {
                if (row.tick != t || row.cloud != cloud) continue;
                out += fmt::format("{:>28}", fmt::format("{:+.2f} [{:+.2f}, {:+.2f}]{}",
                                                         scale * row.diff.mean,
                                                         scale * row.diff.lo95,
                                                         scale * row.diff.hi95,
                                                         row.excludes_zero() ? "*" : " "));
            }
        }
        out += "\n";
    }
    return out;
}

}  // namespace moatsim::cli
