#pragma once
// Vendors reinvest (docs/ODD.md section 7.8): budgets, training revenue, compute, quality.
#include <vector>

#include "market/market_state.hpp"

namespace moatsim {

struct Training {
    std::vector<double> budget;            // [M] B_m = rho_m R_m + F_m(t), $ / month
    std::vector<double> revenue_training;  // [K] sum_m B_m h_mk, $ / month
    std::vector<double> demand_next;       // [K] compute units bought, demanded next tick
};

/// Quality from cumulative compute: q = q0 + sigma ln(1 + Q / Q0).
[[nodiscard]] double quality_from_compute(const VendorSpec& v, double compute) noexcept;

/// Spends this tick's budgets, sets next tick's training demand, and updates Q_m and q_m
/// in the state. vendor_revenue is R_m from this tick's clearing.
Training train_vendors(MarketState& state, const std::vector<double>& vendor_revenue);

}  // namespace moatsim
