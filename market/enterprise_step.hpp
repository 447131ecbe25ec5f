#pragma once
// Steps 2-3 of a tick (adoption, review and choice) as a parallel map over fixed blocks of
// enterprises, with each block's demand tallied separately and the tallies combined in
// block order: results are identical for any thread count.
#include <cstdint>
#include <vector>

#include "agents/choice.hpp"
#include "agents/expected_batch.hpp"
#include "agents/fast_choice.hpp"
#include "agents/population.hpp"
#include "market/block_map.hpp"
#include "market/demand_ledger.hpp"
#include "market/scenario.hpp"

namespace moatsim {

/// Enterprises' changing state, structure-of-arrays. Stochastic mode uses adopted/pair/clock,
/// expected mode uses adoption/pi.
struct EnterpriseState {
    std::vector<std::uint8_t> adopted;  // 0/1
    std::vector<std::int16_t> pair;     // current k*M + m, -1 before adoption
    /// Stochastic mode's event clock, one slot for both kinds of enterprise:
    /// - not adopted: the threshold E_i ~ Exp(1) on the cumulative adoption hazard
    ///   Lambda(t) = -sum ln(1 - h(s)); the enterprise adopts at the first tick with
    ///   Lambda(t) >= E_i, which happens with probability h(t) given it had not before;
    /// - adopted: the tick of its next review, a geometric wait at rate r, which is a review
    ///   with probability r each tick.
    /// Only enterprises whose clock rings do the expensive work (a choice).
    std::vector<float> clock;
    std::vector<double> adoption;       // a_i, probability of being adopted
    /// Expected mode's pair distribution of each enterprise, in batches of expected_lanes
    /// (agents/expected_batch.hpp): enterprise i's pi_j is at
    /// [(i / lanes) * K*M + j] * lanes + i % lanes.
    std::vector<double> pi;
};

/// Aggregates of one tick's choices (one per block, then combined).
struct Tally {
    std::vector<double> demand;     // [K*M] sum_i s_i a_i x_ikm (before growth)
    std::vector<double> customers;  // [K] adopters whose current cloud is k
    double adopters = 0;            // count (expected: sum of a_i)
    double switches = 0;            // adopters whose cloud changed
    double alpha_sum = 0;           // sum of alpha_i over adopters (for alpha-bar)
    double decisions = 0;           // choices evaluated: adoptions + reviews (benchmarks)

    void reset(int clouds, int vendors);
    void add(const Tally& other);
};

struct StepInputs {
    const ChoiceContext& ctx;
    const Population& population;
    Mode mode;
    Kernel kernel;
    std::uint64_t seed;
    std::uint64_t replicate;
    std::uint64_t tick;
    double hazard;       // Bass adoption probability h(t)
    double review_rate;  // r
    double cumulative_hazard = 0;  // Lambda(t) = -sum_{s<=t} ln(1 - h(s)) (stochastic mode)
};

/// Waits until a review at a review rate: the number of failures before the first success
/// of Bernoulli(rate) trials, by inversion of u in (0, 1]. 0 when rate >= 1; effectively
/// never (1e9) when rate <= 0. ln(1 - rate) is worked out once, not per draw.
class ReviewWait {
public:
    explicit ReviewWait(double rate) noexcept;
    [[nodiscard]] double ticks(double u) const noexcept;

private:
    double rate_, log_keep_;
};

class EnterpriseStepper {
public:
    EnterpriseStepper(std::size_t enterprises, int clouds, int vendors);

    /// Row 0: adopters at t = 0 take one choice with no incumbency (stochastic: a draw;
    /// expected: the probabilities themselves).
    Tally allocate_initial(const StepInputs& in, EnterpriseState& state);

    /// Steps 2-3 of a tick: adoption of non-adopters, then review of earlier adopters.
    Tally step(const StepInputs& in, EnterpriseState& state);

private:
    // Expected mode (enterprise_step.cpp): every enterprise's distribution moves every tick.
    Tally allocate_expected(const StepInputs& in, EnterpriseState& state);
    Tally step_expected(const StepInputs& in, EnterpriseState& state);
    /// The batch holding enterprise i's pi, as rows [K*M][batch_lanes].
    double (*pi_batch(EnterpriseState& state, std::size_t i) const)[expected_lanes];
    template <class PerEnterprise>
    Tally map_blocks(PerEnterprise&& per_enterprise);
    /// Sum of the per-block tallies in blocks_, in block order (deterministic).
    Tally combined_blocks() const;

    // Stochastic mode (stochastic_step.cpp): event clocks and a running ledger.
    Tally allocate_stochastic(const StepInputs& in, EnterpriseState& state);
    Tally step_stochastic(const StepInputs& in, EnterpriseState& state);
    /// Records which pairs can be chosen now; true if that changed since the last call.
    bool availability_changed(const ChoiceContext& ctx);
    Tally ledger_tally() const;

    std::size_t enterprises_;
    int clouds_, vendors_;
    std::vector<Tally> blocks_;  // expected mode: one per block, reused every tick
    std::vector<std::uint8_t> cloud_of_;  // [K*M] pair -> cloud, avoiding a division per tally
    double last_review_rate_ = -1.0;      // to notice a `set` on review_rate
    DemandLedger ledger_;                      // stochastic mode's running totals per block
    std::vector<std::int64_t> switches_, decisions_;  // stochastic mode, this tick, per block
    std::vector<std::uint8_t> available_;      // [K*M] offered on an open cloud, last tick
};

}  // namespace moatsim
