#pragma once
// The embedding facade: load a scenario, run it, compare two on common random numbers, read
// results `moatsim run` / `moatsim compare` wrote. Only standard-library types cross it (no
// TBB, toml++, fmt, spdlog or Boost), so a program links moatsim::api and includes only this.
// Guide: docs/EMBEDDING.md.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "moatsim/results.hpp"
#include "moatsim/version.hpp"

namespace moatsim::api {

/// Bad input: a scenario file, a key, an option or a result directory. The message names the
/// file and the line or key, and what was expected (the text `moatsim` would print).
struct InputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

enum class Mode { stochastic, expected };

/// A dotted scenario key and the number written there before the file is validated, as a
/// sweep sets it: {"globals.optionality_weight", 0.25}, {"clouds.AWS.silicon_discount", 0.5}.
struct Setting {
    std::string key;
    double value = 0;
};

/// What `moatsim run` takes on the command line (--seed, --reps, --ticks, --enterprises,
/// --mode), plus key settings. Unset fields keep the file's values.
struct Overrides {
    std::optional<std::uint64_t> seed;
    std::optional<int> replicates;
    std::optional<int> ticks;
    std::optional<std::int64_t> enterprises;
    std::optional<Mode> mode;
    std::vector<Setting> settings;
};

/// A loaded, validated scenario. Cheap to copy (shared, immutable).
class Scenario {
public:
    [[nodiscard]] const std::string& name() const noexcept;
    [[nodiscard]] std::filesystem::path source() const;  // the file ("<string>" for text)
    [[nodiscard]] std::string start() const;             // date of tick 0, "YYYY-MM"
    [[nodiscard]] int ticks() const noexcept;
    [[nodiscard]] int replicates() const noexcept;
    [[nodiscard]] std::uint64_t seed() const noexcept;
    [[nodiscard]] std::int64_t enterprises() const noexcept;
    [[nodiscard]] Mode mode() const noexcept;
    [[nodiscard]] std::vector<std::string> clouds() const;
    [[nodiscard]] std::vector<std::string> vendors() const;
    /// The scenario as a complete TOML file (what scenario.resolved.toml holds, before
    /// calibration pins the brands).
    [[nodiscard]] std::string to_toml() const;

    struct Impl;  // defined in api/; holds the library's typed scenario

private:
    std::shared_ptr<const Impl> impl_;
    friend struct Access;
};

/// Loads and validates a scenario file (docs/SCENARIO.md). @throws InputError
[[nodiscard]] Scenario load_scenario(const std::filesystem::path& file,
                                     const Overrides& overrides = {});

/// As load_scenario, from TOML text; `source_name` stands for the file in messages. A text
/// with `base = ...` resolves it against the current directory. @throws InputError
[[nodiscard]] Scenario parse_scenario(std::string_view toml_text, std::string_view source_name,
                                      const Overrides& overrides = {});

struct RunOptions {
    int threads = 0;  // worker threads; 0: all cores; at most 4096. Results do not depend on it.
};

/// Runs every replicate (calibrating brands first, as `moatsim run` does; an inheriting
/// scenario with calibrate = "base" gets its root base's brands). Same scenario and seed:
/// the same numbers, bit for bit, as `moatsim run` writes. @throws InputError
[[nodiscard]] RunResult run(const Scenario& scenario, const RunOptions& options = {});

struct CompareOptions {
    std::string metric = "share_workload";  // a clouds.csv column (see `moatsim compare -h`)
    std::optional<std::string> cloud;       // only this cloud's rows
    int threads = 0;                        // 0: all cores; at most 4096
};

/// ALT - BASE paired per replicate on common random numbers, by the rules of
/// `moatsim compare`: the alternative takes the base's seed, replicates, mode and population
/// size, and runs with the base's calibrated brands pinned by cloud name.
/// @throws InputError if the scenarios start at different dates, share no cloud, or the
/// metric or cloud is unknown.
[[nodiscard]] Comparison compare(const Scenario& base, const Scenario& alt,
                                 const CompareOptions& options = {});

/// A directory written by `moatsim run` (clouds.csv, vendors.csv, market.csv), read back
/// into the structs run() returns; numbers are exact (the CSVs hold round-trip text).
/// @throws InputError naming the file and line of a missing or malformed table.
[[nodiscard]] RunResult read_run(const std::filesystem::path& dir);

/// A directory written by `moatsim compare` (compare.csv); `base` and `alt` stay empty.
/// @throws InputError as read_run.
[[nodiscard]] Comparison read_comparison(const std::filesystem::path& dir);

}  // namespace moatsim::api
