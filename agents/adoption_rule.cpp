#include "agents/adoption_rule.hpp"

#include <algorithm>

namespace moatsim {

double adoption_hazard(double bass_p, double bass_q, double adopted_fraction) noexcept {
    return std::min(1.0, bass_p + bass_q * adopted_fraction);
}

}  // namespace moatsim
