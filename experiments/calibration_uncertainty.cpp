#include "experiments/calibration_uncertainty.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <string_view>

#include "experiments/job_bytes.hpp"

namespace moatsim {
namespace {

// Where the profile first rises above `level` going from the optimum towards one side:
// linear interpolation between grid points; the bound itself if it never does.
double crossing(const std::vector<ProfilePoint>& side, double at, double level, bool& closed) {
    double prev_v = at, prev_f = 0;
    for (const auto& p : side) {
        if (p.objective >= level) {
            closed = true;
            const double t = (level - prev_f) / (p.objective - prev_f);
            return prev_v + t * (p.value - prev_v);
        }
        prev_v = p.value;
        prev_f = p.objective;
    }
    closed = false;
    return prev_v;
}

std::vector<std::vector<double>> hessian(const HistoryObjective& objective,
                                         const std::vector<double>& at) {
    const CalibrationSpec& spec = objective.spec();
    const std::size_t n = at.size();
    std::vector<double> h(n), c = at;
    for (std::size_t i = 0; i < n; ++i) {
        const auto& p = spec.parameters[i];
        h[i] = 0.02 * (p.upper - p.lower);
        c[i] = std::clamp(at[i], p.lower + h[i], p.upper - h[i]);  // stay inside the bounds
    }
    // Every point the differences need, listed first, then evaluated as jobs (any order
    // gives the same values: an evaluation is a function of its point alone).
    std::vector<std::vector<double>> points{c};
    std::map<std::array<long, 4>, std::size_t> index;  // (i, di, j, dj) -> point
    auto point = [&](std::size_t i, double di, std::size_t j, double dj) {
        std::vector<double> v = c;
        v[i] += di * h[i];
        v[j] += dj * h[j];
        index[{static_cast<long>(i), static_cast<long>(di), static_cast<long>(j),
               static_cast<long>(dj)}] = points.size();
        points.push_back(std::move(v));
    };
    for (std::size_t i = 0; i < n; ++i) {
        point(i, 1, i, 0);
        point(i, -1, i, 0);
        for (std::size_t j = 0; j < i; ++j)
            for (const double di : {1.0, -1.0})
                for (const double dj : {1.0, -1.0}) point(i, di, j, dj);
    }
    std::vector<double> values(points.size());
    run_objective_jobs(objective, static_cast<int>(points.size()),
        [&](int k) { return ByteWriter().put(objective(points[static_cast<std::size_t>(k)])).take(); },
        [&](int k, std::string_view bytes) {
            values[static_cast<std::size_t>(k)] = ByteReader(bytes).get<double>();
        },
        [](int k) { return "Hessian point " + std::to_string(k); });
    auto f = [&](std::size_t i, double di, std::size_t j, double dj) {
        return values[index.at({static_cast<long>(i), static_cast<long>(di),
                                static_cast<long>(j), static_cast<long>(dj)})];
    };
    const double f0 = values[0];
    std::vector<std::vector<double>> H(n, std::vector<double>(n, 0.0));
    for (std::size_t i = 0; i < n; ++i) {
        const double si = spec.parameters[i].scale;  // derivatives in scaled units
        H[i][i] = (f(i, 1, i, 0) - 2 * f0 + f(i, -1, i, 0)) / (h[i] * h[i]) * si * si;
        for (std::size_t j = 0; j < i; ++j) {
            const double sj = spec.parameters[j].scale;
            H[i][j] = H[j][i] = (f(i, 1, j, 1) - f(i, 1, j, -1) - f(i, -1, j, 1) + f(i, -1, j, -1)) /
                                (4 * h[i] * h[j]) * si * sj;
        }
    }
    return H;
}

}  // namespace

std::vector<std::vector<double>> correlation_from_hessian(
    const std::vector<std::vector<double>>& H, const std::vector<bool>& use) {
    const std::size_t n = H.size();
    std::vector<std::vector<double>> out(n, std::vector<double>(n, NAN));
    std::vector<std::size_t> idx;
    for (std::size_t i = 0; i < n; ++i)
        if (use[i]) idx.push_back(i);
    const std::size_t m = idx.size();
    // Gauss-Jordan inverse of the block; a non-positive pivot means no covariance.
    std::vector<std::vector<double>> a(m, std::vector<double>(2 * m, 0.0));
    for (std::size_t r = 0; r < m; ++r) {
        for (std::size_t k = 0; k < m; ++k) a[r][k] = H[idx[r]][idx[k]];
        a[r][m + r] = 1.0;
    }
    for (std::size_t col = 0; col < m; ++col) {
        const double pivot = a[col][col];
        if (!(pivot > 1e-12)) return out;
        for (auto& x : a[col]) x /= pivot;
        for (std::size_t r = 0; r < m; ++r) {
            if (r == col) continue;
            const double factor = a[r][col];
            for (std::size_t k = 0; k < 2 * m; ++k) a[r][k] -= factor * a[col][k];
        }
    }
    for (std::size_t r = 0; r < m; ++r)
        if (!(a[r][m + r] > 0)) return out;  // covariance needs a positive diagonal
    for (std::size_t r = 0; r < m; ++r)
        for (std::size_t k = 0; k < m; ++k)
            out[idx[r]][idx[k]] = a[r][m + k] / std::sqrt(a[r][m + r] * a[k][m + k]);
    return out;
}

Uncertainty estimate_uncertainty(const HistoryObjective& objective, const FitResult& fit) {
    const CalibrationSpec& spec = objective.spec();
    const std::size_t n = spec.parameters.size();
    Uncertainty u;
    u.best_profile_objective = fit.objective;
    // Every profile point is a polish of its own: jobs (parameter-major, grid order), their
    // minima read back in that order below.
    const auto grid = static_cast<std::size_t>(spec.profile_points);
    const auto grid_value = [&](std::size_t p, std::size_t k) {
        const auto& par = spec.parameters[p];
        return par.lower + (par.upper - par.lower) * static_cast<int>(k) / (spec.profile_points - 1);
    };
    std::vector<double> minima(n * grid);
    run_objective_jobs(objective, static_cast<int>(n * grid),
        [&](int job) {
            const std::size_t p = static_cast<std::size_t>(job) / grid, k = static_cast<std::size_t>(job) % grid;
            std::vector<bool> free(n, true);
            free[p] = false;
            std::vector<double> from = fit.values;
            from[p] = grid_value(p, k);
            return ByteWriter()
                .put(polish(objective, from, free, spec.profile_evaluations, spec.tolerance).objective)
                .take();
        },
        [&](int job, std::string_view bytes) {
            minima[static_cast<std::size_t>(job)] = ByteReader(bytes).get<double>();
        },
        [&](int job) {
            return "profile point " + std::to_string(job % spec.profile_points) + " of " +
                   spec.parameters[static_cast<std::size_t>(job) / grid].name;
        });
    for (std::size_t p = 0; p < n; ++p) {
        std::vector<ProfilePoint> below, above;  // ordered away from the estimate
        for (std::size_t k = 0; k < grid; ++k) {
            const double v = grid_value(p, k);
            const double objective_at = minima[p * grid + k];
            const ProfilePoint point{p, v, objective_at};
            u.profile.push_back(point);
            u.best_profile_objective = std::min(u.best_profile_objective, objective_at);
            ProfilePoint rise = point;
            rise.objective -= fit.objective;
            (v < fit.values[p] ? below : above).push_back(rise);
        }
        std::reverse(below.begin(), below.end());
        Estimate e;
        e.value = fit.values[p];
        for (const auto& q : below) e.max_rise = std::max(e.max_rise, q.objective);
        for (const auto& q : above) e.max_rise = std::max(e.max_rise, q.objective);
        e.identified = e.max_rise >= 1.0;
        e.lower = below.empty() ? e.value : crossing(below, e.value, 1.0, e.lower_closed);
        e.upper = above.empty() ? e.value : crossing(above, e.value, 1.0, e.upper_closed);
        u.estimates.push_back(e);
    }
    // A quadratic model of the objective holds only around an interior optimum: parameters
    // at a bound of the search (profile open on a side) are left out, as are those not
    // identified; the others' correlations are then conditional on them.
    std::vector<bool> use;
    for (const auto& e : u.estimates) use.push_back(e.identified && e.lower_closed && e.upper_closed);
    u.correlation = correlation_from_hessian(hessian(objective, fit.values), use);
    return u;
}

}  // namespace moatsim
