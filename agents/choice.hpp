#pragma once
// The enterprise's nested-logit choice of a (cloud, vendor) pair (docs/ODD.md sections 7.1-7.4).
//
// ChoiceContext holds what every enterprise shares in a tick (log prices, quality,
// catalogs, cloud constants), precomputed once by the market; Chooser holds one
// enterprise's attributes. The functions are pure and allocation-free: they write into
// caller-provided arrays of K*M doubles, indexed pair = k*M + m.
#include <cstdint>
#include <vector>

namespace moatsim {

inline constexpr int max_clouds = 16;
inline constexpr int max_vendors = 32;
inline constexpr int max_pairs = max_clouds * max_vendors;

struct ChoiceContext {
    int clouds = 0;   // K
    int vendors = 0;  // M
    std::vector<double> log_price;       // [K*M] ln P_km (section 7.1)
    std::vector<std::uint8_t> offered;   // [K*M] 1 if m is in catalog C_k
    std::vector<double> port;            // [K*M] port_km
    std::vector<double> vendor_constant; // [M] beta-free vendor terms added to every w (taste shift)
    std::vector<double> quality;         // [M] q_m
    std::vector<double> cloud_constant;  // [K] b_k - delta z_k
    std::vector<std::uint8_t> cloud_open;// [K] 1 if C_k is non-empty
    double lambda = 1.0;        // nest parameter
    double omega = 0.0;         // optionality weight
    double theta = 0.0;         // silicon lock-in weight
    double gravity = 0.0;       // G, bonus on the home cloud
    double kappa_cloud = 0.0;   // kappa_c, bonus on the current cloud
    double kappa_vendor = 0.0;  // kappa_m, bonus on the current vendor (on every cloud)

    void resize(int k, int m);
    [[nodiscard]] bool any_open() const noexcept;
};

struct Chooser {
    double alpha = 0.0;  // price sensitivity
    double beta = 0.0;   // quality sensitivity
    double phi = 0.0;    // lock-in fear
    int home = -1;       // home cloud
    const double* taste = nullptr;  // [M] tau_im
};

/// Effective price of vendor m on cloud k (section 7.1), $ per compute unit.
[[nodiscard]] constexpr double effective_price(double price, double discount, double port,
                                               double margin) noexcept {
    return price * (1.0 - discount * port) + margin;
}

/// Within-cloud quantities for one cloud (sections 7.2-7.3).
struct NestValues {
    double inclusive = 0.0;  // IV_ik = lambda ln sum exp(w/lambda)
    double entropy = 0.0;    // H_ik
    double lockin = 0.0;     // psi_ik
};

/// Vendor probabilities within cloud k, written to prob_m[0..M) (0 where not offered), and the
/// nest values. incumbent_vendor = -1 for none. Max-shifted: finite for any finite utility.
NestValues vendor_choice(const ChoiceContext& c, const Chooser& e, int k, int incumbent_vendor,
                         double* prob_m) noexcept;

/// Cloud utility V_ik (section 7.4) given the nest values.
[[nodiscard]] double cloud_utility(const ChoiceContext& c, const Chooser& e, int k,
                                   const NestValues& nest, bool incumbent_cloud) noexcept;

/// The reference (scalar) kernel: P_i(k, m) for every pair, given the current pair
/// (incumbent_cloud/vendor = -1 for none). Returns false, leaving prob zero, if no cloud is open.
bool choice_probabilities(const ChoiceContext& c, const Chooser& e, int incumbent_cloud,
                          int incumbent_vendor, double* prob) noexcept;

/// Draws a pair from prob (K*M, summing to 1): the cloud by u_cloud, then the vendor within
/// it by u_vendor. Returns the pair index k*M + m.
[[nodiscard]] int draw_pair(const double* prob, int clouds, int vendors, double u_cloud,
                            double u_vendor) noexcept;

}  // namespace moatsim
