#pragma once
// Expected mode's exact review step (docs/ODD.md section 7.5).
//
// An enterprise carries pi_j, the probability that its current pair is j = (k', m').
// P(.|j) differs from the no-incumbency choice only by the vendor bonus on m' (on every
// cloud that offers it) and the cloud bonus on k', so every variant is derived from one
// set of per-cloud sums instead of re-running the kernel K*M times.
#include "agents/choice.hpp"

namespace moatsim {

/// Per-enterprise scratch space: sized for the largest model, lives on a worker's stack
/// (no allocation per enterprise).
struct ExpectedScratch {
    double shifted[max_pairs];  // u_km - top_k, u = w / lambda without incumbency
    double weight[max_pairs];   // exp(shifted)
    double top[max_clouds], sum[max_clouds], sum_shifted[max_clouds], sum_port[max_clouds];
    double next[max_pairs];     // the updated pi being accumulated
    double review_mass[max_pairs];  // pi_j r_j
};

/// P(.|j) with incumbent pair (incumbent_cloud, incumbent_vendor) — either may be -1 —
/// computed from shared sums. Equal (to rounding) to choice_probabilities(); exposed for tests.
/// Returns false if no cloud is open.
bool incumbent_probabilities(const ChoiceContext& c, const Chooser& e, int incumbent_cloud,
                             int incumbent_vendor, ExpectedScratch& s, double* prob) noexcept;

/// One expected review step: pi <- sum_j pi_j [(1 - r_j) e_j + r_j P(.|j)], where r_j = 1 if
/// j is no longer offered (delisted, or its cloud's catalog is empty) and r otherwise.
/// Writes the no-incumbency choice P^0 to p0 (for adoption, section 7.6).
/// @return the probability that the enterprise's cloud changed in this step
double expected_review(const ChoiceContext& c, const Chooser& e, double review_rate, double* pi,
                       double* p0, ExpectedScratch& s) noexcept;

}  // namespace moatsim
