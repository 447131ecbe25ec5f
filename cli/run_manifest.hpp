#pragma once
// Building the manifest.json every output directory gets (io/manifest.hpp): the inputs of
// a scenario (its file and every file it inherits from) and the command line as typed.
#include <string>
#include <vector>

#include "market/scenario.hpp"
#include "io/manifest.hpp"

namespace moatsim::cli {

/// {role, file} for the scenario and each of its bases ("<role> base 1", ...).
void add_scenario_inputs(Manifest& m, const std::string& role, const Scenario& s);

/// "moatsim <command> <args...>"
[[nodiscard]] std::vector<std::string> command_line(const std::string& command,
                                                    const std::vector<std::string>& args);

}  // namespace moatsim::cli
