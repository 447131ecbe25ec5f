#pragma once
// Steps 2-3 of a tick (adoption, review and choice) as a parallel map over fixed blocks of
// enterprises, with each block's demand tallied separately and the tallies combined in
// block order: results are identical for any thread count.
//
// One stepper per mode, each calling the same per-enterprise rules (agents/review_rule.hpp,
// agents/adoption_rule.hpp, agents/expected_choice.hpp):
// - StochasticStepper (market/stochastic_step.hpp): stochastic mode on event clocks (D14);
// - ReferenceStepper (market/reference_step.hpp): stochastic mode with a Bernoulli draw per
//   enterprise per tick, the plain form of the rule, for tests;
// - ExpectedStepper (market/expected_step.hpp): expected mode, the rules' exact expectation.
// EnterpriseStepper picks one when the run starts; a tick costs one dispatch, none per agent.
#include <cstddef>
#include <variant>

#include "market/expected_step.hpp"
#include "market/reference_step.hpp"
#include "market/step_state.hpp"
#include "market/stochastic_step.hpp"

namespace moatsim {

/// How stochastic mode is stepped (expected mode has one way).
enum class StochasticStepping {
    event_clocks,    ///< StochasticStepper: the fast path, what runs ship with
    per_tick_draws,  ///< ReferenceStepper: every enterprise draws every tick (tests)
};

class EnterpriseStepper {
public:
    /// reducer: joins this process's block of enterprises with the other partitions'
    /// (core/partition.hpp); local_reducer() when the process holds them all.
    EnterpriseStepper(std::size_t enterprises, int clouds, int vendors,
                      StochasticStepping stepping = StochasticStepping::event_clocks,
                      PartitionReducer& reducer = local_reducer());

    /// Row 0: adopters at t = 0 take one choice with no incumbency (stochastic: a draw;
    /// expected: the probabilities themselves). Picks the stepper for in.mode.
    Tally allocate_initial(const StepInputs& in, EnterpriseState& state);

    /// Steps 2-3 of a tick: adoption of non-adopters, then review of earlier adopters.
    /// allocate_initial must have been called.
    Tally step(const StepInputs& in, EnterpriseState& state);

private:
    std::size_t enterprises_;
    int clouds_, vendors_;
    StochasticStepping stepping_;
    PartitionReducer* reducer_;
    std::variant<std::monostate, StochasticStepper, ReferenceStepper, ExpectedStepper> stepper_;
};

}  // namespace moatsim
