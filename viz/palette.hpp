#pragma once
// Series colours: the Okabe-Ito palette (Okabe & Ito 2008), distinguishable with the common
// colour-vision deficiencies. Ordered so the first four (the usual clouds) are the most
// distinct on white. Lines use the first seven: the yellow is too pale for a line on white
// (contrast about 1.2:1), so repeats are told apart by dashes instead.
#include <array>
#include <cstddef>
#include <string>

namespace moatsim {

inline constexpr std::array<const char*, 8> okabe_ito = {
    "#0072B2",  // blue
    "#E69F00",  // orange
    "#009E73",  // bluish green
    "#D55E00",  // vermillion
    "#CC79A7",  // reddish purple
    "#56B4E9",  // sky blue
    "#000000",  // black
    "#F0E442",  // yellow
};

inline constexpr std::size_t line_colours = 7;

/// Colour of series i; colours repeat after 7, so series_dash tells repeats apart.
[[nodiscard]] inline std::string series_colour(std::size_t i) {
    return okabe_ito[i % line_colours];
}

/// stroke-dasharray of series i: solid for the first 7, then dashed, then dotted.
[[nodiscard]] inline std::string series_dash(std::size_t i) {
    switch ((i / line_colours) % 3) {
        case 0: return "";
        case 1: return "6 3";
        default: return "2 2";
    }
}

}  // namespace moatsim
