#pragma once
// Reading a sensitivity file's [[outputs]] (a metric of a cloud at chosen ticks). Internal to
// experiments/ readers.
#include "experiments/sensitivity_spec.hpp"
#include "market/toml_reader.hpp"

namespace moatsim::detail {

/// root's [[outputs]]: each names a metric (default share_workload), a cloud of `base` (and of
/// `alt` if given) and ticks within the run; one ModelOutput per tick, in file order.
/// @throws InputError naming the file, line and key.
[[nodiscard]] std::vector<ModelOutput> read_outputs(const TomlSource& src, const TableReader& root,
                                                    const Scenario& base, const Scenario* alt);

}  // namespace moatsim::detail
