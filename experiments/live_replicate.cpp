#include "experiments/live_replicate.hpp"

#include <optional>
#include <utility>

#include "experiments/counterfactual.hpp"
#include "experiments/ensemble.hpp"
#include "market/replicate.hpp"

namespace moatsim {

// Kept together at a fixed address: Replicate holds references to the scenario and population.
struct LiveReplicate::State {
    Scenario scenario;
    Population population;
    std::optional<Replicate> replicate;
};

LiveReplicate::LiveReplicate(Scenario scenario, const ScenarioOverrides& overrides,
                             std::uint64_t rep)
    : state_(std::make_unique<State>()) {
    if (scenario.calibrate_on_base)
        scenario = pin_base_brands(std::move(scenario), overrides, nullptr);
    State& s = *state_;
    s.scenario = std::move(scenario);
    s.population = replicate_population(s.scenario, rep);
    // Calibrated on replicate 0's population, as `moatsim run` does.
    const std::vector<double> brand =
        rep == 0 ? scenario_brands(s.scenario, s.population)
                 : scenario_brands(s.scenario, replicate_population(s.scenario, 0));
    s.replicate.emplace(s.scenario, s.population, rep, brand);
}

LiveReplicate::~LiveReplicate() = default;

const Scenario& LiveReplicate::scenario() const noexcept { return state_->scenario; }
TickRecord LiveReplicate::initialize() { return state_->replicate->initialize(); }
TickRecord LiveReplicate::advance() { return state_->replicate->advance(); }
const std::vector<CloudSpec>& LiveReplicate::clouds() const noexcept { return state_->replicate->market().clouds; }
const std::vector<VendorSpec>& LiveReplicate::vendors() const noexcept { return state_->replicate->market().vendors; }

}  // namespace moatsim
