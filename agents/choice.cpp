#include "agents/choice.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace moatsim {

void ChoiceContext::resize(int k, int m) {
    clouds = k;
    vendors = m;
    log_price.assign(static_cast<std::size_t>(k * m), 0.0);
    offered.assign(static_cast<std::size_t>(k * m), 0);
    port.assign(static_cast<std::size_t>(k * m), 0.0);
    vendor_constant.assign(static_cast<std::size_t>(m), 0.0);
    quality.assign(static_cast<std::size_t>(m), 0.0);
    cloud_constant.assign(static_cast<std::size_t>(k), 0.0);
    cloud_open.assign(static_cast<std::size_t>(k), 0);
}

bool ChoiceContext::any_open() const noexcept {
    return std::any_of(cloud_open.begin(), cloud_open.end(), [](auto o) { return o != 0; });
}

NestValues vendor_choice(const ChoiceContext& c, const Chooser& e, int k, int incumbent_vendor,
                         double* prob_m) noexcept {
    const int M = c.vendors;
    const double inv_lambda = 1.0 / c.lambda;
    const std::size_t row = static_cast<std::size_t>(k * M);
    // u = w / lambda, kept in prob_m until normalised.
    double top = -std::numeric_limits<double>::infinity();
    for (int m = 0; m < M; ++m) {
        if (!c.offered[row + m]) continue;
        double w = -e.alpha * c.log_price[row + m] + e.beta * c.quality[m] + e.taste[m] +
                   c.vendor_constant[m];
        if (m == incumbent_vendor) w += c.kappa_vendor;
        prob_m[m] = w * inv_lambda;
        top = std::max(top, prob_m[m]);
    }
    double sum = 0.0, weighted_shifted = 0.0, weighted_port = 0.0;
    for (int m = 0; m < M; ++m) {
        if (!c.offered[row + m]) {
            prob_m[m] = 0.0;
            continue;
        }
        const double shifted = prob_m[m] - top;
        const double x = std::exp(shifted);
        sum += x;
        weighted_shifted += x * shifted;
        weighted_port += x * c.port[row + m];
        prob_m[m] = x;
    }
    const double inv_sum = 1.0 / sum, log_sum = std::log(sum);
    for (int m = 0; m < M; ++m) prob_m[m] *= inv_sum;
    NestValues v;
    v.inclusive = c.lambda * (top + log_sum);
    // H = -sum P ln P with ln P = shifted - ln S; written around the shift so that
    // utilities of +-1e4 do not cancel catastrophically.
    v.entropy = log_sum - weighted_shifted * inv_sum;
    v.lockin = weighted_port * inv_sum;
    return v;
}

double cloud_utility(const ChoiceContext& c, const Chooser& e, int k, const NestValues& nest,
                     bool incumbent_cloud) noexcept {
    double v = nest.inclusive + e.phi * (c.omega * nest.entropy - c.theta * nest.lockin) +
               c.cloud_constant[k];
    if (k == e.home) v += c.gravity;
    if (incumbent_cloud) v += c.kappa_cloud;
    return v;
}

bool choice_probabilities(const ChoiceContext& c, const Chooser& e, int incumbent_cloud,
                          int incumbent_vendor, double* prob) noexcept {
    const int K = c.clouds, M = c.vendors;
    double utility[max_clouds];
    double top = -std::numeric_limits<double>::infinity();
    for (int k = 0; k < K; ++k) {
        double* row = prob + k * M;
        if (!c.cloud_open[k]) {
            std::fill(row, row + M, 0.0);
            continue;
        }
        const NestValues nest = vendor_choice(c, e, k, incumbent_vendor, row);
        utility[k] = cloud_utility(c, e, k, nest, k == incumbent_cloud);
        top = std::max(top, utility[k]);
    }
    if (!(top > -std::numeric_limits<double>::infinity())) return false;
    double sum = 0.0;
    for (int k = 0; k < K; ++k) {
        if (!c.cloud_open[k]) continue;
        utility[k] = std::exp(utility[k] - top);
        sum += utility[k];
    }
    for (int k = 0; k < K; ++k) {
        if (!c.cloud_open[k]) continue;
        const double pk = utility[k] / sum;
        for (int m = 0; m < M; ++m) prob[k * M + m] *= pk;
    }
    return true;
}

int draw_pair(const double* prob, int clouds, int vendors, double u_cloud,
              double u_vendor) noexcept {
    double cloud_prob[max_clouds];
    double total = 0.0;
    int chosen = -1;
    for (int k = 0; k < clouds; ++k) {
        double p = 0.0;
        for (int m = 0; m < vendors; ++m) p += prob[k * vendors + m];
        cloud_prob[k] = p;
        total += p;
    }
    // Walk the cumulative sum; fall back to the last cloud with mass (rounding at the top).
    double cum = 0.0;
    const double target_cloud = u_cloud * total;
    for (int k = 0; k < clouds; ++k) {
        if (cloud_prob[k] <= 0.0) continue;
        chosen = k;
        cum += cloud_prob[k];
        if (target_cloud <= cum) break;
    }
    const double* row = prob + chosen * vendors;
    const double target_vendor = u_vendor * cloud_prob[chosen];
    int vendor = -1;
    cum = 0.0;
    for (int m = 0; m < vendors; ++m) {
        if (row[m] <= 0.0) continue;
        vendor = m;
        cum += row[m];
        if (target_vendor <= cum) break;
    }
    return chosen * vendors + vendor;
}

}  // namespace moatsim
