#pragma once
// Variance-based sensitivity (Sobol indices) from a Saltelli design: two base matrices A and B
// of N rows each, taken side by side from one 2k-dimensional Sobol low-discrepancy sequence,
// and for every parameter i the matrix AB_i (A with column i from B). First-order S1 and total
// ST indices use Jansen's estimators (Saltelli et al. 2010, table 2), with percentile bootstrap
// intervals over the N rows. ST uses Jansen's estimator, S1 Saltelli's (2010), which is exactly
// zero for a parameter that cannot change the output.
#include <cstdint>
#include <vector>

namespace moatsim {

/// The unit-cube points of a Saltelli design for k parameters and base sample N, in blocks of
/// k + 2 per row j: A_j, B_j, AB_j^1, ..., AB_j^k; row j of A and B is point j of
/// sobol_sequence(2k, n). Take N a power of two: the sequence is balanced at those sizes.
[[nodiscard]] std::vector<std::vector<double>> saltelli_points(int k, int n);

/// n points of the k-dimensional Sobol sequence (Boost.Random), leaving out the all-zero
/// point and the centre point (1/2, ..., 1/2) that follows it.
[[nodiscard]] std::vector<std::vector<double>> sobol_sequence(int k, int n);

struct IndexEstimate {
    double value = 0;
    double lo = 0, hi = 0;  // bootstrap percentile interval
};

struct SobolIndices {
    std::vector<IndexEstimate> first, total;  // per parameter
    double mean = 0, variance = 0;            // of the output over A and B
};

/// Indices from y, the outputs at saltelli_points(k, n) in the same order. Zero output
/// variance gives indices of 0. `bootstrap` resamples (0: intervals equal the estimate),
/// drawn with counter-based random numbers from `seed`.
[[nodiscard]] SobolIndices sobol_indices(const std::vector<double>& y, int k, int n,
                                         int bootstrap, double confidence, std::uint64_t seed);

}  // namespace moatsim
