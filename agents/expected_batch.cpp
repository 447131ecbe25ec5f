#include "agents/expected_batch.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "agents/expected_choice.hpp"
#include "agents/fast_math.hpp"
#include "agents/review_rule.hpp"
#include "agents/simd_target.hpp"
#include "agents/thread_scratch.hpp"

namespace moatsim {
namespace {

constexpr int L = expected_lanes;

// Everything about one batch's nests without incumbency (the base every variant starts from).
// The batch's per-lane attributes in the working precision.
template <class Real>
struct Lanes {
    Real alpha[L], beta[L], phi[L], taste[max_vendors][L];

    Lanes(const ExpectedBatch& b, int vendors) noexcept {
        for (int l = 0; l < L; ++l) {
            alpha[l] = static_cast<Real>(b.alpha[l]);
            beta[l] = static_cast<Real>(b.beta[l]);
            phi[l] = static_cast<Real>(b.phi[l]);
        }
        for (int m = 0; m < vendors; ++m)
            for (int l = 0; l < L; ++l) taste[m][l] = static_cast<Real>(b.taste[m][l]);
    }
};

template <class Real>
struct BaseNests {
    Real weight[max_pairs][L];   // e^(u - top_k), 0 where not offered
    Real shifted[max_pairs][L];  // u - top_k, 0 where not offered
    Real top[max_clouds][L], sum[max_clouds][L], sum_shifted[max_clouds][L],
        sum_port[max_clouds][L];
    Real extra[max_pairs][L];  // review_batch's scratch: a lifted pair's extra moved mass
};

template <class Real>
void base_nests(const ChoiceContext& c, const Lanes<Real>& b, BaseNests<Real>& n) noexcept {
    constexpr Real minus_inf = -std::numeric_limits<Real>::infinity();
    const int K = c.clouds, M = c.vendors;
    const Real inv_lambda = static_cast<Real>(1.0 / c.lambda);
    for (int k = 0; k < K; ++k) {
        const int row = k * M;
        Real* top = n.top[k];
        std::fill(top, top + L, minus_inf);
        for (int m = 0; m < M; ++m) {
            const int j = row + m;
            if (!c.offered[j]) continue;
            const Real quality = static_cast<Real>(c.quality[m]);
            const Real constant = static_cast<Real>(c.vendor_constant[m]);
            const Real log_price = static_cast<Real>(c.log_price[j]);
            for (int l = 0; l < L; ++l) {
                const Real u = (b.beta[l] * quality + b.taste[m][l] + constant -
                                b.alpha[l] * log_price) * inv_lambda;
                n.shifted[j][l] = u;
                top[l] = u > top[l] ? u : top[l];
            }
        }
        if (!c.cloud_open[k]) std::fill(top, top + L, Real(0));
        Real* sum = n.sum[k];
        Real* sum_shifted = n.sum_shifted[k];
        Real* sum_port = n.sum_port[k];
        std::fill(sum, sum + L, Real(0));
        std::fill(sum_shifted, sum_shifted + L, Real(0));
        std::fill(sum_port, sum_port + L, Real(0));
        for (int m = 0; m < M; ++m) {
            const int j = row + m;
            if (!c.offered[j]) {
                std::fill(n.weight[j], n.weight[j] + L, Real(0));
                std::fill(n.shifted[j], n.shifted[j] + L, Real(0));
                continue;
            }
            const Real port = static_cast<Real>(c.port[j]);
            for (int l = 0; l < L; ++l) {
                const Real sh = n.shifted[j][l] - top[l];
                const Real w = fast_math::exp(sh);
                n.shifted[j][l] = sh;
                n.weight[j][l] = w;
                sum[l] += w;
                sum_shifted[l] += w * sh;
                sum_port[l] += w * port;
            }
        }
    }
}

// Cloud k's utility V_k (section 7.4) when vendor `lifted` (or none, -1) is the incumbent:
// its weight is multiplied by E = e^bonus. Writes utility[k], inv_sum[k] (1 / the nest's sum)
// and lifted_weight[k] (the incumbent's weight there; left alone where it is not offered).
// gravity[l]: G if cloud k is lane l's home, else 0.
template <class Real>
void nest_utility(const ChoiceContext& c, const Lanes<Real>& b, const BaseNests<Real>& n, int k,
                  int lifted, Real bonus, Real lift, const Real* gravity,
                  Real (*utility)[L], Real (*inv_sum)[L], Real (*lifted_weight)[L]) noexcept {
    const int j = k * c.vendors + lifted;
    const bool lifts = lifted >= 0 && c.offered[j];
    Real sum[L], sum_shifted[L], sum_port[L];
    std::copy(n.sum[k], n.sum[k] + L, sum);
    std::copy(n.sum_shifted[k], n.sum_shifted[k] + L, sum_shifted);
    std::copy(n.sum_port[k], n.sum_port[k] + L, sum_port);
    if (lifts) {
        // Shift-invariant forms: H = ln S - sum(w sh)/S holds with the old top.
        const Real port = static_cast<Real>(c.port[j]);
        for (int l = 0; l < L; ++l) {
            const Real w = n.weight[j][l], sh = n.shifted[j][l];
            const Real w_lifted = w * lift;
            sum[l] += w_lifted - w;
            sum_shifted[l] += w_lifted * (sh + bonus) - w * sh;
            sum_port[l] += (w_lifted - w) * port;
            lifted_weight[k][l] = w_lifted;
        }
    }
    const Real lambda = static_cast<Real>(c.lambda), omega = static_cast<Real>(c.omega);
    const Real theta = static_cast<Real>(c.theta), constant = static_cast<Real>(c.cloud_constant[k]);
    for (int l = 0; l < L; ++l) {
        const Real log_sum = fast_math::log(sum[l]);
        const Real inv = Real(1) / sum[l];
        inv_sum[k][l] = inv;
        const Real inclusive = lambda * (n.top[k][l] + log_sum);
        const Real entropy = log_sum - sum_shifted[l] * inv;
        const Real lockin = sum_port[l] * inv;
        utility[k][l] = inclusive + b.phi[l] * (omega * entropy - theta * lockin) + constant +
                        gravity[l];
    }
}

// Each lane's largest utility over the open clouds.
template <class Real>
void best_utility(const ChoiceContext& c, const Real (*utility)[L], Real* best) noexcept {
    std::fill(best, best + L, -std::numeric_limits<Real>::infinity());
    for (int k = 0; k < c.clouds; ++k) {
        if (!c.cloud_open[k]) continue;
        for (int l = 0; l < L; ++l) best[l] = utility[k][l] > best[l] ? utility[k][l] : best[l];
    }
}

// Cloud weights e^(V_k - best) (0 for closed clouds) and their total. weight may be utility
// itself (each element is read before it is written).
template <class Real>
void cloud_weights(const ChoiceContext& c, const Real (*utility)[L], const Real* best,
                   Real (*weight)[L], Real* total) noexcept {
    std::fill(total, total + L, Real(0));
    for (int k = 0; k < c.clouds; ++k) {
        if (!c.cloud_open[k]) {
            std::fill(weight[k], weight[k] + L, Real(0));
            continue;
        }
        for (int l = 0; l < L; ++l) {
            weight[k][l] = fast_math::exp(utility[k][l] - best[l]);
            total[l] += weight[k][l];
        }
    }
}

}  // namespace

template <class Real>
void review_batch(const ChoiceContext& c, const ExpectedBatch& b, double review_rate,
                  double (*pi)[expected_lanes], double (*p0)[expected_lanes], double* switched) noexcept {
    const int K = c.clouds, M = c.vendors, J = K * M;
    std::fill(switched, switched + L, 0.0);
    if (!c.any_open()) {  // nothing to choose from: everyone stays put
        for (int j = 0; j < J; ++j) std::fill(p0[j], p0[j] + L, 0.0);
        return;
    }
    const double bonus_d = c.kappa_vendor / c.lambda;
    const double lift_d = std::exp(bonus_d), cloud_lift_d = std::exp(c.kappa_cloud);
    // Within float's range with room: the unshifted forms below multiply weights by these.
    if (!(lift_d > 1e-20 && lift_d < 1e20 && cloud_lift_d > 1e-20 && cloud_lift_d < 1e20)) {
        // Bonuses so large the unshifted forms could overflow: the reference handles them.
        expected_review_batch_reference(c, b, review_rate, pi, p0, switched);
        return;
    }
    // Scratch sized for the largest model: per thread, on the heap.
    const Real bonus = static_cast<Real>(bonus_d), lift = static_cast<Real>(lift_d);
    const Real cloud_lift = static_cast<Real>(cloud_lift_d);
    struct Scratch {
        BaseNests<Real> n;
        double moved[max_pairs][L];
        Real review_mass[max_pairs][L];
    };
    Scratch& scratch = thread_scratch<Scratch>();
    BaseNests<Real>& n = scratch.n;
    double (&moved)[max_pairs][L] = scratch.moved;
    Real (&review_mass)[max_pairs][L] = scratch.review_mass;
    const Lanes<Real> lanes(b, M);
    base_nests(c, lanes, n);

    // Mass that stays (not reviewing) and mass that reviews, by current pair.
    bool vendor_reviews[max_vendors] = {}, pair_reviews[max_pairs];
    double reviewed[L] = {};  // each lane's reviewing mass, in double
    double stays[max_pairs];  // 1 - r_j: the share of pi_j that does not review
    for (int j = 0; j < J; ++j) {
        const double r = review_probability(c, j, review_rate);
        stays[j] = 1.0 - r;
        Real largest = 0;  // branch-free, so the loop vectorises
        for (int l = 0; l < L; ++l) {
            reviewed[l] += pi[j][l] * r;
            review_mass[j][l] = static_cast<Real>(pi[j][l] * r);
            largest = review_mass[j][l] > largest ? review_mass[j][l] : largest;
        }
        const bool any = largest > Real(0);
        pair_reviews[j] = any;
        vendor_reviews[j % M] = vendor_reviews[j % M] || any;
    }

    // Gravity per cloud and lane, and the utilities with no vendor incumbency: a variant
    // differs from them only on the clouds that offer its vendor.
    Real gravity[max_clouds][L];
    for (int k = 0; k < K; ++k) std::fill(gravity[k], gravity[k] + L, Real(0));
    for (int l = 0; l < L; ++l)
        if (b.home[l] >= 0 && b.home[l] < K) gravity[b.home[l]][l] = static_cast<Real>(c.gravity);
    Real base_utility[max_clouds][L], base_inv_sum[max_clouds][L], lifted_weight[max_clouds][L];
    for (int k = 0; k < K; ++k)
        if (c.cloud_open[k])
            nest_utility(c, lanes, n, k, -1, Real(0), Real(1), gravity[k], base_utility, base_inv_sum,
                         lifted_weight);

    Real weight[max_clouds][L], inv_sum[max_clouds][L];
    // The moved mass lands on pair (k, m) in proportion to its weight w_km / S'_k in every
    // variant but the one that lifts m itself: so it is w_km * share[k] summed over variants,
    // plus each lifted pair's extra. Two small sums per variant instead of a spread over
    // every offered pair.
    Real share[max_clouds][L] = {};
    for (int j = 0; j < J; ++j) std::fill(n.extra[j], n.extra[j] + L, Real(0));
    // Cloud weights without vendor incumbency, shifted by their best utility. A variant changes
    // only the clouds offering its vendor, and by at most kappa_m + phi (omega ln M + theta)
    // either way, so while that stays well inside float's exp range the variants keep the
    // base shift and re-exp only those clouds.
    Real best0[L], base_weight[max_clouds][L], base_total[L];
    best_utility<Real>(c, base_utility, best0);
    cloud_weights<Real>(c, base_utility, best0, base_weight, base_total);
    double phi_max = 0.0;
    for (int l = 0; l < L; ++l) phi_max = std::max(phi_max, b.phi[l]);
    const bool shared_shift =
        std::abs(c.kappa_vendor) + phi_max * (std::abs(c.omega) * std::log(static_cast<double>(M)) +
                                              std::abs(c.theta)) < 40.0;

    Real total[L], cloud_mass[max_clouds][L];
    for (int m = 0; m < M; ++m) {
        if (!vendor_reviews[m]) continue;
        for (int k = 0; k < K; ++k) {
            if (!c.cloud_open[k]) continue;
            if (c.offered[k * M + m]) {
                nest_utility(c, lanes, n, k, m, bonus, lift, gravity[k], weight, inv_sum, lifted_weight);
            } else {
                std::copy(base_utility[k], base_utility[k] + L, weight[k]);
                std::copy(base_inv_sum[k], base_inv_sum[k] + L, inv_sum[k]);
            }
        }
        if (shared_shift) {
            std::fill(total, total + L, Real(0));
            for (int k = 0; k < K; ++k) {
                if (!c.cloud_open[k] || !c.offered[k * M + m]) {
                    std::copy(base_weight[k], base_weight[k] + L, weight[k]);
                } else {
                    for (int l = 0; l < L; ++l) weight[k][l] = fast_math::exp(weight[k][l] - best0[l]);
                }
                for (int l = 0; l < L; ++l) total[l] += weight[k][l];
            }
        } else {
            Real best[L];
            best_utility<Real>(c, weight, best);
            cloud_weights<Real>(c, weight, best, weight, total);
        }
        for (int k = 0; k < K; ++k) std::fill(cloud_mass[k], cloud_mass[k] + L, Real(0));
        for (int from = 0; from < K; ++from) {
            if (!pair_reviews[from * M + m]) continue;  // no lane holds (from, m): adds 0
            const Real* mass = review_mass[from * M + m];
            // P(k | from) = w_k C^[k = from] / denom: the incumbent cloud's weight times C (a
            // closed cloud has weight 0 and gets no bonus).
            Real own[L], per[L];
            for (int l = 0; l < L; ++l) {
                own[l] = weight[from][l] * cloud_lift;  // 0 x C = 0 when closed
                per[l] = mass[l] / (total[l] + (own[l] - weight[from][l]));
            }
            for (int k = 0; k < K; ++k) {
                const Real* w = k == from ? own : weight[k];
                for (int l = 0; l < L; ++l) cloud_mass[k][l] += per[l] * w[l];
            }
            for (int l = 0; l < L; ++l) switched[l] += static_cast<double>(mass[l] - per[l] * own[l]);
        }
        for (int k = 0; k < K; ++k) {
            if (!c.cloud_open[k]) continue;
            const int j = k * M + m;
            Real per_weight[L];
            for (int l = 0; l < L; ++l) {
                per_weight[l] = cloud_mass[k][l] * inv_sum[k][l];
                share[k][l] += per_weight[l];
            }
            if (c.offered[j])
                for (int l = 0; l < L; ++l)
                    n.extra[j][l] += per_weight[l] * (lifted_weight[k][l] - n.weight[j][l]);
        }
    }
    // The reviewing mass lands where the kernel says, rescaled to exactly what left (to double
    // rounding): in single precision the moved total is off by ~1e-7 of itself, which would
    // otherwise create or destroy demand a little every tick.
    double moved_total[L] = {};
    for (int k = 0; k < K; ++k) {
        for (int m = 0; m < M; ++m) {
            const int j = k * M + m;
            if (!c.offered[j] || !c.cloud_open[k]) {
                std::fill(moved[j], moved[j] + L, 0.0);
                continue;
            }
            for (int l = 0; l < L; ++l) {
                moved[j][l] = static_cast<double>(n.weight[j][l] * share[k][l] + n.extra[j][l]);
                moved_total[l] += moved[j][l];
            }
        }
    }
    double rescale[L];
    for (int l = 0; l < L; ++l) rescale[l] = moved_total[l] > 0.0 ? reviewed[l] / moved_total[l] : 0.0;
    for (int j = 0; j < J; ++j)
        for (int l = 0; l < L; ++l) pi[j][l] = pi[j][l] * stays[j] + moved[j][l] * rescale[l];

    // The no-incumbency choice, for adopters of this tick.
    for (int k = 0; k < K; ++k)
        for (int l = 0; l < L; ++l) cloud_mass[k][l] = base_weight[k][l] / base_total[l];
    double p0_total[L] = {};  // and p0 sums to 1 exactly, for the same reason
    for (int k = 0; k < K; ++k) {
        for (int m = 0; m < M; ++m) {
            const int j = k * M + m;
            if (!c.offered[j] || !c.cloud_open[k]) {
                std::fill(p0[j], p0[j] + L, 0.0);
                continue;
            }
            for (int l = 0; l < L; ++l) {
                p0[j][l] = static_cast<double>(cloud_mass[k][l] * base_inv_sum[k][l] * n.weight[j][l]);
                p0_total[l] += p0[j][l];
            }
        }
    }
    for (int l = 0; l < L; ++l) p0_total[l] = p0_total[l] > 0.0 ? 1.0 / p0_total[l] : 0.0;
    for (int j = 0; j < J; ++j)
        for (int l = 0; l < L; ++l) p0[j][l] *= p0_total[l];
}

// Clones as for choice_probabilities_batch (same bits); flatten: the helpers are inlined into
// each clone, so they too get the wide instructions.
MOATSIM_KERNEL_CLONES
void expected_review_batch(const ChoiceContext& c, const ExpectedBatch& b, double review_rate,
                           double (*pi)[expected_lanes], double (*p0)[expected_lanes],
                           double* switched) noexcept {
    review_batch<double>(c, b, review_rate, pi, p0, switched);
}

MOATSIM_KERNEL_CLONES
void expected_review_batch_single(const ChoiceContext& c, const ExpectedBatch& b,
                                  double review_rate, double (*pi)[expected_lanes],
                                  double (*p0)[expected_lanes], double* switched) noexcept {
    review_batch<float>(c, b, review_rate, pi, p0, switched);
}

void expected_review_batch_reference(const ChoiceContext& c, const ExpectedBatch& b,
                                     double review_rate, double (*pi)[expected_lanes],
                                     double (*p0)[expected_lanes], double* switched) noexcept {
    const int J = c.clouds * c.vendors;
    ExpectedScratch& scratch = thread_scratch<ExpectedScratch>();
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
