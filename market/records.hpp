#pragma once
// What a run produces: plain data, one record per tick (row), per replicate.
// io/ turns these into CSV; nothing here prints.
#include <cstdint>
#include <vector>

namespace moatsim {

struct CloudRecord {
    double share_workload = 0;   // served enterprise workload share, fraction
    double share_revenue = 0;    // (usage + training revenue) share, fraction
    double customers = 0;        // adopters whose current cloud is k (expected: mean)
    double price = 0;            // GPU list price used in this row's clearing, $ / unit
    double capacity = 0;         // compute units / month used in this row's clearing
    double utilization = 0;      // served / capacity, fraction
    double silicon_fraction = 0; // own-silicon share of capacity, fraction
    double revenue_usage = 0;    // $ / month
    double revenue_training = 0; // $ / month
    double demand = 0;           // enterprise demand D_k before service, units / month
                                 // (kept for conservation checks; not a CSV column)
};

struct VendorRecord {
    double share = 0;           // share of served enterprise workload, fraction
    double quality = 0;         // q_m after this row's training update
    double revenue = 0;         // margin revenue, $ / month
    double training_spend = 0;  // B_m, $ / month
};

struct TickRecord {
    int tick = 0;
    std::vector<CloudRecord> clouds;
    std::vector<VendorRecord> vendors;
    double adopters = 0;  // enterprises (count; expected: sum of adoption probabilities)
    double switches = 0;  // adopters whose cloud changed this tick (expected: expected number)
    double hhi = 0;       // sum of squared workload shares, in [0, 1]
    double decisions = 0; // choices evaluated this tick (benchmarks; not a CSV column)
};

struct ReplicateResult {
    std::uint64_t replicate = 0;
    std::vector<TickRecord> ticks;  // rows 0..T
};

/// A run's replicates (experiments/ensemble.hpp: run_ensemble); plain data here so that io/
/// can write it without depending on experiments/.
struct EnsembleResult {
    std::vector<double> brand;  // b_k used by every replicate (calibrated or given)
    int calibration_iterations = 0;
    std::vector<ReplicateResult> replicates;  // in replicate order
};

}  // namespace moatsim
