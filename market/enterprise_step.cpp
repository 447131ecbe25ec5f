#include "market/enterprise_step.hpp"

#include <algorithm>
#include <cmath>

#include "agents/chooser.hpp"
#include "agents/expected_choice.hpp"

namespace moatsim {
namespace {

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

}  // namespace

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
      blocks_(block_count(enterprises)) {
    for (auto& b : blocks_) b.reset(clouds, vendors);
    for (int j = 0; j < clouds * vendors; ++j) cloud_of_.push_back(static_cast<std::uint8_t>(j / vendors));
}

template <class PerEnterprise>
Tally EnterpriseStepper::map_blocks(PerEnterprise&& per_enterprise) {
    // One task per fixed block; simple_partitioner keeps blocks whole whatever the threads.
    for_each_block(enterprises_, [&](std::size_t b, std::size_t begin, std::size_t end) {
        ExpectedScratch scratch;  // on the worker's stack
        BlockSums sums;
        sums.reset(clouds_ * vendors_, clouds_);
        for (std::size_t i = begin; i < end; ++i) per_enterprise(i, sums, scratch);
        sums.store(blocks_[b]);
    });
    Tally total;
    total.reset(clouds_, vendors_);
    for (const auto& b : blocks_) total.add(b);  // block order: deterministic sums
    return total;
}

Tally EnterpriseStepper::allocate_initial(const StepInputs& in, EnterpriseState& s) {
    return in.mode == Mode::stochastic ? allocate_stochastic(in, s) : allocate_expected(in, s);
}

Tally EnterpriseStepper::step(const StepInputs& in, EnterpriseState& s) {
    return in.mode == Mode::stochastic ? step_stochastic(in, s) : step_expected(in, s);
}

Tally EnterpriseStepper::allocate_expected(const StepInputs& in, EnterpriseState& s) {
    const int M = vendors_, J = clouds_ * vendors_;
    const Population& pop = in.population;
    s.adoption.assign(enterprises_, 0.0);
    s.pi.assign(enterprises_ * static_cast<std::size_t>(J), 0.0);
    return map_blocks([&](std::size_t i, BlockSums& t, ExpectedScratch&) {
        if (!pop.adopted[i]) return;
        double taste[max_vendors], prob[max_pairs];
        const Chooser e = chooser_for(pop, i, M, taste);
        if (!choice_probabilities(in.ctx, e, -1, -1, prob)) return;
        double* pi = &s.pi[i * J];
        std::copy(prob, prob + J, pi);
        s.adoption[i] = 1.0;
        for (int j = 0; j < J; ++j) {
            t.demand[j] += pop.demand[i] * pi[j];
            t.customers[j / M] += pi[j];
        }
        t.adopters += 1.0;
        t.alpha_sum += pop.alpha[i];
    });
}

Tally EnterpriseStepper::step_expected(const StepInputs& in, EnterpriseState& s) {
    const int M = vendors_, J = clouds_ * vendors_;
    const Population& pop = in.population;
    const ChoiceContext& ctx = in.ctx;
    const bool can_choose = ctx.any_open();
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
