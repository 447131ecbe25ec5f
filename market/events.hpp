#pragma once
// Dated events (docs/ODD.md section 7.9): applied at step 1 of their tick.
#include <span>

#include "market/market_state.hpp"

namespace moatsim {

/// Applies one event to the live state. A `set` event's target was resolved when the event
/// was made (market/event.hpp), so nothing is looked up by name here.
void apply_event(const Event& event, MarketState& state);

/// Applies every event dated state.tick, in file order.
void apply_events_due(const Scenario& scenario, MarketState& state);

}  // namespace moatsim
