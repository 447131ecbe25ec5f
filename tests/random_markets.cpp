#include "random_markets.hpp"

#include <algorithm>

#include "agents/rng.hpp"

namespace moatsim::test {

double Uniforms::next() {
    if (used_ == 4) {
        block_ = uniforms4(seed_, 0, counter_++, 0, Purpose::population);
        used_ = 0;
    }
    return block_[used_++];
}

int Uniforms::below(int n) { return std::min(n - 1, static_cast<int>(next() * n)); }

ChoiceContext random_context(Uniforms& u, int K, int M, double utility_scale) {
    ChoiceContext c;
    c.resize(K, M);
    for (int k = 0; k < K; ++k) {
        for (int m = 0; m < M; ++m) {
            const int j = k * M + m;
            c.offered[j] = u.next() < 0.7;
            c.log_price[j] = utility_scale * u.between(-1.0, 2.0);
            c.port[j] = u.next();
        }
        c.cloud_open[k] = 0;
        for (int m = 0; m < M; ++m) c.cloud_open[k] |= c.offered[k * M + m];
        c.cloud_constant[k] = utility_scale * u.between(-2.0, 2.0);
    }
    for (int m = 0; m < M; ++m) {
        c.quality[m] = u.between(0.0, 3.0);
        c.vendor_constant[m] = u.between(-1.0, 1.0);
    }
    c.lambda = u.between(0.2, 1.0);
    c.omega = u.between(0.0, 1.0);
    c.theta = u.between(0.0, 1.0);
    c.gravity = u.between(0.0, 2.0);
    c.kappa_cloud = u.between(0.0, 3.0);
    c.kappa_vendor = u.between(0.0, 2.0);
    return c;
}

}  // namespace moatsim::test
