// `set` events act from their own tick: growth rates and bases re-anchor instead of rescaling
// the past, and quality parameters reach the same tick's choices (docs/ODD.md section 9).
#include <catch2/catch.hpp>

#include <cmath>

#include "experiments/ensemble.hpp"
#include "market/events.hpp"
#include "market/parameters.hpp"
#include "tests/fixtures.hpp"

using namespace moatsim;

namespace {

Event set_event(const Scenario& s, int tick, const char* parameter, double value) {
    return Event{tick, make_set(s, parameter, value)};
}

// Steps the live state through ticks 0..last, applying events, as a replicate does.
MarketState walk(const Scenario& s, int last) {
    MarketState m(s);
    for (m.tick = 0;; ++m.tick) {
        apply_events_due(s, m);
        if (m.tick == last) return m;
    }
}

}  // namespace

TEST_CASE("a new demand growth rate acts from its tick, not retroactively", "[events]") {
    Scenario s = test::small_scenario();
    s.events = {set_event(s, 5, "globals.demand_growth", 0.0)};
    const double at5 = std::pow(1.02, 5);
    CHECK(walk(s, 4).demand_factor() == Approx(std::pow(1.02, 4)).epsilon(1e-14));
    CHECK(walk(s, 5).demand_factor() == Approx(at5).epsilon(1e-14));
    CHECK(walk(s, 9).demand_factor() == Approx(at5).epsilon(1e-14));

    s.events = {set_event(s, 5, "globals.demand_growth", 0.05)};
    CHECK(walk(s, 7).demand_factor() == Approx(at5 * 1.05 * 1.05).epsilon(1e-14));
}

TEST_CASE("a set on a trend's base sets its current level", "[events]") {
    Scenario s = test::small_scenario();
    s.events = {set_event(s, 4, "globals.gpu_cost", 3.0), set_event(s, 4, "globals.gpu_supply", 80.0),
                set_event(s, 4, "clouds.A.silicon_supply", 9.0),
                set_event(s, 6, "globals.gpu_cost_decline", 0.0)};
    s.clouds[0].silicon_supply_growth = 0.1;
    CHECK(walk(s, 3).gpu_unit_cost() == Approx(2.0 * std::pow(0.99, 3)));
    const MarketState m4 = walk(s, 4);
    CHECK(m4.gpu_unit_cost() == Approx(3.0));
    CHECK(m4.gpu_supply() == Approx(80.0));
    CHECK(m4.silicon_supply(0) == Approx(9.0));
    const MarketState m6 = walk(s, 6);
    CHECK(m6.gpu_supply() == Approx(80.0 * 1.01 * 1.01));
    CHECK(m6.silicon_supply(0) == Approx(9.0 * 1.1 * 1.1));
    // The decline stops at tick 6: the cost keeps the level it had reached.
    CHECK(m6.gpu_unit_cost() == Approx(3.0 * 0.99 * 0.99));
    CHECK(walk(s, 10).gpu_unit_cost() == Approx(3.0 * 0.99 * 0.99));
}

TEST_CASE("a set on quality0 reaches the same tick's choices", "[events]") {
    Scenario s = test::small_scenario(2000, 4);
    s.run.mode = Mode::expected;
    s.run.replicates = 1;
    s.events.clear();
    const EnsembleResult base = run_ensemble(s, nullptr);
    s.events = {set_event(s, 2, "vendors.Z.quality0", 2.0)};  // Z is the only vendor on C
    const EnsembleResult lifted = run_ensemble(s, nullptr);
    const auto& before = base.replicates[0].ticks;
    const auto& after = lifted.replicates[0].ticks;
    CHECK(after[1].clouds[2].share_workload == before[1].clouds[2].share_workload);
    CHECK(after[2].vendors[2].share > before[2].vendors[2].share + 0.01);
    CHECK(after[2].clouds[2].share_workload > before[2].clouds[2].share_workload);
}

TEST_CASE("a set on quality0 at the start date is seen by calibration and row 0", "[events]") {
    Scenario s = test::small_scenario(2000, 2);
    s.run.mode = Mode::expected;
    s.run.replicates = 1;
    s.events.clear();
    const double z_share = run_ensemble(s, nullptr).replicates[0].ticks[0].vendors[2].share;
    s.events = {set_event(s, 0, "vendors.Z.quality0", 2.0)};
    const EnsembleResult r = run_ensemble(s, nullptr);
    const auto& row0 = r.replicates[0].ticks[0];
    CHECK(row0.vendors[2].quality >= 2.0);
    CHECK(row0.vendors[2].share > z_share + 0.01);
    // Calibration still hits the targets in the world the event made.
    for (std::size_t k = 0; k < s.clouds.size(); ++k)
        CHECK(row0.clouds[k].share_workload == Approx(s.clouds[k].target_share).margin(1e-6));
}
