#include "cli/comparison_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "io/plot_metrics.hpp"

namespace moatsim::cli {
namespace {

// Decimals giving the largest value shown three significant digits, at least two: a price
// difference of -0.004 $ is not "+0.00", and shares in pp keep their usual two decimals.
int decimals_for(double largest) {
    if (!std::isfinite(largest) || largest <= 0) return 2;
    return std::clamp(2 - static_cast<int>(std::floor(std::log10(largest))), 2, 6);
}

std::string cell(const ComparisonRow& row, double scale, int decimals) {
    return fmt::format("{:+.{}f} [{:+.{}f}, {:+.{}f}]{}", scale * row.diff.mean, decimals,
                       scale * row.diff.lo95, decimals, scale * row.diff.hi95, decimals,
                       row.excludes_zero() ? "*" : " ");
}

}  // namespace

std::vector<int> milestone_ticks(int horizon) {
    std::vector<int> ticks;
    for (const int t : {12, 36, 120})
        if (t <= horizon) ticks.push_back(t);
    if (ticks.empty() || ticks.back() != horizon) ticks.push_back(horizon);
    return ticks;
}

std::string comparison_table(const Scenario& base, const Scenario& alt, const Comparison& c) {
    // Each metric in its own unit (plot and report label alike): shares, utilization and the
    // silicon fraction in percentage points, prices in $ per compute unit, and so on.
    const MetricDisplay shown = metric_display(metric_name(c.metric));
    const auto ticks = milestone_ticks(c.ticks);
    std::vector<const ComparisonRow*> rows;  // the rows the table shows, cloud by cloud
    double largest = 0;
    for (const auto& cloud : c.clouds)
        for (const int t : ticks)
            for (const auto& row : c.rows)
                if (row.tick == t && row.cloud == cloud) {
                    rows.push_back(&row);
                    for (const double v : {row.diff.mean, row.diff.lo95, row.diff.hi95})
                        if (std::isfinite(v)) largest = std::max(largest, std::abs(shown.scale * v));
                }
    const int decimals = decimals_for(largest);

    // The text of every cell first, so each column is as wide as its widest cell.
    std::vector<std::vector<std::string>> table;  // header row, then one row per cloud
    table.push_back({"cloud"});
    for (const int t : ticks)
        table[0].push_back(fmt::format("{} ({:.3g} y)", base.start.plus_months(t).to_string(), t / 12.0));
    for (const auto& cloud : c.clouds) {
        table.push_back({cloud});
        for (const int t : ticks) {
            const auto it = std::find_if(rows.begin(), rows.end(), [&](const ComparisonRow* r) {
                return r->tick == t && r->cloud == cloud;
            });
            table.back().push_back(it == rows.end() ? "-" : cell(**it, shown.scale, decimals));
        }
    }
    std::vector<std::size_t> width(table[0].size(), 0);
    for (const auto& line : table)
        for (std::size_t j = 0; j < line.size(); ++j) width[j] = std::max(width[j], line[j].size());

    std::string out = fmt::format(
        "Paired difference {} - {} in {}{}, mean of {} replicate(s) with 95% interval "
        "(* = excludes zero):\n",
        alt.name, base.name, metric_name(c.metric),
        shown.diff_unit.empty() ? ""
        : shown.diff_unit == "pp" ? " (percentage points)"
                                  : " (" + shown.diff_unit + ")",
        c.rows.empty() ? 0 : c.rows.front().diff.count);
    for (const auto& line : table) {
        std::string text = fmt::format("{:<{}}", line[0], width[0]);
        for (std::size_t j = 1; j < line.size(); ++j)
            text += fmt::format("  {:>{}}", line[j], width[j]);
        out += text + "\n";
    }
    return out;
}

}  // namespace moatsim::cli
