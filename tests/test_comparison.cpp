// Paired comparisons: the interval on a case with a known answer, and common random numbers
// giving a narrower interval than independent seeds on the same pair of scenarios.
#include <catch2/catch.hpp>

#include <cmath>

#include "experiments/counterfactual.hpp"
#include "tests/fixtures.hpp"
#include "experiments/comparison.hpp"

using namespace moatsim;

namespace {

// A hand-made result: replicate r has cloud shares {v[r], 1 - v[r]} at every tick.
EnsembleResult fake_run(const std::vector<double>& v, int ticks) {
    EnsembleResult r;
    for (std::size_t i = 0; i < v.size(); ++i) {
        ReplicateResult rep;
        rep.replicate = i;
        for (int t = 0; t <= ticks; ++t) {
            TickRecord row;
            row.tick = t;
            row.clouds.resize(2);
            row.clouds[0].share_workload = v[i];
            row.clouds[1].share_workload = 1.0 - v[i];
            rep.ticks.push_back(row);
        }
        r.replicates.push_back(rep);
    }
    return r;
}

Scenario two_clouds(const char* first, const char* second, int ticks) {
    Scenario s;
    s.start = {2025, 1};
    s.run.ticks = ticks;
    s.clouds.resize(2);
    s.clouds[0].name = first;
    s.clouds[1].name = second;
    return s;
}

}  // namespace

TEST_CASE("compare: the paired interval on a case with a known answer", "[compare]") {
    const Scenario s = two_clouds("A", "B", 2);
    // Differences alt - base on cloud A: 0.01, 0.03, 0.02 -> mean 0.02, sd 0.01,
    // half-width t(2) 0.01 / sqrt(3) = 4.302653 * 0.0057735 = 0.024841.
    const auto base = fake_run({0.30, 0.40, 0.50}, 2);
    const auto alt = fake_run({0.31, 0.43, 0.52}, 2);
    const Comparison c = compare_runs(s, base, s, alt, Metric::share_workload, std::nullopt);
    REQUIRE(c.rows.size() == 3 * 2);
    const ComparisonRow& a = c.rows[2];  // tick 1, cloud A
    CHECK(a.tick == 1);
    CHECK(a.cloud == "A");
    CHECK(a.mean_base == Approx(0.40));
    CHECK(a.mean_alt == Approx(0.42));
    CHECK(a.diff.mean == Approx(0.02));
    CHECK(a.diff.hi95 - a.diff.mean == Approx(4.302653 * 0.01 / std::sqrt(3.0)).epsilon(1e-5));
    CHECK_FALSE(a.excludes_zero());  // -0.0048 .. 0.0448
    CHECK(c.rows[3].diff.mean == Approx(-0.02));  // cloud B mirrors A

    // Same differences, less spread: 0.02 each -> zero-width interval excluding zero.
    const auto shifted = fake_run({0.32, 0.42, 0.52}, 2);
    CHECK(compare_runs(s, base, s, shifted, Metric::share_workload, std::nullopt)
              .rows[0].excludes_zero());
}

TEST_CASE("compare: clouds only one side has are listed and left out", "[compare]") {
    const Scenario b = two_clouds("A", "B", 1), a = two_clouds("A", "C", 1);
    const auto run = fake_run({0.3, 0.4}, 1);
    const Comparison c = compare_runs(b, run, a, run, Metric::share_workload, std::nullopt);
    CHECK(c.clouds == std::vector<std::string>{"A"});
    CHECK(c.only_base_clouds == std::vector<std::string>{"B"});
    CHECK(c.only_alt_clouds == std::vector<std::string>{"C"});
    CHECK(c.rows.size() == 2);
    CHECK(compare_runs(b, run, b, run, Metric::share_workload, std::string("B")).clouds ==
          std::vector<std::string>{"B"});
}

TEST_CASE("compare: common random numbers narrow the interval", "[compare]") {
    Scenario base = test::small_scenario(1500, 12);
    base.run.replicates = 8;
    const auto brands = brands_of(base, nullptr);
    base = with_brands_from(base, base, brands);
    Scenario alt = base;
    alt.clouds[0].price *= 0.9;  // a 10% price cut on A
    Scenario independent = alt;
    independent.run.seed = base.run.seed + 1000;  // same world, other draws and populations

    const EnsembleResult b = run_ensemble(base, nullptr);
    const auto width = [&](const Scenario& s) {
        const Comparison c = compare_runs(base, b, s, run_ensemble(s, nullptr),
                                          Metric::share_workload, std::string("A"));
        const ComparisonRow& last = c.rows.back();
        return std::pair{last.diff.mean, last.diff.hi95 - last.diff.lo95};
    };
    const auto [crn_mean, crn_width] = width(alt);
    const auto [ind_mean, ind_width] = width(independent);
    INFO("CRN " << crn_mean << " +- " << crn_width / 2 << ", independent " << ind_mean << " +- "
                << ind_width / 2);
    CHECK(crn_mean > 0.0);                 // the price cut raises A's share
    CHECK(crn_width < 0.5 * ind_width);    // pairing removes most of the noise
}
