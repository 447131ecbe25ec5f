#pragma once
// One replicate: the tick schedule of docs/ODD.md section 3 over one population.
#include <functional>
#include <vector>

#include "agents/choice.hpp"
#include "market/clearing.hpp"
#include "market/enterprise_step.hpp"
#include "market/market_state.hpp"
#include "market/records.hpp"
#include "market/training.hpp"

namespace moatsim {

class Replicate {
public:
    /// brand: the calibrated constants b_k, shared by all replicates of a run. stepping: how
    /// stochastic mode is stepped (tests compare the event clocks with per-tick draws).
    Replicate(const Scenario& scenario, const Population& population, std::uint64_t replicate,
              std::vector<double> brand,
              StochasticStepping stepping = StochasticStepping::event_clocks);
    /// A partitioned replicate (core/partition.hpp): `population` holds only the rows of
    /// partition.range, and every partition constructs and runs its Replicate in lock step.
    /// The rows are byte-identical to the whole population's in one process.
    Replicate(const Scenario& scenario, const Population& population, std::uint64_t replicate,
              std::vector<double> brand, const Partition& partition,
              StochasticStepping stepping = StochasticStepping::event_clocks);

    /// Runs rows 0..T. on_tick (may be empty) is called after each row; it must be thread-safe
    /// because replicates run in parallel.
    ReplicateResult run(const std::function<void()>& on_tick = {});

    /// Row 0: events dated at the start, the initial allocation and clearing (tick -1).
    TickRecord initialize();
    /// One tick, steps 1-7; returns its row.
    TickRecord advance();

    [[nodiscard]] const MarketState& market() const noexcept { return market_; }
    [[nodiscard]] const EnterpriseState& enterprises() const noexcept { return enterprises_; }

private:
    StepInputs inputs(double hazard) const;
    std::vector<double> live_brands() const;
    TickRecord record(const Clearing& clearing, const Training& training, const Tally& tally) const;

    const Scenario& scenario_;
    const Population& population_;
    std::uint64_t replicate_;
    Partition partition_;
    std::vector<double> brand_;
    MarketState market_;
    ChoiceContext ctx_;
    EnterpriseState enterprises_;
    EnterpriseStepper stepper_;
    double adopted_fraction_ = 0;  // A(t-1), by count
    double cumulative_hazard_ = 0; // Lambda(t) = -sum ln(1 - h), stochastic adoption clock
};

}  // namespace moatsim
