#pragma once
// Clouds (docs/ODD.md section 7.9): the markup pricing rule and capacity orders with GPU
// rationing and lead time. The pure rules are exposed for unit tests.
#include <vector>

#include "market/market_state.hpp"

namespace moatsim {

/// Target Lerner index clamp(1 / (alpha_bar (1 - share)), L_min, L_max); L_max when the
/// share is 1 or alpha_bar is 0.
[[nodiscard]] double target_lerner(double alpha_bar, double share, double lerner_min,
                                   double lerner_max) noexcept;

/// Price the markup rule steers toward: c / (1 - L*).
[[nodiscard]] double markup_price(double unit_cost, double lerner) noexcept;

struct CapacityOrders {
    std::vector<double> silicon;        // [K] granted own-silicon capacity
    std::vector<double> gpu_requested;  // [K]
    std::vector<double> gpu_granted;    // [K] after pro-rata rationing by GPU supply
};

/// Orders: desired = D (1 + headroom)(1 + g)^L; order = max(0, desired - Cap - Pipe); a share
/// f* of it is own silicon up to that cloud's silicon supply; the GPU rest of all clouds is
/// rationed pro rata when it exceeds gpu_supply.
[[nodiscard]] CapacityOrders plan_capacity(const std::vector<double>& total_demand,
                                           const std::vector<double>& capacity,
                                           const std::vector<double>& pipeline,
                                           const std::vector<double>& silicon_target,
                                           const std::vector<double>& silicon_supply,
                                           double headroom, double growth, int lead_time,
                                           double gpu_supply);

/// Step 6 for the state: prices move toward the markup target (pricing = markup), orders
/// go into the pipeline, and capacity ordered L ticks ago is NOT delivered here (see
/// deliver_capacity). shares are this tick's workload shares.
void update_clouds(MarketState& state, const std::vector<double>& shares, double alpha_bar,
                   const std::vector<double>& total_demand);

/// Moves capacity arriving this tick (ordered lead_time ticks ago) into service.
void deliver_capacity(MarketState& state);

/// Own-silicon fraction of a cloud's capacity, f_k.
[[nodiscard]] double silicon_fraction(const MarketState& state, int k) noexcept;

}  // namespace moatsim
