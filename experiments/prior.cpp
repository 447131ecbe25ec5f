#include "experiments/prior.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <cmath>
#include <utility>

namespace moatsim {
namespace {

// Inverse transform of a (possibly truncated) distribution: u is rescaled into the CDF's
// values at the truncation bounds, so the draw is the conditional distribution's.
// The CDF at the truncation bounds (0 and 1 where a bound is absent or outside the support).
template <class Dist>
std::pair<double, double> cdf_bounds(const Dist& d, double lower, double upper) {
    const auto [first, last] = boost::math::support(d);
    const double lo = std::isfinite(lower) && lower > first ? boost::math::cdf(d, lower) : 0.0;
    const double hi = std::isfinite(upper) && upper < last ? boost::math::cdf(d, upper) : 1.0;
    return {lo, hi};
}

// Inverse transform of a (possibly truncated) distribution: u is rescaled into the CDF's
// values at the truncation bounds, so the draw is the conditional distribution's.
template <class Dist>
double truncated_quantile(const Dist& d, double u, double lower, double upper) {
    u = std::clamp(u, min_probability, 1.0 - min_probability);  // finite tails
    const auto [lo, hi] = cdf_bounds(d, lower, upper);
    const double p = std::clamp(lo + u * (hi - lo), 1e-300, 1.0 - 1e-16);
    return std::clamp(boost::math::quantile(d, p), lower, upper);
}

template <class Dist>
double truncated_mass(const Dist& d, double lower, double upper) {
    const auto [lo, hi] = cdf_bounds(d, lower, upper);
    return hi - lo;
}

}  // namespace

const char* prior_kind_name(Prior::Kind k) noexcept {
    switch (k) {
        case Prior::Kind::uniform: return "uniform";
        case Prior::Kind::normal: return "normal";
        case Prior::Kind::lognormal: return "lognormal";
        case Prior::Kind::triangular: return "triangular";
    }
    return "?";
}

double Prior::quantile(double u) const {
    u = std::clamp(u, 0.0, 1.0);
    switch (kind) {
        case Kind::uniform: return a + (b - a) * u;
        case Kind::triangular:
            return boost::math::quantile(boost::math::triangular_distribution<double>(a, c, b), u);
        case Kind::normal:
            return truncated_quantile(boost::math::normal_distribution<double>(a, b), u, lower,
                                      upper);
        case Kind::lognormal:
            return truncated_quantile(
                boost::math::lognormal_distribution<double>(std::log(a), b), u, lower, upper);
    }
    return a;
}

double Prior::mass() const {
    switch (kind) {
        case Kind::normal:
            return truncated_mass(boost::math::normal_distribution<double>(a, b), lower, upper);
        case Kind::lognormal:
            return truncated_mass(boost::math::lognormal_distribution<double>(std::log(a), b),
                                  lower, upper);
        default: return 1.0;
    }
}

std::string Prior::describe() const {
    std::string out = prior_kind_name(kind);
    if (kind == Kind::triangular) out += fmt::format("({}, {}, {})", a, c, b);
    else out += fmt::format("({}, {})", a, b);
    if (std::isfinite(lower) || std::isfinite(upper))
        out += fmt::format(" on [{}, {}]", lower, upper);
    return out;
}

}  // namespace moatsim
