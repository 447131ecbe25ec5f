// Stochastic mode's steps 2-3 on event clocks (docs/ODD.md §7.5-7.6 and D14). The rules are
// agents/review_rule.hpp and agents/adoption_rule.hpp; what is here is how they are
// scheduled: clocks in place of per-tick Bernoulli draws, a scan for the clocks that ring,
// prefetching for the scattered few, batched choices and the fixed-point ledger.
#include "market/stochastic_step.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "agents/chooser.hpp"
#include "agents/review_rule.hpp"
#include "agents/rng.hpp"
#include "market/block_map.hpp"
#include "agents/simd_target.hpp"
#include "market/choice_batcher.hpp"

namespace moatsim {
namespace {

// "Never" for a review clock: beyond any horizon (max_ticks is 12000), exact in float.
constexpr double never = 1e9;

// The largest float <= x: for a float clock c, c <= x exactly when c <= at_most(x), so the
// scan compares floats without widening each clock.
float float_at_most(double x) noexcept {
    float f = static_cast<float>(x);
    if (static_cast<double>(f) > x) f = std::nextafter(f, -std::numeric_limits<float>::infinity());
    return f;
}

}  // namespace

ReviewWait::ReviewWait(double rate) noexcept
    : rate_(rate), log_keep_(rate > 0.0 && rate < 1.0 ? std::log1p(-rate) : 0.0) {}

double ReviewWait::ticks(double u) const noexcept {
    if (rate_ >= 1.0) return 0.0;
    if (rate_ <= 0.0) return never;
    return std::min(never, std::floor(std::log(u) / log_keep_));
}

StochasticStepper::StochasticStepper(std::size_t enterprises, int clouds, int vendors,
                                     PartitionReducer& reducer)
    : enterprises_(enterprises), clouds_(clouds), vendors_(vendors), reducer_(&reducer) {
    for (int j = 0; j < clouds * vendors; ++j) cloud_of_.push_back(static_cast<std::uint8_t>(j / vendors));
}

bool StochasticStepper::availability_changed(const ChoiceContext& ctx) {
    bool changed = available_.empty();
    available_.resize(static_cast<std::size_t>(clouds_ * vendors_));
    for (int j = 0; j < clouds_ * vendors_; ++j) {
        const std::uint8_t now = pair_offered(ctx, j);
        changed = changed || now != available_[j];
        available_[j] = now;
    }
    return changed;
}

Tally StochasticStepper::ledger_tally() const {
    // The tick's one reduction across partitions: the ledger's integers and the two counts.
    std::vector<std::int64_t> sums = ledger_.sums();
    std::int64_t switches = 0, decisions = 0;
    for (std::size_t b = 0; b < switches_.size(); ++b) {
        switches += switches_[b];
        decisions += decisions_[b];
    }
    sums.push_back(switches);
    sums.push_back(decisions);
    reducer_->sum(sums);
    Tally t;
    ledger_.to_tally(sums.data(), t);
    // Counts below 2^53 are exact in double: the same as summing the blocks' doubles.
    t.switches = static_cast<double>(sums[ledger_.width()]);
    t.decisions = static_cast<double>(sums[ledger_.width() + 1]);
    return t;
}

Tally StochasticStepper::allocate_initial(const StepInputs& in, EnterpriseState& s) {
    const int K = clouds_, M = vendors_;
    const Population& pop = in.population;
    s.adopted.assign(enterprises_, 0);
    s.pair.assign(enterprises_, -1);
    s.clock.assign(enterprises_, 0.0f);
    last_review_rate_ = in.review_rate;
    availability_changed(in.ctx);
    // In index order (continued across partitions in order): the scales are fixed.
    double totals[2] = {0.0, 0.0};
    reducer_->fold_in_order(totals, [&](std::span<double> sum) {
        for (std::size_t i = 0; i < enterprises_; ++i) {
            sum[0] += pop.demand[i];
            sum[1] += pop.alpha[i];
        }
    });
    const std::size_t blocks = block_count(enterprises_);
    ledger_.reset(blocks, K, M, fixed_point_scale(totals[0]), fixed_point_scale(totals[1]));
    switches_.assign(blocks, 0);
    decisions_.assign(blocks, 0);
    const bool can_choose = in.ctx.any_open();
    const ReviewWait wait(in.review_rate);
    for_each_block(enterprises_, [&](std::size_t b, std::size_t begin, std::size_t end) {
        DemandLedger::Block ledger = ledger_.block(b);
        const auto chosen = [&](std::size_t i, int, int pair) {
            s.adopted[i] = 1;
            s.pair[i] = static_cast<std::int16_t>(pair);
            ledger.add(pair, cloud_of_[pair], to_units(pop.demand[i], ledger_.demand_scale()),
                       to_units(pop.alpha[i], ledger_.alpha_scale()));
        };
        ChoiceBatcher batcher(in.ctx, in.kernel, pop);
        for (std::size_t i = begin; i < end; ++i) {
            const auto u = uniforms4(in.seed, in.replicate, pop.key(i), setup_tick,
                                     Purpose::initial_choice);
            // Until adoption the clock is the adoption threshold E_i = -ln U ~ Exp(1).
            s.clock[i] = static_cast<float>(-std::log(u[3]));
            if (!pop.adopted[i] || !can_choose) continue;
            s.clock[i] = static_cast<float>(1.0 + wait.ticks(u[2]));
            batcher.add(i, no_pair, u[0], u[1], chosen);
        }
        batcher.flush(chosen);
    });
    return ledger_tally();
}

Tally StochasticStepper::step(const StepInputs& in, EnterpriseState& s) {
    const int M = vendors_;
    const Population& pop = in.population;
    const ChoiceContext& ctx = in.ctx;
    const bool can_choose = ctx.any_open();
    // A `set` on review_rate: every adopter's remaining wait is redrawn at the new rate
    // (waits are memoryless, so this is the same process as per-tick draws at r').
    const bool reschedule = in.review_rate != last_review_rate_;
    last_review_rate_ = in.review_rate;
    // After a catalog change every adopter checks whether its pair is still offered.
    const bool visit_every_adopter = availability_changed(ctx) || reschedule;
    const double t_now = static_cast<double>(in.tick);
    // The clocks in place of the rules' Bernoulli draws: a non-adopter adopts at the first
    // tick where the cumulative hazard passes its threshold and some cloud is open (with
    // probability adoption_probability(h, can_choose) given it had not before); an adopter
    // reviews when its review tick has come (geometric waits: probability r each tick).
    const float adopt_limit =
        can_choose ? float_at_most(in.cumulative_hazard) : -std::numeric_limits<float>::infinity();
    const float review_limit = visit_every_adopter ? std::numeric_limits<float>::infinity()
                                                   : float_at_most(t_now);
    const double demand_scale = ledger_.demand_scale(), alpha_scale = ledger_.alpha_scale();
    const ReviewWait wait(in.review_rate);

    for_each_block(enterprises_, [&](std::size_t b, std::size_t begin, std::size_t end) {
        DemandLedger::Block ledger = ledger_.block(b);
        std::int64_t switches = 0, decisions = 0;
        // Pass 1, branch-free: the enterprises whose clock rings. A few percent of them do.
        std::uint32_t rings[enterprise_block];
        std::size_t ringing = 0;
        for (std::size_t i = begin; i < end; ++i) {
            rings[ringing] = static_cast<std::uint32_t>(i);
            ringing += s.clock[i] <= (s.adopted[i] ? review_limit : adopt_limit);
        }
        // Pass 2: their choices. They are scattered, so each would stall on memory for its
        // attributes; fetching a few enterprises ahead overlaps those waits.
        constexpr std::size_t ahead = 8;
        const auto prefetch_enterprise = [&](std::size_t i) {
            const char* row = reinterpret_cast<const char*>(pop.taste_of(i));
            prefetch_line(row);
            prefetch_line(row + (M * sizeof(Attribute) - 1));
            prefetch_line(reinterpret_cast<const char*>(pop.alpha.data() + i));
            prefetch_line(reinterpret_cast<const char*>(pop.beta.data() + i));
            prefetch_line(reinterpret_cast<const char*>(pop.phi.data() + i));
            prefetch_line(reinterpret_cast<const char*>(pop.demand.data() + i));
            prefetch_line(reinterpret_cast<const char*>(pop.home.data() + i));
            prefetch_line(reinterpret_cast<const char*>(s.pair.data() + i));
        };
        // What a drawn pair changes: the enterprise's state and the block's ledger. The
        // batcher draws what chosen_pair (agents/review_rule.hpp) draws, a batch at a time.
        const auto chosen = [&](std::size_t i, int pair, int next) {
            ++decisions;
            if (pair < 0) {  // an adoption
                s.adopted[i] = 1;
                s.pair[i] = static_cast<std::int16_t>(next);
                ledger.add(next, cloud_of_[next], to_units(pop.demand[i], demand_scale),
                           to_units(pop.alpha[i], alpha_scale));
                return;
            }
            if (next == pair) return;
            s.pair[i] = static_cast<std::int16_t>(next);
            ledger.move(pair, cloud_of_[pair], next, cloud_of_[next],
                        to_units(pop.demand[i], demand_scale));
            if (is_switch(pair, next, M)) ++switches;
        };
        ChoiceBatcher batcher(ctx, in.kernel, pop);
        for (std::size_t r = 0; r < std::min(ahead, ringing); ++r) prefetch_enterprise(rings[r]);
        for (std::size_t r = 0; r < ringing; ++r) {
            if (r + ahead < ringing) prefetch_enterprise(rings[r + ahead]);
            const std::size_t i = rings[r];
            if (!s.adopted[i]) {
                const auto u = uniforms4(in.seed, in.replicate, pop.key(i), in.tick, Purpose::adoption);
                s.clock[i] = static_cast<float>(t_now + 1.0 + wait.ticks(u[3]));
                batcher.add(i, no_pair, u[1], u[2], chosen);
                continue;
            }
            const int pair = s.pair[i];
            if (reschedule) {
                const auto u = uniforms4(in.seed, in.replicate, pop.key(i), in.tick, Purpose::reschedule);
                s.clock[i] = static_cast<float>(t_now + wait.ticks(u[0]));
            }
            // review_probability is 1 for a delisted pair: it reviews whatever its clock says.
            const bool delisted = !pair_offered(ctx, pair);
            const bool due = static_cast<double>(s.clock[i]) <= t_now;
            if (!delisted && !due) continue;
            const auto u = uniforms4(in.seed, in.replicate, pop.key(i), in.tick, Purpose::review);
            if (due) s.clock[i] = static_cast<float>(t_now + 1.0 + wait.ticks(u[3]));
            if (can_choose) batcher.add(i, pair, u[1], u[2], chosen);
        }
        batcher.flush(chosen);
        switches_[b] = switches;
        decisions_[b] = decisions;
    });
    return ledger_tally();
}

}  // namespace moatsim
