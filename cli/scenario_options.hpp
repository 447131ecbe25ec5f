#pragma once
// Options shared by run and validate: the scenario file and its command-line overrides.
#include <boost/program_options.hpp>

#include <string>
#include <vector>

#include "market/scenario_loader.hpp"

namespace moatsim::cli {

namespace po = boost::program_options;

/// The command-line style of every subcommand: Boost's default without prefix guessing.
[[nodiscard]] po::command_line_style::style_t option_style();

/// Adds --seed (read as text, parsed by overrides_from) to desc.
void add_seed_option(po::options_description& desc);

/// Adds --seed, --reps, --ticks, --mode, --kernel, --enterprises to desc.
void add_override_options(po::options_description& desc);

/// The overrides the user gave; throws InputError on a bad --mode.
[[nodiscard]] ScenarioOverrides overrides_from(const po::variables_map& vm);

/// Parses args with one positional argument stored under `name`; throws po::error on bad
/// usage.
po::variables_map parse_with_positional(const std::vector<std::string>& args,
                                        const po::options_description& desc, const char* name);

/// Parses args with options only (no positional argument); throws po::error on bad usage.
po::variables_map parse_options_only(const std::vector<std::string>& args,
                                     const po::options_description& desc);

/// Parses args with two positionals BASE and ALT (stored as "base" and "alt"), as compare and
/// uncertainty take them; throws po::error on bad usage.
po::variables_map parse_base_alt(const std::vector<std::string>& args,
                                 const po::options_description& desc);

/// Parses args with one positional SCENARIO; throws po::error on bad usage.
po::variables_map parse_with_scenario(const std::vector<std::string>& args,
                                      const po::options_description& desc);

}  // namespace moatsim::cli
