// Sensitivity estimators against analytic answers: Sobol indices of the Ishigami function and
// of Sobol's g-function (Saltelli design on the Sobol sequence, Jansen estimators), Morris
// elementary effects of a function whose effects are known exactly, and the priors'
// inverse transforms.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "experiments/morris.hpp"
#include "experiments/prior.hpp"
#include "experiments/sobol_indices.hpp"

using namespace moatsim;

namespace {

double ishigami(const std::vector<double>& u) {
    const double pi = std::numbers::pi;
    const double x1 = -pi + 2 * pi * u[0], x2 = -pi + 2 * pi * u[1], x3 = -pi + 2 * pi * u[2];
    return std::sin(x1) + 7.0 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
}

std::vector<double> outputs(const std::vector<std::vector<double>>& points,
                            double (*f)(const std::vector<double>&)) {
    std::vector<double> y;
    for (const auto& p : points) y.push_back(f(p));
    return y;
}

const std::vector<double> g_a = {0, 1, 4.5, 9, 99, 99};

double g_function(const std::vector<double>& u) {
    double g = 1;
    for (std::size_t i = 0; i < g_a.size(); ++i) g *= (std::abs(4 * u[i] - 2) + g_a[i]) / (1 + g_a[i]);
    return g;
}

}  // namespace

TEST_CASE("Sobol indices of the Ishigami function (a = 7, b = 0.1) at N = 8192", "[sensitivity]") {
    const int n = 8192;
    const auto y = outputs(saltelli_points(3, n), ishigami);
    const SobolIndices s = sobol_indices(y, 3, n, 100, 0.95, 1);
    const double s1[] = {0.3139, 0.4424, 0.0}, st[] = {0.5576, 0.4424, 0.2437};
    for (int i = 0; i < 3; ++i) {
        CHECK(s.first[static_cast<std::size_t>(i)].value == Approx(s1[i]).margin(0.02));
        CHECK(s.total[static_cast<std::size_t>(i)].value == Approx(st[i]).margin(0.02));
        // The bootstrap interval brackets the estimate.
        CHECK(s.total[static_cast<std::size_t>(i)].lo <= s.total[static_cast<std::size_t>(i)].value);
        CHECK(s.total[static_cast<std::size_t>(i)].hi >= s.total[static_cast<std::size_t>(i)].value);
    }
    // Analytic variance: a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2.
    const double pi4 = std::pow(std::numbers::pi, 4);
    CHECK(s.variance == Approx(49.0 / 8 + 0.1 * pi4 / 5 + 0.01 * pi4 * pi4 / 18 + 0.5).epsilon(0.02));
}

TEST_CASE("Bootstrap intervals narrow as the sample grows", "[sensitivity]") {
    const auto width = [](int n) {
        const SobolIndices s = sobol_indices(outputs(saltelli_points(3, n), ishigami), 3, n, 200, 0.95, 7);
        return s.total[0].hi - s.total[0].lo;
    };
    CHECK(width(4096) < width(256));
}

TEST_CASE("Sobol indices of the g-function match the analytic ones", "[sensitivity]") {
    std::vector<double> v;
    double product = 1;
    for (const double a : g_a) {
        v.push_back(1.0 / (3.0 * (1 + a) * (1 + a)));
        product *= 1 + v.back();
    }
    const double total_variance = product - 1;
    const int n = 8192;
    const SobolIndices s = sobol_indices(outputs(saltelli_points(6, n), g_function), 6, n, 0, 0.95, 1);
    for (std::size_t i = 0; i < g_a.size(); ++i) {
        CHECK(s.first[i].value == Approx(v[i] / total_variance).margin(0.02));
        CHECK(s.total[i].value == Approx(v[i] * product / (1 + v[i]) / total_variance).margin(0.02));
    }
}

TEST_CASE("A constant output has indices of zero, not NaN", "[sensitivity]") {
    const std::vector<double> y(4 * 16, 3.0);
    const SobolIndices s = sobol_indices(y, 2, 16, 10, 0.9, 1);
    CHECK(s.first[0].value == 0.0);
    CHECK(s.total[1].value == 0.0);
    CHECK(s.total[1].hi == 0.0);
}

TEST_CASE("Sobol sequence points are in (0, 1) and well spread", "[sensitivity]") {
    const auto points = sobol_sequence(4, 1024);
    for (std::size_t d = 0; d < 4; ++d) {
        double mean = 0;
        for (const auto& p : points) {
            REQUIRE(p[d] > 0.0);
            REQUIRE(p[d] < 1.0);
            mean += p[d] / 1024.0;
        }
        CHECK(mean == Approx(0.5).margin(0.002));  // far tighter than random sampling's ~0.009
    }
}

TEST_CASE("Morris effects of a function with known elementary effects", "[sensitivity]") {
    // f = 3 x1 - 2 x2 + 4 x3 x4 + 0 x5 on uniform [0, 1] priors: x1 and x2 act linearly
    // (sigma 0), x3 and x4 interact (sigma > 0), x5 does nothing.
    const int k = 5, r = 40;
    const auto points = morris_points(k, r, 4, 11);
    REQUIRE(points.size() == static_cast<std::size_t>(r * (k + 1)));
    std::vector<double> y;
    for (const auto& x : points) y.push_back(3 * x[0] - 2 * x[1] + 4 * x[2] * x[3]);
    const auto e = morris_effects(points, y, k, r);
    CHECK(e[0].mu_star == Approx(3.0));
    CHECK(e[0].sigma == Approx(0.0).margin(1e-9));
    CHECK(e[1].mu == Approx(-2.0));
    CHECK(e[1].mu_star == Approx(2.0));
    CHECK(e[4].mu_star == 0.0);
    CHECK(e[4].sigma == 0.0);
    CHECK(e[2].sigma > 0.5);
    CHECK(e[3].sigma > 0.5);
    // x3's effect is 4 x4, x4 at level probabilities 1/8, 3/8, 5/8, 7/8: mean about 2.
    CHECK(e[2].mu_star == Approx(2.0).margin(0.5));
    // Each step moves exactly one coordinate by half the grid (2 of 4 levels = 0.5).
    for (std::size_t t = 0; t < static_cast<std::size_t>(r); ++t)
        for (std::size_t s = 1; s <= static_cast<std::size_t>(k); ++s) {
            int moved = 0;
            for (std::size_t i = 0; i < static_cast<std::size_t>(k); ++i)
                if (points[t * (k + 1) + s][i] != points[t * (k + 1) + s - 1][i]) {
                    ++moved;
                    CHECK(std::abs(points[t * (k + 1) + s][i] - points[t * (k + 1) + s - 1][i]) == Approx(0.5));
                }
            CHECK(moved == 1);
        }
}

TEST_CASE("Priors: inverse transforms and truncation", "[sensitivity]") {
    Prior u{Prior::Kind::uniform, 2, 6};
    CHECK(u.quantile(0.25) == Approx(3.0));
    Prior n{Prior::Kind::normal, 1, 0.5};
    CHECK(n.quantile(0.5) == Approx(1.0));
    CHECK(n.quantile(0.975) == Approx(1.0 + 1.959964 * 0.5).epsilon(1e-5));
    Prior t = n;
    t.lower = 1.0;  // the upper half of the normal
    CHECK(t.mass() == Approx(0.5));
    CHECK(t.quantile(0.0) >= 1.0);
    CHECK(t.quantile(0.5) == Approx(n.quantile(0.75)));
    Prior ln{Prior::Kind::lognormal, 2.0, 0.3};
    CHECK(ln.quantile(0.5) == Approx(2.0));
    Prior tri{Prior::Kind::triangular, 0, 2, 1};
    CHECK(tri.quantile(0.5) == Approx(1.0));
    CHECK(tri.quantile(0.125) == Approx(0.5));  // F(x) = x^2 / 2 on [0, 1]
    CHECK(std::isfinite(n.quantile(0.0)));
}
