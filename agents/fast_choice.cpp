#include "agents/fast_choice.hpp"

#include <algorithm>
#include <limits>

#include "agents/fast_math.hpp"
#include "agents/simd_target.hpp"

namespace moatsim {
namespace {

constexpr int L = batch_lanes;
constexpr double minus_inf = -std::numeric_limits<double>::infinity();

// One version per clone of the kernels below; the loader's resolver picks the version for the
// same CPU features, in the same priority, as it picks theirs.
#if MOATSIM_X86_KERNEL_CLONES
__attribute__((target("default"))) const char* clone_name() noexcept { return "SSE2"; }
__attribute__((target("avx2"))) const char* clone_name() noexcept { return "AVX2"; }
__attribute__((target("avx512f"))) const char* clone_name() noexcept { return "AVX-512"; }
#else
const char* clone_name() noexcept { return MOATSIM_TARGET_VECTOR_UNIT; }
#endif

}  // namespace

const char* kernel_instruction_set() noexcept { return clone_name(); }

// On x86-64 compiled three times, for AVX-512, AVX2 and the baseline (SSE2), and the loader
// picks the widest the CPU has; elsewhere once (agents/simd_target.hpp). Contraction is off
// (-ffp-contract=off), so no clone fuses a multiply and an add: all three give the same bits
// (checked by comparing whole runs' CSV).
MOATSIM_KERNEL_CLONES
bool choice_probabilities_batch(const ChoiceContext& c, const ChooserBatch& b,
                                double (*prob)[batch_lanes]) noexcept {
    const int K = c.clouds, M = c.vendors;
    const double inv_lambda = 1.0 / c.lambda;
    const ChooserBatch& in = b;

    // Vendor terms shared by every cloud: beta q_m + tau_m + constant_m (+ kappa_m on the
    // current vendor), section 7.2.
    double vendor_term[max_vendors][L];
    for (int m = 0; m < M; ++m)
        for (int l = 0; l < L; ++l)
            vendor_term[m][l] = in.beta[l] * c.quality[m] + in.taste[m][l] + c.vendor_constant[m];
    for (int l = 0; l < L; ++l)
        if (in.incumbent_vendor[l] >= 0) vendor_term[in.incumbent_vendor[l]][l] += c.kappa_vendor;

    // Per open cloud: the nest's weights (kept in prob until the end), sums and utility.
    double utility[max_clouds][L], inv_sum[max_clouds][L];
    bool any_open = false;
    for (int k = 0; k < K; ++k) {
        const int row = k * M;
        for (int m = 0; m < M; ++m) std::fill(prob[row + m], prob[row + m] + L, 0.0);
        if (!c.cloud_open[k]) continue;
        any_open = true;
        int offered[max_vendors], n = 0;
        for (int m = 0; m < M; ++m)
            if (c.offered[row + m]) offered[n++] = m;
        double top[L], u[max_vendors][L];
        std::fill(top, top + L, minus_inf);
        for (int i = 0; i < n; ++i) {
            const double log_price = c.log_price[row + offered[i]];
            for (int l = 0; l < L; ++l) {
                u[i][l] = (vendor_term[offered[i]][l] - in.alpha[l] * log_price) * inv_lambda;
                top[l] = u[i][l] > top[l] ? u[i][l] : top[l];
            }
        }
        double sum[L] = {}, weighted_shifted[L] = {}, weighted_port[L] = {};
        for (int i = 0; i < n; ++i) {
            const double port = c.port[row + offered[i]];
            double* w = prob[row + offered[i]];
            for (int l = 0; l < L; ++l) {
                const double shifted = u[i][l] - top[l];
                w[l] = fast_math::exp(shifted);
                sum[l] += w[l];
                weighted_shifted[l] += w[l] * shifted;
                weighted_port[l] += w[l] * port;
            }
        }
        // Nest values (sections 7.2-7.3) in vendor_choice()'s shift-safe form; sum >= 1.
        for (int l = 0; l < L; ++l) {
            const double log_sum = fast_math::log(sum[l]);
            inv_sum[k][l] = 1.0 / sum[l];
            const double inclusive = c.lambda * (top[l] + log_sum);
            const double entropy = log_sum - weighted_shifted[l] * inv_sum[k][l];
            const double lockin = weighted_port[l] * inv_sum[k][l];
            utility[k][l] = inclusive + in.phi[l] * (c.omega * entropy - c.theta * lockin) +
                            c.cloud_constant[k];
        }
    }
    if (!any_open) return false;
    // Cloud bonuses in cloud_utility()'s order: gravity, then incumbency.
    for (int l = 0; l < L; ++l) {
        if (in.home[l] >= 0 && in.home[l] < K) utility[in.home[l]][l] += c.gravity;
        if (in.incumbent_cloud[l] >= 0) utility[in.incumbent_cloud[l]][l] += c.kappa_cloud;
    }
    double best[L], total[L] = {};
    std::fill(best, best + L, minus_inf);
    for (int k = 0; k < K; ++k) {
        if (!c.cloud_open[k]) continue;
        for (int l = 0; l < L; ++l) best[l] = utility[k][l] > best[l] ? utility[k][l] : best[l];
    }
    for (int k = 0; k < K; ++k) {
        if (!c.cloud_open[k]) continue;
        for (int l = 0; l < L; ++l) {
            utility[k][l] = fast_math::exp(utility[k][l] - best[l]);  // now the cloud weight
            total[l] += utility[k][l];
        }
    }
    for (int k = 0; k < K; ++k) {
        if (!c.cloud_open[k]) continue;
        double scale[L];
        for (int l = 0; l < L; ++l) scale[l] = utility[k][l] / total[l] * inv_sum[k][l];
        for (int m = 0; m < M; ++m)
            for (int l = 0; l < L; ++l) prob[k * M + m][l] *= scale[l];
    }
    return true;
}

bool choice_probabilities_batch_reference(const ChoiceContext& c, const ChooserBatch& b,
                                          double (*prob)[batch_lanes]) noexcept {
    const int J = c.clouds * c.vendors;
    bool open = false;
    for (int l = 0; l < b.count; ++l) {
        double taste[max_vendors], p[max_pairs];
        for (int m = 0; m < c.vendors; ++m) taste[m] = b.taste[m][l];
        const Chooser e{b.alpha[l], b.beta[l], b.phi[l], b.home[l], taste};
        open = choice_probabilities(c, e, b.incumbent_cloud[l], b.incumbent_vendor[l], p);
        for (int j = 0; j < J; ++j) prob[j][l] = p[j];
    }
    return open;
}

int draw_pair_lane(const double (*prob)[batch_lanes], int lane, int clouds, int vendors,
                   double u_cloud, double u_vendor) noexcept {
    double row[max_pairs];
    for (int j = 0; j < clouds * vendors; ++j) row[j] = prob[j][lane];
    return draw_pair(row, clouds, vendors, u_cloud, u_vendor);
}

}  // namespace moatsim
