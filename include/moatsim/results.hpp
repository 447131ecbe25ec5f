#pragma once
// Plain result structs of the embedding facade (include/moatsim/moatsim.hpp): what a run or a
// comparison produced, per replicate, per tick, per cloud and per vendor. Only the standard
// library; units as in the CSV tables moatsim writes (docs/CLI.md, "Output files").
#include <cstdint>
#include <string>
#include <vector>

namespace moatsim::api {

/// One cloud in one tick (a row of clouds.csv).
struct CloudTick {
    double share_workload = 0;    // served enterprise workload share, fraction
    double share_revenue = 0;     // (usage + training revenue) share, fraction
    double customers = 0;         // adopters on this cloud (expected mode: mean)
    double price = 0;             // GPU list price, $ per compute unit
    double capacity = 0;          // compute units per month
    double utilization = 0;       // served / capacity, fraction
    double silicon_fraction = 0;  // own-silicon share of capacity, fraction
    double revenue_usage = 0;     // $ per month
    double revenue_training = 0;  // $ per month
};

/// One model vendor in one tick (a row of vendors.csv).
struct VendorTick {
    double share = 0;           // share of served enterprise workload, fraction
    double quality = 0;         // quality after this tick's training update
    double revenue = 0;         // margin revenue, $ per month
    double training_spend = 0;  // $ per month
};

/// One tick of one replicate: clouds and vendors in the order of RunResult::clouds/vendors.
struct Tick {
    int tick = 0;          // months after the start
    std::string date;      // "YYYY-MM"
    std::vector<CloudTick> clouds;
    std::vector<VendorTick> vendors;
    double adopters = 0;   // enterprises that have adopted (expected mode: expected count)
    double switches = 0;   // adopters whose cloud changed this tick
    double hhi = 0;        // sum of squared workload shares, in [0, 1]
};

struct Replicate {
    std::uint64_t replicate = 0;  // the random stream (seed, replicate)
    std::vector<Tick> ticks;      // ticks 0..T
};

/// Everything one run produced.
struct RunResult {
    std::string scenario;              // the scenario's name
    std::string start;                 // date of tick 0, "YYYY-MM"
    std::vector<std::string> clouds;   // index order of Tick::clouds
    std::vector<std::string> vendors;  // index order of Tick::vendors
    std::vector<Replicate> replicates; // in replicate order

    /// Index of a cloud or vendor by name, -1 if absent.
    [[nodiscard]] int cloud_index(const std::string& name) const noexcept;
    [[nodiscard]] int vendor_index(const std::string& name) const noexcept;
    /// The mean over replicates of a cloud's workload share at `tick`.
    /// @throws std::out_of_range for an unknown cloud or a tick past the horizon.
    [[nodiscard]] double mean_cloud_share(const std::string& cloud, int tick) const;
    /// The mean over replicates of a vendor's share at `tick`. @throws std::out_of_range
    [[nodiscard]] double mean_vendor_share(const std::string& vendor, int tick) const;
};

/// The paired difference ALT - BASE of one cloud at one tick, across replicates.
struct ComparisonRow {
    int tick = 0;
    std::string date;             // "YYYY-MM"
    std::string cloud;
    double mean_base = 0, mean_alt = 0;
    double diff = 0;              // mean of ALT - BASE over paired replicates
    double lo95 = 0, hi95 = 0;    // 95% t-interval of the difference (NaN for 1 replicate)
    int replicates = 0;           // paired replicates
    [[nodiscard]] bool excludes_zero() const noexcept {
        return replicates > 1 && (lo95 > 0.0 || hi95 < 0.0);
    }
};

/// A paired comparison, as `moatsim compare` writes it to compare.csv, plus both runs.
struct Comparison {
    std::string metric;                       // e.g. "share_workload"
    int ticks = 0;                            // rows cover 0..ticks, the shorter horizon
    std::vector<std::string> clouds;          // compared: in both, in the base's order
    std::vector<std::string> only_base_clouds, only_alt_clouds;
    std::vector<std::string> only_base_vendors, only_alt_vendors;
    std::vector<ComparisonRow> rows;          // by tick, then cloud
    RunResult base, alt;                      // the two runs (the alternative with base brands)

    /// The row of `cloud` at `tick`. @throws std::out_of_range if there is none.
    [[nodiscard]] const ComparisonRow& row(const std::string& cloud, int tick) const;
};

}  // namespace moatsim::api
