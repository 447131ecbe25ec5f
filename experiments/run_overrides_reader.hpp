#pragma once
// The run settings an experiment file may override on its base scenario (replicates, seed,
// ticks, enterprises, mode, kernel), shared by sweep, sensitivity and priors files. Internal to
// experiments/ readers: it sees the scenario loader's TOML reader.
#include "market/scenario_loader.hpp"
#include "market/toml_reader.hpp"

namespace moatsim::detail {

/// Keys read_run_overrides reads, to list among a root table's allowed keys.
inline const std::vector<std::string> run_override_keys = {"replicates", "seed", "ticks",
                                                           "enterprises", "mode", "kernel"};

/// The file's settings, with the command line's winning over them (as for scenarios).
[[nodiscard]] ScenarioOverrides read_run_overrides(const TableReader& root,
                                                   const ScenarioOverrides& command_line);

}  // namespace moatsim::detail
