#include "market/training.hpp"

#include <cmath>

namespace moatsim {

double quality_from_compute(const VendorSpec& v, double compute) noexcept {
    return v.quality0 + v.quality_scale * std::log1p(compute / v.compute_scale);
}

Training train_vendors(MarketState& state, const std::vector<double>& vendor_revenue) {
    const int K = state.cloud_count(), M = state.vendor_count();
    Training t;
    t.budget.assign(M, 0.0);
    t.revenue_training.assign(K, 0.0);
    t.demand_next.assign(K, 0.0);
    for (int m = 0; m < M; ++m) {
        const VendorSpec& v = state.vendors[m];
        t.budget[m] = v.reinvest * vendor_revenue[m] + state.outside_funding(m);
        double bought = 0.0;
        for (int k = 0; k < K; ++k) {
            const double spend = t.budget[m] * v.training_split[k];
            if (spend <= 0.0) continue;
            // Training on k runs on k's silicon in the same proportion as m's serving there.
            const double units = spend / state.unit_price(k, m);
            t.revenue_training[k] += spend;
            t.demand_next[k] += units;
            bought += units;
        }
        state.compute[m] += bought;
        state.quality[m] = quality_from_compute(v, state.compute[m]);
    }
    state.training_demand = t.demand_next;
    return t;
}

}  // namespace moatsim
