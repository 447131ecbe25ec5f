#include "market/enterprise_step.hpp"

#include <algorithm>
#include <stdexcept>
#include <type_traits>

namespace moatsim {

void Tally::reset(int clouds, int vendors) {
    demand.assign(static_cast<std::size_t>(clouds * vendors), 0.0);
    customers.assign(static_cast<std::size_t>(clouds), 0.0);
    adopters = switches = alpha_sum = decisions = 0.0;
}

void Tally::add_to(std::span<double> flat) const {
    const std::size_t J = demand.size(), K = customers.size();
    for (std::size_t j = 0; j < J; ++j) flat[j] += demand[j];
    for (std::size_t k = 0; k < K; ++k) flat[J + k] += customers[k];
    flat[J + K] += adopters;
    flat[J + K + 1] += switches;
    flat[J + K + 2] += alpha_sum;
    flat[J + K + 3] += decisions;
}

void Tally::assign(std::span<const double> flat) {
    const std::size_t J = demand.size(), K = customers.size();
    std::copy_n(flat.begin(), J, demand.begin());
    std::copy_n(flat.begin() + static_cast<std::ptrdiff_t>(J), K, customers.begin());
    adopters = flat[J + K];
    switches = flat[J + K + 1];
    alpha_sum = flat[J + K + 2];
    decisions = flat[J + K + 3];
}

EnterpriseStepper::EnterpriseStepper(std::size_t enterprises, int clouds, int vendors,
                                     StochasticStepping stepping, PartitionReducer& reducer)
    : enterprises_(enterprises), clouds_(clouds), vendors_(vendors), stepping_(stepping),
      reducer_(&reducer) {}

Tally EnterpriseStepper::allocate_initial(const StepInputs& in, EnterpriseState& s) {
    if (in.mode == Mode::expected)
        return stepper_.emplace<ExpectedStepper>(enterprises_, clouds_, vendors_, *reducer_).allocate_initial(in, s);
    if (stepping_ == StochasticStepping::per_tick_draws)
        return stepper_.emplace<ReferenceStepper>(enterprises_, clouds_, vendors_, *reducer_).allocate_initial(in, s);
    return stepper_.emplace<StochasticStepper>(enterprises_, clouds_, vendors_, *reducer_).allocate_initial(in, s);
}

Tally EnterpriseStepper::step(const StepInputs& in, EnterpriseState& s) {
    return std::visit(
        [&](auto& stepper) -> Tally {
            if constexpr (std::is_same_v<std::decay_t<decltype(stepper)>, std::monostate>)
                throw std::logic_error("EnterpriseStepper::step before allocate_initial");
            else
                return stepper.step(in, s);
        },
        stepper_);
}

}  // namespace moatsim
