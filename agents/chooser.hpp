#pragma once
// One enterprise's view for the choice kernels, gathered from the population's columns.
#include <cstddef>

#include "agents/choice.hpp"
#include "agents/population.hpp"

namespace moatsim {

/// taste: caller's array of at least `vendors` doubles, filled from the taste columns.
inline Chooser chooser_for(const Population& pop, std::size_t i, int vendors, double* taste) noexcept {
    const Attribute* row = pop.taste_of(i);
    for (int m = 0; m < vendors; ++m) taste[m] = row[m];
    return {pop.alpha[i], pop.beta[i], pop.phi[i], pop.home[i], taste};
}

}  // namespace moatsim
