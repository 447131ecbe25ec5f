// fast_math::exp/log against libm: the error bound the fast kernel's docs promise.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "agents/fast_math.hpp"
#include "agents/rng.hpp"

namespace {

// Distance in units in the last place of `exact`.
double ulps(double approx, double exact) {
    const double ulp = std::nextafter(std::abs(exact), std::numeric_limits<double>::infinity()) -
                       std::abs(exact);
    return std::abs(approx - exact) / ulp;
}

}  // namespace

TEST_CASE("fast exp is within 2 ulp of std::exp on [-708, 709]", "[fast_math]") {
    double worst = 0.0;
    for (std::uint64_t i = 0; i < 200000; ++i) {
        const auto u = moatsim::uniforms4(7, 0, i, 0, moatsim::Purpose::population);
        for (const double x : {-708.0 + 1417.0 * u[0], -2.0 + 2.0 * u[1], -40.0 * u[2], 1e-8 * (u[3] - 0.5)})
            worst = std::max(worst, ulps(moatsim::fast_math::exp(x), std::exp(x)));
    }
    CHECK(worst <= 2.0);
    for (const double x : {0.0, -0.0, 1.0, -1.0, 0.5 * std::log(2.0), -708.0, 709.0, 1e-300})
        CHECK(ulps(moatsim::fast_math::exp(x), std::exp(x)) <= 2.0);
    CHECK(moatsim::fast_math::exp(0.0) == 1.0);  // the kernels rely on the top weight being 1
}

TEST_CASE("fast exp clamps outside its range instead of overflowing", "[fast_math]") {
    CHECK(moatsim::fast_math::exp(-1e4) == moatsim::fast_math::exp(-708.0));
    CHECK(moatsim::fast_math::exp(-1e4) > 0.0);
    CHECK(moatsim::fast_math::exp(-1e4) < 1e-307);
    CHECK(std::isfinite(moatsim::fast_math::exp(1e4)));
    CHECK(moatsim::fast_math::exp(-std::numeric_limits<double>::infinity()) < 1e-307);
}

TEST_CASE("fast log is within 2 ulp of std::log on normal positive numbers", "[fast_math]") {
    double worst = 0.0;
    for (std::uint64_t i = 0; i < 200000; ++i) {
        const auto u = moatsim::uniforms4(8, 0, i, 0, moatsim::Purpose::population);
        for (const double x : {std::exp(-700.0 + 1400.0 * u[0]), 1.0 + 31.0 * u[1],
                               1.0 + 1e-3 * (u[2] - 0.5), 0.5 + u[3]})
            worst = std::max(worst, ulps(moatsim::fast_math::log(x), std::log(x)));
    }
    CHECK(worst <= 2.0);
    CHECK(moatsim::fast_math::log(1.0) == 0.0);
    for (const double x : {2.0, 0.5, std::sqrt(2.0), 32.0, 1e308, std::numeric_limits<double>::min()})
        CHECK(ulps(moatsim::fast_math::log(x), std::log(x)) <= 2.0);
}

TEST_CASE("fast cos(2 pi u) is within 1e-15 of std::cos on [0, 1]", "[fast_math]") {
    constexpr double two_pi = 6.283185307179586476925286766559;
    double worst = 0.0;
    for (std::uint64_t i = 0; i < 200000; ++i) {
        const auto u = moatsim::uniforms4(9, 0, i, 0, moatsim::Purpose::population);
        for (const double x : {u[0], 0.125 + 1e-6 * (u[1] - 0.5), 0.25 + 1e-9 * (u[2] - 0.5), u[3] * 1e-3})
            worst = std::max(worst, std::abs(moatsim::fast_math::cos_2pi(x) - std::cos(two_pi * x)));
    }
    // std::cos(2 pi u) itself carries the rounding of 2 pi u (up to ~9e-16 near u = 1).
    CHECK(worst < 1e-15);
    CHECK(moatsim::fast_math::cos_2pi(0.0) == 1.0);
    CHECK(moatsim::fast_math::cos_2pi(1.0) == 1.0);
    CHECK(moatsim::fast_math::cos_2pi(0.5) == -1.0);
    CHECK(std::abs(moatsim::fast_math::cos_2pi(0.25)) < 1e-16);
}
