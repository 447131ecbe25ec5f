#pragma once
// Heatmaps as self-contained SVG: a grid of two parameters' values, each cell coloured on a
// diverging blue-white-vermillion scale centred on zero (colour-blind safe, Okabe-Ito ends)
// and labelled with its value, with a colour bar.
#include <string>
#include <vector>

namespace moatsim {

struct Heatmap {
    std::string title;
    std::string subtitle;
    std::string x_label, y_label;   // parameter names (with units when they have any)
    std::string value_label;        // what a cell holds, with unit, e.g. "AWS share effect (pp)"
    std::string note;               // small print under the chart; may be empty
    std::vector<std::string> x_values;  // column labels, left to right
    std::vector<std::string> y_values;  // row labels, bottom to top
    std::vector<double> cells;      // cells[row * x_values.size() + column]; NaN = no data
    int decimals = 1;               // of the cell labels
    double width = 760, height = 520;  // pixels
};

/// The heatmap as an SVG document; each cell is a <rect class="cell"> with a tooltip.
/// @throws std::invalid_argument if cells.size() != x_values.size() * y_values.size() or
/// either axis is empty.
[[nodiscard]] std::string heatmap_svg(const Heatmap& map);

/// Fill colour of value v on a scale symmetric around 0 reaching full colour at +-limit.
[[nodiscard]] std::string diverging_colour(double v, double limit);

}  // namespace moatsim
