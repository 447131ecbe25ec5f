#pragma once
// Enterprises' fixed attributes, as structure-of-arrays: one column per attribute,
// index i is one enterprise. Drawn from the scenario's distributions or loaded from CSV.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/partition.hpp"

namespace moatsim {

/// A non-negative population attribute's distribution.
struct Distribution {
    enum class Kind { constant, lognormal, pareto };
    Kind kind = Kind::constant;
    double mean = 1.0;   // constant value, or mean of the lognormal variable itself
    double sd = 0.0;     // standard deviation of the variable itself (lognormal)
    double shape = 2.0;  // Pareto tail index (pareto; scale is irrelevant for sizes)
};

struct PopulationSpec {
    std::int64_t enterprises = 1000;     // N (resolution, not market size)
    double market_size = 1.0;            // sum of s_i, compute units/month at full adoption
    double adopted_initial = 0.5;        // A_0, fraction of enterprises adopted at t = 0
    Distribution size{Distribution::Kind::lognormal, 1.0, 1.0, 2.0};  // s_i before scaling
    Distribution price_sensitivity{};    // alpha_i, utils per unit of log price
    Distribution quality_sensitivity{};  // beta_i, utils per quality unit
    Distribution lock_in_fear{};         // phi_i, dimensionless weight
    double taste_sd = 1.0;               // sd of tau_im around each vendor's taste_mean, utils
    std::vector<double> home_cloud;      // probability of each cloud being home g_i (sums to 1)
};

/// Storage type of the per-enterprise attributes. float halves the population's memory (the
/// largest part of a run's footprint, ~57 instead of ~114 bytes per enterprise with nine
/// vendors); its 24-bit mantissa is far finer than any attribute is known. Everything
/// computed from the attributes (utilities, sums, tallies) is in double.
using Attribute = float;

struct Population {
    /// Stable identity, the key of every random stream. Empty when each enterprise's id is its
    /// index (drawn populations, and loaded ones numbered 0..N-1 in order): 8 bytes per
    /// enterprise saved, and no load per draw. Use key(i).
    std::vector<std::uint64_t> id;
    std::vector<Attribute> demand;        // s_i, compute units/month once adopted (CSV: size)
    std::vector<Attribute> alpha;         // price sensitivity
    std::vector<Attribute> beta;          // quality sensitivity
    std::vector<Attribute> phi;           // lock-in fear
    std::vector<std::uint8_t> home;       // home cloud index g_i
    std::vector<std::uint8_t> adopted;    // adopted at t = 0 (0/1)
    /// tau_im, utils (full value), row-major: taste[i * vendors + m]. One enterprise's tastes
    /// share a cache line, so the few who choose in a tick cost one memory access, not M.
    std::vector<Attribute> taste;
    std::size_t vendors = 0;              // M, the width of a taste row
    /// Global index of row 0 when id is empty: a partition's block of a population
    /// (core/partition.hpp) keeps its rows' global keys, so they draw the same streams.
    std::uint64_t first_key = 0;

    [[nodiscard]] std::size_t count() const noexcept { return demand.size(); }
    [[nodiscard]] std::uint64_t key(std::size_t i) const noexcept {
        return id.empty() ? first_key + i : id[i];
    }
    [[nodiscard]] const Attribute* taste_of(std::size_t i) const noexcept {
        return taste.data() + i * vendors;
    }
    /// n rows with drawn-style ids (the index; id left empty).
    void resize(std::size_t n, std::size_t vendor_count);
};

/// f(column, values per row) for every stored column of pop.
template <class F>
void for_each_population_column(Population& pop, F f) {
    f(pop.id, 1), f(pop.demand, 1), f(pop.alpha, 1), f(pop.beta, 1), f(pop.phi, 1);
    f(pop.home, 1), f(pop.adopted, 1), f(pop.taste, pop.vendors);
}

/// Allocates capacity for n rows in every column (the id column only if with_ids; tastes by
/// pop.vendors) and faults it in on all threads. A 1e8-row population is ~5 GB: the kernel
/// zeroing it page by page inside a serial resize() took longer than drawing it. Huge pages
/// are asked for (a hint; failures are harmless).
void reserve_rows(Population& pop, std::size_t n, bool with_ids);

/// Bytes one enterprise takes in one running replicate: its attributes (with an id column if
/// with_ids) plus the simulation's changing state (at most 8 bytes: stochastic mode keeps
/// adopted, pair and clock; expected mode an adoption probability).
[[nodiscard]] std::size_t bytes_per_enterprise(std::size_t vendors, bool with_ids) noexcept;

/// Memory the system can still give this process, in bytes: MemAvailable from /proc/meminfo,
/// else sysconf's available pages; 0 if neither is known.
[[nodiscard]] std::uint64_t available_memory_bytes();

/// The memory available (available_memory_bytes) when `needed` bytes exceed it; nullopt when
/// they fit or the available memory is unknown. Every "does not fit in memory" check asks this.
[[nodiscard]] std::optional<double> memory_shortfall(double needed);

/// Why `enterprises` rows of bytes_per_enterprise(vendors, with_ids) do not fit in the
/// available memory ("needs about ... bytes (62 bytes per enterprise x N), more than the
/// ... available"), or "" if they fit or the available memory is unknown. Checked before
/// anything is allocated, so an impossible N is a clear message rather than bad_alloc.
[[nodiscard]] std::string population_memory_problem(std::uint64_t enterprises, std::size_t vendors,
                                                    bool with_ids);

/// Draws a population keyed by (seed, replicate); tastes are keyed by vendor name too.
/// Sizes are scaled so that their sum equals spec.market_size.
/// @param vendor_names   one per vendor, in scenario order
/// @param taste_means    tau mean per vendor
[[nodiscard]] Population draw_population(const PopulationSpec& spec,
                                         const std::vector<std::string>& vendor_names,
                                         const std::vector<double>& taste_means,
                                         std::uint64_t seed, std::uint64_t replicate);

/// The rows [range.begin, range.end) of draw_population's population of range.total, bit for
/// bit: each row is drawn from its own streams, and the size scale, which needs the sum over
/// all N rows in index order, is folded across partitions in order by `reducer`.
[[nodiscard]] Population draw_population_block(const PopulationSpec& spec,
                                               const std::vector<std::string>& vendor_names,
                                               const std::vector<double>& taste_means,
                                               std::uint64_t seed, std::uint64_t replicate,
                                               const EnterpriseRange& range,
                                               PartitionReducer& reducer);

}  // namespace moatsim
