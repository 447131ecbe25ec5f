#pragma once
// Reading priors ([[parameters]] tables: a dotted key, a distribution and its parameters) from
// sensitivity and priors files (docs/SENSITIVITY.md). Internal to experiments/ readers.
#include <filesystem>
#include <vector>

#include "experiments/prior.hpp"
#include "market/scenario_loader.hpp"
#include "market/toml_reader.hpp"

namespace moatsim::detail {

/// root's [[parameters]]: at least one, keys distinct, each prior well formed (lower < upper,
/// positive scales), and each key settable on `base` at the prior's extreme values (so an
/// unknown or non-numeric key, or a range the scenario rejects, fails here with the line).
/// @throws InputError "<file>:<line>:<col>: parameters[i].<key>: <what>".
[[nodiscard]] std::vector<PriorParameter> read_prior_parameters(
    const TomlSource& src, const TableReader& root, const std::filesystem::path& base,
    const ScenarioOverrides& overrides);

}  // namespace moatsim::detail
