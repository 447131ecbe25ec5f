#include "cli/sensitivity_chart_files.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "io/atomic_file.hpp"
#include "viz/sensitivity_charts.hpp"

namespace moatsim::cli {

void write_sensitivity_charts(const std::filesystem::path& dir, const SensitivitySpec& spec,
                              const SensitivityResult& r) {
    const bool sobol = spec.method == SensitivitySpec::Method::sobol;
    for (std::size_t o = 0; o < spec.outputs.size(); ++o) {
        const std::string what = (spec.alternative ? "ALT - BASE, " : "") + spec.outputs[o].label();
        const std::string file = (sobol ? "sobol_" : "morris_") + std::to_string(o + 1) + ".svg";
        std::string svg;
        if (sobol) {
            std::vector<IndexBar> bars;
            for (std::size_t i = 0; i < spec.parameters.size(); ++i) {
                const IndexEstimate& f = r.sobol[o].first[i];
                const IndexEstimate& t = r.sobol[o].total[i];
                bars.push_back({spec.parameters[i].key, f.value, f.lo, f.hi, t.value, t.lo, t.hi});
            }
            std::stable_sort(bars.begin(), bars.end(), [](const auto& a, const auto& b) { return a.st > b.st; });
            svg = sobol_bar_chart_svg("Sobol indices: " + what,
                                      fmt::format("N = {}, {:.0f}% bootstrap intervals ({} resamples)",
                                                  spec.samples, 100 * spec.confidence, spec.bootstrap),
                                      bars);
        } else {
            std::vector<MorrisPoint> points;
            for (std::size_t i = 0; i < spec.parameters.size(); ++i)
                points.push_back({spec.parameters[i].key, r.morris[o][i].mu_star, r.morris[o][i].sigma});
            svg = morris_chart_svg("Morris screening: " + what,
                                   fmt::format("r = {} trajectories on {} levels", spec.samples, spec.levels),
                                   metric_name(spec.outputs[o].metric), points);
        }
        write_file_atomically(dir / file, svg);
    }
}

}  // namespace moatsim::cli
