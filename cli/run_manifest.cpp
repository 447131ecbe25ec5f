#include "cli/run_manifest.hpp"

namespace moatsim::cli {

void add_scenario_inputs(Manifest& m, const std::string& role, const Scenario& s) {
    m.inputs.push_back({role, s.source});
    for (std::size_t i = 0; i < s.bases.size(); ++i)
        m.inputs.push_back({role + " base " + std::to_string(i + 1), s.bases[i]});
}

std::vector<std::string> command_line(const std::string& command,
                                      const std::vector<std::string>& args) {
    std::vector<std::string> out = {"moatsim", command};
    out.insert(out.end(), args.begin(), args.end());
    return out;
}

}  // namespace moatsim::cli
