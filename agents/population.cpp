#include "agents/population.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cmath>

#include "agents/rng.hpp"

namespace moatsim {
namespace {

// One attribute's sampler, with the lognormal's parameters worked out once rather than
// per enterprise: inverse transform / Box-Muller from uniforms in (0, 1]; always >= 0.
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

    double operator()(double u1, double u2) const noexcept {
        switch (d.kind) {
            case Distribution::Kind::constant: return d.mean;
            case Distribution::Kind::pareto: return std::pow(u1, -1.0 / d.shape);
            case Distribution::Kind::lognormal: break;
        }
        if (d.sd <= 0.0) return d.mean;
        return std::exp(mu + sigma * standard_normal(u1, u2));
    }
};

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

Population draw_population(const PopulationSpec& spec, const std::vector<std::string>& vendor_names,
                           const std::vector<double>& taste_means, std::uint64_t seed,
                           std::uint64_t replicate) {
    const auto n = static_cast<std::size_t>(spec.enterprises);
    Population pop;
    pop.resize(n, vendor_names.size());
    std::vector<std::uint64_t> vendor_keys;
    for (const auto& name : vendor_names) vendor_keys.push_back(name_key(name));

    const Sampler size(spec.size), alpha(spec.price_sensitivity),
        beta(spec.quality_sensitivity), phi(spec.lock_in_fear);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 4096), [&](const auto& range) {
        for (std::size_t i = range.begin(); i != range.end(); ++i) {
            const std::uint64_t id = i;
            const auto a = uniforms4(seed, replicate, id, setup_tick, Purpose::population, 0);
            const auto b = uniforms4(seed, replicate, id, setup_tick, Purpose::population, 1);
            const auto c = uniforms4(seed, replicate, id, setup_tick, Purpose::population, 2);
            pop.demand[i] = static_cast<Attribute>(size(a[0], a[1]));
            pop.alpha[i] = static_cast<Attribute>(alpha(a[2], a[3]));
            pop.beta[i] = static_cast<Attribute>(beta(b[0], b[1]));
            pop.phi[i] = static_cast<Attribute>(phi(b[2], b[3]));
            pop.home[i] = draw_category(spec.home_cloud, c[0]);
            pop.adopted[i] = c[1] <= spec.adopted_initial ? 1 : 0;
            for (std::size_t m = 0; m < vendor_keys.size(); ++m) {
                const auto t = uniforms4(seed, replicate, id, setup_tick, Purpose::taste,
                                         vendor_keys[m]);
                pop.taste[i * pop.vendors + m] = static_cast<Attribute>(taste_means[m] +
                                                         spec.taste_sd * standard_normal(t[0], t[1]));
            }
        }
    });

    // Scale sizes to the market: N sets resolution, not market size (MODEL.md section 5).
    // A serial sum in index order keeps the scale factor identical for any thread count.
    double total = 0.0;
    for (const Attribute s : pop.demand) total += s;
    const double scale = total > 0.0 ? spec.market_size / total : 0.0;
    for (Attribute& s : pop.demand) s = static_cast<Attribute>(s * scale);
    return pop;
}

}  // namespace moatsim
