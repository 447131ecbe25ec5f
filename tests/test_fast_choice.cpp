// The batch kernel against the scalar reference kernel, on random markets and enterprises.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

#include "agents/fast_choice.hpp"
#include "random_markets.hpp"

using namespace moatsim;
using moatsim::test::random_batch;
using moatsim::test::random_context;
using moatsim::test::Uniforms;

namespace {

double worst_difference(const ChoiceContext& c, const ChooserBatch& b) {
    static double fast[max_pairs][batch_lanes], reference[max_pairs][batch_lanes];
    const bool open_fast = choice_probabilities_batch(c, b, fast);
    const bool open_reference = choice_probabilities_batch_reference(c, b, reference);
    REQUIRE(open_fast == open_reference);
    double worst = 0.0;
    for (int l = 0; l < b.count; ++l) {
        double sum = 0.0;
        for (int j = 0; j < c.clouds * c.vendors; ++j) {
            REQUIRE(std::isfinite(fast[j][l]));
            REQUIRE(fast[j][l] >= 0.0);
            if (!c.offered[j]) REQUIRE(fast[j][l] == 0.0);  // unoffered pairs exactly 0
            worst = std::max(worst, std::abs(fast[j][l] - reference[j][l]));
            sum += fast[j][l];
        }
        if (open_fast) CHECK(sum == Approx(1.0).margin(1e-12));
    }
    return worst;
}

}  // namespace

TEST_CASE("batch kernel equals the reference kernel within 1e-12 on random markets", "[fast_choice]") {
    Uniforms u(11);
    double worst = 0.0;
    for (int trial = 0; trial < 400; ++trial) {
        const int K = 1 + u.below(6), M = 1 + u.below(14);
        const ChoiceContext c = random_context(u, K, M, 1.0);
        double taste[batch_lanes][max_vendors];
        const ChooserBatch b = random_batch(u, c, 1 + u.below(batch_lanes), taste);
        worst = std::max(worst, worst_difference(c, b));
    }
    CHECK(worst < 1e-12);
}

TEST_CASE("batch kernel stays finite and close at extreme utilities (+-1e4)", "[fast_choice]") {
    Uniforms u(12);
    for (int trial = 0; trial < 100; ++trial) {
        const ChoiceContext c = random_context(u, 1 + u.below(5), 1 + u.below(10), 1e4);
        double taste[batch_lanes][max_vendors];
        const ChooserBatch b = random_batch(u, c, batch_lanes, taste);
        // The fast exp floors at e^-708 where libm gives 0: probabilities differ by < 1e-300.
        CHECK(worst_difference(c, b) < 1e-12);
    }
}

TEST_CASE("a lane's result does not depend on the other lanes", "[fast_choice]") {
    Uniforms u(13);
    const ChoiceContext c = random_context(u, 4, 9, 1.0);
    double taste_a[batch_lanes][max_vendors], taste_b[batch_lanes][max_vendors];
    ChooserBatch a = random_batch(u, c, batch_lanes, taste_a);
    ChooserBatch b = random_batch(u, c, batch_lanes, taste_b);
    // Put a's lane 3 into b's lane 5, alone in a batch of one too.
    const Chooser e{a.alpha[3], a.beta[3], a.phi[3], a.home[3], taste_a[3]};
    b.set(5, e, 9, a.incumbent_cloud[3], a.incumbent_vendor[3]);
    ChooserBatch single;
    single.set(0, e, 9, a.incumbent_cloud[3], a.incumbent_vendor[3]);
    single.count = 1;
    single.pad(9);
    static double pa[max_pairs][batch_lanes], pb[max_pairs][batch_lanes], ps[max_pairs][batch_lanes];
    choice_probabilities_batch(c, a, pa);
    choice_probabilities_batch(c, b, pb);
    choice_probabilities_batch(c, single, ps);
    for (int j = 0; j < 36; ++j) {
        CHECK(std::memcmp(&pa[j][3], &pb[j][5], sizeof(double)) == 0);  // bit for bit
        CHECK(std::memcmp(&pa[j][3], &ps[j][0], sizeof(double)) == 0);
    }
}

TEST_CASE("batch kernel with no open cloud gives no choice", "[fast_choice]") {
    ChoiceContext c;
    c.resize(2, 3);  // nothing offered
    double taste[batch_lanes][max_vendors];
    Uniforms u(14);
    const ChooserBatch b = random_batch(u, c, 4, taste);
    static double p[max_pairs][batch_lanes];
    CHECK_FALSE(choice_probabilities_batch(c, b, p));
    for (int j = 0; j < 6; ++j)
        for (int l = 0; l < 4; ++l) CHECK(p[j][l] == 0.0);
}

TEST_CASE("draw_pair_lane draws what draw_pair draws from the same probabilities", "[fast_choice]") {
    Uniforms u(15);
    const ChoiceContext c = random_context(u, 4, 9, 1.0);
    double taste[batch_lanes][max_vendors];
    const ChooserBatch b = random_batch(u, c, batch_lanes, taste);
    static double p[max_pairs][batch_lanes];
    REQUIRE(choice_probabilities_batch(c, b, p));
    for (int l = 0; l < batch_lanes; ++l) {
        double row[max_pairs];
        for (int j = 0; j < 36; ++j) row[j] = p[j][l];
        for (int t = 0; t < 50; ++t) {
            const double uc = u.next(), uv = u.next();
            CHECK(draw_pair_lane(p, l, 4, 9, uc, uv) == draw_pair(row, 4, 9, uc, uv));
        }
    }
}
