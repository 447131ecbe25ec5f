#include "experiments/comparison.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "io/csv_format.hpp"

namespace moatsim {
namespace {

template <class Spec>
std::vector<std::string> missing_from(const std::vector<Spec>& from, const std::vector<Spec>& in) {
    std::vector<std::string> out;
    for (const auto& a : from) {
        bool found = false;
        for (const auto& b : in) found = found || a.name == b.name;
        if (!found) out.push_back(a.name);
    }
    return out;
}

}  // namespace

Comparison compare_runs(const Scenario& bs, const EnsembleResult& base, const Scenario& as,
                        const EnsembleResult& alt, Metric metric,
                        const std::optional<std::string>& cloud) {
    if (base.replicates.size() != alt.replicates.size())
        throw std::invalid_argument("compare_runs: the two runs have different replicate counts");
    Comparison c;
    c.metric = metric;
    c.ticks = std::min(bs.run.ticks, as.run.ticks);
    c.only_base_clouds = missing_from(bs.clouds, as.clouds);
    c.only_alt_clouds = missing_from(as.clouds, bs.clouds);
    c.only_base_vendors = missing_from(bs.vendors, as.vendors);
    c.only_alt_vendors = missing_from(as.vendors, bs.vendors);
    std::vector<std::pair<int, int>> pairs;  // (base index, alt index) of compared clouds
    for (std::size_t k = 0; k < bs.clouds.size(); ++k) {
        const int j = as.cloud_index(bs.clouds[k].name);
        if (j < 0 || (cloud && *cloud != bs.clouds[k].name)) continue;
        c.clouds.push_back(bs.clouds[k].name);
        pairs.emplace_back(static_cast<int>(k), j);
    }
    const std::size_t reps = base.replicates.size();
    std::vector<double> diff(reps);
    for (int t = 0; t <= c.ticks; ++t) {
        for (std::size_t p = 0; p < pairs.size(); ++p) {
            ComparisonRow row;
            row.tick = t;
            row.cloud = c.clouds[p];
            for (std::size_t r = 0; r < reps; ++r) {
                const double b = metric_value(base.replicates[r].ticks[t].clouds[pairs[p].first], metric);
                const double a = metric_value(alt.replicates[r].ticks[t].clouds[pairs[p].second], metric);
                row.mean_base += b / static_cast<double>(reps);
                row.mean_alt += a / static_cast<double>(reps);
                diff[r] = a - b;
            }
            row.diff = mean_interval(diff);
            c.rows.push_back(std::move(row));
        }
    }
    return c;
}

void write_comparison_csv(std::ostream& out, const Scenario& bs, const Comparison& c) {
    out << "tick,date,cloud,metric,mean_base,mean_alt,diff,lo95,hi95,excludes_zero\n";
    fmt::memory_buffer buf;
    for (const auto& row : c.rows)
        fmt::format_to(std::back_inserter(buf), "{},{},{},{},{},{},{},{},{},{}\n", row.tick,
                       bs.start.plus_months(row.tick).to_string(), csv_text(row.cloud),
                       metric_name(c.metric), csv_number(row.mean_base), csv_number(row.mean_alt),
                       csv_number(row.diff.mean), csv_number(row.diff.lo95),
                       csv_number(row.diff.hi95), row.excludes_zero() ? 1 : 0);
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

}  // namespace moatsim
