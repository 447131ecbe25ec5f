// Expected mode's batch kernels (double and single precision) against the scalar reference
// expected_review(). The double one checks the algebra to rounding; the single one, which
// runs, its precision.
#include <catch2/catch.hpp>

#include <cmath>

#include "agents/expected_batch.hpp"
#include "agents/expected_choice.hpp"
#include "random_markets.hpp"

using namespace moatsim;
using moatsim::test::random_batch;
using moatsim::test::random_context;
using moatsim::test::Uniforms;

namespace {

// A random distribution over all pairs (offered or not: delisted holdings), or zero.
void random_pi(Uniforms& u, int J, int count, double (*pi)[expected_lanes]) {
    for (int l = 0; l < expected_lanes; ++l) {
        double total = 0.0;
        for (int j = 0; j < J; ++j) total += (pi[j][l] = u.next() < 0.3 ? 0.0 : u.next());
        const bool empty = l >= count || u.next() < 0.1;  // not adopted: all zero
        for (int j = 0; j < J; ++j) pi[j][l] = empty || total == 0.0 ? 0.0 : pi[j][l] / total;
    }
}

struct Worst {
    double pi = 0, p0 = 0, switched = 0;
};

using Kernel = void (*)(const ChoiceContext&, const ExpectedBatch&, double, double (*)[expected_lanes],
                        double (*)[expected_lanes], double*) noexcept;

Worst compare(const ChoiceContext& c, const ExpectedBatch& b, double rate, Uniforms& u,
              Kernel kernel = expected_review_batch) {
    const int J = c.clouds * c.vendors;
    static double pi_fast[max_pairs][expected_lanes], pi_ref[max_pairs][expected_lanes];
    static double p0_fast[max_pairs][expected_lanes], p0_ref[max_pairs][expected_lanes];
    random_pi(u, J, b.count, pi_fast);
    for (int j = 0; j < J; ++j)
        for (int l = 0; l < expected_lanes; ++l) pi_ref[j][l] = pi_fast[j][l];
    double sw_fast[expected_lanes], sw_ref[expected_lanes];
    kernel(c, b, rate, pi_fast, p0_fast, sw_fast);
    expected_review_batch_reference(c, b, rate, pi_ref, p0_ref, sw_ref);
    Worst w;
    for (int l = 0; l < b.count; ++l) {
        double mass = 0.0;
        for (int j = 0; j < J; ++j) {
            REQUIRE(std::isfinite(pi_fast[j][l]));
            REQUIRE(pi_fast[j][l] >= 0.0);
            w.pi = std::max(w.pi, std::abs(pi_fast[j][l] - pi_ref[j][l]));
            w.p0 = std::max(w.p0, std::abs(p0_fast[j][l] - p0_ref[j][l]));
            mass += pi_fast[j][l];
        }
        double before = 0.0;
        for (int j = 0; j < J; ++j) before += pi_ref[j][l];
        CHECK(mass == Approx(before).margin(1e-12));  // review moves mass, never creates it
        w.switched = std::max(w.switched, std::abs(sw_fast[l] - sw_ref[l]));
    }
    return w;
}


// The largest differences over 300 random markets of 1-6 clouds and 1-14 vendors.
Worst worst_on_random_markets(std::uint64_t seed, Kernel kernel) {
    Uniforms u(seed);
    Worst worst;
    for (int trial = 0; trial < 300; ++trial) {
        const int K = 1 + u.below(6), M = 1 + u.below(14);
        const ChoiceContext c = random_context(u, K, M, 1.0);
        double taste[expected_lanes][max_vendors];
        const ExpectedBatch b = random_batch(u, c, 1 + u.below(expected_lanes), taste);
        const Worst w = compare(c, b, u.between(0.0, 1.0), u, kernel);
        worst.pi = std::max(worst.pi, w.pi);
        worst.p0 = std::max(worst.p0, w.p0);
        worst.switched = std::max(worst.switched, w.switched);
    }
    return worst;
}

}  // namespace

TEST_CASE("expected batch kernel equals the reference review step on random markets",
          "[expected_batch]") {
    const Worst worst = worst_on_random_markets(21, expected_review_batch);
    CHECK(worst.pi < 1e-12);
    CHECK(worst.p0 < 1e-12);
    CHECK(worst.switched < 1e-12);
}

TEST_CASE("single-precision expected kernel is within 1e-5 of the reference per step",
          "[expected_batch]") {
    const Worst worst = worst_on_random_markets(24, expected_review_batch_single);
    // Float carries 6e-8 relative; errors compound through the nest and cloud softmaxes.
    INFO("pi " << worst.pi << ", p0 " << worst.p0 << ", switched " << worst.switched);
    CHECK(worst.pi < 1e-5);
    CHECK(worst.p0 < 1e-5);
    CHECK(worst.switched < 1e-5);
}

TEST_CASE("expected batch kernel handles large switching costs and extreme utilities",
          "[expected_batch]") {
    Uniforms u(22);
    for (const double scale : {1.0, 1e4}) {
        for (const double kappa : {0.0, 20.0, 200.0}) {  // 200: past the fast path's range
            ChoiceContext c = random_context(u, 4, 9, scale);
            c.kappa_cloud = kappa;
            c.kappa_vendor = kappa / 2;
            double taste[expected_lanes][max_vendors];
            const ExpectedBatch b = random_batch(u, c, expected_lanes, taste);
            const Worst w = compare(c, b, 0.3, u);
            CHECK(w.pi < 1e-9);
            CHECK(w.p0 < 1e-9);
            CHECK(w.switched < 1e-9);
        }
    }
}

TEST_CASE("expected batch kernel with no open cloud leaves everyone in place", "[expected_batch]") {
    ChoiceContext c;
    c.resize(2, 2);
    Uniforms u(23);
    double taste[expected_lanes][max_vendors];
    const ExpectedBatch b = random_batch(u, c, expected_lanes, taste);
    static double pi[max_pairs][expected_lanes], p0[max_pairs][expected_lanes];
    random_pi(u, 4, expected_lanes, pi);
    double before[4][expected_lanes], switched[expected_lanes];
    for (int j = 0; j < 4; ++j)
        for (int l = 0; l < expected_lanes; ++l) before[j][l] = pi[j][l];
    expected_review_batch(c, b, 0.5, pi, p0, switched);
    for (int j = 0; j < 4; ++j)
        for (int l = 0; l < expected_lanes; ++l) {
            CHECK(pi[j][l] == before[j][l]);
            CHECK(p0[j][l] == 0.0);
        }
}
