#include "market/enterprise_step.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#include <algorithm>
#include <cmath>

#include "agents/expected_choice.hpp"
#include "agents/rng.hpp"

namespace moatsim {
namespace {

// One enterprise's view for the choice kernel; tastes gathered from their columns.
Chooser chooser_for(const Population& pop, std::size_t i, int vendors, double* taste) {
    for (int m = 0; m < vendors; ++m) taste[m] = pop.taste[m][i];
    return {pop.alpha[i], pop.beta[i], pop.phi[i], pop.home[i], taste};
}

// One block's running sums, in fixed arrays on the worker's stack: the compiler can keep
// them close (no vector indirection per enterprise). Copied to the block's Tally at its end.
struct BlockSums {
    double demand[max_pairs];
    double customers[max_clouds];
    double adopters, switches, alpha_sum, decisions;

    void reset(int pairs, int clouds) noexcept {
        std::fill(demand, demand + pairs, 0.0);
        std::fill(customers, customers + clouds, 0.0);
        adopters = switches = alpha_sum = decisions = 0.0;
    }
    void store(Tally& t) const {
        std::copy(demand, demand + t.demand.size(), t.demand.begin());
        std::copy(customers, customers + t.customers.size(), t.customers.begin());
        t.adopters = adopters;
        t.switches = switches;
        t.alpha_sum = alpha_sum;
        t.decisions = decisions;
    }
};

void tally_pair(BlockSums& t, int pair, int cloud, double demand, double alpha) {
    t.demand[pair] += demand;
    t.customers[cloud] += 1.0;
    t.adopters += 1.0;
    t.alpha_sum += alpha;
}

// "Never" for a review clock: beyond any horizon (max_ticks is 12000), exact in float.
constexpr double never = 1e9;

}  // namespace

double ticks_until_review(double u, double rate) noexcept {
    if (rate >= 1.0) return 0.0;
    if (rate <= 0.0) return never;
    return std::min(never, std::floor(std::log(u) / std::log1p(-rate)));
}

void Tally::reset(int clouds, int vendors) {
    demand.assign(static_cast<std::size_t>(clouds * vendors), 0.0);
    customers.assign(static_cast<std::size_t>(clouds), 0.0);
    adopters = switches = alpha_sum = decisions = 0.0;
}

void Tally::add(const Tally& other) {
    for (std::size_t j = 0; j < demand.size(); ++j) demand[j] += other.demand[j];
    for (std::size_t k = 0; k < customers.size(); ++k) customers[k] += other.customers[k];
    adopters += other.adopters;
    switches += other.switches;
    alpha_sum += other.alpha_sum;
    decisions += other.decisions;
}

EnterpriseStepper::EnterpriseStepper(std::size_t enterprises, int clouds, int vendors)
    : enterprises_(enterprises), clouds_(clouds), vendors_(vendors),
      blocks_((enterprises + enterprise_block - 1) / enterprise_block) {
    for (auto& b : blocks_) b.reset(clouds, vendors);
    for (int j = 0; j < clouds * vendors; ++j) cloud_of_.push_back(static_cast<std::uint8_t>(j / vendors));
}

template <class PerEnterprise>
Tally EnterpriseStepper::map_blocks(PerEnterprise&& per_enterprise) {
    // One task per fixed block; simple_partitioner keeps blocks whole whatever the threads.
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, blocks_.size(), 1),
        [&](const tbb::blocked_range<std::size_t>& r) {
            ExpectedScratch scratch;  // per task, on the worker's stack
            BlockSums sums;
            for (std::size_t b = r.begin(); b != r.end(); ++b) {
                sums.reset(clouds_ * vendors_, clouds_);
                const std::size_t end = std::min(enterprises_, (b + 1) * enterprise_block);
                for (std::size_t i = b * enterprise_block; i < end; ++i) per_enterprise(i, sums, scratch);
                sums.store(blocks_[b]);
            }
        },
        tbb::simple_partitioner());
    Tally total;
    total.reset(clouds_, vendors_);
    for (const auto& b : blocks_) total.add(b);  // block order: deterministic sums
    return total;
}

Tally EnterpriseStepper::allocate_initial(const StepInputs& in, EnterpriseState& s) {
    const int K = clouds_, M = vendors_, J = K * M;
    const Population& pop = in.population;
    if (in.mode == Mode::stochastic) {
        s.adopted.assign(enterprises_, 0);
        s.pair.assign(enterprises_, -1);
        s.clock.assign(enterprises_, 0.0f);
        last_review_rate_ = in.review_rate;
    } else {
        s.adoption.assign(enterprises_, 0.0);
        s.pi.assign(enterprises_ * static_cast<std::size_t>(J), 0.0);
    }
    return map_blocks([&](std::size_t i, BlockSums& t, ExpectedScratch& scratch) {
        (void)scratch;
        if (in.mode == Mode::stochastic) {
            const auto u = uniforms4(in.seed, in.replicate, pop.id[i], setup_tick,
                                     Purpose::initial_choice);
            // Until adoption the clock is the adoption threshold E_i = -ln U ~ Exp(1).
            s.clock[i] = static_cast<float>(-std::log(u[3]));
            if (!pop.adopted[i]) return;
            double taste[max_vendors], prob[max_pairs];
            const Chooser e = chooser_for(pop, i, M, taste);
            if (!choice_probabilities(in.ctx, e, -1, -1, prob)) return;
            const int pair = draw_pair(prob, K, M, u[0], u[1]);
            s.adopted[i] = 1;
            s.pair[i] = static_cast<std::int16_t>(pair);
            s.clock[i] = static_cast<float>(1.0 + ticks_until_review(u[2], in.review_rate));
            tally_pair(t, pair, cloud_of_[pair], pop.demand[i], pop.alpha[i]);
            return;
        }
        if (!pop.adopted[i]) return;
        double taste[max_vendors], prob[max_pairs];
        const Chooser e = chooser_for(pop, i, M, taste);
        if (!choice_probabilities(in.ctx, e, -1, -1, prob)) return;
        {
            double* pi = &s.pi[i * J];
            std::copy(prob, prob + J, pi);
            s.adoption[i] = 1.0;
            for (int j = 0; j < J; ++j) {
                t.demand[j] += pop.demand[i] * pi[j];
                t.customers[j / M] += pi[j];
            }
            t.adopters += 1.0;
            t.alpha_sum += pop.alpha[i];
        }
    });
}

Tally EnterpriseStepper::step(const StepInputs& in, EnterpriseState& s) {
    const int K = clouds_, M = vendors_, J = K * M;
    const Population& pop = in.population;
    const ChoiceContext& ctx = in.ctx;
    const bool can_choose = ctx.any_open();

    if (in.mode == Mode::stochastic) {
        // A `set` on review_rate: every adopter's remaining wait is redrawn at the new rate
        // (waits are memoryless, so this is the same process as per-tick draws at r').
        const bool reschedule = in.review_rate != last_review_rate_;
        last_review_rate_ = in.review_rate;
        const double t_now = static_cast<double>(in.tick);
        return map_blocks([&](std::size_t i, BlockSums& t, ExpectedScratch&) {
            double taste[max_vendors], prob[max_pairs];
            if (!s.adopted[i]) {
                // Adopts at the first tick where the cumulative hazard passes its threshold
                // (and some cloud is open to choose).
                if (static_cast<double>(s.clock[i]) > in.cumulative_hazard || !can_choose) return;
                const auto u = uniforms4(in.seed, in.replicate, pop.id[i], in.tick, Purpose::adoption);
                const Chooser e = chooser_for(pop, i, M, taste);
                choice_probabilities(ctx, e, -1, -1, prob);
                const int pair = draw_pair(prob, K, M, u[1], u[2]);
                s.adopted[i] = 1;
                s.pair[i] = static_cast<std::int16_t>(pair);
                s.clock[i] = static_cast<float>(t_now + 1.0 + ticks_until_review(u[3], in.review_rate));
                tally_pair(t, pair, cloud_of_[pair], pop.demand[i], pop.alpha[i]);
                t.decisions += 1.0;
                return;
            }
            int pair = s.pair[i];
            const int cloud = cloud_of_[pair];
            if (reschedule) {
                const auto u = uniforms4(in.seed, in.replicate, pop.id[i], in.tick, Purpose::reschedule);
                s.clock[i] = static_cast<float>(t_now + ticks_until_review(u[0], in.review_rate));
            }
            const bool delisted = !ctx.offered[pair] || !ctx.cloud_open[cloud];
            const bool due = static_cast<double>(s.clock[i]) <= t_now;
            if (delisted || due) {
                const auto u = uniforms4(in.seed, in.replicate, pop.id[i], in.tick, Purpose::review);
                if (due) s.clock[i] = static_cast<float>(t_now + 1.0 + ticks_until_review(u[3], in.review_rate));
                if (can_choose) {
                    const Chooser e = chooser_for(pop, i, M, taste);
                    choice_probabilities(ctx, e, cloud, pair % M, prob);
                    pair = draw_pair(prob, K, M, u[1], u[2]);
                    s.pair[i] = static_cast<std::int16_t>(pair);
                    if (cloud_of_[pair] != cloud) t.switches += 1.0;
                    t.decisions += 1.0;
                }
            }
            tally_pair(t, pair, cloud_of_[pair], pop.demand[i], pop.alpha[i]);
        });
    }

    return map_blocks([&](std::size_t i, BlockSums& t, ExpectedScratch& scratch) {
        double taste[max_vendors], p0[max_pairs];
        const double a = s.adoption[i];
        const double a_new = a + (1.0 - a) * in.hazard;
        if (a_new <= 0.0) return;
        double* pi = &s.pi[i * J];
        const Chooser e = chooser_for(pop, i, M, taste);
        // Existing adopters review (section 7.5); new adopters choose without incumbency.
        const double switched = expected_review(ctx, e, in.review_rate, pi, p0, scratch);
        if (can_choose && a_new > a) {
            const double keep = a / a_new, fresh = (a_new - a) / a_new;
            for (int j = 0; j < J; ++j) pi[j] = keep * pi[j] + fresh * p0[j];
            s.adoption[i] = a_new;
        }
        const double adopted = s.adoption[i];
        for (int j = 0; j < J; ++j) {
            t.demand[j] += pop.demand[i] * adopted * pi[j];
            t.customers[j / M] += adopted * pi[j];
        }
        t.adopters += adopted;
        t.switches += a * switched;
        t.decisions += 1.0;  // every enterprise's distribution is updated
        t.alpha_sum += adopted * pop.alpha[i];
    });
}

}  // namespace moatsim
