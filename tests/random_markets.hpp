#pragma once
// Random markets and enterprises for testing the fast kernels against the reference ones.
#include <array>
#include <cstdint>

#include "agents/fast_choice.hpp"

namespace moatsim::test {

/// A deterministic stream of uniforms (counter-based, like the model's own draws).
class Uniforms {
public:
    explicit Uniforms(std::uint64_t seed) : seed_(seed) {}
    double next();
    double between(double lo, double hi) { return lo + (hi - lo) * next(); }
    int below(int n);

private:
    std::uint64_t seed_, counter_ = 0;
    std::array<double, 4> block_{};
    int used_ = 4;
};

/// K clouds x M vendors with ~70% of pairs offered (some clouds may end up closed);
/// utility_scale multiplies log prices and cloud constants (1e4: extreme utilities).
ChoiceContext random_context(Uniforms& u, int K, int M, double utility_scale);

/// `count` random enterprises, some with an incumbent pair (offered or not), padded;
/// their tastes live in taste[l][m].
template <int Lanes>
ChooserLanes<Lanes> random_batch(Uniforms& u, const ChoiceContext& c, int count,
                                 double (&taste)[Lanes][max_vendors]) {
    ChooserLanes<Lanes> b;
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
