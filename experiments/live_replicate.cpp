#include "experiments/live_replicate.hpp"

#include <optional>
#include <string>
#include <utility>

#include "core/input_error.hpp"
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
TickRecord LiveReplicate::initialize() {
    TickRecord row = state_->replicate->initialize();
    tick_ = row.tick;
    return row;
}

TickRecord LiveReplicate::advance() {
    TickRecord row = state_->replicate->advance();
    tick_ = row.tick;
    return row;
}

int LiveReplicate::tick() const noexcept { return tick_; }

namespace {

// Events compared by what they do; `note` and `id` are labels only.
bool same_event(const Event& a, const Event& b) {
    return a.tick == b.tick && a.payload == b.payload;
}

}  // namespace

void LiveReplicate::continue_with_events(const Scenario& extended) {
    // The replicate reads scenario.events afresh at every tick (market/events.cpp), so
    // replacing the list acts from the next tick on; the past must be the one already run.
    std::vector<Event>& now = state_->scenario.events;
    std::size_t i = 0, j = 0;
    const auto past = [&](const std::vector<Event>& v, std::size_t k) {
        return k < v.size() && v[k].tick <= tick_;
    };
    for (; past(now, i) && past(extended.events, j); ++i, ++j)
        if (!same_event(now[i], extended.events[j])) break;
    if (past(now, i) || past(extended.events, j))
        throw InputError("an event dated at or before month " + std::to_string(tick_) +
                         " (already run) would change; new events must be dated later");
    if (extended.clouds.size() != state_->scenario.clouds.size() ||
        extended.vendors.size() != state_->scenario.vendors.size())
        throw InputError("the extended scenario has other clouds or vendors");
    now = extended.events;
    state_->scenario.skipped_events = extended.skipped_events;
}

const std::vector<CloudSpec>& LiveReplicate::clouds() const noexcept {
    return state_->replicate->market().clouds;
}

const std::vector<VendorSpec>& LiveReplicate::vendors() const noexcept {
    return state_->replicate->market().vendors;
}

}  // namespace moatsim
