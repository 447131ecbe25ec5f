#include "market/events.hpp"

#include <stdexcept>

#include "market/parameters.hpp"
#include "market/training.hpp"

namespace moatsim {

void apply_event(const Event& event, MarketState& state) {
    // One overload per kind: a kind without one does not compile (market/event.hpp).
    std::visit(
        Overloaded{
            [&](const event::Set& e) {
                if (!e.target.resolved())
                    throw std::logic_error("set event on " + e.parameter + " was never resolved");
                parameter_value(e.target, state.clouds, state.vendors, state.globals) = e.value;
            },
            [&](const event::CatalogAdd& e) { state.clouds[e.cloud].offers[e.vendor] = 1; },
            [&](const event::CatalogRemove& e) { state.clouds[e.cloud].offers[e.vendor] = 0; },
            [&](const event::Port& e) { state.clouds[e.cloud].port[e.vendor] = e.fraction; },
            [&](const event::TrainingSplit& e) {
                state.vendors[e.vendor].training_split = e.split;
            },
            [&](const event::Funding& e) {
                state.funding.push_back({e.vendor, e.amount, state.tick + e.months - 1});
            },
            [&](const event::GpuShock& e) {
                state.shocks.push_back({-1, e.factor, state.tick + e.months - 1});
            },
        },
        event.payload);
}

void apply_events_due(const Scenario& scenario, MarketState& state) {
    const TrendInputs before = state.trend_inputs();
    bool any = false;
    for (const auto& event : scenario.events) {
        if (event.tick != state.tick) continue;
        apply_event(event, state);
        any = true;
    }
    if (!any) return;
    // Growth rates and bases set this tick act from this tick on, not retroactively.
    state.rebase_trends(before);
    // Quality follows quality0, quality_scale and compute_scale at once, so this tick's
    // choices (and, at the start date, calibration) see a `set` on any of them.
    for (int m = 0; m < state.vendor_count(); ++m)
        state.quality[m] = quality_from_compute(state.vendors[m], state.compute[m]);
}

}  // namespace moatsim
