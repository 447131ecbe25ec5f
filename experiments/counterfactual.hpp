#pragma once
// Counterfactuals keep the brand constants of the world they depart from (docs/ODD.md section 5):
// re-calibrating a changed world to the same target shares would absorb the lever's effect.
// Used by inheriting scenarios (calibrate = "base"), `compare` and `sweep`.
#include <string>
#include <vector>

#include "core/partition.hpp"
#include "market/scenario.hpp"
#include "market/scenario_loader.hpp"

namespace moatsim {

/// The brands `s` runs with: calibrated on `fixed` (or replicate 0's drawn population) when
/// s.calibration is berry, else the scenario's own.
[[nodiscard]] std::vector<double> brands_of(const Scenario& s, const Population* fixed);

/// `alt` with the brands of `base` pinned by cloud name and calibration switched off.
/// Clouds of `alt` that `base` lacks keep their own brand; their names go to `unmatched`.
[[nodiscard]] Scenario with_brands_from(Scenario alt, const Scenario& base,
                                        const std::vector<double>& base_brands,
                                        std::vector<std::string>* unmatched = nullptr);

/// For a scenario that inherits with calibrate = "base": loads its root base (with the same
/// overrides, except ticks, which calibration does not use) and pins the root's calibrated
/// brands. Any other scenario comes back unchanged.
/// @throws InputError if the root cannot be loaded or `fixed` does not fit it.
/// `fixed` may be one partition's block of the loaded population (core/partition.hpp):
/// every partition of `reducer` then calls with its own, and all pin the same brands (a
/// drawn root population is split among them the same way).
[[nodiscard]] Scenario pin_base_brands(Scenario s, const ScenarioOverrides& overrides,
                                       const Population* fixed,
                                       PartitionReducer& reducer = local_reducer());

}  // namespace moatsim
