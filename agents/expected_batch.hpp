#pragma once
// Expected mode's review step (MODEL.md section 7.5) for a batch of enterprises, the fast
// kernel: lanes are enterprises as in agents/fast_choice.hpp, with fast_math exp/log.
//
// Besides vectorising, it needs fewer transcendental calls than expected_review() (the
// reference, agents/expected_choice.hpp): a vendor bonus multiplies one weight by
// E = e^(kappa_m/lambda), so each variant nest's sum is S + w (E - 1) without re-shifting
// (one log per cloud and incumbent vendor, no exp), and a cloud bonus multiplies one cloud
// weight by C = e^(kappa_c), so the K incumbent-cloud variants share one set of K exps.
// Agreement with the reference is tested in tests/test_expected_batch.cpp.
#include "agents/fast_choice.hpp"

namespace moatsim {

/// Per lane l < b.count, exactly what expected_review() does for that lane's enterprise:
/// pi[j][l] <- sum_j' pi_j' [(1 - r_j') e_j' + r_j' P(.|j')] (r_j' = 1 for pairs no longer
/// offered), p0[j][l] <- the no-incumbency choice, switched[l] <- the probability that the
/// cloud changed. The incumbent fields of b are not used. Lanes >= count must be padded
/// (ChooserBatch::pad) and hold finite pi.
void expected_review_batch(const ChoiceContext& c, const ChooserBatch& b, double review_rate,
                           double (*pi)[batch_lanes], double (*p0)[batch_lanes],
                           double* switched) noexcept;

/// The same, lane by lane, with the scalar reference expected_review().
void expected_review_batch_reference(const ChoiceContext& c, const ChooserBatch& b,
                                     double review_rate, double (*pi)[batch_lanes],
                                     double (*p0)[batch_lanes], double* switched) noexcept;

}  // namespace moatsim
