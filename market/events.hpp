#pragma once
// Dated events (docs/ODD.md section 7.9): applied at step 1 of their tick.
#include <span>

#include "market/market_state.hpp"

namespace moatsim {

/// Applies one event to the live state. `set` events resolve their dotted parameter against
/// the scenario (the loader has already checked that it resolves).
void apply_event(const Scenario& scenario, const Event& event, MarketState& state);

/// Applies every event dated state.tick, in file order.
void apply_events_due(const Scenario& scenario, MarketState& state);

}  // namespace moatsim
