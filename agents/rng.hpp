#pragma once
// Counter-based random streams (Random123 Philox4x64).
//
// Every draw is a pure function of (seed, replicate, agent, tick, purpose): the same
// numbers come out whatever thread, block or order evaluates them, which is what makes
// runs byte-identical for any thread count.
#include <Random123/philox.h>
#include <Random123/uniform.hpp>

#include <array>
#include <cstdint>
#include <string_view>

namespace moatsim {

/// What a draw is for. Each purpose is its own stream; adding a purpose never shifts another.
enum class Purpose : std::uint64_t {
    population = 1,    ///< enterprise attributes (size, alpha, beta, phi, home cloud, adopted)
    taste = 2,         ///< per-vendor taste, further keyed by a hash of the vendor's name
    initial_choice = 3,///< the initial allocation of enterprises adopted at t = 0
    adoption = 4,      ///< Bass adoption draw and the adopter's choice
    review = 5,        ///< review draw and the reviewer's choice
    design = 6,        ///< experimental designs (Latin hypercube samples of a sweep)
    reschedule = 7,    ///< new review waits after a `set` event changes the review rate
};

/// Tick coordinate used for draws made before the first tick (population, initial allocation).
inline constexpr std::uint64_t setup_tick = ~std::uint64_t{0};

/// Four independent uniforms in (0, 1] for one (seed, replicate, agent, tick, purpose, extra).
inline std::array<double, 4> uniforms4(std::uint64_t seed, std::uint64_t replicate,
                                       std::uint64_t agent, std::uint64_t tick, Purpose purpose,
                                       std::uint64_t extra = 0) noexcept {
    using Rng = r123::Philox4x64;
    const Rng::key_type key = {{seed, replicate}};
    const Rng::ctr_type ctr = {{agent, tick, static_cast<std::uint64_t>(purpose), extra}};
    const Rng::ctr_type r = Rng{}(ctr, key);
    // u01 maps to (0, 1]: never 0, so log() in Box-Muller and inverse transforms is safe.
    return {r123::u01<double>(r[0]), r123::u01<double>(r[1]), r123::u01<double>(r[2]),
            r123::u01<double>(r[3])};
}

/// FNV-1a hash of a name: keys the taste stream by vendor *name*, so adding or reordering
/// vendors leaves every other vendor's tastes unchanged (docs/ODD.md section 5).
constexpr std::uint64_t name_key(std::string_view name) noexcept {
    std::uint64_t h = 1469598103934665603ull;
    for (const char c : name) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return h;
}

}  // namespace moatsim
