// The choice kernel against hand-computed values (docs/ODD.md sections 7.1-7.4).
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

#include "agents/choice.hpp"

using namespace moatsim;

namespace {

// One cloud, two vendors priced 2 and 4 (log prices), lambda = 0.5, alpha = 1: then
// u = w / lambda = (-2 ln 2, -4 ln 2), so P = (0.8, 0.2) exactly.
ChoiceContext two_vendor_context() {
    ChoiceContext c;
    c.resize(1, 2);
    c.log_price = {std::log(2.0), std::log(4.0)};
    c.offered = {1, 1};
    c.port = {1.0, 0.0};
    c.cloud_open = {1};
    c.lambda = 0.5;
    return c;
}

const double zero_taste[max_vendors] = {};

}  // namespace

TEST_CASE("effective price applies the silicon discount to the ported fraction", "[choice]") {
    CHECK(effective_price(4.0, 0.3, 0.5, 2.0) == Approx(5.4));
    CHECK(effective_price(4.0, 0.3, 0.0, 2.0) == Approx(6.0));
    CHECK(effective_price(4.0, 0.0, 1.0, 0.0) == Approx(4.0));
}

TEST_CASE("vendor choice: probabilities, inclusive value, entropy and lock-in by hand", "[choice]") {
    const ChoiceContext c = two_vendor_context();
    const Chooser e{1.0, 0.0, 0.0, -1, zero_taste};
    double p[2];
    const NestValues v = vendor_choice(c, e, 0, -1, p);
    CHECK(p[0] == Approx(0.8).epsilon(1e-12));
    CHECK(p[1] == Approx(0.2).epsilon(1e-12));
    CHECK(v.inclusive == Approx(0.5 * std::log(0.3125)).epsilon(1e-12));
    CHECK(v.entropy == Approx(-(0.8 * std::log(0.8) + 0.2 * std::log(0.2))).epsilon(1e-12));
    CHECK(v.lockin == Approx(0.8).epsilon(1e-12));
}

TEST_CASE("vendor incumbency adds kappa_m to the current vendor", "[choice]") {
    ChoiceContext c = two_vendor_context();
    c.kappa_vendor = 0.5 * std::log(4.0);  // u += kappa / lambda = ln 4: odds x4
    const Chooser e{1.0, 0.0, 0.0, -1, zero_taste};
    double p[2];
    vendor_choice(c, e, 0, 1, p);
    // Odds 0.8:0.2 = 4:1 become 4:4.
    CHECK(p[0] == Approx(0.5).epsilon(1e-12));
    CHECK(p[1] == Approx(0.5).epsilon(1e-12));
}

TEST_CASE("cloud utility adds lock-in terms, brand, gravity and incumbency", "[choice]") {
    ChoiceContext c = two_vendor_context();
    c.omega = 0.5;
    c.theta = 2.0;
    c.gravity = 0.7;
    c.kappa_cloud = 1.1;
    c.cloud_constant = {0.3};
    const Chooser e{1.0, 0.0, 2.0, 0, zero_taste};
    const NestValues nest{-1.0, 0.5, 0.25};
    // V = IV + phi (omega H - theta psi) + b + G + kappa_c
    CHECK(cloud_utility(c, e, 0, nest, false) == Approx(-1.0 + 2.0 * (0.25 - 0.5) + 0.3 + 0.7));
    CHECK(cloud_utility(c, e, 0, nest, true) ==
          Approx(-1.0 + 2.0 * (0.25 - 0.5) + 0.3 + 0.7 + 1.1));
}

TEST_CASE("nested logit over two clouds matches the closed form", "[choice]") {
    ChoiceContext c;
    c.resize(2, 2);
    c.log_price = {std::log(2.0), std::log(4.0), 0.0, 0.0};
    c.offered = {1, 1, 1, 0};  // cloud 1 offers only vendor 0, at log price 0
    c.cloud_open = {1, 1};
    c.lambda = 0.5;
    c.cloud_constant = {0.0, -0.2};
    const Chooser e{1.0, 0.0, 0.0, -1, zero_taste};
    double p[4];
    REQUIRE(choice_probabilities(c, e, -1, -1, p));
    const double v0 = 0.5 * std::log(0.3125), v1 = -0.2;  // IV of cloud 1 is 0.5 * ln e^0 = 0
    const double p0 = std::exp(v0) / (std::exp(v0) + std::exp(v1));
    CHECK(p[0] == Approx(p0 * 0.8).epsilon(1e-12));
    CHECK(p[1] == Approx(p0 * 0.2).epsilon(1e-12));
    CHECK(p[2] == Approx(1.0 - p0).epsilon(1e-12));
    CHECK(p[3] == 0.0);
}

TEST_CASE("extreme utilities (+-1e4) give finite probabilities without overflow", "[choice]") {
    ChoiceContext c;
    c.resize(3, 3);
    c.offered.assign(9, 1);
    c.cloud_open = {1, 1, 1};
    c.lambda = 0.3;
    c.omega = 1.0;
    c.theta = 1.0;
    c.cloud_constant = {1e4, -1e4, 0.0};
    const double taste[max_vendors] = {1e4, -1e4, 0.0};
    const Chooser e{1.0, 1.0, 1.0, 0, taste};
    double p[9];
    REQUIRE(choice_probabilities(c, e, 2, 1, p));
    double sum = 0.0;
    for (const double x : p) {
        CHECK(std::isfinite(x));
        CHECK(x >= 0.0);
        sum += x;
    }
    CHECK(sum == Approx(1.0).epsilon(1e-12));
    CHECK(p[0] == Approx(1.0));  // cloud 0, vendor 0 dominate
    double nest[3];
    const NestValues v = vendor_choice(c, e, 1, -1, nest);
    CHECK(std::isfinite(v.inclusive));
    CHECK(std::isfinite(v.entropy));
    CHECK(v.entropy >= 0.0);
}

TEST_CASE("closed clouds get no probability, no open cloud means no choice", "[choice]") {
    ChoiceContext c = two_vendor_context();
    double p[2];
    c.cloud_open = {0};
    c.offered = {0, 0};
    const Chooser e{1.0, 0.0, 0.0, -1, zero_taste};
    CHECK_FALSE(choice_probabilities(c, e, -1, -1, p));
    CHECK(p[0] == 0.0);
}

TEST_CASE("draw_pair follows the cumulative probabilities", "[choice]") {
    const double prob[4] = {0.1, 0.3, 0.0, 0.6};  // cloud 0: 0.4, cloud 1: 0.6 (all vendor 1)
    CHECK(draw_pair(prob, 2, 2, 0.39, 0.2) == 0);   // cloud 0, vendor 0 (0.2 * 0.4 <= 0.1)
    CHECK(draw_pair(prob, 2, 2, 0.39, 0.3) == 1);   // cloud 0, vendor 1
    CHECK(draw_pair(prob, 2, 2, 0.41, 0.01) == 3);  // cloud 1 skips its zero vendor
    CHECK(draw_pair(prob, 2, 2, 1.0, 1.0) == 3);    // the top edge stays in range
}
