#pragma once
// The fast choice kernel: the nested-logit probabilities of the reference kernel
// (choice_probabilities in agents/choice.hpp) for a batch of enterprises at once. Lanes are
// enterprises, so every inner loop runs over a fixed batch_lanes and vectorises (SSE2, and
// AVX2 where the CPU has it), with fast_math::exp/log in place of libm.
//
// Each lane's arithmetic is the same sequence of IEEE operations whatever the other lanes
// hold and whichever instruction set runs it (no FMA contraction: -ffp-contract=off), so
// results do not depend on how choosers fall into batches, or on the machine's vector width.
// Agreement with the reference is tested in tests/test_fast_choice.cpp.
#include "agents/choice.hpp"

namespace moatsim {

inline constexpr int batch_lanes = 8;

/// Up to batch_lanes enterprises, structure-of-arrays. Lanes at or beyond `count` must hold
/// some valid enterprise (pad() repeats lane 0 there); their outputs are ignored.
struct ChooserBatch {
    int count = 0;
    double alpha[batch_lanes], beta[batch_lanes], phi[batch_lanes];
    int home[batch_lanes];
    int incumbent_cloud[batch_lanes];   // -1 for none
    int incumbent_vendor[batch_lanes];  // -1 for none
    double taste[max_vendors][batch_lanes];

    /// Sets lane l from one enterprise (taste: its M tastes).
    void set(int l, const Chooser& e, int vendors, int cloud, int vendor) noexcept;
    /// Fills lanes [count, batch_lanes) with lane 0, so their arithmetic stays finite.
    void pad(int vendors) noexcept;
};

/// prob[j][l] = P_l(pair j) for every pair j = k*M + m and lane l < count, as the reference
/// kernel would give for that lane's enterprise and incumbency. Returns false, leaving prob
/// zero, if no cloud is open.
bool choice_probabilities_batch(const ChoiceContext& c, const ChooserBatch& b,
                                double (*prob)[batch_lanes]) noexcept;

/// The same, lane by lane, with the scalar reference kernel (for --kernel reference, and the
/// tests).
bool choice_probabilities_batch_reference(const ChoiceContext& c, const ChooserBatch& b,
                                          double (*prob)[batch_lanes]) noexcept;

/// Draws lane l's pair from prob[.][l] exactly as draw_pair() does from a contiguous row.
[[nodiscard]] int draw_pair_lane(const double (*prob)[batch_lanes], int lane, int clouds,
                                 int vendors, double u_cloud, double u_vendor) noexcept;

}  // namespace moatsim
