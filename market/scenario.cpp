#include "market/scenario.hpp"

#include <cstdio>

namespace moatsim {

const char* event_kind_name(Event::Kind kind) noexcept {
    switch (kind) {
        case Event::Kind::set: return "set";
        case Event::Kind::catalog_add: return "catalog_add";
        case Event::Kind::catalog_remove: return "catalog_remove";
        case Event::Kind::port: return "port";
        case Event::Kind::training_split: return "training_split";
        case Event::Kind::funding: return "funding";
        case Event::Kind::gpu_shock: return "gpu_shock";
    }
    return "set";
}

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
