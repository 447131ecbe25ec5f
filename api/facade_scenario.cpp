// moatsim::api::Scenario: loading through the library's loader, and read-only accessors.
#include "core/input_error.hpp"
#include "api/access.hpp"
#include "market/scenario_writer.hpp"

namespace moatsim::api {
namespace {

moatsim::ScenarioOverrides to_library(const Overrides& o) {
    moatsim::ScenarioOverrides out;
    out.seed = o.seed;
    out.replicates = o.replicates;
    out.ticks = o.ticks;
    out.enterprises = o.enterprises;
    if (o.mode) out.mode = *o.mode == Mode::expected ? moatsim::Mode::expected
                                                     : moatsim::Mode::stochastic;
    return out;
}

std::vector<KeySetting> to_library(const std::vector<Setting>& settings) {
    std::vector<KeySetting> out;
    for (const auto& s : settings) out.push_back({s.key, s.value});
    return out;
}

}  // namespace

Scenario load_scenario(const std::filesystem::path& file, const Overrides& overrides) {
    return translating_errors([&] {
        const auto o = to_library(overrides);
        return Access::make({moatsim::load_scenario(file, o, to_library(overrides.settings)), o});
    });
}

Scenario parse_scenario(std::string_view toml_text, std::string_view source_name,
                        const Overrides& overrides) {
    return translating_errors([&] {
        // Settings are written into the document the loader reads from a file (sweeps).
        if (!overrides.settings.empty())
            throw moatsim::InputError(std::string(source_name) +
                                      ": key settings need a scenario file (load_scenario)");
        const auto o = to_library(overrides);
        return Access::make({moatsim::parse_scenario(toml_text, source_name, o), o});
    });
}

const std::string& Scenario::name() const noexcept { return impl_->scenario.name; }
std::filesystem::path Scenario::source() const { return impl_->scenario.source; }
std::string Scenario::start() const { return impl_->scenario.start.to_string(); }
int Scenario::ticks() const noexcept { return impl_->scenario.run.ticks; }
int Scenario::replicates() const noexcept { return impl_->scenario.run.replicates; }
std::uint64_t Scenario::seed() const noexcept { return impl_->scenario.run.seed; }
std::int64_t Scenario::enterprises() const noexcept {
    return impl_->scenario.population.enterprises;
}
Mode Scenario::mode() const noexcept {
    return impl_->scenario.run.mode == moatsim::Mode::expected ? Mode::expected
                                                               : Mode::stochastic;
}

std::vector<std::string> Scenario::clouds() const {
    std::vector<std::string> names;
    for (const auto& c : impl_->scenario.clouds) names.push_back(c.name);
    return names;
}

std::vector<std::string> Scenario::vendors() const {
    std::vector<std::string> names;
    for (const auto& v : impl_->scenario.vendors) names.push_back(v.name);
    return names;
}

std::string Scenario::to_toml() const { return resolved_toml(impl_->scenario); }

}  // namespace moatsim::api
