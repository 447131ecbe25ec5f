#pragma once
// The per-cloud quantities experiments summarise (compare, sweep), by their CSV names.
#include <optional>
#include <string>
#include <vector>

#include "market/records.hpp"

namespace moatsim {

enum class Metric {
    share_workload, share_revenue, customers, price, capacity, utilization, silicon_fraction,
    revenue_usage, revenue_training
};

/// Every metric, in the order of clouds.csv's columns.
[[nodiscard]] const std::vector<Metric>& all_metrics();
[[nodiscard]] const char* metric_name(Metric m) noexcept;
/// "share_workload" -> Metric; nullopt for any other name.
[[nodiscard]] std::optional<Metric> parse_metric(const std::string& name);
/// "share_workload, share_revenue, ..." for messages.
[[nodiscard]] std::string metric_names();
[[nodiscard]] double metric_value(const CloudRecord& c, Metric m) noexcept;

}  // namespace moatsim
