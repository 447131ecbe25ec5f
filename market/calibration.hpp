#pragma once
// Brand constants by Berry's (1994) contraction (docs/ODD.md section 5).
#include <vector>

#include "agents/choice.hpp"
#include "agents/population.hpp"
#include "core/partition.hpp"

namespace moatsim {

struct CalibrationResult {
    std::vector<double> brand;  // b_k
    int iterations = 0;
    double max_change = 0;      // last |delta b|
};

/// Model share of cloud k among the initial adopters: sum_i s_i a_i P_i(k) / sum_i s_i a_i,
/// with no incumbency, using ctx's cloud_constant plus `brand`.
[[nodiscard]] std::vector<double> initial_cloud_shares(const ChoiceContext& ctx,
                                                       const Population& pop,
                                                       const std::vector<double>& brand,
                                                       PartitionReducer& reducer = local_reducer());

/// pop may be one partition's block (core/partition.hpp): every partition then calls with
/// the same arguments, and the sums over adopters are continued across partitions in order,
/// so b is bit-identical to one process's.
/// Finds b with model shares equal to the targets: b_k += ln(target_k) - ln(share_k) until
/// the largest change is below `tolerance`. ctx must describe t = 0 with zero brand constants.
/// @throws InputError if a cloud with a positive target has an empty catalog, if no
///         enterprise is adopted at t = 0, or if the contraction does not converge.
[[nodiscard]] CalibrationResult calibrate_brands(const ChoiceContext& ctx, const Population& pop,
                                                 const std::vector<double>& targets,
                                                 PartitionReducer& reducer = local_reducer(),
                                                 double tolerance = 1e-9,
                                                 int max_iterations = 100000);

}  // namespace moatsim
