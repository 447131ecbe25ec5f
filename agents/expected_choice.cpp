#include "agents/expected_choice.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "agents/review_rule.hpp"

namespace moatsim {
namespace {

constexpr double minus_inf = -std::numeric_limits<double>::infinity();

// Per-cloud sums of the no-incumbency vendor choice; the variants start from these.
void compute_base(const ChoiceContext& c, const Chooser& e, ExpectedScratch& s) noexcept {
    const int K = c.clouds, M = c.vendors;
    const double inv_lambda = 1.0 / c.lambda;
    for (int k = 0; k < K; ++k) {
        const int row = k * M;
        double top = minus_inf;
        for (int m = 0; m < M; ++m) {
            if (!c.offered[row + m]) continue;
            const double u = (-e.alpha * c.log_price[row + m] + e.beta * c.quality[m] +
                              e.taste[m] + c.vendor_constant[m]) * inv_lambda;
            s.shifted[row + m] = u;
            top = std::max(top, u);
        }
        double sum = 0.0, sum_shifted = 0.0, sum_port = 0.0;
        for (int m = 0; m < M; ++m) {
            if (!c.offered[row + m]) {
                s.weight[row + m] = 0.0;
                continue;
            }
            const double sh = s.shifted[row + m] - top;
            const double x = std::exp(sh);
            s.shifted[row + m] = sh;
            s.weight[row + m] = x;
            sum += x;
            sum_shifted += x * sh;
            sum_port += x * c.port[row + m];
        }
        s.top[k] = top;
        s.sum[k] = sum;
        s.sum_shifted[k] = sum_shifted;
        s.sum_port[k] = sum_port;
    }
}

// The vendor-incumbency variant of one cloud's nest: vendor m' gets +kappa_m/lambda.
// Returns the nest values; scale and lifted describe the variant's weights:
// weight'_m = weight_m * scale for m != m', lifted for m'; the sum is sum'.
struct NestVariant {
    NestValues values;
    double scale = 1.0, lifted = 0.0, sum = 0.0;
};

NestVariant nest_variant(const ChoiceContext& c, const ExpectedScratch& s, int k,
                         int incumbent_vendor) noexcept {
    NestVariant v;
    const int j = k * c.vendors + incumbent_vendor;
    double top = s.top[k], sum = s.sum[k], sum_shifted = s.sum_shifted[k], sum_port = s.sum_port[k];
    if (incumbent_vendor >= 0 && c.offered[j]) {
        const double bonus = c.kappa_vendor / c.lambda;
        const double old_w = s.weight[j], old_sh = s.shifted[j];
        // Remove m' from the sums, move the shift if m' now leads, add m' back lifted.
        const double rest = sum - old_w;
        const double rest_shifted = sum_shifted - old_w * old_sh;
        const double rest_port = sum_port - old_w * c.port[j];
        const double lifted_sh = old_sh + bonus;  // relative to the old top
        const double move = std::max(0.0, lifted_sh);
        v.scale = std::exp(-move);
        const double lifted_rel = lifted_sh - move;
        v.lifted = std::exp(lifted_rel);
        sum = rest * v.scale + v.lifted;
        sum_shifted = v.scale * (rest_shifted - move * rest) + v.lifted * lifted_rel;
        sum_port = rest_port * v.scale + v.lifted * c.port[j];
        top += move;
    }
    v.sum = sum;
    v.values.inclusive = c.lambda * (top + std::log(sum));
    v.values.entropy = std::log(sum) - sum_shifted / sum;
    v.values.lockin = sum_port / sum;
    return v;
}

// Cloud choice probabilities for base utilities v (no cloud incumbency) with the bonus
// kappa_c added on incumbent_cloud (if open). Writes prob_k for every cloud.
void cloud_probabilities(const ChoiceContext& c, const double* v, int incumbent_cloud,
                         double* prob_k) noexcept {
    const int K = c.clouds;
    double top = minus_inf;
    for (int k = 0; k < K; ++k) {
        if (!c.cloud_open[k]) continue;
        const double u = v[k] + (k == incumbent_cloud ? c.kappa_cloud : 0.0);
        top = std::max(top, u);
    }
    double sum = 0.0;
    for (int k = 0; k < K; ++k) {
        if (!c.cloud_open[k]) {
            prob_k[k] = 0.0;
            continue;
        }
        const double u = v[k] + (k == incumbent_cloud ? c.kappa_cloud : 0.0);
        prob_k[k] = std::exp(u - top);
        sum += prob_k[k];
    }
    for (int k = 0; k < K; ++k) prob_k[k] /= sum;
}

// Everything that depends on the incumbent vendor only: each cloud's nest variant and
// its cloud utility without the cloud bonus.
void vendor_variant(const ChoiceContext& c, const Chooser& e, const ExpectedScratch& s,
                    int incumbent_vendor, NestVariant* nests, double* utility) noexcept {
    for (int k = 0; k < c.clouds; ++k) {
        if (!c.cloud_open[k]) continue;
        nests[k] = nest_variant(c, s, k, incumbent_vendor);
        utility[k] = cloud_utility(c, e, k, nests[k].values, false);
    }
}

// Adds mass * P(k) * P(m | k, variant) into out for every offered pair.
void spread(const ChoiceContext& c, const ExpectedScratch& s, const NestVariant* nests,
            const double* cloud_mass, int incumbent_vendor, double* out) noexcept {
    const int M = c.vendors;
    for (int k = 0; k < c.clouds; ++k) {
        if (!c.cloud_open[k] || cloud_mass[k] == 0.0) continue;
        const NestVariant& n = nests[k];
        const double per_weight = cloud_mass[k] / n.sum;
        for (int m = 0; m < M; ++m) {
            const int j = k * M + m;
            if (!c.offered[j]) continue;
            const double w = m == incumbent_vendor ? n.lifted : s.weight[j] * n.scale;
            out[j] += per_weight * w;
        }
    }
}

}  // namespace

bool incumbent_probabilities(const ChoiceContext& c, const Chooser& e, int incumbent_cloud,
                             int incumbent_vendor, ExpectedScratch& s, double* prob) noexcept {
    std::fill(prob, prob + c.clouds * c.vendors, 0.0);
    if (!c.any_open()) return false;
    compute_base(c, e, s);
    NestVariant nests[max_clouds];
    double utility[max_clouds], cloud_prob[max_clouds];
    vendor_variant(c, e, s, incumbent_vendor, nests, utility);
    cloud_probabilities(c, utility, incumbent_cloud, cloud_prob);
    spread(c, s, nests, cloud_prob, incumbent_vendor, prob);
    return true;
}

double expected_review(const ChoiceContext& c, const Chooser& e, double review_rate, double* pi,
                       double* p0, ExpectedScratch& s) noexcept {
    const int K = c.clouds, M = c.vendors, J = K * M;
    std::fill(p0, p0 + J, 0.0);
    if (!c.any_open()) return 0.0;  // nothing to choose from: everyone stays put
    compute_base(c, e, s);

    // Mass that stays (not reviewing) and mass that reviews, by current pair.
    bool vendor_reviews[max_vendors] = {};
    for (int j = 0; j < J; ++j) {
        const double r = review_probability(c, j, review_rate);
        s.next[j] = pi[j] * (1.0 - r);
        s.review_mass[j] = pi[j] * r;
        if (s.review_mass[j] > 0.0) vendor_reviews[j % M] = true;
    }

    NestVariant nests[max_clouds];
    double utility[max_clouds], cloud_prob[max_clouds], cloud_mass[max_clouds];
    double switched = 0.0;
    for (int m = 0; m < M; ++m) {
        if (!vendor_reviews[m]) continue;
        vendor_variant(c, e, s, m, nests, utility);
        std::fill(cloud_mass, cloud_mass + K, 0.0);
        for (int k = 0; k < K; ++k) {
            const double mass = s.review_mass[k * M + m];
            if (mass == 0.0) continue;
            cloud_probabilities(c, utility, k, cloud_prob);
            for (int kk = 0; kk < K; ++kk) cloud_mass[kk] += mass * cloud_prob[kk];
            switched += mass * (1.0 - cloud_prob[k]);
        }
        spread(c, s, nests, cloud_mass, m, s.next);
    }
    std::copy(s.next, s.next + J, pi);

    // The no-incumbency choice, for adopters of this tick.
    vendor_variant(c, e, s, -1, nests, utility);
    cloud_probabilities(c, utility, -1, cloud_prob);
    spread(c, s, nests, cloud_prob, -1, p0);
    return switched;
}

}  // namespace moatsim
