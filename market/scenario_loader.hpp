#pragma once
// Reads a scenario TOML file (docs/SCENARIO.md) into a validated Scenario. This is the only
// place that reads TOML; everything else sees the typed struct.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "market/scenario.hpp"

namespace moatsim {

/// Command-line overrides. They replace the file's values before validation, so checks that
/// depend on them (events past the horizon) see the overridden values.
struct ScenarioOverrides {
    std::optional<std::uint64_t> seed;         // run.seed (must fit in a TOML integer)
    std::optional<int> ticks;                  // run.ticks
    std::optional<int> replicates;             // run.replicates
    std::optional<Mode> mode;                  // run.mode
    std::optional<Kernel> kernel;              // run.kernel
    std::optional<std::int64_t> enterprises;   // population.enterprises
    /// Not a scenario value: a partitioned run (core/partition.hpp) holds 1/partitions of
    /// the population per process, so the memory check asks for that share only.
    int partitions = 1;
};

/// A dotted scenario key and the number written there before the file is read, e.g.
/// {"clouds.AWS.silicon_discount", 0.5} or {"population.lock_in_fear.mean", 2}. Sweeps use it.
struct KeySetting {
    std::string key;
    double value = 0;
};

/// Loads and validates a scenario file; Scenario::source is set to `file`.
/// @throws InputError naming the file, line, column and key of the first problem found,
///         or "cannot open scenario file '<file>': <reason>".
[[nodiscard]] Scenario load_scenario(const std::filesystem::path& file,
                                     const ScenarioOverrides& overrides = {});

/// As load_scenario, with `settings` written into the (inheritance-merged) document first.
/// Missing tables on a key's path are created, so any documented key can be set; a value
/// whose current one is an integer is written as an integer when it is whole.
/// @throws InputError naming the key, as the loader would for a value in the file.
[[nodiscard]] Scenario load_scenario(const std::filesystem::path& file,
                                     const ScenarioOverrides& overrides,
                                     const std::vector<KeySetting>& settings);

/// As load_scenario, from text; `source_name` stands for the file in messages and in
/// Scenario::source.
/// @throws InputError
[[nodiscard]] Scenario parse_scenario(std::string_view toml_text, std::string_view source_name,
                                      const ScenarioOverrides& overrides = {});

}  // namespace moatsim
