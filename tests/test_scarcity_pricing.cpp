// Scarcity pricing (docs/ODD.md D20): a cloud that rations raises its price target by
// 1 + zeta z_k; zeta = 0 is the spec's cost-only markup rule.
#include <catch2/catch.hpp>

#include <numeric>

#include "experiments/ensemble.hpp"
#include "market/cloud_supply.hpp"
#include "market/scenario_loader.hpp"
#include "tests/fixtures.hpp"

#ifndef MOATSIM_SOURCE_DIR
#define MOATSIM_SOURCE_DIR "."
#endif

using namespace moatsim;

TEST_CASE("scarcity pricing raises the price target of a cloud that rations, by 1 + zeta z",
          "[market][scarcity]") {
    Scenario s = test::small_scenario();
    s.globals.markup_speed = 1.0;  // jump to the target, so the target is visible
    MarketState cost_only(s), scarce(s);
    cost_only.excess = {0.5, 0.0, 0.0};
    scarce.globals.scarcity_pricing = 2.0;
    scarce.excess = {0.5, 0.0, 0.0};
    const std::vector<double> shares = {0.5, 0.3, 0.2}, demand = {0.0, 0.0, 0.0};
    update_clouds(cost_only, shares, 4.0, demand);
    update_clouds(scarce, shares, 4.0, demand);
    CHECK(scarce.clouds[0].price == Approx(cost_only.clouds[0].price * (1.0 + 2.0 * 0.5)));
    CHECK(scarce.clouds[1].price == cost_only.clouds[1].price);  // no excess, no change
    CHECK(scarce.clouds[2].price == cost_only.clouds[2].price);
}

TEST_CASE("scarcity pricing in the baseline: higher late prices, less training bought, "
          "shares still a distribution", "[market][scarcity]") {
    ScenarioOverrides o;
    o.enterprises = 5000;
    o.replicates = 1;
    o.mode = Mode::expected;
    const auto run = [&](double zeta) {
        const Scenario s = load_scenario(MOATSIM_SOURCE_DIR "/scenarios/baseline.toml", o,
                                         {{"globals.scarcity_pricing", zeta}});
        return run_ensemble(s, nullptr).replicates.at(0).ticks;
    };
    const auto cost_only = run(0.0), scarce = run(1.0);
    const auto& late0 = cost_only.back().clouds;
    const auto& late1 = scarce.back().clouds;
    double training0 = 0, training1 = 0, shares = 0;
    for (std::size_t k = 0; k < late0.size(); ++k) {
        // Every cloud rations by 2035 under the cost-only rule (docs/FINDINGS.md §6).
        CHECK(late0[k].utilization == Approx(1.0));
        CHECK(late1[k].price > late0[k].price);
        training0 += late0[k].revenue_training / late0[k].price;
        training1 += late1[k].revenue_training / late1[k].price;
        shares += late1[k].share_workload;
    }
    CHECK(training1 < training0);
    CHECK(shares == Approx(1.0));
    // Before any cloud rations the two rules agree exactly.
    CHECK(scarce.at(1).clouds.at(0).price == cost_only.at(1).clouds.at(0).price);
}
