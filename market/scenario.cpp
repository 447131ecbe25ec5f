#include "market/scenario.hpp"

namespace moatsim {

int Scenario::cloud_index(std::string_view wanted) const noexcept {
    for (std::size_t k = 0; k < clouds.size(); ++k)
        if (clouds[k].name == wanted) return static_cast<int>(k);
    return -1;
}

int Scenario::vendor_index(std::string_view wanted) const noexcept {
    for (std::size_t m = 0; m < vendors.size(); ++m)
        if (vendors[m].name == wanted) return static_cast<int>(m);
    return -1;
}

}  // namespace moatsim
