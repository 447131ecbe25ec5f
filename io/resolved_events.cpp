#include "io/resolved_events.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>

#include "core/input_error.hpp"
#include "core/year_month.hpp"
#include "market/scenario_inheritance.hpp"

namespace moatsim {

std::string DatedEvent::label() const {
    if (!id.empty()) return id;
    return subject.empty() ? kind : kind + " " + subject;
}

ScenarioInfo read_scenario_info(const std::filesystem::path& file) {
    // The scenario loader's reader and parser: regular files under its size cap, nesting
    // bounded, messages "<file>:<line>:<column>: malformed TOML: ...".
    const toml::table doc =
        detail::parse_toml(detail::read_text_file(file, "resolved scenario"), file.string());
    ScenarioInfo info;
    info.name = doc["name"].value_or(std::string());
    if (const auto ticks = doc["run"]["ticks"].value<std::int64_t>())
        info.ticks = static_cast<int>(std::clamp<std::int64_t>(*ticks, -1, 1 << 30));
    YearMonth start;
    const bool dated = info.ticks && parse_year_month(doc["start"].value_or(std::string()), start);
    const toml::array* events = doc["events"].as_array();
    if (!events) return info;
    for (std::size_t i = 0; i < events->size(); ++i) {
        const toml::table* t = (*events)[i].as_table();
        const std::string at = file.string() + ":" +
                               std::to_string((*events)[i].source().begin.line) + ": events[" +
                               std::to_string(i) + "]";
        if (!t) throw InputError(at + ": expected a table");
        DatedEvent e;
        const std::string date = (*t)["date"].value_or(std::string());
        if (!parse_year_month(date, e.date))
            throw InputError(at + ".date: expected \"YYYY-MM\", got '" + date + "'");
        e.kind = (*t)["kind"].value_or(std::string());
        if (e.kind.empty()) throw InputError(at + ".kind: missing");
        e.id = (*t)["id"].value_or(std::string());
        e.note = (*t)["note"].value_or(std::string());
        const std::string cloud = (*t)["cloud"].value_or(std::string());
        const std::string vendor = (*t)["vendor"].value_or(std::string());
        const std::string parameter = (*t)["parameter"].value_or(std::string());
        if (!vendor.empty() && !cloud.empty()) e.subject = vendor + " on " + cloud;
        else e.subject = !vendor.empty() ? vendor : !cloud.empty() ? cloud : parameter;
        if (dated && e.date.months_since(start) > *info.ticks) continue;
        info.events.push_back(std::move(e));
    }
    return info;
}

std::optional<ScenarioFile> optional_scenario_file(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
    return ScenarioFile{file, read_scenario_info(file)};
}

}  // namespace moatsim
