#include "cli/run_manifest.hpp"

#include <spdlog/spdlog.h>

namespace moatsim::cli {

void add_scenario_inputs(Manifest& m, const std::string& role, const Scenario& s) {
    m.inputs.push_back({role, s.source});
    for (std::size_t i = 0; i < s.bases.size(); ++i)
        m.inputs.push_back({role + " base " + std::to_string(i + 1), s.bases[i]});
    for (const Event& e : s.skipped_events)
        m.skipped_events.push_back(
            {role, e.id, s.start.plus_months(e.tick).to_string(), std::string(to_string(e.kind()))});
    if (s.run.kernel == Kernel::reference) m.kernel = "reference";
}

std::string skipped_events_text(const Scenario& s) {
    if (s.skipped_events.empty()) return {};
    std::string out = std::to_string(s.skipped_events.size()) + " event(s) past the horizon " +
                      s.start.plus_months(s.run.ticks).to_string() + " (start " +
                      s.start.to_string() + " + " + std::to_string(s.run.ticks) +
                      " ticks), skipped:";
    for (std::size_t i = 0; i < s.skipped_events.size(); ++i) {
        const Event& e = s.skipped_events[i];
        out += (i ? ", " : " ") + s.start.plus_months(e.tick).to_string() + " " +
               std::string(to_string(e.kind())) + (e.id.empty() ? "" : " [" + e.id + "]");
    }
    return out;
}

void log_skipped_events(const Scenario& s) {
    if (const std::string text = skipped_events_text(s); !text.empty())
        spdlog::warn("{}: {}", s.source.string(), text);
}

std::vector<std::string> command_line(const std::string& command,
                                      const std::vector<std::string>& args) {
    std::vector<std::string> out = {"moatsim", command};
    out.insert(out.end(), args.begin(), args.end());
    return out;
}

}  // namespace moatsim::cli
