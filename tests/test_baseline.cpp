// Regression on the calibrated baseline (scenarios/baseline.toml): the figures its comments
// claim — vendor mix near Menlo 2025, cloud switching near the CMA's ~1% a year, and shares
// that drift slowly rather than jump — hold in expected mode on a 20 000-enterprise draw.
#include <catch2/catch.hpp>

#include <cmath>

#include "experiments/ensemble.hpp"
#include "market/scenario_loader.hpp"

#ifndef MOATSIM_SOURCE_DIR
#define MOATSIM_SOURCE_DIR "."
#endif

using namespace moatsim;

namespace {

const ReplicateResult& baseline_run() {
    static const EnsembleResult result = [] {
        ScenarioOverrides o;
        o.enterprises = 20000;
        o.ticks = 36;
        o.replicates = 1;
        o.mode = Mode::expected;
        return run_ensemble(load_scenario(MOATSIM_SOURCE_DIR "/scenarios/baseline.toml", o),
                            nullptr);
    }();
    return result.replicates.at(0);
}

double vendor_share(const std::string& name, int tick) {
    static const Scenario s = load_scenario(MOATSIM_SOURCE_DIR "/scenarios/baseline.toml");
    return baseline_run().ticks.at(tick).vendors.at(s.vendor_index(name)).share;
}

}  // namespace

TEST_CASE("baseline: tick-0 vendor mix is near Menlo 2025", "[baseline]") {
    CHECK(vendor_share("Anthropic", 0) == Approx(0.36).margin(0.06));  // Menlo 32% -> ~40%
    CHECK(vendor_share("OpenAI", 0) == Approx(0.26).margin(0.04));     // Menlo 25-27%
    CHECK(vendor_share("Meta", 0) == Approx(0.09).margin(0.04));       // Menlo ~9%
    // Gemini is only on Google Cloud (13% of workload): the most it can have.
    CHECK(vendor_share("Google", 0) > 0.07);
    CHECK(vendor_share("Google", 0) <= 0.13 + 1e-9);
}

TEST_CASE("baseline: about 1% of adopters change cloud in a year", "[baseline]") {
    const auto& rows = baseline_run().ticks;
    double switches = 0.0;
    for (int t = 1; t <= 12; ++t) switches += rows[t].switches;
    const double rate = switches / rows[12].adopters;
    INFO("year-1 cloud switching rate " << rate);
    CHECK(rate > 0.004);  // UK CMA 2025: "fewer than 1%" switch in a year
    CHECK(rate < 0.012);
}

TEST_CASE("baseline: cloud shares drift by points a year, not jumps", "[baseline]") {
    const auto& rows = baseline_run().ticks;
    for (std::size_t k = 0; k < rows[0].clouds.size(); ++k) {
        const double s0 = rows[0].clouds[k].share_workload;
        INFO("cloud " << k << " share " << s0 << " -> " << rows[12].clouds[k].share_workload
                      << " -> " << rows[36].clouds[k].share_workload);
        CHECK(std::abs(rows[12].clouds[k].share_workload - s0) < 0.02);
        CHECK(std::abs(rows[36].clouds[k].share_workload - s0) < 0.06);
    }
}
