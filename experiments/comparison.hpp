#pragma once
// Paired comparison of two runs on common random numbers: replicate r of the alternative
// shares seed, population and draws with replicate r of the base, so ALT - BASE is taken
// per replicate and its spread is the lever's, not the noise's.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "experiments/ensemble.hpp"
#include "experiments/metrics.hpp"
#include "core/summary.hpp"

namespace moatsim {

struct ComparisonRow {
    int tick = 0;
    std::string cloud;
    double mean_base = 0, mean_alt = 0;
    Interval diff;  // of ALT - BASE across replicates
    [[nodiscard]] bool excludes_zero() const noexcept {
        return diff.count > 1 && (diff.lo95 > 0.0 || diff.hi95 < 0.0);
    }
};

struct Comparison {
    Metric metric = Metric::share_workload;
    int ticks = 0;                      // rows cover ticks 0..ticks, the shorter horizon
    std::vector<std::string> clouds;    // compared: in both, in the base's order
    std::vector<std::string> only_base_clouds, only_alt_clouds;
    std::vector<std::string> only_base_vendors, only_alt_vendors;
    std::vector<ComparisonRow> rows;    // by tick, then cloud
};

/// Pairs replicate r of `alt` with replicate r of `base`. `cloud`, if given, restricts the
/// rows to that cloud. @throws std::invalid_argument if the replicate counts differ.
[[nodiscard]] Comparison compare_runs(const Scenario& base_scenario, const EnsembleResult& base,
                                      const Scenario& alt_scenario, const EnsembleResult& alt,
                                      Metric metric, const std::optional<std::string>& cloud);

/// compare.csv: tick,date,cloud,metric,mean_base,mean_alt,diff,lo95,hi95,excludes_zero
void write_comparison_csv(std::ostream& out, const Scenario& base_scenario, const Comparison& c);

}  // namespace moatsim
