#include "io/plot_metrics.hpp"

#include <map>

namespace moatsim {

MetricDisplay metric_display(const std::string& metric) {
    static const std::map<std::string, MetricDisplay> known = {
        {"share_workload", {"Workload share", 100, "%", "pp", true}},
        {"share_revenue", {"Revenue share", 100, "%", "pp", true}},
        {"customers", {"Customers", 1, "enterprises", "enterprises"}},
        {"price", {"GPU list price", 1, "$ per compute unit", "$ per compute unit"}},
        {"capacity", {"Capacity", 1, "compute units / month", "compute units / month"}},
        {"utilization", {"Utilization", 100, "%", "pp", true}},
        {"silicon_fraction", {"Own-silicon share of capacity", 100, "%", "pp", true}},
        {"revenue_usage", {"Usage revenue", 1, "$ / month", "$ / month"}},
        {"revenue_training", {"Training revenue", 1, "$ / month", "$ / month"}},
        {"vendor_share", {"Model vendor workload share", 100, "%", "pp", true}},
        {"vendor_quality", {"Model quality", 1, "quality units", "quality units"}},
    };
    const auto it = known.find(metric);
    return it != known.end() ? it->second : MetricDisplay{metric, 1, "", ""};
}

const std::vector<std::string>& run_plot_metrics() {
    static const std::vector<std::string> names = {"share_workload", "share_revenue", "price",
                                                   "capacity",       "utilization",   "vendor_share",
                                                   "vendor_quality"};
    return names;
}

std::optional<RunMetricSource> run_metric_source(const std::string& metric) {
    if (metric == "share_workload" || metric == "share_revenue")
        return RunMetricSource{"summary.csv", "cloud", metric, true};
    if (metric == "price" || metric == "capacity" || metric == "utilization")
        return RunMetricSource{"clouds.csv", "cloud", metric, false};
    if (metric == "vendor_share") return RunMetricSource{"vendors.csv", "vendor", "share", false};
    if (metric == "vendor_quality") return RunMetricSource{"vendors.csv", "vendor", "quality", false};
    return std::nullopt;
}

std::string run_plot_metric_names() {
    std::string out;
    for (const auto& m : run_plot_metrics()) out += (out.empty() ? "" : ", ") + m;
    return out;
}

}  // namespace moatsim
