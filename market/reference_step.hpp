#pragma once
// Stochastic mode's steps 2-3 exactly as the ODD states them (§7.5-7.6): every enterprise
// draws every tick. A non-adopter adopts with probability adoption_probability(h); an
// adopter reviews with probability review_probability (r, or 1 if its pair was delisted);
// either chooses with chosen_pair. No event clocks, no ledger, no batches: every tick
// re-tallies every adopter. It is the plain reference the event-clock stepper
// (market/stochastic_step.hpp) is tested against in distribution
// (tests/test_stepper_distribution.cpp); its draws differ, so its runs are not bit-identical.
#include <cstddef>

#include "market/block_tally.hpp"
#include "market/step_state.hpp"

namespace moatsim {

class ReferenceStepper {
public:
    /// reducer: joins this block's tallies with the other partitions' (core/partition.hpp).
    ReferenceStepper(std::size_t enterprises, int clouds, int vendors,
                     PartitionReducer& reducer = local_reducer());

    /// Row 0: adopters at t = 0 draw one choice with no incumbency (the same draws as the
    /// event-clock stepper's row 0).
    Tally allocate_initial(const StepInputs& in, EnterpriseState& state);
    /// One Bernoulli draw per enterprise: adoption or review, then its choice.
    Tally step(const StepInputs& in, EnterpriseState& state);

private:
    /// Adds adopter i's current pair to a block's sums.
    void tally(const StepInputs& in, const EnterpriseState& state, std::size_t i,
               BlockSums& sums) const;

    std::size_t enterprises_;
    int clouds_, vendors_;
    BlockTallies blocks_;
};

}  // namespace moatsim
