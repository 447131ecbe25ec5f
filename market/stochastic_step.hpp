#pragma once
// Stochastic mode's steps 2-3 on event clocks (docs/ODD.md D14): the review and adoption
// rules (agents/review_rule.hpp, agents/adoption_rule.hpp) with their Bernoulli draws
// replaced by clocks, so a tick scans the clocks and only the enterprises whose clock rings
// draw and choose; the demand they carry moves in the block's fixed-point ledger
// (market/demand_ledger.hpp). Equal in distribution to ReferenceStepper
// (market/reference_step.hpp), which draws for every enterprise every tick.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/partition.hpp"
#include "market/demand_ledger.hpp"
#include "market/step_state.hpp"

namespace moatsim {

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

class StochasticStepper {
public:
    /// reducer: joins this process's block of enterprises with the other partitions' (one
    /// integer sum per tick); local_reducer() when the process holds them all.
    StochasticStepper(std::size_t enterprises, int clouds, int vendors,
                      PartitionReducer& reducer = local_reducer());

    /// Row 0: adopters at t = 0 draw one choice with no incumbency; every clock is set.
    Tally allocate_initial(const StepInputs& in, EnterpriseState& state);
    /// Adoption of non-adopters whose threshold is passed, review of adopters whose review
    /// tick has come or whose pair was delisted.
    Tally step(const StepInputs& in, EnterpriseState& state);

private:
    /// Records which pairs can be held now (pair_offered); true if that changed since the
    /// last call.
    bool availability_changed(const ChoiceContext& ctx);
    Tally ledger_tally() const;

    std::size_t enterprises_;
    int clouds_, vendors_;
    PartitionReducer* reducer_;
    std::vector<std::uint8_t> cloud_of_;  // [K*M] pair -> cloud, avoiding a division per ledger entry
    double last_review_rate_ = -1.0;      // to notice a `set` on review_rate
    DemandLedger ledger_;                 // running totals per block
    std::vector<std::int64_t> switches_, decisions_;  // this tick, per block
    std::vector<std::uint8_t> available_;  // [K*M] pair_offered, last tick
};

}  // namespace moatsim
