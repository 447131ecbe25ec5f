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

// Fills `count` random lanes; their tastes live in taste[l][m].
ChooserBatch random_batch(Uniforms& u, const ChoiceContext& c, int count,
                          double (&taste)[batch_lanes][max_vendors]) {
    ChooserBatch b;
    const int K = c.clouds, M = c.vendors;
    for (int l = 0; l < count; ++l) {
        for (int m = 0; m < M; ++m) taste[l][m] = u.between(-2.0, 2.0);
        const Chooser e{u.between(0.1, 3.0), u.between(0.0, 2.0), u.between(0.0, 3.0), u.below(K),
                        taste[l]};
        int cloud = -1, vendor = -1;
        if (u.next() < 0.6) {  // an incumbent pair, offered or not (a delisted one)
            cloud = u.below(K);
            vendor = u.below(M);
        }
        b.set(l, e, M, cloud, vendor);
        b.count = l + 1;
    }
    b.pad(M);
    return b;
}

}  // namespace moatsim::test
