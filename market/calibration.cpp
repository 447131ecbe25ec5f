#include "market/calibration.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "agents/chooser.hpp"
#include "agents/fast_choice.hpp"
#include "core/input_error.hpp"
#include "agents/thread_scratch.hpp"

namespace moatsim {
namespace {

constexpr std::size_t block = 4096;
// Partitions (core/partition.hpp) start on a block, so each holds whole blocks of the sum.
static_assert(block == partition_grain);

struct ChoiceBatchProbabilities {
    double prob[max_pairs][batch_lanes];
};

// For every initial adopter, its cloud choice without brands in a form that makes each
// contraction step cheap: e_ik = exp(V_ik - max_k V_ik) with V the cloud utility without b_k
// (0 for closed clouds). The nests do not depend on b, and exp(V + b) = exp(V) exp(b), so a
// step needs no exp per adopter: P_ik = e_ik B_k / sum_k' e_ik' B_k', B_k = exp(b_k - max b).
// Stored as float, adopters in population order with no index or weight column (each
// population block knows where its adopters start): 4K bytes per adopter, the set-up's
// largest array. Float's 1e-7 relative rounding moves the fitted shares by far less than
// the 1e-6 the calibration promises.
struct AdopterUtilities {
    std::vector<float> scaled;              // [adopter * K] e_ik, in [0, 1]
    std::vector<std::size_t> first;         // [block + 1] the block's first adopter
    std::size_t adopters() const noexcept { return first.empty() ? 0 : first.back(); }
};

AdopterUtilities adopter_utilities(const ChoiceContext& ctx, const Population& pop) {
    const int K = ctx.clouds, M = ctx.vendors;
    const std::size_t n = pop.count(), blocks = (n + block - 1) / block;
    AdopterUtilities out;
    out.first.assign(blocks + 1, 0);
    for (std::size_t b = 0; b < blocks; ++b) {
        std::size_t count = 0;
        for (std::size_t i = b * block; i < std::min(n, (b + 1) * block); ++i) count += pop.adopted[i];
        out.first[b + 1] = out.first[b] + count;
    }
    out.scaled.assign(out.adopters() * static_cast<std::size_t>(K), 0.0f);
    if (!ctx.any_open()) return out;
    // The fast batch kernel with no brands gives P_ik = e_ik / sum_k' e_ik': e_ik is P_ik
    // over the largest P_ik.
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks, 1), [&](const auto& r) {
        double (&prob)[max_pairs][batch_lanes] = thread_scratch<ChoiceBatchProbabilities>().prob;
        for (std::size_t b = r.begin(); b != r.end(); ++b) {
            std::size_t a = out.first[b];
            ChooserBatch batch;
            std::size_t lane_adopter[batch_lanes];
            const auto flush = [&] {
                batch.pad(M);
                choice_probabilities_batch(ctx, batch, prob);
                for (int l = 0; l < batch.count; ++l) {
                    double p[max_clouds], top = 0.0;
                    for (int k = 0; k < K; ++k) {
                        p[k] = 0.0;
                        for (int m = 0; m < M; ++m) p[k] += prob[k * M + m][l];
                        top = std::max(top, p[k]);
                    }
                    for (int k = 0; k < K; ++k)
                        out.scaled[lane_adopter[l] * K + k] = static_cast<float>(p[k] / top);
                }
                batch.count = 0;
            };
            for (std::size_t i = b * block; i < std::min(n, (b + 1) * block); ++i) {
                if (!pop.adopted[i]) continue;
                gather(batch, batch.count, pop, i, -1, -1);
                lane_adopter[batch.count] = a++;
                if (++batch.count == batch_lanes) flush();
            }
            if (batch.count > 0) flush();
        }
    }, tbb::simple_partitioner());
    return out;
}

std::vector<double> shares_from(const AdopterUtilities& u, const ChoiceContext& ctx,
                                const Population& pop, const std::vector<double>& brand,
                                PartitionReducer& reducer) {
    const std::size_t K = static_cast<std::size_t>(ctx.clouds);
    const std::size_t n = pop.count(), blocks = u.first.size() - 1;
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
            std::size_t a = u.first[b];
            for (std::size_t i = b * block; i < std::min(n, (b + 1) * block); ++i) {
                if (!pop.adopted[i]) continue;
                const float* e = &u.scaled[a++ * K];
                double sum = 0.0;
                for (std::size_t k = 0; k < K; ++k) {
                    p[k] = static_cast<double>(e[k]) * factor[k];
                    sum += p[k];
                }
                const double w = pop.demand[i];
                acc[K] += w;
                if (!(sum > 0.0)) continue;  // every term underflowed: no open cloud is reachable
                for (std::size_t k = 0; k < K; ++k) acc[k] += w * p[k] / sum;
            }
        }
    }, tbb::simple_partitioner());
    std::vector<double> total(K + 1, 0.0);
    reducer.fold_in_order(total, [&](std::span<double> running) {
        for (std::size_t b = 0; b < blocks; ++b)  // block order: deterministic
            for (std::size_t k = 0; k <= K; ++k) running[k] += partial[b * (K + 1) + k];
    });
    std::vector<double> shares(K, 0.0);
    for (std::size_t k = 0; k < K; ++k) shares[k] = total[K] > 0.0 ? total[k] / total[K] : 0.0;
    return shares;
}

}  // namespace

std::vector<double> initial_cloud_shares(const ChoiceContext& ctx, const Population& pop,
                                         const std::vector<double>& brand,
                                         PartitionReducer& reducer) {
    return shares_from(adopter_utilities(ctx, pop), ctx, pop, brand, reducer);
}

CalibrationResult calibrate_brands(const ChoiceContext& ctx, const Population& pop,
                                   const std::vector<double>& targets, PartitionReducer& reducer,
                                   double tolerance, int max_iterations) {
    const int K = ctx.clouds;
    for (int k = 0; k < K; ++k)
        if (targets[k] > 0.0 && !ctx.cloud_open[k])
            throw InputError("calibration: cloud #" + std::to_string(k + 1) +
                             " has a target share but an empty catalog at the start date");
    const AdopterUtilities u = adopter_utilities(ctx, pop);
    std::int64_t adopters[1] = {static_cast<std::int64_t>(u.adopters())};
    reducer.sum(adopters);
    if (adopters[0] == 0)
        throw InputError("calibration: no enterprise is adopted at t = 0 "
                         "(population.adopted_initial = 0?), so shares cannot be matched");
    CalibrationResult result;
    result.brand.assign(K, 0.0);
    for (int it = 1; it <= max_iterations; ++it) {
        const auto shares = shares_from(u, ctx, pop, result.brand, reducer);
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
