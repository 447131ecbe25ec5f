#pragma once
// One enterprise's view for the choice kernels, gathered from the population's columns.
#include <cstddef>

#include "agents/choice.hpp"
#include "agents/fast_choice.hpp"
#include "agents/population.hpp"

namespace moatsim {

/// taste: caller's array of at least `vendors` doubles, filled from the taste columns.
inline Chooser chooser_for(const Population& pop, std::size_t i, int vendors, double* taste) noexcept {
    const Attribute* row = pop.taste_of(i);
    for (int m = 0; m < vendors; ++m) taste[m] = row[m];
    return {pop.alpha[i], pop.beta[i], pop.phi[i], pop.home[i], taste};
}

/// Puts enterprise i, whose current pair is (cloud, vendor) (-1 for none), in lane l of a
/// batch, straight from the columns.
template <int Lanes>
void gather(ChooserLanes<Lanes>& b, int l, const Population& pop, std::size_t i, int cloud,
            int vendor) noexcept {
    b.alpha[l] = pop.alpha[i];
    b.beta[l] = pop.beta[i];
    b.phi[l] = pop.phi[i];
    b.home[l] = pop.home[i];
    b.incumbent_cloud[l] = cloud;
    b.incumbent_vendor[l] = vendor;
    const Attribute* taste = pop.taste_of(i);
    for (std::size_t m = 0; m < pop.vendors; ++m) b.taste[m][l] = taste[m];
}

}  // namespace moatsim
