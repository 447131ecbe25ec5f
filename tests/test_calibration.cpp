// Berry's contraction: expected-mode tick-0 shares equal the targets.
#include <catch2/catch.hpp>

#include "core/input_error.hpp"
#include "market/calibration.hpp"
#include "experiments/ensemble.hpp"
#include "tests/fixtures.hpp"

using namespace moatsim;

TEST_CASE("calibrated brands reproduce the target shares at tick 0 in expected mode",
          "[calibration]") {
    Scenario s = test::small_scenario(3000, 2);
    s.run.mode = Mode::expected;
    s.run.replicates = 1;
    const EnsembleResult r = run_ensemble(s, nullptr);
    REQUIRE(r.calibration_iterations > 0);
    const TickRecord& row0 = r.replicates[0].ticks[0];
    for (std::size_t k = 0; k < s.clouds.size(); ++k)
        CHECK(row0.clouds[k].share_workload == Approx(s.clouds[k].target_share).margin(1e-6));
}

TEST_CASE("calibration = none keeps the given brands", "[calibration]") {
    Scenario s = test::small_scenario(500, 1);
    s.calibration = CalibrationMethod::none;
    s.clouds[0].brand = 0.25;
    const Population pop = replicate_population(s, 0);
    CHECK(scenario_brands(s, pop) == std::vector<double>{0.25, 0.0, 0.0});
}

TEST_CASE("a target on a cloud with an empty catalog is a clear error", "[calibration]") {
    Scenario s = test::small_scenario(500, 1);
    s.clouds[2].offers = {0, 0, 0};
    const Population pop = replicate_population(s, 0);
    CHECK_THROWS_WITH(scenario_brands(s, pop), Catch::Contains("clouds.C") &&
                                                   Catch::Contains("catalog is empty"));
}
