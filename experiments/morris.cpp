#include "experiments/morris.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "agents/rng.hpp"

namespace moatsim {

std::vector<std::vector<double>> morris_points(int k, int r, int levels, std::uint64_t seed) {
    const int step = levels / 2;  // p / (2(p - 1)) of the grid = p/2 levels
    const auto probability = [levels](int level) { return (level + 0.5) / levels; };
    std::vector<std::vector<double>> out;
    for (int t = 0; t < r; ++t) {
        const auto draw = [&](std::uint64_t what, std::uint64_t i) {
            return uniforms4(seed, static_cast<std::uint64_t>(t), i, what, Purpose::design, 1)[0];
        };
        std::vector<int> level(static_cast<std::size_t>(k));
        for (int i = 0; i < k; ++i)
            level[static_cast<std::size_t>(i)] = std::min(levels - 1, static_cast<int>(draw(0, static_cast<std::uint64_t>(i)) * levels));
        std::vector<int> order(static_cast<std::size_t>(k));
        std::iota(order.begin(), order.end(), 0);
        for (int i = k; i > 1; --i) {  // Fisher-Yates
            const int j = std::min(i - 1, static_cast<int>(draw(1, static_cast<std::uint64_t>(i)) * i));
            std::swap(order[static_cast<std::size_t>(i - 1)], order[static_cast<std::size_t>(j)]);
        }
        const auto point = [&] {
            std::vector<double> p;
            for (const int l : level) p.push_back(probability(l));
            return p;
        };
        out.push_back(point());
        for (const int i : order) {
            int& l = level[static_cast<std::size_t>(i)];
            l += l + step <= levels - 1 ? step : -step;  // up where the grid allows, else down
            out.push_back(point());
        }
    }
    return out;
}

std::vector<MorrisEffect> morris_effects(const std::vector<std::vector<double>>& points,
                                         const std::vector<double>& y, int k, int r) {
    const auto per = static_cast<std::size_t>(k + 1);
    if (points.size() != per * static_cast<std::size_t>(r) || y.size() != points.size())
        throw std::invalid_argument("morris_effects: expected r x (k + 1) points and outputs");
    std::vector<std::vector<double>> effects(static_cast<std::size_t>(k));
    for (std::size_t t = 0; t < static_cast<std::size_t>(r); ++t)
        for (std::size_t s = 1; s < per; ++s) {
            const auto& before = points[t * per + s - 1];
            const auto& after = points[t * per + s];
            for (std::size_t i = 0; i < before.size(); ++i)
                if (after[i] != before[i])  // the one parameter this step moved
                    effects[i].push_back((y[t * per + s] - y[t * per + s - 1]) / (after[i] - before[i]));
        }
    std::vector<MorrisEffect> out;
    for (const auto& e : effects) {
        MorrisEffect m;
        const auto n = static_cast<double>(e.size());
        for (const double v : e) {
            m.mu += v / n;
            m.mu_star += std::abs(v) / n;
        }
        double ss = 0;
        for (const double v : e) ss += (v - m.mu) * (v - m.mu);
        m.sigma = e.size() > 1 ? std::sqrt(ss / (n - 1)) : 0.0;
        out.push_back(m);
    }
    return out;
}

}  // namespace moatsim
