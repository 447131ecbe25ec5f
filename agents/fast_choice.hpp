#pragma once
// The fast choice kernel: the nested-logit probabilities of the reference kernel
// (choice_probabilities in agents/choice.hpp) for a batch of enterprises at once. Lanes are
// enterprises, so every inner loop runs over a fixed batch_lanes and vectorises (SSE2, and
// AVX2 or AVX-512 where the CPU has them), with fast_math::exp/log in place of libm.
//
// Each lane's arithmetic is the same sequence of IEEE operations whatever the other lanes
// hold and whichever instruction set runs it (no FMA contraction: -ffp-contract=off), so
// results do not depend on how choosers fall into batches, or on the machine's vector width.
// Agreement with the reference is tested in tests/test_fast_choice.cpp.
#include "agents/choice.hpp"

namespace moatsim {

/// Up to Lanes enterprises, structure-of-arrays. Lanes at or beyond `count` must hold some
/// valid enterprise (pad() repeats lane 0 there); their outputs are ignored.
template <int Lanes>
struct ChooserLanes {
    static constexpr int lanes = Lanes;
    int count = 0;
    double alpha[Lanes], beta[Lanes], phi[Lanes];
    int home[Lanes];
    int incumbent_cloud[Lanes];   // -1 for none
    int incumbent_vendor[Lanes];  // -1 for none
    double taste[max_vendors][Lanes];

    /// Sets lane l from one enterprise (taste: its M tastes).
    void set(int l, const Chooser& e, int vendors, int cloud, int vendor) noexcept {
        alpha[l] = e.alpha;
        beta[l] = e.beta;
        phi[l] = e.phi;
        home[l] = e.home;
        incumbent_cloud[l] = cloud;
        incumbent_vendor[l] = vendor;
        for (int m = 0; m < vendors; ++m) taste[m][l] = e.taste[m];
    }
    /// Fills lanes [count, Lanes) with lane 0, so their arithmetic stays finite.
    void pad(int vendors) noexcept {
        for (int l = count; l < Lanes; ++l) {
            alpha[l] = alpha[0];
            beta[l] = beta[0];
            phi[l] = phi[0];
            home[l] = home[0];
            incumbent_cloud[l] = incumbent_cloud[0];
            incumbent_vendor[l] = incumbent_vendor[0];
            for (int m = 0; m < vendors; ++m) taste[m][l] = taste[m][0];
        }
    }
};

/// The choice kernel's batch: 8 lanes (one AVX-512 or two AVX2 registers of doubles) measured
/// best here; more lanes leave more choosers waiting in partial batches.
inline constexpr int batch_lanes = 8;
using ChooserBatch = ChooserLanes<batch_lanes>;

/// prob[j][l] = P_l(pair j) for every pair j = k*M + m and lane l < count, as the reference
/// kernel would give for that lane's enterprise and incumbency. Returns false, leaving prob
/// zero, if no cloud is open.
bool choice_probabilities_batch(const ChoiceContext& c, const ChooserBatch& b,
                                double (*prob)[batch_lanes]) noexcept;

/// The same, lane by lane, with the scalar reference kernel (for --kernel reference, and the
/// tests).
bool choice_probabilities_batch_reference(const ChoiceContext& c, const ChooserBatch& b,
                                          double (*prob)[batch_lanes]) noexcept;

/// The instruction set of the clone the fast kernels run on this CPU: "AVX-512", "AVX2" or
/// "SSE2" (the x86-64 baseline). Chosen by the same dispatcher (GCC function multiversioning,
/// same targets and priority) as choice_probabilities_batch and the expected batch, for run
/// manifests and `moatsim validate`.
[[nodiscard]] const char* kernel_instruction_set() noexcept;

/// Draws lane l's pair from prob[.][l] exactly as draw_pair() does from a contiguous row.
[[nodiscard]] int draw_pair_lane(const double (*prob)[batch_lanes], int lane, int clouds,
                                 int vendors, double u_cloud, double u_vendor) noexcept;

}  // namespace moatsim
