#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "tests/fixtures.hpp"
#include "io/csv_tables.hpp"
#include "core/summary.hpp"

using namespace moatsim;

TEST_CASE("Student t quantiles", "[summary]") {
    CHECK(student_t_975(1) == Approx(12.7062).epsilon(1e-5));
    CHECK(student_t_975(9) == Approx(2.262157).epsilon(1e-6));
    CHECK(student_t_975(40) == Approx(2.0211).epsilon(1e-4));
    CHECK(student_t_975(1000) == Approx(1.9623).epsilon(1e-4));
}

TEST_CASE("mean and 95% interval of the mean", "[summary]") {
    const std::vector<double> v = {1.0, 2.0, 3.0, 4.0};
    const Interval i = mean_interval(v);
    CHECK(i.mean == Approx(2.5));
    const double se = std::sqrt((2.25 + 0.25 + 0.25 + 2.25) / 3.0 / 4.0);
    CHECK(i.hi95 - i.mean == Approx(3.182446305 * se));
    CHECK(i.mean - i.lo95 == Approx(3.182446305 * se));
    const Interval one = mean_interval(std::vector<double>{0.3});
    CHECK(one.mean == 0.3);
    CHECK(std::isnan(one.lo95));
}

TEST_CASE("intervals of fractions are clipped to [0, 1]", "[summary]") {
    // A share near 0 in some replicates: the symmetric t interval reaches below 0.
    const std::vector<double> low = {0.0, 0.0, 0.0, 0.02};
    const Interval raw = mean_interval(low);
    REQUIRE(raw.lo95 < 0.0);
    const Interval clipped = fraction_interval(low);
    CHECK(clipped.lo95 == 0.0);
    CHECK(clipped.mean == raw.mean);
    CHECK(clipped.hi95 == raw.hi95);
    const std::vector<double> high = {1.0, 1.0, 0.97, 1.0};
    REQUIRE(mean_interval(high).hi95 > 1.0);
    CHECK(fraction_interval(high).hi95 == 1.0);
    CHECK(fraction_interval(high).lo95 == mean_interval(high).lo95);
    // Fewer than 2 values: no interval, still NaN (not clipped to a bound).
    CHECK(std::isnan(fraction_interval(std::vector<double>{0.3}).lo95));
}

TEST_CASE("summary.csv writes share intervals clipped to [0, 1]", "[summary]") {
    const Scenario s = test::small_scenario(10, 0);
    EnsembleResult r;
    const double a_share[] = {0.0, 0.0, 0.0, 0.02};
    for (const double a : a_share) {
        TickRecord row;
        row.clouds.resize(3);
        row.clouds[0].share_workload = row.clouds[0].share_revenue = a;
        row.clouds[1].share_workload = row.clouds[1].share_revenue = 1.0 - a;
        r.replicates.push_back({0, {row}});
    }
    std::ostringstream out;
    write_summary_csv(out, s, r);
    // cloud A: mean 0.005, lo95 clipped from about -0.011 to 0; cloud B: hi95 clipped to 1.
    CHECK_THAT(out.str(), Catch::Contains("small,0,2025-01,A,4,0.005,0,"));
    CHECK_THAT(out.str(), Catch::Contains(",B,4,0.995,") && Catch::Contains(",1,0.995,"));
    CHECK_THAT(out.str(), !Catch::Contains(",-0.0") && !Catch::Contains(",1.01"));
}
