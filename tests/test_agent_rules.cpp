// The per-enterprise review and adoption rules (agents/review_rule.hpp,
// agents/adoption_rule.hpp, docs/ODD.md §7.5-7.6), and that the fast machinery draws what
// the rule draws.
#include <catch2/catch.hpp>

#include <vector>

#include "agents/adoption_rule.hpp"
#include "agents/chooser.hpp"
#include "agents/review_rule.hpp"
#include "market/choice_batcher.hpp"
#include "tests/random_markets.hpp"

using namespace moatsim;

namespace {

// Two clouds x two vendors, everything offered.
ChoiceContext two_by_two() {
    ChoiceContext c;
    c.resize(2, 2);
    for (int j = 0; j < 4; ++j) c.offered[j] = 1;
    c.cloud_open = {1, 1};
    c.kappa_cloud = 1.0;
    c.kappa_vendor = 0.5;
    return c;
}

// n random enterprises with M vendors, as population columns.
Population random_population(test::Uniforms& u, std::size_t n, int K, int M) {
    Population pop;
    pop.resize(n, static_cast<std::size_t>(M));
    for (std::size_t i = 0; i < n; ++i) {
        pop.demand[i] = static_cast<Attribute>(u.between(0.1, 10.0));
        pop.alpha[i] = static_cast<Attribute>(u.between(0.1, 3.0));
        pop.beta[i] = static_cast<Attribute>(u.between(0.0, 2.0));
        pop.phi[i] = static_cast<Attribute>(u.between(0.0, 3.0));
        pop.home[i] = static_cast<std::uint8_t>(u.below(K));
        for (int m = 0; m < M; ++m) pop.taste[i * pop.vendors + m] = static_cast<Attribute>(u.between(-2.0, 2.0));
    }
    return pop;
}

}  // namespace

TEST_CASE("review probability: r for an offered pair, 1 for a delisted one", "[rules]") {
    ChoiceContext c = two_by_two();
    CHECK(review_probability(c, 3, 0.04) == 0.04);
    c.offered[3] = 0;  // vendor 1 leaves cloud 1
    CHECK_FALSE(pair_offered(c, 3));
    CHECK(review_probability(c, 3, 0.04) == 1.0);
    CHECK(review_probability(c, 2, 0.04) == 0.04);
    c.cloud_open[1] = 0;  // a closed cloud: none of its pairs can be held
    CHECK(review_probability(c, 2, 0.04) == 1.0);
    CHECK(review_probability(c, 0, 0.04) == 0.04);
}

TEST_CASE("incumbency and switches follow the pair index k*M + m", "[rules]") {
    CHECK(incumbent_of(no_pair, 3).cloud == -1);
    CHECK(incumbent_of(no_pair, 3).vendor == -1);
    CHECK(incumbent_of(7, 3).cloud == 2);
    CHECK(incumbent_of(7, 3).vendor == 1);
    CHECK(is_switch(7, 4, 3));       // cloud 2 -> cloud 1
    CHECK_FALSE(is_switch(7, 8, 3)); // vendor change on cloud 2 only
}

TEST_CASE("chosen_pair draws from choice_probabilities given the current pair", "[rules]") {
    test::Uniforms u(5);
    for (int trial = 0; trial < 200; ++trial) {
        const int K = 1 + u.below(4), M = 1 + u.below(5);
        const ChoiceContext c = test::random_context(u, K, M, 1.0);
        double taste[max_vendors];
        for (int m = 0; m < M; ++m) taste[m] = u.between(-2.0, 2.0);
        const Chooser e{u.between(0.1, 3.0), u.between(0.0, 2.0), u.between(0.0, 3.0), u.below(K), taste};
        const int current = u.next() < 0.3 ? no_pair : u.below(K * M);
        const double u_cloud = u.next(), u_vendor = u.next();
        const int chosen = chosen_pair(c, e, current, u_cloud, u_vendor);
        double prob[max_pairs];
        const Incumbent x = incumbent_of(current, M);
        if (!choice_probabilities(c, e, x.cloud, x.vendor, prob)) {
            CHECK(chosen == current);  // nothing open: it stays
            continue;
        }
        CHECK(chosen == draw_pair(prob, K, M, u_cloud, u_vendor));
        CHECK(pair_offered(c, chosen));
    }
}

TEST_CASE("the batched choices of the fast steppers draw what chosen_pair draws", "[rules]") {
    test::Uniforms u(9);
    const int K = 4, M = 6;
    const ChoiceContext c = test::random_context(u, K, M, 1.0);
    REQUIRE(c.any_open());
    const Population pop = random_population(u, 500, K, M);
    std::vector<int> current(pop.count());
    std::vector<double> u_cloud(pop.count()), u_vendor(pop.count());
    for (std::size_t i = 0; i < pop.count(); ++i) {
        current[i] = u.next() < 0.3 ? no_pair : u.below(K * M);
        u_cloud[i] = u.next();
        u_vendor[i] = u.next();
    }
    for (const Kernel kernel : {Kernel::reference, Kernel::fast}) {
        std::vector<int> drawn(pop.count(), -2);
        const auto chosen = [&](std::size_t i, int pair, int next) {
            CHECK(pair == current[i]);
            drawn[i] = next;
        };
        ChoiceBatcher batcher(c, kernel, pop);
        for (std::size_t i = 0; i < pop.count(); ++i) batcher.add(i, current[i], u_cloud[i], u_vendor[i], chosen);
        batcher.flush(chosen);
        int differ = 0;
        for (std::size_t i = 0; i < pop.count(); ++i) {
            double taste[max_vendors];
            const Chooser e = chooser_for(pop, i, M, taste);
            differ += drawn[i] != chosen_pair(c, e, current[i], u_cloud[i], u_vendor[i]);
        }
        // Fast probabilities differ by ~1e-16: a uniform on the other side of a boundary, never.
        INFO((kernel == Kernel::fast ? "fast" : "reference") << " kernel");
        CHECK(differ == 0);
    }
}

TEST_CASE("adoption: the Bass hazard, capped at 1, and only when a cloud is open", "[rules]") {
    CHECK(adoption_hazard(0.01, 0.2, 0.5) == Approx(0.11));
    CHECK(adoption_hazard(0.5, 1.0, 0.9) == 1.0);
    CHECK(adoption_probability(0.11, true) == 0.11);
    CHECK(adoption_probability(0.11, false) == 0.0);
}

TEST_CASE("expected adoption: a' = a + (1 - a) h and pi mixes in proportion", "[rules]") {
    const ExpectedAdoption x = expected_adoption(0.4, 0.25, true);
    CHECK(x.holds);
    CHECK(x.adoption == Approx(0.55));
    CHECK(x.keep * x.adoption == Approx(0.4));        // the earlier adopters' mass
    CHECK(x.fresh * x.adoption == Approx(0.15));      // this month's adopters
    CHECK(x.keep + x.fresh == Approx(1.0));
    const ExpectedAdoption closed = expected_adoption(0.4, 0.25, false);  // nothing to choose
    CHECK(closed.holds);
    CHECK(closed.adoption == 0.4);
    CHECK(closed.keep == 1.0);
    CHECK(closed.fresh == 0.0);
    CHECK_FALSE(expected_adoption(0.0, 0.0, true).holds);  // holds nothing, may not yet adopt
    const ExpectedAdoption first = expected_adoption(0.0, 0.1, true);
    CHECK(first.adoption == Approx(0.1));
    CHECK(first.fresh == 1.0);
    CHECK(expected_switches(0.5, 0.2) == Approx(0.1));
}
