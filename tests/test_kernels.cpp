// Whole runs with the fast kernels against the scalar reference kernels (issue #4: the
// expected-mode baseline trajectory stays within 1e-6 of the reference's).
#include <catch2/catch.hpp>

#include <cmath>

#include "experiments/ensemble.hpp"
#include "market/scenario_loader.hpp"

#ifndef MOATSIM_SOURCE_DIR
#define MOATSIM_SOURCE_DIR "."
#endif

using namespace moatsim;

namespace {

ReplicateResult baseline_with(Mode mode, Kernel kernel, int enterprises, int ticks) {
    ScenarioOverrides o;
    o.enterprises = enterprises;
    o.ticks = ticks;
    o.replicates = 1;
    o.mode = mode;
    o.kernel = kernel;
    return run_ensemble(load_scenario(MOATSIM_SOURCE_DIR "/scenarios/baseline.toml", o), nullptr)
        .replicates.at(0);
}

// Largest difference of any cloud's or vendor's share, or cloud price, over every tick.
double largest_difference(const ReplicateResult& a, const ReplicateResult& b) {
    REQUIRE(a.ticks.size() == b.ticks.size());
    double worst = 0.0;
    for (std::size_t t = 0; t < a.ticks.size(); ++t) {
        for (std::size_t k = 0; k < a.ticks[t].clouds.size(); ++k) {
            const CloudRecord &x = a.ticks[t].clouds[k], &y = b.ticks[t].clouds[k];
            worst = std::max({worst, std::abs(x.share_workload - y.share_workload),
                              std::abs(x.share_revenue - y.share_revenue),
                              std::abs(x.price - y.price) / y.price});
        }
        for (std::size_t m = 0; m < a.ticks[t].vendors.size(); ++m)
            worst = std::max(worst, std::abs(a.ticks[t].vendors[m].share - b.ticks[t].vendors[m].share));
    }
    return worst;
}

}  // namespace

TEST_CASE("expected-mode baseline: fast kernel within 1e-6 of the reference for 10 years",
          "[kernels]") {
    const auto fast = baseline_with(Mode::expected, Kernel::fast, 3000, 120);
    const auto reference = baseline_with(Mode::expected, Kernel::reference, 3000, 120);
    const double worst = largest_difference(fast, reference);
    INFO("largest difference " << worst);
    CHECK(worst < 1e-6);
}

TEST_CASE("stochastic baseline: fast kernel draws what the reference draws", "[kernels]") {
    // Probabilities differ by ~1e-16, so a uniform falls on the other side of a cumulative
    // boundary with probability ~1e-16 per draw: over these ~40 000 choices, never.
    const auto fast = baseline_with(Mode::stochastic, Kernel::fast, 20000, 60);
    const auto reference = baseline_with(Mode::stochastic, Kernel::reference, 20000, 60);
    CHECK(largest_difference(fast, reference) == 0.0);
}
