#pragma once
// Charts of a sensitivity analysis as self-contained SVG: Sobol indices as paired horizontal
// bars (first order S1, total ST) with their bootstrap intervals as whiskers, and the Morris
// mu*-sigma plane (influence against interaction or non-linearity) with one labelled point per
// parameter. Plain data in, so viz/ needs nothing of experiments/.
#include <string>
#include <vector>

namespace moatsim {

struct IndexBar {
    std::string parameter;
    double s1 = 0, s1_lo = 0, s1_hi = 0;
    double st = 0, st_lo = 0, st_hi = 0;
};

struct MorrisPoint {
    std::string parameter;
    double mu_star = 0, sigma = 0;
};

/// Bars in the given order (callers sort, e.g. by ST). Each bar is <rect class="bar"> with
/// data-parameter and data-index ("S1" or "ST"). @throws std::invalid_argument if empty.
[[nodiscard]] std::string sobol_bar_chart_svg(const std::string& title, const std::string& subtitle,
                                              const std::vector<IndexBar>& bars);

/// One <circle class="point" data-parameter=...> per parameter. @throws std::invalid_argument
/// if empty or a value is not finite.
[[nodiscard]] std::string morris_chart_svg(const std::string& title, const std::string& subtitle,
                                           const std::string& unit, const std::vector<MorrisPoint>& points);

}  // namespace moatsim
