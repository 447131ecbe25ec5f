#pragma once
// Expected mode's steps 2-3 (docs/ODD.md §7.5-7.6, expected): every enterprise's
// distribution over pairs moves every tick by the exact expectation of the review and
// adoption rules (agents/expected_choice.hpp, agents/adoption_rule.hpp). The machinery here
// is the batch layout of pi and the batch kernels (agents/expected_batch.hpp, D17).
#include <cstddef>

#include "agents/expected_batch.hpp"
#include "market/block_tally.hpp"
#include "market/step_state.hpp"

namespace moatsim {

class ExpectedStepper {
public:
    /// reducer: joins this block's tallies with the other partitions' (core/partition.hpp).
    ExpectedStepper(std::size_t enterprises, int clouds, int vendors,
                    PartitionReducer& reducer = local_reducer());

    /// Row 0: adopters at t = 0 hold the no-incumbency choice probabilities themselves.
    Tally allocate_initial(const StepInputs& in, EnterpriseState& state);
    /// Review of earlier adopters' mass, then adoption.
    Tally step(const StepInputs& in, EnterpriseState& state);

private:
    /// The batch holding enterprise i's pi, as rows [K*M][expected_lanes].
    double (*pi_batch(EnterpriseState& state, std::size_t i) const)[expected_lanes];

    std::size_t enterprises_;
    int clouds_, vendors_;
    BlockTallies blocks_;
};

}  // namespace moatsim
