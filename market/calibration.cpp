#include "market/calibration.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "agents/chooser.hpp"
#include "agents/input_error.hpp"

namespace moatsim {
namespace {

constexpr std::size_t block = 4096;

// For every initial adopter, its cloud choice without brands in a form that makes each
// contraction step cheap: e_ik = exp(V_ik - max_k V_ik) with V the cloud utility without b_k
// (0 for closed clouds). The nests do not depend on b, and exp(V + b) = exp(V) exp(b), so a
// step needs no exp per adopter: P_ik = e_ik B_k / sum_k' e_ik' B_k', B_k = exp(b_k - max b).
// Stored as float (the largest array of a run's set-up); its 1e-7 relative rounding moves
// the fitted shares by far less than the 1e-6 the calibration promises.
struct AdopterUtilities {
    std::vector<float> scaled;  // [adopter * K] e_ik, in [0, 1]
    std::vector<float> weight;  // s_i
};

AdopterUtilities adopter_utilities(const ChoiceContext& ctx, const Population& pop) {
    const int K = ctx.clouds, M = ctx.vendors;
    AdopterUtilities out;
    std::vector<std::uint32_t> adopters;  // population indices fit: N < 2^32 (loader limit)
    for (std::size_t i = 0; i < pop.count(); ++i)
        if (pop.adopted[i]) adopters.push_back(static_cast<std::uint32_t>(i));
    out.scaled.assign(adopters.size() * K, 0.0f);
    out.weight.resize(adopters.size());
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, adopters.size(), block),
                      [&](const auto& r) {
        double taste[max_vendors], prob[max_vendors], v[max_clouds];
        for (std::size_t a = r.begin(); a != r.end(); ++a) {
            const std::size_t i = adopters[a];
            const Chooser e = chooser_for(pop, i, M, taste);
            out.weight[a] = pop.demand[i];
            double top = -std::numeric_limits<double>::infinity();
            for (int k = 0; k < K; ++k) {
                if (!ctx.cloud_open[k]) continue;
                const NestValues nest = vendor_choice(ctx, e, k, -1, prob);
                v[k] = cloud_utility(ctx, e, k, nest, false);
                top = std::max(top, v[k]);
            }
            for (int k = 0; k < K; ++k)
                if (ctx.cloud_open[k]) out.scaled[a * K + k] = static_cast<float>(std::exp(v[k] - top));
        }
    });
    return out;
}

std::vector<double> shares_from(const AdopterUtilities& u, const ChoiceContext& ctx,
                                const std::vector<double>& brand) {
    const std::size_t K = static_cast<std::size_t>(ctx.clouds);
    const std::size_t n = u.weight.size();
    const std::size_t blocks = (n + block - 1) / block;
    double top = -std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < K; ++k)
        if (ctx.cloud_open[k]) top = std::max(top, brand[k]);
    double factor[max_clouds];
    for (std::size_t k = 0; k < K; ++k) factor[k] = ctx.cloud_open[k] ? std::exp(brand[k] - top) : 0.0;
    std::vector<double> partial(blocks * (K + 1), 0.0);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks, 1), [&](const auto& r) {
        double p[max_clouds];
        for (std::size_t b = r.begin(); b != r.end(); ++b) {
            double* acc = &partial[b * (K + 1)];
            for (std::size_t a = b * block; a < std::min(n, (b + 1) * block); ++a) {
                double sum = 0.0;
                for (std::size_t k = 0; k < K; ++k) {
                    p[k] = static_cast<double>(u.scaled[a * K + k]) * factor[k];
                    sum += p[k];
                }
                const double w = u.weight[a];
                acc[K] += w;
                if (!(sum > 0.0)) continue;  // every term underflowed: no open cloud is reachable
                for (std::size_t k = 0; k < K; ++k) acc[k] += w * p[k] / sum;
            }
        }
    }, tbb::simple_partitioner());
    std::vector<double> total(K + 1, 0.0);
    for (std::size_t b = 0; b < blocks; ++b)  // block order: deterministic
        for (std::size_t k = 0; k <= K; ++k) total[k] += partial[b * (K + 1) + k];
    std::vector<double> shares(K, 0.0);
    for (std::size_t k = 0; k < K; ++k) shares[k] = total[K] > 0.0 ? total[k] / total[K] : 0.0;
    return shares;
}

}  // namespace

std::vector<double> initial_cloud_shares(const ChoiceContext& ctx, const Population& pop,
                                         const std::vector<double>& brand) {
    return shares_from(adopter_utilities(ctx, pop), ctx, brand);
}

CalibrationResult calibrate_brands(const ChoiceContext& ctx, const Population& pop,
                                   const std::vector<double>& targets, double tolerance,
                                   int max_iterations) {
    const int K = ctx.clouds;
    for (int k = 0; k < K; ++k)
        if (targets[k] > 0.0 && !ctx.cloud_open[k])
            throw InputError("calibration: cloud #" + std::to_string(k + 1) +
                             " has a target share but an empty catalog at the start date");
    const AdopterUtilities u = adopter_utilities(ctx, pop);
    if (u.weight.empty())
        throw InputError("calibration: no enterprise is adopted at t = 0 "
                         "(population.adopted_initial = 0?), so shares cannot be matched");
    CalibrationResult result;
    result.brand.assign(K, 0.0);
    for (int it = 1; it <= max_iterations; ++it) {
        const auto shares = shares_from(u, ctx, result.brand);
        double largest = 0.0;
        for (int k = 0; k < K; ++k) {
            if (!ctx.cloud_open[k]) continue;
            const double change = std::log(targets[k]) - std::log(shares[k]);
            result.brand[k] += change;
            largest = std::max(largest, std::abs(change));
        }
        result.iterations = it;
        result.max_change = largest;
        if (!(largest >= tolerance)) {  // also stops (and is caught below) on NaN
            if (std::isnan(largest)) break;
            return result;
        }
    }
    throw InputError("calibration: Berry's contraction did not converge (last change " +
                     std::to_string(result.max_change) + " after " +
                     std::to_string(result.iterations) + " iterations); are targets reachable?");
}

}  // namespace moatsim
