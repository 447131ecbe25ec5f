#include "market/reference_step.hpp"

#include "agents/adoption_rule.hpp"
#include "agents/chooser.hpp"
#include "agents/review_rule.hpp"
#include "agents/rng.hpp"

namespace moatsim {

ReferenceStepper::ReferenceStepper(std::size_t enterprises, int clouds, int vendors,
                                  PartitionReducer& reducer)
    : enterprises_(enterprises), clouds_(clouds), vendors_(vendors),
      blocks_(enterprises, clouds, vendors, reducer) {}

void ReferenceStepper::tally(const StepInputs& in, const EnterpriseState& s, std::size_t i,
                             BlockSums& t) const {
    if (!s.adopted[i]) return;
    const int pair = s.pair[i];
    t.demand[pair] += in.population.demand[i];
    t.customers[pair / vendors_] += 1.0;
    t.adopters += 1.0;
    t.alpha_sum += in.population.alpha[i];
}

Tally ReferenceStepper::allocate_initial(const StepInputs& in, EnterpriseState& s) {
    const Population& pop = in.population;
    s.adopted.assign(enterprises_, 0);
    s.pair.assign(enterprises_, static_cast<std::int16_t>(no_pair));
    s.clock.clear();
    const bool can_choose = in.ctx.any_open();
    return blocks_.map([&](std::size_t i, BlockSums& t) {
        if (pop.adopted[i] && can_choose) {
            double taste[max_vendors];
            const Chooser e = chooser_for(pop, i, vendors_, taste);
            const auto u = uniforms4(in.seed, in.replicate, pop.key(i), setup_tick,
                                     Purpose::initial_choice);
            s.adopted[i] = 1;
            s.pair[i] = static_cast<std::int16_t>(chosen_pair(in.ctx, e, no_pair, u[0], u[1]));
        }
        tally(in, s, i, t);
    });
}

Tally ReferenceStepper::step(const StepInputs& in, EnterpriseState& s) {
    const Population& pop = in.population;
    const ChoiceContext& ctx = in.ctx;
    const bool can_choose = ctx.any_open();
    const double adopts = adoption_probability(in.hazard, can_choose);
    return blocks_.map([&](std::size_t i, BlockSums& t) {
        // u in (0, 1], so u <= p has probability p (never for p = 0, always for p = 1).
        if (!s.adopted[i]) {
            const auto u = uniforms4(in.seed, in.replicate, pop.key(i), in.tick, Purpose::adoption);
            if (u[0] <= adopts) {
                double taste[max_vendors];
                const Chooser e = chooser_for(pop, i, vendors_, taste);
                s.adopted[i] = 1;
                s.pair[i] = static_cast<std::int16_t>(chosen_pair(ctx, e, no_pair, u[1], u[2]));
                t.decisions += 1.0;
            }
        } else {  // an adopter of an earlier month (one adopting now does not also review)
            const int pair = s.pair[i];
            const auto u = uniforms4(in.seed, in.replicate, pop.key(i), in.tick, Purpose::review);
            if (u[0] <= review_probability(ctx, pair, in.review_rate) && can_choose) {
                double taste[max_vendors];
                const Chooser e = chooser_for(pop, i, vendors_, taste);
                const int next = chosen_pair(ctx, e, pair, u[1], u[2]);
                s.pair[i] = static_cast<std::int16_t>(next);
                t.switches += is_switch(pair, next, vendors_) ? 1.0 : 0.0;
                t.decisions += 1.0;
            }
        }
        tally(in, s, i, t);
    });
}

}  // namespace moatsim
