#include "market/expected_step.hpp"

#include <algorithm>

#include "agents/adoption_rule.hpp"
#include "agents/chooser.hpp"
#include "agents/thread_scratch.hpp"

namespace moatsim {

// Expected mode keeps pi in batches: enterprise i's pi_j is at lanes(i)[j][i % expected_lanes],
// so the batch kernel works in place. Blocks hold whole batches (enterprise_block is a
// multiple of expected_lanes); the last batch's missing lanes stay zero.
static_assert(enterprise_block % expected_lanes == 0);

ExpectedStepper::ExpectedStepper(std::size_t enterprises, int clouds, int vendors,
                                PartitionReducer& reducer)
    : enterprises_(enterprises), clouds_(clouds), vendors_(vendors),
      blocks_(enterprises, clouds, vendors, reducer) {}

Tally ExpectedStepper::allocate_initial(const StepInputs& in, EnterpriseState& s) {
    const int M = vendors_, J = clouds_ * vendors_;
    const Population& pop = in.population;
    s.adoption.assign(enterprises_, 0.0);
    const std::size_t batches = (enterprises_ + expected_lanes - 1) / expected_lanes;
    s.pi.assign(batches * static_cast<std::size_t>(J * expected_lanes), 0.0);
    return blocks_.map([&](std::size_t i, BlockSums& t) {
        if (!pop.adopted[i]) return;
        double taste[max_vendors], prob[max_pairs];
        const Chooser e = chooser_for(pop, i, M, taste);
        if (!choice_probabilities(in.ctx, e, -1, -1, prob)) return;
        double (*pi)[expected_lanes] = pi_batch(s, i);
        const std::size_t l = i % expected_lanes;
        s.adoption[i] = 1.0;
        for (int j = 0; j < J; ++j) {
            pi[j][l] = prob[j];
            t.demand[j] += pop.demand[i] * prob[j];
            t.customers[j / M] += prob[j];
        }
        t.adopters += 1.0;
        t.alpha_sum += pop.alpha[i];
    });
}

double (*ExpectedStepper::pi_batch(EnterpriseState& s, std::size_t i) const)[expected_lanes] {
    // The vector's doubles viewed as rows of expected_lanes: same type, contiguous.
    const std::size_t at = i / expected_lanes * static_cast<std::size_t>(clouds_ * vendors_ * expected_lanes);
    return reinterpret_cast<double (*)[expected_lanes]>(s.pi.data() + at);
}

Tally ExpectedStepper::step(const StepInputs& in, EnterpriseState& s) {
    const int M = vendors_, J = clouds_ * vendors_;
    const Population& pop = in.population;
    const ChoiceContext& ctx = in.ctx;
    const bool can_choose = ctx.any_open();
    for_each_block(enterprises_, [&](std::size_t b, std::size_t begin, std::size_t end) {
        constexpr int L = expected_lanes;
        struct Scratch {
            double p0[max_pairs][L];
            double demand[max_pairs][L], customers[max_clouds][L];
        };
        Scratch& scratch = thread_scratch<Scratch>();
        double (&p0)[max_pairs][L] = scratch.p0;
        // Tallies per lane across the block, summed in lane order at its end: the loops run
        // across lanes (vectorised), not along one lane's pairs.
        double (&demand)[max_pairs][L] = scratch.demand;
        double (&customers)[max_clouds][L] = scratch.customers;
        for (int j = 0; j < J; ++j) std::fill(demand[j], demand[j] + L, 0.0);
        for (int k = 0; k < clouds_; ++k) std::fill(customers[k], customers[k] + L, 0.0);
        double adopters = 0.0, switches = 0.0, decisions = 0.0, alpha_sum = 0.0;
        ExpectedBatch batch;
        double switched[L];
        for (std::size_t first = begin; first < end; first += L) {
            batch.count = static_cast<int>(std::min<std::size_t>(L, end - first));
            for (int l = 0; l < batch.count; ++l)
                gather(batch, l, pop, first + static_cast<std::size_t>(l), -1, -1);
            batch.pad(M);
            // The review rule's expectation (expected_review), in place on the earlier
            // adopters' mass; P0, the no-incumbency choice, for this month's adopters. An
            // enterprise not adopted has pi = 0, which stays 0.
            double (*pi)[L] = pi_batch(s, first);
            if (in.kernel == Kernel::fast)
                expected_review_batch_single(ctx, batch, in.review_rate, pi, p0, switched);
            else
                expected_review_batch_reference(ctx, batch, in.review_rate, pi, p0, switched);
            // The adoption rule (expected_adoption) per lane; lanes past the population's end
            // and enterprises that hold nothing yet contribute nothing.
            double keep[L], fresh[L], adopted[L], carried[L];
            for (int l = 0; l < L; ++l) {
                keep[l] = 1.0, fresh[l] = 0.0, adopted[l] = 0.0, carried[l] = 0.0;
                if (l >= batch.count) continue;
                const std::size_t i = first + static_cast<std::size_t>(l);
                const double a = s.adoption[i];
                const ExpectedAdoption next = expected_adoption(a, in.hazard, can_choose);
                if (!next.holds) continue;
                keep[l] = next.keep;
                fresh[l] = next.fresh;
                s.adoption[i] = next.adoption;
                adopted[l] = next.adoption;
                carried[l] = pop.demand[i] * adopted[l];
                adopters += adopted[l];
                switches += expected_switches(a, switched[l]);
                decisions += 1.0;  // every enterprise's distribution is updated
                alpha_sum += adopted[l] * pop.alpha[i];
            }
            for (int k = 0, j = 0; k < clouds_; ++k)
                for (int m = 0; m < M; ++m, ++j)
                    for (int l = 0; l < L; ++l) {
                        pi[j][l] = keep[l] * pi[j][l] + fresh[l] * p0[j][l];
                        demand[j][l] += carried[l] * pi[j][l];
                        customers[k][l] += adopted[l] * pi[j][l];
                    }
        }
        BlockSums t;
        t.reset(J, clouds_);
        for (int j = 0; j < J; ++j)
            for (int l = 0; l < L; ++l) t.demand[j] += demand[j][l];
        for (int k = 0; k < clouds_; ++k)
            for (int l = 0; l < L; ++l) t.customers[k] += customers[k][l];
        t.adopters = adopters;
        t.switches = switches;
        t.decisions = decisions;
        t.alpha_sum = alpha_sum;
        t.store(blocks_.block(b));
    });
    return blocks_.combined();
}

}  // namespace moatsim
