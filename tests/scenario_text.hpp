#pragma once
// Scenario text for the loader tests: a minimal valid scenario, whose line numbers the error
// tests name, and small helpers to vary it.
#include <string>

#include "market/scenario_loader.hpp"

namespace moatsim::test {

/// Clouds A (offers X) and B (offers X, Y), vendors X and Y; 18 lines, no trailing events.
extern const std::string minimal;

/// `text` with the first `from` replaced by `to`; fails the test if `from` is absent.
[[nodiscard]] std::string with(std::string text, const std::string& from, const std::string& to);

/// Parses `text` as the file "x.toml".
[[nodiscard]] Scenario parse(const std::string& text, const ScenarioOverrides& o = {});

/// The minimal scenario plus events (appended after line 18, so the first event is line 20).
[[nodiscard]] std::string with_events(const std::string& events);

/// Every field of two scenarios but `source`, doubles bit for bit (Catch2 CHECKs).
void check_same(const Scenario& a, const Scenario& b);
/// Events equal field by field, values bit for bit.
void check_same(const std::vector<Event>& a, const std::vector<Event>& b);

}  // namespace moatsim::test
