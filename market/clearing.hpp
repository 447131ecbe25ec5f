#pragma once
// Market clearing (docs/ODD.md section 7.7): demand meets capacity; shares and revenue.
#include <vector>

#include "market/market_state.hpp"

namespace moatsim {

struct Clearing {
    std::vector<double> enterprise_demand;  // [K] sum_m D_km, units / month
    std::vector<double> total_demand;       // [K] D_k incl. training
    std::vector<double> served;             // [K] S_k = min(D_k, Cap_k)
    std::vector<double> service_ratio;      // [K] sigma_k
    std::vector<double> share_workload;     // [K]
    std::vector<double> revenue_usage;      // [K] $ / month
    std::vector<double> vendor_served;      // [M] sum_k sigma_k D_km
    std::vector<double> vendor_share;       // [M]
    std::vector<double> vendor_revenue;     // [M] R_m, $ / month
    std::vector<double> excess;             // [K] z_k = max(0, D_k / Cap_k - 1)
};

/// Clears the market. demand_km[k*M+m] is D_km (growth already applied); the training
/// demand and capacity come from the state.
[[nodiscard]] Clearing clear_market(const MarketState& state, const std::vector<double>& demand_km);

}  // namespace moatsim
