// The table `moatsim compare` prints (cli/comparison_table.cpp): every metric in its own unit
// with its label, and columns that never run into each other, however wide the numbers.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli/comparison_table.hpp"
#include "io/plot_metrics.hpp"

using namespace moatsim;
using Catch::Contains;

namespace {

Scenario named(const std::string& name) {
    Scenario s;
    s.name = name;
    s.start = YearMonth{2025, 1};
    return s;
}

// Differences at ticks 12 and 24 for two clouds, one of them with a long name; `value` is the
// CSV value of the mean difference (a fraction for shares, dollars for prices, ...).
Comparison sample(Metric metric, double value) {
    Comparison c;
    c.metric = metric;
    c.ticks = 24;
    c.clouds = {"AWS", "Microsoft-Azure-long-name"};
    for (const int t : {0, 12, 24})
        for (const auto& cloud : c.clouds) {
            ComparisonRow r;
            r.tick = t;
            r.cloud = cloud;
            r.diff = {value, value * 1.5, value * 0.5, 4};
            c.rows.push_back(r);
        }
    return c;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

}  // namespace

TEST_CASE("compare's table shows each metric in its own unit, labelled", "[comparison][cli]") {
    const Scenario base = named("baseline"), alt = named("alt");
    // A -$1.0311 price difference is -1.03 $ per compute unit, not -103.11 percentage points.
    const std::string price = cli::comparison_table(base, alt, sample(Metric::price, -1.0311));
    CHECK_THAT(price, Contains("in price ($ per compute unit)"));
    CHECK_THAT(price, Contains("-1.03 [-1.55, -0.52]*"));
    CHECK_THAT(price, !Contains("percentage points") && !Contains("-103.11"));
    // Shares are fractions in the CSV and percentage points on screen.
    const std::string share = cli::comparison_table(base, alt, sample(Metric::share_workload, -0.0124));
    CHECK_THAT(share, Contains("in share_workload (percentage points)"));
    CHECK_THAT(share, Contains("-1.24 [-1.86, -0.62]*"));
    // A small difference keeps three significant digits instead of rounding to zero.
    const std::string tiny = cli::comparison_table(base, alt, sample(Metric::price, 0.004));
    CHECK_THAT(tiny, Contains("+0.00400 [+0.00600, +0.00200]"));
    const std::string customers = cli::comparison_table(base, alt, sample(Metric::customers, 12.5));
    CHECK_THAT(customers, Contains("in customers (enterprises)") && Contains("+12.50 ["));
}

TEST_CASE("compare table: every metric has aligned columns apart at any magnitude",
          "[comparison][cli]") {
    const Scenario base = named("baseline"), alt = named("alt");
    for (const Metric m : all_metrics()) {
        const MetricDisplay shown = metric_display(metric_name(m));
        for (const double value : {-0.0123, 3.5, -1234567.891, 9.87654321e11}) {
            CAPTURE(metric_name(m), value);
            const std::string table = cli::comparison_table(base, alt, sample(m, value));
            const auto lines = lines_of(table);
            REQUIRE(lines.size() == 4);  // title, header, two clouds
            const std::string label = shown.diff_unit == "pp" ? "percentage points" : shown.diff_unit;
            CHECK_THAT(lines[0], Contains(std::string("in ") + metric_name(m) + " (" + label + ")"));
            // The value shown is the CSV value times the metric's scale, nothing else.
            CHECK_THAT(table, Contains(fmt::format("{:+.2f}", shown.scale * value).substr(0, 6)));
            // Columns: every line equally long, and split on runs of two or more spaces into
            // the cloud plus one cell per milestone (12 and 24 months).
            const std::regex gap(" {2,}");
            for (std::size_t i = 1; i < lines.size(); ++i) {
                CHECK(lines[i].size() == lines[1].size());
                const std::vector<std::string> cells(
                    std::sregex_token_iterator(lines[i].begin(), lines[i].end(), gap, -1),
                    std::sregex_token_iterator());
                CHECK(cells.size() == 3);
            }
        }
    }
}
