#include "experiments/sobol_indices.hpp"

#include <algorithm>
#include <boost/random/sobol.hpp>
#include <cmath>
#include <stdexcept>

#include "agents/rng.hpp"

namespace moatsim {
namespace {

// Sums over a set of rows (with multiplicity) from which one estimate of every index follows.
struct RowSums {
    double sum = 0, sum_sq = 0;  // of f(A) and f(B) together
    std::vector<double> first, total;  // sum f(B) (f(AB_i) - f(A)), sum (f(A) - f(AB_i))^2
    explicit RowSums(int k) : first(static_cast<std::size_t>(k)), total(static_cast<std::size_t>(k)) {}
    // Outputs enter less `shift` (the overall mean): the estimates' expectations are unchanged
    // and S1's product form loses the variance a large mean would add.
    double shift = 0;
    void add(const double* block, int k) {
        const double a = block[0] - shift, b = block[1] - shift;
        sum += a + b;
        sum_sq += a * a + b * b;
        for (int i = 0; i < k; ++i) {
            const double ab = block[2 + i] - shift;
            first[static_cast<std::size_t>(i)] += b * (ab - a);
            total[static_cast<std::size_t>(i)] += (a - ab) * (a - ab);
        }
    }
};

// S1_i = sum f(B) (f(AB_i) - f(A)) / N / V (Saltelli 2010, table 2 (b): exactly 0 for a
// parameter that never changes the output, where Jansen's first-order form is biased at small
// N); ST_i = sum (f(A) - f(AB_i))^2 / 2N / V (Jansen 1999, table 2 (f)).
void estimates(const RowSums& s, int n, std::vector<double>& s1, std::vector<double>& st,
               double& mean, double& variance) {
    const double m = 2.0 * n;
    const double centred = s.sum / m;  // mean of the shifted outputs
    mean = centred + s.shift;
    variance = std::max(0.0, s.sum_sq / m - centred * centred);
    s1.assign(s.first.size(), 0.0);
    st.assign(s.first.size(), 0.0);
    // Relative to the mean's scale: below this the output is constant up to rounding.
    if (variance <= 1e-24 * std::max(1.0, mean * mean)) return;
    for (std::size_t i = 0; i < s.first.size(); ++i) {
        s1[i] = s.first[i] / n / variance;
        st[i] = s.total[i] / (2.0 * n) / variance;
    }
}

// Linear interpolation between order statistics (type 7).
double percentile(std::vector<double>& v, double p) {
    std::sort(v.begin(), v.end());
    const double h = p * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

}  // namespace

std::vector<std::vector<double>> sobol_sequence(int k, int n) {
    boost::random::sobol gen(static_cast<std::size_t>(k));
    // Boost's sequence starts at (1/2, ..., 1/2) (it leaves out the all-zero point); that
    // centre point is left out too, so the design starts at the first point off the centre.
    gen.discard(static_cast<std::uintmax_t>(k));
    const double scale = 1.0 / (static_cast<double>(gen.max()) + 1.0);
    std::vector<std::vector<double>> out(static_cast<std::size_t>(n), std::vector<double>(static_cast<std::size_t>(k)));
    for (auto& point : out)
        for (auto& u : point) u = static_cast<double>(gen()) * scale;
    return out;
}

std::vector<std::vector<double>> saltelli_points(int k, int n) {
    std::vector<std::vector<double>> out;
    for (const auto& row : sobol_sequence(2 * k, n)) {
        const std::vector<double> a(row.begin(), row.begin() + k), b(row.begin() + k, row.end());
        out.push_back(a);
        out.push_back(b);
        for (int i = 0; i < k; ++i) {
            std::vector<double> ab = a;
            ab[static_cast<std::size_t>(i)] = b[static_cast<std::size_t>(i)];
            out.push_back(std::move(ab));
        }
    }
    return out;
}

SobolIndices sobol_indices(const std::vector<double>& y, int k, int n, int bootstrap,
                           double confidence, std::uint64_t seed) {
    const auto block = static_cast<std::size_t>(k + 2);
    if (k < 1 || n < 2 || y.size() != block * static_cast<std::size_t>(n))
        throw std::invalid_argument("sobol_indices: expected N x (k + 2) outputs");
    double shift = 0;
    for (int j = 0; j < n; ++j)
        shift += (y[static_cast<std::size_t>(j) * block] + y[static_cast<std::size_t>(j) * block + 1]) / (2.0 * n);
    RowSums all(k);
    all.shift = shift;
    for (int j = 0; j < n; ++j) all.add(&y[static_cast<std::size_t>(j) * block], k);
    SobolIndices out;
    std::vector<double> s1, st;
    estimates(all, n, s1, st, out.mean, out.variance);
    std::vector<std::vector<double>> boot_s1(static_cast<std::size_t>(k)), boot_st(static_cast<std::size_t>(k));
    for (int b = 0; b < bootstrap; ++b) {
        RowSums resample(k);
        resample.shift = shift;
        for (int j = 0; j < n; ++j) {
            const double u = uniforms4(seed, static_cast<std::uint64_t>(b), static_cast<std::uint64_t>(j), 0,
                                       Purpose::design, 2)[0];
            const auto row = std::min(static_cast<std::size_t>(u * n), static_cast<std::size_t>(n - 1));
            resample.add(&y[row * block], k);
        }
        std::vector<double> r1, rt;
        double mean = 0, variance = 0;
        estimates(resample, n, r1, rt, mean, variance);
        for (std::size_t i = 0; i < r1.size(); ++i) {
            boot_s1[i].push_back(r1[i]);
            boot_st[i].push_back(rt[i]);
        }
    }
    const double tail = (1.0 - confidence) / 2.0;
    for (std::size_t i = 0; i < static_cast<std::size_t>(k); ++i) {
        IndexEstimate f{s1[i], s1[i], s1[i]}, t{st[i], st[i], st[i]};
        if (bootstrap > 0) {
            f.lo = percentile(boot_s1[i], tail);
            f.hi = percentile(boot_s1[i], 1.0 - tail);
            t.lo = percentile(boot_st[i], tail);
            t.hi = percentile(boot_st[i], 1.0 - tail);
        }
        out.first.push_back(f);
        out.total.push_back(t);
    }
    return out;
}

}  // namespace moatsim
