#pragma once
// The scenarios a classroom server offers: every *.toml of one directory, loaded once at
// start-up with the classroom's settings (expected mode, one replicate, the server's
// enterprise count) and their brands calibrated once. Clients choose among them by name;
// nothing is read from disk on a client's behalf afterwards.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "classroom/baseline_rows.hpp"
#include "market/scenario.hpp"

namespace moatsim {

struct ShelfEntry {
    std::string name;           // the file's stem, what clients ask for ("baseline")
    std::string file_name;      // "baseline.toml": the `base` of an exported scenario
    std::string description;
    /// The scenario as sessions run it, written out whole (scenario.resolved.toml form, brands
    /// pinned, calibration "none"); every world of this entry is parsed from this text, so a
    /// student's world is this text plus their [[events]].
    std::string resolved_text;
    Scenario world;             // parse of resolved_text
    std::shared_ptr<BaselineRows> baseline;
};

class ScenarioShelf {
public:
    /// Loads every regular *.toml file of `dir` (not recursive), sorted by name. A file that
    /// does not load, or does not calibrate, is left out and described in `skipped`.
    /// @throws InputError if `dir` is not a directory or no scenario loads.
    static ScenarioShelf load(const std::filesystem::path& dir, std::int64_t enterprises,
                              std::vector<std::string>& skipped);

    /// One scenario given as text (tests); `file_name` is the base an export names.
    void add_text(const std::string& name, const std::string& file_name,
                  const std::string& toml_text, std::int64_t enterprises);

    [[nodiscard]] const ShelfEntry* find(const std::string& name) const;
    [[nodiscard]] std::vector<const ShelfEntry*> entries() const;

private:
    void add(std::string name, std::string file_name, Scenario loaded);
    std::map<std::string, std::shared_ptr<const ShelfEntry>> entries_;
};

}  // namespace moatsim
