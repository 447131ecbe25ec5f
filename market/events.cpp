#include "market/events.hpp"

#include <stdexcept>

#include "market/parameters.hpp"
#include "market/training.hpp"

namespace moatsim {

void apply_event(const Scenario& scenario, const Event& event, MarketState& state) {
    switch (event.kind) {
        case Event::Kind::set: {
            const auto ref = find_parameter(scenario, event.parameter);
            if (!ref) throw std::logic_error("unresolved event parameter " + event.parameter);
            parameter_value(*ref, state.clouds, state.vendors, state.globals) = event.value;
            break;
        }
        case Event::Kind::catalog_add: state.clouds[event.cloud].offers[event.vendor] = 1; break;
        case Event::Kind::catalog_remove: state.clouds[event.cloud].offers[event.vendor] = 0; break;
        case Event::Kind::port: state.clouds[event.cloud].port[event.vendor] = event.value; break;
        case Event::Kind::training_split:
            state.vendors[event.vendor].training_split = event.split;
            break;
        case Event::Kind::funding:
            state.funding.push_back({event.vendor, event.value, state.tick + event.months - 1});
            break;
        case Event::Kind::gpu_shock:
            state.shocks.push_back({-1, event.value, state.tick + event.months - 1});
            break;
    }
}

void apply_events_due(const Scenario& scenario, MarketState& state) {
    const TrendInputs before = state.trend_inputs();
    bool any = false;
    for (const auto& event : scenario.events) {
        if (event.tick != state.tick) continue;
        apply_event(scenario, event, state);
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
