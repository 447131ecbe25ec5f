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
/// Whether the metric is a fraction in [0, 1] (shares, utilization, silicon_fraction), so that
/// its confidence intervals are clipped to [0, 1].
[[nodiscard]] bool metric_is_fraction(Metric m) noexcept;

}  // namespace moatsim
