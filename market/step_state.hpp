#pragma once
// What the enterprise steppers (market/enterprise_step.hpp) share: the enterprises' changing
// state, a tick's aggregates and the inputs of one step.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "agents/choice.hpp"
#include "agents/population.hpp"
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
    /// The tally as one flat list, for folds across blocks and partitions: demand, customers,
    /// then adopters, switches, alpha_sum and decisions.
    [[nodiscard]] std::size_t flat_size() const noexcept { return demand.size() + customers.size() + 4; }
    /// Adds this tally to a flat list, element by element in that order.
    void add_to(std::span<double> flat) const;
    /// Takes the values of a flat list (sized as this tally's flat_size()).
    void assign(std::span<const double> flat);
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

}  // namespace moatsim
