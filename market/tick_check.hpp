#pragma once
// The per-tick sanity check of everything a row records (docs/SCENARIO.md, "Numeric
// limits"): every number finite, shares in [0, 1] summing to 1 where workload was served,
// prices positive and normal, capacity >= 0. Extreme but allowed parameters can still drive
// the model out of floating-point range; this turns that into one error naming the tick,
// the quantity and the parameters behind it, instead of NaN or inf in the results.
// O(clouds + vendors) per tick; it never changes a valid run.
#include <stdexcept>
#include <string>

#include "agents/choice.hpp"
#include "market/records.hpp"
#include "market/scenario.hpp"

namespace moatsim {

/// A numeric failure of the model itself (not bad input): the CLI exits 1 with what().
class SimulationError : public std::runtime_error {
public:
    /// @param scenario  the scenario's file (which of compare's two, say), leads the message
    /// @param tick      tick of the row (0 = start)
    /// @param date      "YYYY-MM" of that tick
    /// @param quantity  dotted name, e.g. "clouds.AWS.capacity"
    /// @param problem   what is wrong, e.g. "is nan, expected a finite number >= 0"
    /// @param hint      the parameters most likely responsible
    SimulationError(const std::string& scenario, int tick, std::string date,
                    std::string quantity, const std::string& problem, std::string hint);
    /// The same error rebuilt from its parts after crossing a process boundary (an MPI rank
    /// computed the row: experiments/job_executor.hpp); `message` is the original what().
    struct Rebuilt {
        std::string message, date, quantity, hint;
        int tick = 0;
    };
    explicit SimulationError(const Rebuilt& parts)
        : std::runtime_error(parts.message), tick_(parts.tick), date_(parts.date),
          quantity_(parts.quantity), hint_(parts.hint) {}
    [[nodiscard]] int tick() const noexcept { return tick_; }
    [[nodiscard]] const std::string& date() const noexcept { return date_; }
    [[nodiscard]] const std::string& quantity() const noexcept { return quantity_; }
    [[nodiscard]] const std::string& hint() const noexcept { return hint_; }

private:
    int tick_;
    std::string date_, quantity_, hint_;
};

/// Throws SimulationError (tick 0) if the enterprises' sizes or price sensitivities do not sum
/// to a finite total: the stochastic ledger's fixed point (market/demand_ledger.hpp) is only
/// in range for a finite total. O(N), once per replicate.
void check_population(const Scenario& scenario, const Population& population);

/// Throws SimulationError if a utility term of this tick's choices is out of range (prices'
/// logs, cloud constants b_k - delta z_k, qualities): the choice kernels' exp and log sums
/// need them finite and within +-1e6 utils per unit of sensitivity.
void check_choice_inputs(const Scenario& scenario, int tick, const ChoiceContext& ctx);

/// Throws SimulationError on the first recorded quantity of `row` that is out of its range.
void check_tick(const Scenario& scenario, const TickRecord& row);

}  // namespace moatsim
