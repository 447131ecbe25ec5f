#include "agents/population.hpp"

#include <sys/mman.h>
#include <unistd.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <utility>

#include "agents/fast_math.hpp"
#include "agents/rng.hpp"

namespace moatsim {
namespace {

// One attribute's sampler, with the lognormal's parameters worked out once rather than
// per enterprise. Works on a chunk of enterprises at a time, so that the lognormal's exps
// vectorise; always >= 0.
struct Sampler {
    Distribution d;
    double mu = 0.0, sigma = 0.0;  // of the underlying normal (lognormal)

    explicit Sampler(const Distribution& dist) : d(dist) {
        if (d.kind == Distribution::Kind::lognormal && d.sd > 0.0) {
            // Parameters of the underlying normal so the variable has the given mean and sd.
            const double sigma2 = std::log1p((d.sd * d.sd) / (d.mean * d.mean));
            mu = std::log(d.mean) - 0.5 * sigma2;
            sigma = std::sqrt(sigma2);
        }
    }

    /// out[c] from uniform u[c] (inverse transform: Pareto) or standard normal z[c].
    void operator()(const double* u, const double* z, std::size_t n, Attribute* out) const noexcept {
        if (d.kind == Distribution::Kind::pareto) {
            for (std::size_t c = 0; c < n; ++c) out[c] = static_cast<Attribute>(std::pow(u[c], -1.0 / d.shape));
        } else if (d.kind == Distribution::Kind::lognormal && d.sd > 0.0) {
            for (std::size_t c = 0; c < n; ++c)
                out[c] = static_cast<Attribute>(fast_math::exp(mu + sigma * z[c]));
        } else {
            for (std::size_t c = 0; c < n; ++c) out[c] = static_cast<Attribute>(d.mean);
        }
    }
};

// Box-Muller (first branch) over a chunk, vectorised: z = sqrt(-2 ln u1) cos(2 pi u2).
void standard_normals(const double* u1, const double* u2, std::size_t n, double* z) noexcept {
    for (std::size_t c = 0; c < n; ++c)
        z[c] = std::sqrt(-2.0 * fast_math::log(u1[c])) * fast_math::cos_2pi(u2[c]);
}

std::uint8_t draw_category(const std::vector<double>& probs, double u) noexcept {
    double cum = 0.0;
    std::size_t last_positive = 0;
    for (std::size_t k = 0; k < probs.size(); ++k) {
        if (probs[k] <= 0.0) continue;
        last_positive = k;
        cum += probs[k];
        if (u <= cum) return static_cast<std::uint8_t>(k);
    }
    return static_cast<std::uint8_t>(last_positive);  // rounding: u slightly above the sum
}

}  // namespace

std::size_t bytes_per_enterprise(std::size_t vendors, bool with_ids) noexcept {
    constexpr std::size_t state = 8;  // EnterpriseState: 1 + 2 + 4 (stochastic) or 8 (expected)
    return 4 * sizeof(Attribute) + 2 + vendors * sizeof(Attribute) +
           (with_ids ? sizeof(std::uint64_t) : 0) + state;
}

std::uint64_t available_memory_bytes() {
    std::ifstream meminfo("/proc/meminfo");
    std::string key;
    std::uint64_t kib = 0;
    std::string unit;
    while (meminfo >> key >> kib >> unit)
        if (key == "MemAvailable:") return kib * 1024;
    const long pages = ::sysconf(_SC_AVPHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
    return pages > 0 && page > 0 ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page)
                                 : 0;
}

std::optional<double> memory_shortfall(double needed) {
    const double available = static_cast<double>(available_memory_bytes());
    if (available <= 0.0 || needed <= available) return std::nullopt;
    return available;
}

std::string population_memory_problem(std::uint64_t enterprises, std::size_t vendors, bool with_ids) {
    const auto per = static_cast<double>(bytes_per_enterprise(vendors, with_ids));
    const double needed = static_cast<double>(enterprises) * per;  // in double: N x bytes overflows 64 bits
    const auto short_of = memory_shortfall(needed);
    if (!short_of) return {};
    const double available = *short_of;
    char buf[320];
    std::snprintf(buf, sizeof buf,
                  "the population needs about %.3g bytes (%.0f bytes per enterprise x %llu "
                  "enterprises), more than the %.3g bytes of memory available (MemAvailable); "
                  "expected at most about %.0f enterprises on this machine",
                  needed, per, static_cast<unsigned long long>(enterprises), available, std::floor(available / per));
    return buf;
}

void Population::resize(std::size_t n, std::size_t vendor_count) {
    id.clear();
    vendors = vendor_count;
    demand.resize(n);
    alpha.resize(n);
    beta.resize(n);
    phi.resize(n);
    home.resize(n);
    adopted.resize(n);
    taste.assign(n * vendor_count, 0.0f);
}

void reserve_rows(Population& pop, std::size_t n, bool with_ids) {
    constexpr std::uintptr_t huge = std::uintptr_t{2} << 20;
    std::vector<std::pair<char*, std::size_t>> chunks;
    for_each_population_column(pop, [&](auto& column, std::size_t width) {
        if (!with_ids && static_cast<void*>(&column) == static_cast<void*>(&pop.id)) return;
        column.reserve(n * width);
        auto* const start = reinterpret_cast<char*>(column.data());
        const std::size_t bytes = column.capacity() * sizeof(column[0]);
        const auto first = (reinterpret_cast<std::uintptr_t>(start) + huge - 1) & ~(huge - 1);
        const auto last = (reinterpret_cast<std::uintptr_t>(start) + bytes) & ~(huge - 1);
        if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
        for (std::size_t off = 0; off < bytes; off += huge)
            chunks.emplace_back(start + off, std::min<std::size_t>(huge, bytes - off));
    });
    // Writing to reserved, not yet constructed storage is fine for these trivial types.
    tbb::parallel_for(std::size_t{0}, chunks.size(),
                      [&](std::size_t k) { std::memset(chunks[k].first, 0, chunks[k].second); });
}

Population draw_population(const PopulationSpec& spec, const std::vector<std::string>& vendor_names,
                           const std::vector<double>& taste_means, std::uint64_t seed,
                           std::uint64_t replicate) {
    const auto n = static_cast<std::uint64_t>(spec.enterprises);
    return draw_population_block(spec, vendor_names, taste_means, seed, replicate, {0, n, n},
                                 local_reducer());
}

Population draw_population_block(const PopulationSpec& spec,
                                 const std::vector<std::string>& vendor_names,
                                 const std::vector<double>& taste_means, std::uint64_t seed,
                                 std::uint64_t replicate, const EnterpriseRange& rows,
                                 PartitionReducer& reducer) {
    const auto n = static_cast<std::size_t>(rows.count());
    const std::uint64_t first_id = rows.begin;
    Population pop;
    pop.vendors = vendor_names.size();
    reserve_rows(pop, n, false);  // so that resize() writes to pages already faulted in
    pop.resize(n, vendor_names.size());
    pop.first_key = first_id;
    std::vector<std::uint64_t> vendor_keys;
    for (const auto& name : vendor_names) vendor_keys.push_back(name_key(name));

    const Sampler size(spec.size), alpha(spec.price_sensitivity),
        beta(spec.quality_sensitivity), phi(spec.lock_in_fear);
    const std::size_t M = vendor_keys.size();
    // Per chunk of enterprises: the counter-based uniforms first (scalar Philox), then the
    // normals and transforms in vectorised loops over the chunk.
    constexpr std::size_t chunk = 64;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 4096), [&](const auto& range) {
        // Slots 0-3: size, alpha, beta, phi; 4 + m: vendor m's taste.
        std::vector<double> u1((4 + M) * chunk), u2((4 + M) * chunk), z((4 + M) * chunk);
        Attribute out[chunk];
        for (std::size_t first = range.begin(); first < range.end(); first += chunk) {
            const std::size_t count = std::min(chunk, range.end() - first);
            for (std::size_t c = 0; c < count; ++c) {
                const std::size_t row = first + c;
                const std::uint64_t id = first_id + row;
                const auto a = uniforms4(seed, replicate, id, setup_tick, Purpose::population, 0);
                const auto b = uniforms4(seed, replicate, id, setup_tick, Purpose::population, 1);
                const auto h = uniforms4(seed, replicate, id, setup_tick, Purpose::population, 2);
                u1[0 * chunk + c] = a[0], u2[0 * chunk + c] = a[1];
                u1[1 * chunk + c] = a[2], u2[1 * chunk + c] = a[3];
                u1[2 * chunk + c] = b[0], u2[2 * chunk + c] = b[1];
                u1[3 * chunk + c] = b[2], u2[3 * chunk + c] = b[3];
                pop.home[row] = draw_category(spec.home_cloud, h[0]);
                pop.adopted[row] = h[1] <= spec.adopted_initial ? 1 : 0;
                for (std::size_t m = 0; m < M; ++m) {
                    const auto t = uniforms4(seed, replicate, id, setup_tick, Purpose::taste,
                                             vendor_keys[m]);
                    u1[(4 + m) * chunk + c] = t[0], u2[(4 + m) * chunk + c] = t[1];
                }
            }
            for (std::size_t slot = 0; slot < 4 + M; ++slot)
                standard_normals(&u1[slot * chunk], &u2[slot * chunk], count, &z[slot * chunk]);
            const Sampler* samplers[] = {&size, &alpha, &beta, &phi};
            std::vector<Attribute>* columns[] = {&pop.demand, &pop.alpha, &pop.beta, &pop.phi};
            for (std::size_t slot = 0; slot < 4; ++slot) {
                (*samplers[slot])(&u1[slot * chunk], &z[slot * chunk], count, out);
                std::copy(out, out + count, columns[slot]->begin() + static_cast<std::ptrdiff_t>(first));
            }
            for (std::size_t c = 0; c < count; ++c)
                for (std::size_t m = 0; m < M; ++m)
                    pop.taste[(first + c) * M + m] =
                        static_cast<Attribute>(taste_means[m] + spec.taste_sd * z[(4 + m) * chunk + c]);
        }
    });

    // Scale sizes to the market: N sets resolution, not market size (docs/ODD.md section 5).
    // A serial sum in index order keeps the scale factor identical for any thread count; the
    // partitions continue it in order, for any partition count.
    double running[1] = {0.0};
    reducer.fold_in_order(running, [&](std::span<double> sum) {
        for (const Attribute s : pop.demand) sum[0] += s;
    });
    const double total = running[0];
    const double scale = total > 0.0 ? spec.market_size / total : 0.0;
    for (Attribute& s : pop.demand) s = static_cast<Attribute>(s * scale);
    return pop;
}

}  // namespace moatsim
