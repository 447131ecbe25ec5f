#pragma once
// Dated events read back from a run's scenario.resolved.toml (or a comparison's
// base/alt.resolved.toml), to mark them on charts. Read with toml++ directly rather than the
// scenario loader: a chart needs only dates and names, and must not fail because the loader
// of this build would validate an older file differently.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "market/scenario.hpp"

namespace moatsim {

struct DatedEvent {
    YearMonth date;
    std::string kind;     // "catalog_add", ...
    std::string id;       // may be empty
    std::string subject;  // "Anthropic on Azure", "OpenAI", ... from cloud/vendor/parameter
    std::string note;     // may be empty
    /// The id if there is one, else "<kind> <subject>".
    [[nodiscard]] std::string label() const;
};

struct ScenarioInfo {
    std::string name;                // the scenario's name ("" if the file has none)
    std::vector<DatedEvent> events;  // in file order; none past the horizon (not applied)
    std::optional<int> ticks;        // run.ticks, the horizon, if the file has it
};

/// The name, horizon and [[events]] of a scenario file. With start and run.ticks in the file,
/// events dated past the horizon (kept in resolved files of shortened runs) are left out.
/// @throws InputError naming the file (and line) if it is not valid TOML or an event has no
/// "YYYY-MM" date or no kind.
[[nodiscard]] ScenarioInfo read_scenario_info(const std::filesystem::path& file);

/// A scenario file beside results, and what read_scenario_info found in it.
struct ScenarioFile {
    std::filesystem::path path;
    ScenarioInfo info;
};

/// read_scenario_info of `file`, or nullopt if there is no such file (results without their
/// resolved scenario still chart, without event markers). @throws InputError as it.
[[nodiscard]] std::optional<ScenarioFile> optional_scenario_file(const std::filesystem::path& file);

}  // namespace moatsim
