#include "classroom/scenario_shelf.hpp"

#include <algorithm>
#include <system_error>
#include <utility>

#include "core/input_error.hpp"
#include "experiments/counterfactual.hpp"
#include "market/scenario_loader.hpp"
#include "market/scenario_writer.hpp"

namespace moatsim {
namespace {

ScenarioOverrides classroom_overrides(std::int64_t enterprises) {
    ScenarioOverrides o;
    o.mode = Mode::expected;  // smooth curves, and the same numbers on every machine
    o.replicates = 1;
    o.enterprises = enterprises;
    return o;
}

// The brands the world runs with, fixed in the scenario: an inheriting scenario's root
// brands (calibrate = "base"), else its own calibration on replicate 0.
Scenario pinned(Scenario s, const ScenarioOverrides& overrides) {
    s = pin_base_brands(std::move(s), overrides, nullptr);
    if (s.calibration != CalibrationMethod::none) {
        const std::vector<double> brands = brands_of(s, nullptr);
        s = with_brands_from(s, s, brands);
    }
    return s;
}

}  // namespace

void ScenarioShelf::add(std::string name, std::string file_name, Scenario loaded) {
    auto entry = std::make_shared<ShelfEntry>();
    entry->name = std::move(name);
    entry->file_name = std::move(file_name);
    entry->description = loaded.description;
    entry->resolved_text = resolved_toml(loaded);
    entry->world = parse_scenario(entry->resolved_text, entry->name + " (as served)");
    entry->baseline = std::make_shared<BaselineRows>(entry->world);
    const std::string key = entry->name;
    entries_[key] = std::move(entry);
}

ScenarioShelf ScenarioShelf::load(const std::filesystem::path& dir, std::int64_t enterprises,
                                  std::vector<std::string>& skipped) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        throw InputError("--scenarios: '" + dir.string() + "' is not a directory");
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec))
        if (e.is_regular_file(ec) && e.path().extension() == ".toml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    const ScenarioOverrides overrides = classroom_overrides(enterprises);
    ScenarioShelf shelf;
    for (const auto& file : files) {
        try {
            shelf.add(file.stem().string(), file.filename().string(),
                      pinned(load_scenario(file, overrides), overrides));
        } catch (const std::exception& e) {
            skipped.push_back(file.filename().string() + ": " + e.what());
        }
    }
    if (shelf.entries_.empty())
        throw InputError("--scenarios: no scenario in '" + dir.string() + "' loads");
    return shelf;
}

void ScenarioShelf::add_text(const std::string& name, const std::string& file_name,
                             const std::string& toml_text, std::int64_t enterprises) {
    const ScenarioOverrides overrides = classroom_overrides(enterprises);
    add(name, file_name, pinned(parse_scenario(toml_text, file_name, overrides), overrides));
}

const ShelfEntry* ScenarioShelf::find(const std::string& name) const {
    const auto it = entries_.find(name);
    return it == entries_.end() ? nullptr : it->second.get();
}

std::vector<const ShelfEntry*> ScenarioShelf::entries() const {
    std::vector<const ShelfEntry*> out;
    for (const auto& [name, entry] : entries_) out.push_back(entry.get());
    return out;
}

}  // namespace moatsim
