#include "agents/expected_batch.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "agents/expected_choice.hpp"
#include "agents/fast_math.hpp"

namespace moatsim {
namespace {

constexpr int L = batch_lanes;
constexpr double minus_inf = -std::numeric_limits<double>::infinity();

// Everything about one batch's nests without incumbency (the base every variant starts from).
struct BaseNests {
    double weight[max_pairs][L];   // e^(u - top_k), 0 where not offered
    double shifted[max_pairs][L];  // u - top_k, 0 where not offered
    double top[max_clouds][L], sum[max_clouds][L], sum_shifted[max_clouds][L],
        sum_port[max_clouds][L];
};

void base_nests(const ChoiceContext& c, const ChooserBatch& b, BaseNests& n) noexcept {
    const int K = c.clouds, M = c.vendors;
    const double inv_lambda = 1.0 / c.lambda;
    for (int k = 0; k < K; ++k) {
        const int row = k * M;
        double* top = n.top[k];
        std::fill(top, top + L, minus_inf);
        for (int m = 0; m < M; ++m) {
            const int j = row + m;
            if (!c.offered[j]) continue;
            for (int l = 0; l < L; ++l) {
                const double u = (b.beta[l] * c.quality[m] + b.taste[m][l] + c.vendor_constant[m] -
                                  b.alpha[l] * c.log_price[j]) * inv_lambda;
                n.shifted[j][l] = u;
                top[l] = u > top[l] ? u : top[l];
            }
        }
        if (!c.cloud_open[k]) std::fill(top, top + L, 0.0);
        double* sum = n.sum[k];
        double* sum_shifted = n.sum_shifted[k];
        double* sum_port = n.sum_port[k];
        std::fill(sum, sum + L, 0.0);
        std::fill(sum_shifted, sum_shifted + L, 0.0);
        std::fill(sum_port, sum_port + L, 0.0);
        for (int m = 0; m < M; ++m) {
            const int j = row + m;
            if (!c.offered[j]) {
                std::fill(n.weight[j], n.weight[j] + L, 0.0);
                std::fill(n.shifted[j], n.shifted[j] + L, 0.0);
                continue;
            }
            for (int l = 0; l < L; ++l) {
                const double sh = n.shifted[j][l] - top[l];
                const double w = fast_math::exp(sh);
                n.shifted[j][l] = sh;
                n.weight[j][l] = w;
                sum[l] += w;
                sum_shifted[l] += w * sh;
                sum_port[l] += w * c.port[j];
            }
        }
    }
}

// Cloud k's utility V_k (section 7.4) when vendor `lifted` (or none, -1) is the incumbent:
// its weight is multiplied by E = e^bonus. Writes utility[k], inv_sum[k] (1 / the nest's sum)
// and lifted_weight[k] (the incumbent's weight there; left alone where it is not offered).
// gravity[l]: G if cloud k is lane l's home, else 0.
void nest_utility(const ChoiceContext& c, const ChooserBatch& b, const BaseNests& n, int k,
                  int lifted, double bonus, double lift, const double* gravity,
                  double (*utility)[L], double (*inv_sum)[L], double (*lifted_weight)[L]) noexcept {
    const int j = k * c.vendors + lifted;
    const bool lifts = lifted >= 0 && c.offered[j];
    double sum[L], sum_shifted[L], sum_port[L];
    std::copy(n.sum[k], n.sum[k] + L, sum);
    std::copy(n.sum_shifted[k], n.sum_shifted[k] + L, sum_shifted);
    std::copy(n.sum_port[k], n.sum_port[k] + L, sum_port);
    if (lifts) {
        // Shift-invariant forms: H = ln S - sum(w sh)/S holds with the old top.
        const double port = c.port[j];
        for (int l = 0; l < L; ++l) {
            const double w = n.weight[j][l], sh = n.shifted[j][l];
            const double w_lifted = w * lift;
            sum[l] += w_lifted - w;
            sum_shifted[l] += w_lifted * (sh + bonus) - w * sh;
            sum_port[l] += (w_lifted - w) * port;
            lifted_weight[k][l] = w_lifted;
        }
    }
    for (int l = 0; l < L; ++l) {
        const double log_sum = fast_math::log(sum[l]);
        const double inv = 1.0 / sum[l];
        inv_sum[k][l] = inv;
        const double inclusive = c.lambda * (n.top[k][l] + log_sum);
        const double entropy = log_sum - sum_shifted[l] * inv;
        const double lockin = sum_port[l] * inv;
        utility[k][l] = inclusive + b.phi[l] * (c.omega * entropy - c.theta * lockin) +
                        c.cloud_constant[k] + gravity[l];
    }
}

// Cloud weights e^(V_k - best), in place of the utilities (0 for closed clouds), and their
// total.
void cloud_weights(const ChoiceContext& c, double (*utility)[L], double* total) noexcept {
    const int K = c.clouds;
    double best[L];
    std::fill(best, best + L, minus_inf);
    for (int k = 0; k < K; ++k) {
        if (!c.cloud_open[k]) continue;
        for (int l = 0; l < L; ++l) best[l] = utility[k][l] > best[l] ? utility[k][l] : best[l];
    }
    std::fill(total, total + L, 0.0);
    for (int k = 0; k < K; ++k) {
        if (!c.cloud_open[k]) {
            std::fill(utility[k], utility[k] + L, 0.0);
            continue;
        }
        for (int l = 0; l < L; ++l) {
            utility[k][l] = fast_math::exp(utility[k][l] - best[l]);
            total[l] += utility[k][l];
        }
    }
}

// out[k*M + m] += cloud_mass[k] * P(m | k) with vendor `lifted`'s weight lifted.
void spread(const ChoiceContext& c, const BaseNests& n, const double (*cloud_mass)[L],
            const double (*inv_sum)[L], int lifted, const double (*lifted_weight)[L],
            double (*out)[L]) noexcept {
    const int K = c.clouds, M = c.vendors;
    for (int k = 0; k < K; ++k) {
        if (!c.cloud_open[k]) continue;
        double per_weight[L];
        for (int l = 0; l < L; ++l) per_weight[l] = cloud_mass[k][l] * inv_sum[k][l];
        for (int m = 0; m < M; ++m) {
            const int j = k * M + m;
            if (!c.offered[j]) continue;
            const double* w = m == lifted ? lifted_weight[k] : n.weight[j];
            for (int l = 0; l < L; ++l) out[j][l] += per_weight[l] * w[l];
        }
    }
}

}  // namespace

// flatten: the helpers are inlined into each clone, so they too get AVX2.
__attribute__((target_clones("avx2", "default"), flatten))
void expected_review_batch(const ChoiceContext& c, const ChooserBatch& b, double review_rate,
                           double (*pi)[batch_lanes], double (*p0)[batch_lanes],
                           double* switched) noexcept {
    const int K = c.clouds, M = c.vendors, J = K * M;
    for (int j = 0; j < J; ++j) std::fill(p0[j], p0[j] + L, 0.0);
    std::fill(switched, switched + L, 0.0);
    if (!c.any_open()) return;  // nothing to choose from: everyone stays put
    const double bonus = c.kappa_vendor / c.lambda;
    const double lift = std::exp(bonus), cloud_lift = std::exp(c.kappa_cloud);
    if (!(lift > 1e-100 && lift < 1e100 && cloud_lift > 1e-100 && cloud_lift < 1e100)) {
        // Bonuses so large the unshifted forms could overflow: the reference handles them.
        expected_review_batch_reference(c, b, review_rate, pi, p0, switched);
        return;
    }
    // ~130 KB of scratch sized for the largest model: per thread, not on every call's stack.
    static thread_local BaseNests n;
    static thread_local double next[max_pairs][L], review_mass[max_pairs][L];
    base_nests(c, b, n);

    // Mass that stays (not reviewing) and mass that reviews, by current pair.
    bool vendor_reviews[max_vendors] = {}, pair_reviews[max_pairs];
    for (int j = 0; j < J; ++j) {
        const bool still_offered = c.offered[j] && c.cloud_open[j / M];
        const double r = still_offered ? review_rate : 1.0;
        bool any = false;
        for (int l = 0; l < L; ++l) {
            next[j][l] = pi[j][l] * (1.0 - r);
            review_mass[j][l] = pi[j][l] * r;
            any = any || review_mass[j][l] > 0.0;
        }
        pair_reviews[j] = any;
        vendor_reviews[j % M] = vendor_reviews[j % M] || any;
    }

    // Gravity per cloud and lane, and the utilities with no vendor incumbency: a variant
    // differs from them only on the clouds that offer its vendor.
    double gravity[max_clouds][L];
    for (int k = 0; k < K; ++k)
        for (int l = 0; l < L; ++l) gravity[k][l] = b.home[l] == k ? c.gravity : 0.0;
    double base_utility[max_clouds][L], base_inv_sum[max_clouds][L], lifted_weight[max_clouds][L];
    for (int k = 0; k < K; ++k)
        if (c.cloud_open[k])
            nest_utility(c, b, n, k, -1, 0.0, 1.0, gravity[k], base_utility, base_inv_sum, lifted_weight);

    double weight[max_clouds][L], inv_sum[max_clouds][L];
    double total[L], cloud_mass[max_clouds][L];
    for (int m = 0; m < M; ++m) {
        if (!vendor_reviews[m]) continue;
        for (int k = 0; k < K; ++k) {
            if (!c.cloud_open[k]) continue;
            if (c.offered[k * M + m]) {
                nest_utility(c, b, n, k, m, bonus, lift, gravity[k], weight, inv_sum, lifted_weight);
            } else {
                std::copy(base_utility[k], base_utility[k] + L, weight[k]);
                std::copy(base_inv_sum[k], base_inv_sum[k] + L, inv_sum[k]);
            }
        }
        cloud_weights(c, weight, total);
        for (int k = 0; k < K; ++k) std::fill(cloud_mass[k], cloud_mass[k] + L, 0.0);
        for (int from = 0; from < K; ++from) {
            if (!pair_reviews[from * M + m]) continue;  // no lane holds (from, m): adds 0
            const double* mass = review_mass[from * M + m];
            // P(k | from) = w_k C^[k = from] / denom: the incumbent cloud's weight times C (a
            // closed cloud has weight 0 and gets no bonus).
            double own[L], per[L];
            for (int l = 0; l < L; ++l) {
                own[l] = weight[from][l] * cloud_lift;  // 0 x C = 0 when closed
                per[l] = mass[l] / (total[l] + (own[l] - weight[from][l]));
            }
            for (int k = 0; k < K; ++k) {
                const double* w = k == from ? own : weight[k];
                for (int l = 0; l < L; ++l) cloud_mass[k][l] += per[l] * w[l];
            }
            for (int l = 0; l < L; ++l) switched[l] += mass[l] - per[l] * own[l];
        }
        spread(c, n, cloud_mass, inv_sum, m, lifted_weight, next);
    }
    for (int j = 0; j < J; ++j) std::copy(next[j], next[j] + L, pi[j]);

    // The no-incumbency choice, for adopters of this tick.
    cloud_weights(c, base_utility, total);
    for (int k = 0; k < K; ++k)
        for (int l = 0; l < L; ++l) cloud_mass[k][l] = c.cloud_open[k] ? base_utility[k][l] / total[l] : 0.0;
    spread(c, n, cloud_mass, base_inv_sum, -1, lifted_weight, p0);
}

void expected_review_batch_reference(const ChoiceContext& c, const ChooserBatch& b,
                                     double review_rate, double (*pi)[batch_lanes],
                                     double (*p0)[batch_lanes], double* switched) noexcept {
    const int J = c.clouds * c.vendors;
    static thread_local ExpectedScratch scratch;
    for (int l = 0; l < b.count; ++l) {
        double taste[max_vendors], lane_pi[max_pairs], lane_p0[max_pairs];
        for (int m = 0; m < c.vendors; ++m) taste[m] = b.taste[m][l];
        for (int j = 0; j < J; ++j) lane_pi[j] = pi[j][l];
        const Chooser e{b.alpha[l], b.beta[l], b.phi[l], b.home[l], taste};
        switched[l] = expected_review(c, e, review_rate, lane_pi, lane_p0, scratch);
        for (int j = 0; j < J; ++j) {
            pi[j][l] = lane_pi[j];
            p0[j][l] = lane_p0[j];
        }
    }
}

}  // namespace moatsim
