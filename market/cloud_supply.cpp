#include "market/cloud_supply.hpp"

#include <algorithm>
#include <cmath>

namespace moatsim {

double target_lerner(double alpha_bar, double share, double lerner_min,
                     double lerner_max) noexcept {
    if (share >= 1.0 || alpha_bar <= 0.0) return lerner_max;
    // min/max rather than std::clamp: defined even if a caller passes lerner_min > lerner_max
    // (the loader rejects scenarios whose events would).
    return std::min(std::max(1.0 / (alpha_bar * (1.0 - share)), lerner_min), lerner_max);
}

double markup_price(double unit_cost, double lerner) noexcept {
    return unit_cost / (1.0 - lerner);
}

CapacityOrders plan_capacity(const std::vector<double>& total_demand,
                             const std::vector<double>& capacity,
                             const std::vector<double>& pipeline,
                             const std::vector<double>& silicon_target,
                             const std::vector<double>& silicon_supply, double headroom,
                             double growth, int lead_time, double gpu_supply) {
    const std::size_t K = total_demand.size();
    CapacityOrders o;
    o.silicon.assign(K, 0.0);
    o.gpu_requested.assign(K, 0.0);
    o.gpu_granted.assign(K, 0.0);
    const double ahead = (1.0 + headroom) * std::pow(1.0 + growth, lead_time);
    double requested = 0.0;
    for (std::size_t k = 0; k < K; ++k) {
        const double order = std::max(0.0, total_demand[k] * ahead - capacity[k] - pipeline[k]);
        o.silicon[k] = std::min(silicon_target[k] * order, silicon_supply[k]);
        o.gpu_requested[k] = (1.0 - silicon_target[k]) * order;
        requested += o.gpu_requested[k];
    }
    const double ratio = requested > gpu_supply ? gpu_supply / requested : 1.0;
    for (std::size_t k = 0; k < K; ++k) o.gpu_granted[k] = o.gpu_requested[k] * ratio;
    return o;
}

void update_clouds(MarketState& state, const std::vector<double>& shares, double alpha_bar,
                   const std::vector<double>& total_demand) {
    const int K = state.cloud_count();
    const Globals& g = state.globals;
    if (g.pricing == PricingRule::markup) {
        const double cost = state.gpu_unit_cost();
        for (int k = 0; k < K; ++k) {
            const double lerner = target_lerner(alpha_bar, shares[k], g.lerner_min, g.lerner_max);
            double& p = state.clouds[k].price;
            // Scarcity pricing (docs/ODD.md D24): a cloud that rationed last month aims above
            // its cost-based markup; zeta = 0 is the cost-only rule of the spec.
            const double scarcity = 1.0 + g.scarcity_pricing * state.excess[k];
            p += g.markup_speed * (markup_price(cost, lerner) * scarcity - p);
        }
    }
    std::vector<double> capacity(K), pipeline(K), target(K), supply(K);
    for (int k = 0; k < K; ++k) {
        capacity[k] = state.capacity(k);
        pipeline[k] = state.pipeline(k);
        target[k] = state.clouds[k].silicon_target;
        supply[k] = state.silicon_supply(k);
    }
    const auto orders = plan_capacity(total_demand, capacity, pipeline, target, supply, g.headroom,
                                      g.demand_growth, g.lead_time, state.gpu_supply());
    // Slot tick % L is free: its contents were delivered at the start of this tick.
    const auto slot = static_cast<std::size_t>(state.tick % g.lead_time);
    for (int k = 0; k < K; ++k) {
        state.arriving_silicon[slot][k] += orders.silicon[k];
        state.arriving_gpu[slot][k] += orders.gpu_granted[k];
    }
}

void deliver_capacity(MarketState& state) {
    const auto slot = static_cast<std::size_t>(state.tick % state.globals.lead_time);
    for (int k = 0; k < state.cloud_count(); ++k) {
        state.capacity_gpu[k] += state.arriving_gpu[slot][k];
        state.capacity_silicon[k] += state.arriving_silicon[slot][k];
        state.arriving_gpu[slot][k] = 0.0;
        state.arriving_silicon[slot][k] = 0.0;
    }
}

double silicon_fraction(const MarketState& state, int k) noexcept {
    const double cap = state.capacity(k);
    return cap > 0.0 ? state.capacity_silicon[k] / cap : state.clouds[k].silicon_fraction;
}

}  // namespace moatsim
