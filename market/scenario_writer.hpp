#pragma once
// Writes a Scenario back as TOML: the "resolved" scenario saved next to a run's results,
// with every default filled in and the command-line overrides applied.
#include <string>

#include "market/scenario.hpp"

namespace moatsim {

/// A complete scenario TOML document (docs/SCENARIO.md) that parse_scenario reads back into
/// an equal Scenario: every field, doubles bit for bit (shortest round-trip form), events in
/// tick order. Clouds and vendors are written in the scenario's order, which is the loader's
/// (sorted by name). `source` is not stored; the header comment names it.
[[nodiscard]] std::string resolved_toml(const Scenario& scenario);

}  // namespace moatsim
