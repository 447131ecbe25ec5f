#pragma once
// exp and log for the choice kernels, written so that GCC vectorises loops over them (no
// branches, no calls, no table lookups). Accuracy, tested in tests/test_fast_math.cpp
// against std::exp/std::log: within 4 ulp on their domains (about 1e-15 relative, far below
// anything the model's results can show).
//
// Why not libm: the kernels spend most of their time in ~40 exp calls per choice; libm's
// scalar calls cannot be vectorised, and were a third of the tick in the profile
// (bench/README.md).
#include <bit>
#include <cstdint>

namespace moatsim::fast_math {

/// e^x for x in [-708, 709]; x below is taken as -708 (e^-708 ~ 3e-308, which callers that
/// need an exact zero mask out), x above as 709. Range reduction x = n ln2 + r with
/// |r| <= ln2/2 (Cody-Waite, two-part ln2 so n*ln2_hi is exact), then a degree-13 Taylor
/// polynomial, whose truncation error there is below 1e-17, and scaling by 2^n built
/// from the exponent bits.
inline double exp(double x) noexcept {
    constexpr double log2e = 1.4426950408889634074;
    constexpr double ln2_hi = 0x1.62e42fee00000p-1;  // 32 significant bits: n*ln2_hi is exact
    constexpr double ln2_lo = 0x1.a39ef35793c76p-33;
    constexpr double round_magic = 0x1.8p52;  // adding it rounds to an integer in the low bits
    x = x < -708.0 ? -708.0 : x;
    x = x > 709.0 ? 709.0 : x;
    const double shifted = x * log2e + round_magic;
    const double n = shifted - round_magic;  // nearest integer to x / ln 2
    const double r = (x - n * ln2_hi) - n * ln2_lo;
    double p = 1.0 / 6227020800.0;  // 1/13!
    p = p * r + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    // n + 1023 is in [1, 2046] here: a normal power of two.
    const auto n_bits = std::bit_cast<std::int64_t>(shifted) - std::bit_cast<std::int64_t>(round_magic);
    const double scale = std::bit_cast<double>(static_cast<std::uint64_t>(n_bits + 1023) << 52);
    return p * scale;
}

/// ln x for finite x >= 2^-1022 (normal, positive). x = 2^e m with m in [sqrt(1/2), sqrt(2)),
/// ln m = 2 atanh(s), s = (m - 1)/(m + 1), |s| <= 0.172, by its odd series to s^23 (the next
/// term is below 1e-18 of the result).
inline double log(double x) noexcept {
    constexpr double ln2_hi = 0x1.62e42fee00000p-1;
    constexpr double ln2_lo = 0x1.a39ef35793c76p-33;
    const auto bits = std::bit_cast<std::uint64_t>(x);
    // The unbiased exponent as a double, built in the mantissa of 2^52 (AVX2 has no
    // int64 -> double conversion, and this keeps the loop vectorised), and the mantissa
    // with the exponent of 1.0.
    constexpr double two52 = 4503599627370496.0;
    double e = std::bit_cast<double>((bits >> 52) | std::bit_cast<std::uint64_t>(two52)) -
               (two52 + 1023.0);
    double m = std::bit_cast<double>((bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);
    const bool high = m > 1.4142135623730950488;
    m = high ? m * 0.5 : m;
    e = high ? e + 1.0 : e;
    const double s = (m - 1.0) / (m + 1.0);
    const double s2 = s * s;
    double p = 1.0 / 23.0;
    p = p * s2 + 1.0 / 21.0;
    p = p * s2 + 1.0 / 19.0;
    p = p * s2 + 1.0 / 17.0;
    p = p * s2 + 1.0 / 15.0;
    p = p * s2 + 1.0 / 13.0;
    p = p * s2 + 1.0 / 11.0;
    p = p * s2 + 1.0 / 9.0;
    p = p * s2 + 1.0 / 7.0;
    p = p * s2 + 1.0 / 5.0;
    p = p * s2 + 1.0 / 3.0;
    // 2s + 2s^3 p, with the small term added last for accuracy.
    return e * ln2_hi + (e * ln2_lo + (2.0 * s + 2.0 * s * s2 * p));
}

/// e^x in single precision for x in [-87, 88] (clamped outside), within 2 ulp of float:
/// the same reduction as exp(double), degree-8 Taylor polynomial (truncation < 1e-10).
inline float exp(float x) noexcept {
    constexpr float log2e = 1.44269504f;
    constexpr float ln2_hi = 0x1.62e400p-1f;  // 16 significant bits: n*ln2_hi is exact
    constexpr float ln2_lo = 0x1.7f7d1cp-20f;
    constexpr float round_magic = 0x1.8p23f;
    x = x < -87.0f ? -87.0f : x;
    x = x > 88.0f ? 88.0f : x;
    const float shifted = x * log2e + round_magic;
    const float n = shifted - round_magic;
    const float r = (x - n * ln2_hi) - n * ln2_lo;
    float p = 1.0f / 40320.0f;
    p = p * r + 1.0f / 5040.0f;
    p = p * r + 1.0f / 720.0f;
    p = p * r + 1.0f / 120.0f;
    p = p * r + 1.0f / 24.0f;
    p = p * r + 1.0f / 6.0f;
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    const auto n_bits = std::bit_cast<std::int32_t>(shifted) - std::bit_cast<std::int32_t>(round_magic);
    const float scale = std::bit_cast<float>(static_cast<std::uint32_t>(n_bits + 127) << 23);
    return p * scale;
}

/// ln x in single precision for normal positive floats, within 2 ulp of float: the atanh
/// series of log(double) to s^11.
inline float log(float x) noexcept {
    constexpr float ln2_hi = 0x1.62e400p-1f;
    constexpr float ln2_lo = 0x1.7f7d1cp-20f;
    constexpr float two23 = 8388608.0f;
    const auto bits = std::bit_cast<std::uint32_t>(x);
    float e = std::bit_cast<float>((bits >> 23) | std::bit_cast<std::uint32_t>(two23)) - (two23 + 127.0f);
    float m = std::bit_cast<float>((bits & 0x007fffffU) | 0x3f800000U);
    const bool high = m > 1.41421356f;
    m = high ? m * 0.5f : m;
    e = high ? e + 1.0f : e;
    const float s = (m - 1.0f) / (m + 1.0f);
    const float s2 = s * s;
    float p = 1.0f / 11.0f;
    p = p * s2 + 1.0f / 9.0f;
    p = p * s2 + 1.0f / 7.0f;
    p = p * s2 + 1.0f / 5.0f;
    p = p * s2 + 1.0f / 3.0f;
    return e * ln2_hi + (e * ln2_lo + (2.0f * s + 2.0f * s * s2 * p));
}

/// cos(2 pi u) for u in [0, 1], within 4e-16 absolute (Box-Muller needs absolute accuracy).
/// Folded by symmetry to a in [0, 1/4]; cos(2 pi a) by its Taylor series for a <= 1/8 and
/// as sin(2 pi (1/4 - a)) otherwise, both on arguments <= pi/4 (next terms below 1e-17).
inline double cos_2pi(double u) noexcept {
    constexpr double two_pi = 6.283185307179586476925286766559;
    constexpr double round_magic = 0x1.8p52;
    double a = u - ((u + round_magic) - round_magic);  // u minus the nearest integer: [-1/2, 1/2]
    a = a < 0.0 ? -a : a;                               // cos is even
    const bool negate = a > 0.25;                       // cos(2 pi a) = -cos(2 pi (1/2 - a))
    a = negate ? 0.5 - a : a;
    const bool use_sin = a > 0.125;
    const double x = two_pi * (use_sin ? 0.25 - a : a);
    const double x2 = x * x;
    double c = 1.0 / 20922789888000.0;  // 1/16!
    c = c * x2 - 1.0 / 87178291200.0;
    c = c * x2 + 1.0 / 479001600.0;
    c = c * x2 - 1.0 / 3628800.0;
    c = c * x2 + 1.0 / 40320.0;
    c = c * x2 - 1.0 / 720.0;
    c = c * x2 + 1.0 / 24.0;
    c = c * x2 - 0.5;
    c = c * x2 + 1.0;
    double s = 1.0 / 355687428096000.0;  // 1/17!
    s = s * x2 - 1.0 / 1307674368000.0;
    s = s * x2 + 1.0 / 6227020800.0;
    s = s * x2 - 1.0 / 39916800.0;
    s = s * x2 + 1.0 / 362880.0;
    s = s * x2 - 1.0 / 5040.0;
    s = s * x2 + 1.0 / 120.0;
    s = s * x2 - 1.0 / 6.0;
    s = x + x * x2 * s;
    const double r = use_sin ? s : c;
    return negate ? -r : r;
}

}  // namespace moatsim::fast_math
