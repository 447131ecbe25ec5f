#include "cli/share_table.hpp"

#include <fmt/format.h>

#include <array>

namespace moatsim::cli {

std::string share_table(const Scenario& s, const EnsembleResult& result) {
    if (result.replicates.empty() || result.replicates.front().ticks.empty()) return {};
    const std::size_t last = result.replicates.front().ticks.size() - 1;
    const std::array<std::size_t, 3> rows = {0, last / 2, last};
    std::string out = fmt::format("Workload share by cloud (mean of {} replicate{}):\n",
                                  result.replicates.size(),
                                  result.replicates.size() == 1 ? "" : "s");
    out += fmt::format("{:<12}", "cloud");
    for (const auto r : rows) {
        const int tick = result.replicates.front().ticks[r].tick;
        out += fmt::format("{:>10}", s.start.plus_months(tick).to_string());
    }
    out += "\n";
    for (std::size_t k = 0; k < s.clouds.size(); ++k) {
        out += fmt::format("{:<12}", s.clouds[k].name);
        for (const auto r : rows) {
            double sum = 0.0;
            for (const auto& rep : result.replicates) sum += rep.ticks[r].clouds[k].share_workload;
            out += fmt::format("{:>9.1f}%", 100.0 * sum / result.replicates.size());
        }
        out += "\n";
    }
    return out;
}

}  // namespace moatsim::cli
