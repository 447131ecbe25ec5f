#pragma once
// Morris elementary-effects screening (Morris 1991; Campolongo et al. 2007): r trajectories on
// a grid of p levels; each trajectory moves one parameter at a time by a step of p / (2(p - 1))
// of the grid, in a random order. Grid level j stands for probability (j + 1/2) / p of the
// parameter's prior, so every prior, bounded or not, maps to finite values. An elementary
// effect is the output change divided by the step in probability: for a uniform prior on
// [0, 1] and a linear output c x it is c.
#include <cstdint>
#include <vector>

namespace moatsim {

/// r trajectories of k + 1 points each (probabilities in (0, 1)), trajectory after trajectory;
/// counter-based random numbers from `seed`.
[[nodiscard]] std::vector<std::vector<double>> morris_points(int k, int r, int levels,
                                                             std::uint64_t seed);

struct MorrisEffect {
    double mu = 0;       // mean elementary effect (signed)
    double mu_star = 0;  // mean absolute elementary effect: the overall influence
    double sigma = 0;    // standard deviation: interactions or non-linearity
};

/// Per parameter, from the points of morris_points(k, r, ...) and the outputs at them.
[[nodiscard]] std::vector<MorrisEffect> morris_effects(const std::vector<std::vector<double>>& points,
                                                       const std::vector<double>& y, int k, int r);

}  // namespace moatsim
