#pragma once
// Expected mode's review step (docs/ODD.md section 7.5) for a batch of enterprises, the fast
// kernel: lanes are enterprises as in agents/fast_choice.hpp, with fast_math exp/log.
//
// Besides vectorising, it needs fewer transcendental calls than expected_review() (the
// reference, agents/expected_choice.hpp): a vendor bonus multiplies one weight by
// E = e^(kappa_m/lambda), so each variant nest's sum is S + w (E - 1) without re-shifting
// (one log per cloud and incumbent vendor, no exp), and a cloud bonus multiplies one cloud
// weight by C = e^(kappa_c), so the K incumbent-cloud variants share one set of K exps.
// The kernel that runs (`--kernel fast`) is the single-precision one: float arithmetic puts
// twice the lanes in a register; the mass that reviews is rescaled in double to exactly what
// left, so demand is conserved to double rounding. The double instantiation of the same code
// is kept to test the algebra to 1e-12 apart from float's rounding.
// Agreement with the reference is tested in tests/test_expected_batch.cpp (per step: double
// within 1e-12, single within 1e-5, measured 7e-7) and tests/test_kernels.cpp (the expected
// baseline over 120 ticks within 1e-6 of the reference, measured 6e-9).
#include "agents/fast_choice.hpp"

namespace moatsim {

/// Expected mode's batch: every enterprise is updated every tick, so batches are always full
/// and wider is better (64 lanes measured about 1.6x faster than 8: the kernel's many short
/// loops over clouds and vendors cost about the same per batch whatever its width; 128 was
/// no faster).
inline constexpr int expected_lanes = 64;
using ExpectedBatch = ChooserLanes<expected_lanes>;

/// Per lane l < b.count, exactly what expected_review() does for that lane's enterprise:
/// pi[j][l] <- sum_j' pi_j' [(1 - r_j') e_j' + r_j' P(.|j')] (r_j' = 1 for pairs no longer
/// offered), p0[j][l] <- the no-incumbency choice, switched[l] <- the probability that the
/// cloud changed. The incumbent fields of b are not used. Lanes >= count must be padded
/// (ChooserBatch::pad) and hold finite pi.
void expected_review_batch(const ChoiceContext& c, const ExpectedBatch& b, double review_rate,
                           double (*pi)[expected_lanes], double (*p0)[expected_lanes],
                           double* switched) noexcept;

/// The same in single precision (float arithmetic, twice the lanes per register): within about
/// 1e-6 of the reference per step; pi stays double.
void expected_review_batch_single(const ChoiceContext& c, const ExpectedBatch& b,
                                  double review_rate, double (*pi)[expected_lanes],
                                  double (*p0)[expected_lanes], double* switched) noexcept;

/// The same, lane by lane, with the scalar reference expected_review().
void expected_review_batch_reference(const ChoiceContext& c, const ExpectedBatch& b,
                                     double review_rate, double (*pi)[expected_lanes],
                                     double (*p0)[expected_lanes], double* switched) noexcept;

}  // namespace moatsim
