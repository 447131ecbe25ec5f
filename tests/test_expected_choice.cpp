// Expected mode's shared-sum kernel against the reference kernel, and the exact review rule.
#include <catch2/catch.hpp>

#include <cmath>

#include "agents/expected_choice.hpp"

using namespace moatsim;

namespace {

ChoiceContext three_by_three(double kappa_c, double kappa_m) {
    ChoiceContext c;
    c.resize(3, 3);
    c.log_price = {1.2, 1.5, 0.9, 1.4, 1.1, 1.0, 0.8, 0.7, 1.3};
    c.offered = {1, 1, 1, 0, 1, 1, 0, 0, 1};
    c.port = {0.5, 0.0, 0.3, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
    c.quality = {1.0, 0.9, 0.6};
    c.vendor_constant = {0.1, 0.0, -0.1};
    c.cloud_constant = {0.2, -0.1, 0.0};
    c.cloud_open = {1, 1, 1};
    c.lambda = 0.6;
    c.omega = 0.4;
    c.theta = 0.8;
    c.gravity = 0.5;
    c.kappa_cloud = kappa_c;
    c.kappa_vendor = kappa_m;
    return c;
}

const double taste[max_vendors] = {0.3, -0.2, 0.1};
const Chooser chooser{1.7, 2.1, 1.3, 1, taste};

}  // namespace

TEST_CASE("shared-sum variants equal the reference kernel for every incumbent pair",
          "[expected]") {
    for (const double kappa : {0.0, 1.5, 60.0}) {  // 60: the lifted vendor moves the max shift
        const ChoiceContext c = three_by_three(kappa, kappa / 2);
        ExpectedScratch s;
        for (int k = -1; k < 3; ++k)
            for (int m = -1; m < 3; ++m) {
                double ref[9], fast[9];
                REQUIRE(choice_probabilities(c, chooser, k, m, ref));
                REQUIRE(incumbent_probabilities(c, chooser, k, m, s, fast));
                for (int j = 0; j < 9; ++j) CHECK(fast[j] == Approx(ref[j]).margin(1e-12));
            }
    }
}

TEST_CASE("expected review is the exact mixture of stay and re-choose", "[expected]") {
    const ChoiceContext c = three_by_three(1.5, 0.7);
    ExpectedScratch s;
    double pi[9] = {0.5, 0.0, 0.2, 0.0, 0.3, 0.0, 0.0, 0.0, 0.0};
    const double before[9] = {0.5, 0.0, 0.2, 0.0, 0.3, 0.0, 0.0, 0.0, 0.0};
    double p0[9];
    const double r = 0.25;
    const double switched = expected_review(c, chooser, r, pi, p0, s);

    double want[9] = {};
    double want_switch = 0.0;
    for (int j = 0; j < 9; ++j) {
        if (before[j] == 0.0) continue;
        double pj[9];
        choice_probabilities(c, chooser, j / 3, j % 3, pj);
        want[j] += before[j] * (1 - r);
        double stay_cloud = 0.0;
        for (int i = 0; i < 9; ++i) {
            want[i] += before[j] * r * pj[i];
            if (i / 3 == j / 3) stay_cloud += pj[i];
        }
        want_switch += before[j] * r * (1 - stay_cloud);
    }
    double total = 0.0;
    for (int j = 0; j < 9; ++j) {
        CHECK(pi[j] == Approx(want[j]).margin(1e-12));
        total += pi[j];
    }
    CHECK(total == Approx(1.0).epsilon(1e-12));
    CHECK(switched == Approx(want_switch).margin(1e-12));
    double ref0[9];
    choice_probabilities(c, chooser, -1, -1, ref0);
    for (int j = 0; j < 9; ++j) CHECK(p0[j] == Approx(ref0[j]).margin(1e-12));
}

TEST_CASE("a delisted pair empties: its holders always re-choose", "[expected]") {
    ChoiceContext c = three_by_three(1.5, 0.7);
    c.offered[0] = 0;  // vendor 0 leaves cloud 0
    ExpectedScratch s;
    double pi[9] = {1.0, 0, 0, 0, 0, 0, 0, 0, 0};
    double p0[9];
    expected_review(c, chooser, 0.0, pi, p0, s);  // r = 0: only the delisting forces review
    CHECK(pi[0] == 0.0);
    double ref[9];
    choice_probabilities(c, chooser, 0, 0, ref);
    for (int j = 0; j < 9; ++j) CHECK(pi[j] == Approx(ref[j]).margin(1e-12));
    // The cloud bonus keeps most of them on cloud 0 with its other vendors (pattern 4).
    CHECK(pi[1] + pi[2] > 0.5);
}

TEST_CASE("with no review nothing moves", "[expected]") {
    const ChoiceContext c = three_by_three(1.5, 0.7);
    ExpectedScratch s;
    double pi[9] = {0.1, 0.2, 0.3, 0.0, 0.25, 0.15, 0, 0, 0};
    const double before[9] = {0.1, 0.2, 0.3, 0.0, 0.25, 0.15, 0, 0, 0};
    double p0[9];
    CHECK(expected_review(c, chooser, 0.0, pi, p0, s) == 0.0);
    for (int j = 0; j < 9; ++j) CHECK(pi[j] == before[j]);
}
