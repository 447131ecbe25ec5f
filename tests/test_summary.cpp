#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

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
