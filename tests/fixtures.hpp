#pragma once
// Small scenarios built in code, so model tests do not depend on the TOML loader.
#include "market/scenario.hpp"

namespace moatsim::test {

/// 3 clouds (A, B, C) x 3 vendors (X, Y, Z); C offers only Z; A has own silicon.
/// Small population, a short horizon, every mechanism switched on.
[[nodiscard]] Scenario small_scenario(std::int64_t enterprises = 2000, int ticks = 24);


}  // namespace moatsim::test
