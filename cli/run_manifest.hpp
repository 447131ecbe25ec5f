#pragma once
// Building the manifest.json every output directory gets (io/manifest.hpp): the inputs of
// a scenario (its file and every file it inherits from), the events it skips and the command
// line as typed.
#include <string>
#include <vector>

#include "market/scenario.hpp"
#include "io/manifest.hpp"

namespace moatsim::cli {

/// {role, file} for the scenario and each of its bases ("<role> base 1", ...); its events
/// past the horizon (as skipped events of `role`); kernel "reference" if s runs that kernel.
void add_scenario_inputs(Manifest& m, const std::string& role, const Scenario& s);

/// Says (spdlog warning, so --quiet keeps it) which events of s are past its horizon and
/// so not applied; nothing if none are. Every command that runs or shows a scenario calls it.
void log_skipped_events(const Scenario& s);

/// "3 event(s) past the horizon 2025-04 (start 2025-01 + 3 ticks), skipped: 2025-08
/// catalog_add [id], ..."; "" if none.
[[nodiscard]] std::string skipped_events_text(const Scenario& s);

/// "moatsim <command> <args...>"
[[nodiscard]] std::vector<std::string> command_line(const std::string& command,
                                                    const std::vector<std::string>& args);

}  // namespace moatsim::cli
