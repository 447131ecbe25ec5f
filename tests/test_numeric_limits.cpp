// Numbers written are finite and meaningful (issue 9, section 2): extreme parameters stop the
// run with a SimulationError naming the tick and quantity, in every mode and through every
// entry point (run_ensemble, and initialize/advance as `live` uses them); the check accepts
// every shipped scenario; ranges that keep the model in floating-point range name the key.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <tbb/global_control.h>

#include "experiments/ensemble.hpp"
#include "market/replicate.hpp"
#include "market/scenario_loader.hpp"
#include "market/tick_check.hpp"
#include "tests/fixtures.hpp"
#include "tests/scenario_text.hpp"
#include "core/summary.hpp"

using namespace moatsim;
using Catch::Matchers::Contains;

namespace {

// A tiny market (few enterprises, few ticks) with one change that drives it out of range.
Scenario extreme(const std::function<void(Scenario&)>& change, Mode mode = Mode::stochastic,
                 Kernel kernel = Kernel::fast, int ticks = 12) {
    Scenario s = test::small_scenario(60, ticks);
    s.run.mode = mode;
    s.run.kernel = kernel;
    s.run.replicates = 2;
    change(s);
    return s;
}

// The SimulationError run_ensemble throws; fails the test if none is thrown.
SimulationError failure_of(const Scenario& s) {
    try {
        (void)run_ensemble(s, nullptr);
    } catch (const SimulationError& e) {
        return e;
    }
    FAIL("no SimulationError for " << s.name);
    throw;  // unreachable
}

// Every mode and kernel, through run_ensemble: the same failure (tick and quantity).
void check_fails_everywhere(const std::function<void(Scenario&)>& change, int ticks,
                            const std::string& quantity, const std::string& hint) {
    for (const Mode mode : {Mode::stochastic, Mode::expected})
        for (const Kernel kernel : {Kernel::fast, Kernel::reference}) {
            const SimulationError e = failure_of(extreme(change, mode, kernel, ticks));
            CHECK_THAT(e.quantity(), Contains(quantity));
            CHECK_THAT(e.hint(), Contains(hint));
            CHECK_THAT(std::string(e.what()),
                       Contains("numeric failure at tick " + std::to_string(e.tick()) + " (" +
                                e.date() + "): " + e.quantity()));
            CHECK_THAT(std::string(e.what()), Contains("parameters most likely responsible: "));
        }
}

}  // namespace

TEST_CASE("a market size beyond float range stops at tick 0 before the fixed-point ledger",
          "[numeric]") {
    const auto huge = [](Scenario& s) { s.population.market_size = 1e308; };
    check_fails_everywhere(huge, 12, "population.size", "population.market_size");
    const SimulationError e = failure_of(extreme(huge));
    CHECK(e.tick() == 0);
    CHECK(e.date() == "2025-01");
}

TEST_CASE("population attributes beyond utility range stop at tick 0", "[numeric]") {
    check_fails_everywhere([](Scenario& s) { s.population.taste_sd = 1e308; }, 6,
                           "population taste", "population.taste_sd");
    check_fails_everywhere(
        [](Scenario& s) {
            s.population.quality_sensitivity = {Distribution::Kind::lognormal, 1.0, 1e300, 2.0};
        },
        6, "population.quality_sensitivity", "population.quality_sensitivity");
}

TEST_CASE("huge headroom gives infinite capacity: stopped with the cloud named", "[numeric]") {
    check_fails_everywhere([](Scenario& s) { s.globals.headroom = 1e308; }, 12,
                           "clouds.A.capacity", "globals.headroom");
}

TEST_CASE("a tiny compute scale gives infinite quality: stopped with the vendor named",
          "[numeric]") {
    check_fails_everywhere([](Scenario& s) { s.vendors[1].compute_scale = 5e-324; }, 12,
                           "vendors.Y.quality", "vendors.Y.compute_scale");
}

TEST_CASE("a huge funding event is stopped in the month it overflows, not before", "[numeric]") {
    const auto grant = [](Scenario& s) {
        // 1e308 a month for 12 months: cumulative compute overflows within a few months
        s.events.push_back(Event{5, event::Funding{0, 1e308, 12}});
    };
    // The first casualty is the training demand's excess over capacity or X's quality.
    check_fails_everywhere(grant, 24, "", "funding events");
    const SimulationError e = failure_of(extreme(grant, Mode::stochastic, Kernel::fast, 24));
    CHECK(e.tick() > 5);  // the grant starts at tick 5; the months before are fine
}

TEST_CASE("prices driven below the smallest normal double are stopped as prices", "[numeric]") {
    // A price war: no markup, full speed, and a unit cost that falls to nothing.
    const auto war = [](Scenario& s) {
        s.globals.lerner_min = s.globals.lerner_max = 0.0;
        s.globals.markup_speed = 1.0;
        s.globals.gpu_cost = 1e-300;
        s.globals.gpu_cost_decline = 0.9;
        for (auto& v : s.vendors) v.margin = 0.0;
    };
    // Which quantity goes first depends on the mode (the choice utilities of a near-zero
    // price, or the price itself); the hint names the markup rule either way.
    check_fails_everywhere(war, 24, "clouds.A.", "globals.lerner_max");
}

TEST_CASE("demand growing past double range over a long horizon is stopped", "[numeric]") {
    // demand_growth = 1 is allowed (doubling every month); 1000 doublings overflow.
    const auto growth = [](Scenario& s) {
        s.globals.demand_growth = 1.0;
        s.population.market_size = 1e30;
    };
    const SimulationError e = failure_of(extreme(growth, Mode::expected, Kernel::fast, 1100));
    // Demand itself stays finite far longer; the scarcity penalty on the excess demand that
    // GPU supply cannot follow drives the utilities out of range first.
    CHECK(e.tick() > 12);
    CHECK_THAT(e.hint(), Contains("globals.demand_growth"));
}

TEST_CASE("a scarcity penalty on runaway excess demand is stopped in every mode", "[numeric]") {
    // Stochastic choices do not turn a utility out of range into a NaN row, so the choice
    // inputs themselves are checked: the same failure in both modes.
    const auto scarce = [](Scenario& s) {
        s.globals.scarcity_penalty = 1e6;
        s.globals.gpu_supply = 0.0;
        s.globals.demand_growth = 0.5;
        for (auto& c : s.clouds) c.silicon_supply = 0.0;
    };
    check_fails_everywhere(scarce, 12, "scarcity_penalty * excess demand",
                           "globals.scarcity_penalty");
}

TEST_CASE("utilities at the edge of their range run clean in both modes", "[numeric]") {
    for (const Mode mode : {Mode::stochastic, Mode::expected}) {
        const Scenario s = extreme(
            [](Scenario& x) {
                x.calibration = CalibrationMethod::none;
                x.clouds[0].brand = 1e6;
                x.vendors[2].taste_mean = -1e6;
            },
            mode);
        CHECK_NOTHROW(run_ensemble(s, nullptr));
    }
}

TEST_CASE("the failure reported does not depend on the thread count", "[numeric]") {
    // Replicates fail at different ticks (their draws differ); the lowest replicate's wins.
    Scenario s = extreme([](Scenario& x) {
        x.globals.scarcity_penalty = 1e6;
        x.globals.gpu_supply = 0.0;
        x.globals.demand_growth = 0.5;
    });
    s.run.replicates = 6;
    std::string one, many;
    {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
        one = failure_of(s).what();
    }
    {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 4);
        many = failure_of(s).what();
    }
    CHECK(one == many);
}

TEST_CASE("the live path (initialize, advance) runs the same check", "[numeric]") {
    const Scenario s = extreme([](Scenario& x) { x.globals.headroom = 1e308; });
    const Population pop = replicate_population(s, 0);
    Replicate r(s, pop, 0, scenario_brands(s, pop));
    CHECK_THROWS_AS(r.initialize(), SimulationError);

    const Scenario ok = extreme([](Scenario&) {});
    const Population pop2 = replicate_population(ok, 0);
    Replicate fine(ok, pop2, 0, scenario_brands(ok, pop2));
    CHECK_NOTHROW(fine.initialize());
    for (int t = 1; t <= ok.run.ticks; ++t) CHECK_NOTHROW(fine.advance());
}

TEST_CASE("the check accepts every shipped scenario in both modes", "[numeric]") {
    for (const auto& file : std::filesystem::directory_iterator(MOATSIM_SOURCE_DIR "/scenarios")) {
        if (file.path().extension() != ".toml") continue;
        for (const Mode mode : {Mode::stochastic, Mode::expected}) {
            ScenarioOverrides o;
            o.enterprises = 3000;
            o.replicates = 1;
            o.mode = mode;
            INFO(file.path().string());
            CHECK_NOTHROW(run_ensemble(load_scenario(file.path(), o), nullptr));
        }
    }
}

TEST_CASE("check_tick names the first bad quantity of a row", "[numeric]") {
    const Scenario s = test::small_scenario(10, 3);
    TickRecord row;
    row.tick = 2;
    row.clouds.resize(3);
    row.vendors.resize(3);
    for (auto& c : row.clouds) c.price = 1.0;
    CHECK_NOTHROW(check_tick(s, row));  // nothing served: shares may all be 0
    row.clouds[1].demand = 5.0;
    row.clouds[1].capacity = 5.0;  // workload served, but shares sum to 0
    CHECK_THROWS_WITH(check_tick(s, row),
                      Contains("numeric failure at tick 2 (2025-03): clouds.*.share_workload (sum) "
                               "is 0, expected shares summing to 1"));
    row.clouds[1].share_workload = row.vendors[0].share = 1.0;
    CHECK_NOTHROW(check_tick(s, row));
    row.clouds[2].price = 1e-321;
    CHECK_THROWS_WITH(check_tick(s, row),
                      Contains("clouds.C.price is 1e-321, expected a finite price > 0"));
    row.clouds[2].price = 1.0;
    row.vendors[2].quality = NAN;
    CHECK_THROWS_WITH(check_tick(s, row),
                      Contains("vendors.Z.quality is nan, expected a finite number"));
    row.vendors[2].quality = 1.0;
    row.clouds[0].share_revenue = 1.5;
    CHECK_THROWS_WITH(check_tick(s, row),
                      Contains("clouds.A.share_revenue is 1.5, expected a fraction in [0, 1]"));
}

TEST_CASE("ranges that keep the model finite reject out-of-range values, naming the key",
          "[numeric]") {
    using test::minimal;
    using test::parse;
    using test::with;
    const auto rejects = [](const std::string& text, const std::string& message) {
        CHECK_THROWS_WITH(parse(text), Contains(message));
    };
    rejects(minimal + "[globals]\nheadroom = 1e308\n",
            "globals.headroom: expected a number in [0, 100], got 1e+308");
    rejects(minimal + "[globals]\ndemand_growth = 10.0\n",
            "globals.demand_growth: expected a number in (-1, 1], got 10");
    rejects(minimal + "[globals]\nswitch_cost_cloud = 1e300\n",
            "globals.switch_cost_cloud: expected a number in [0, 1e+06], got 1e+300");
    rejects(minimal + "[population]\nmarket_size = 1e31\n",
            "population.market_size: expected a number in (0, 1e+30], got 1e+31");
    rejects(with(minimal, "target_share = 0.6\n", "target_share = 0.6\nbrand = -1e9\n"),
            "clouds.A.brand: expected a number in [-1e+06, 1e+06], got -1e+09");
    rejects(with(minimal, "[vendors.X]\n", "[vendors.X]\ncompute_scale = 1e-9\n"),
            "vendors.X.compute_scale: expected a number >= 1e-06, got 1e-09");
    rejects(test::with_events("[[events]]\ndate = \"2025-03\"\nkind = \"funding\"\nvendor = \"X\"\n"
                              "amount = 1e308\nmonths = 2\n"),
            "amount: expected a number in [0, 1e+15], got 1e+308");
    // A `set` event is held to the same range as the key.
    rejects(test::with_events("[[events]]\ndate = \"2025-03\"\nkind = \"set\"\n"
                              "parameter = \"globals.headroom\"\nvalue = 1e9\n"),
            "expected a number in [0, 100], got 1e+09");
}
