#include "experiments/metrics.hpp"

namespace moatsim {

const std::vector<Metric>& all_metrics() {
    static const std::vector<Metric> all = {
        Metric::share_workload, Metric::share_revenue,    Metric::customers,
        Metric::price,          Metric::capacity,         Metric::utilization,
        Metric::silicon_fraction, Metric::revenue_usage,  Metric::revenue_training};
    return all;
}

const char* metric_name(Metric m) noexcept {
    switch (m) {
        case Metric::share_workload: return "share_workload";
        case Metric::share_revenue: return "share_revenue";
        case Metric::customers: return "customers";
        case Metric::price: return "price";
        case Metric::capacity: return "capacity";
        case Metric::utilization: return "utilization";
        case Metric::silicon_fraction: return "silicon_fraction";
        case Metric::revenue_usage: return "revenue_usage";
        case Metric::revenue_training: return "revenue_training";
    }
    return "share_workload";
}

std::optional<Metric> parse_metric(const std::string& name) {
    for (const Metric m : all_metrics())
        if (name == metric_name(m)) return m;
    return std::nullopt;
}

std::string metric_names() {
    std::string out;
    for (const Metric m : all_metrics()) out += (out.empty() ? "" : ", ") + std::string(metric_name(m));
    return out;
}

double metric_value(const CloudRecord& c, Metric m) noexcept {
    switch (m) {
        case Metric::share_workload: return c.share_workload;
        case Metric::share_revenue: return c.share_revenue;
        case Metric::customers: return c.customers;
        case Metric::price: return c.price;
        case Metric::capacity: return c.capacity;
        case Metric::utilization: return c.utilization;
        case Metric::silicon_fraction: return c.silicon_fraction;
        case Metric::revenue_usage: return c.revenue_usage;
        case Metric::revenue_training: return c.revenue_training;
    }
    return c.share_workload;
}

bool metric_is_fraction(Metric m) noexcept {
    return m == Metric::share_workload || m == Metric::share_revenue ||
           m == Metric::utilization || m == Metric::silicon_fraction;
}

}  // namespace moatsim
