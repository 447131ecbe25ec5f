// The sensitivity charts: well-formed SVG with one bar per parameter and index, an interval
// per bar, one point per parameter in the Morris plane, and names escaped.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "tests/xml_check.hpp"
#include "viz/sensitivity_charts.hpp"

using namespace moatsim;
using Catch::Contains;

TEST_CASE("Sobol bar chart: S1 and ST bars with intervals per parameter", "[sensitivity][svg]") {
    const std::vector<IndexBar> bars = {{"globals.nest_lambda", 0.4, 0.3, 0.5, 0.6, 0.5, 0.7},
                                        {"a<b&c", 0.0, -0.05, 0.05, 0.01, 0.0, 0.02}};
    const std::string svg = sobol_bar_chart_svg("Sobol <indices>", "N = 64", bars);
    CHECK(test::xml_problem(svg).empty());
    CHECK(test::count_of(svg, "class=\"bar\"") == 4);
    CHECK(test::count_of(svg, "class=\"interval\"") == 4);
    CHECK(test::count_of(svg, "data-index=\"ST\"") == 2);
    CHECK_THAT(svg, Contains("a&lt;b&amp;c"));
    CHECK_THROWS_AS(sobol_bar_chart_svg("t", "", {}), std::invalid_argument);
}

TEST_CASE("Morris chart: one point per parameter, non-finite values refused", "[sensitivity][svg]") {
    const std::string svg = morris_chart_svg("Morris", "r = 10", "share_workload",
                                             {{"x1", 3.0, 0.0}, {"x2", 2.0, 0.1}, {"x3", 0.0, 0.0}});
    CHECK(test::xml_problem(svg).empty());
    CHECK(test::count_of(svg, "class=\"point\"") == 3);
    CHECK_THROWS_AS(morris_chart_svg("m", "", "u", {{"x", NAN, 0.0}}), std::invalid_argument);
}
