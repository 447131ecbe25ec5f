#include "market/clearing.hpp"

#include <algorithm>

namespace moatsim {

Clearing clear_market(const MarketState& state, const std::vector<double>& demand_km) {
    const int K = state.cloud_count(), M = state.vendor_count();
    Clearing c;
    c.enterprise_demand.assign(K, 0.0);
    c.total_demand.assign(K, 0.0);
    c.served.assign(K, 0.0);
    c.service_ratio.assign(K, 1.0);
    c.share_workload.assign(K, 0.0);
    c.revenue_usage.assign(K, 0.0);
    c.vendor_served.assign(M, 0.0);
    c.vendor_share.assign(M, 0.0);
    c.vendor_revenue.assign(M, 0.0);
    c.excess.assign(K, 0.0);

    double served_enterprise_total = 0.0;
    for (int k = 0; k < K; ++k) {
        for (int m = 0; m < M; ++m) c.enterprise_demand[k] += demand_km[k * M + m];
        c.total_demand[k] = c.enterprise_demand[k] + state.training_demand[k];
        const double cap = state.capacity(k);
        c.served[k] = std::min(c.total_demand[k], cap);
        // Training and enterprise work are served in the same proportion (no priority).
        c.service_ratio[k] = c.total_demand[k] > 0.0 ? c.served[k] / c.total_demand[k] : 1.0;
        c.excess[k] = cap > 0.0 ? std::max(0.0, c.total_demand[k] / cap - 1.0)
                                : (c.total_demand[k] > 0.0 ? 1.0 : 0.0);
        served_enterprise_total += c.service_ratio[k] * c.enterprise_demand[k];
        for (int m = 0; m < M; ++m) {
            const double served = c.service_ratio[k] * demand_km[k * M + m];
            c.revenue_usage[k] += served * state.unit_price(k, m);
            c.vendor_served[m] += served;
            c.vendor_revenue[m] += served * state.vendors[m].margin;
        }
    }
    for (int k = 0; k < K; ++k)
        if (served_enterprise_total > 0.0)
            c.share_workload[k] = c.service_ratio[k] * c.enterprise_demand[k] / served_enterprise_total;
    for (int m = 0; m < M; ++m)
        if (served_enterprise_total > 0.0)
            c.vendor_share[m] = c.vendor_served[m] / served_enterprise_total;
    return c;
}

}  // namespace moatsim
