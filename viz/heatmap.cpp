#include "viz/heatmap.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "viz/axis_ticks.hpp"
#include "viz/chart_text.hpp"
#include "viz/svg_writer.hpp"

namespace moatsim {
namespace {

struct Rgb { double r, g, b; };
constexpr Rgb negative{0x00, 0x72, 0xB2};  // Okabe-Ito blue
constexpr Rgb positive{0xD5, 0x5E, 0x00};  // Okabe-Ito vermillion
constexpr Rgb white{0xFF, 0xFF, 0xFF};

}  // namespace

std::string diverging_colour(double v, double limit) {
    if (!std::isfinite(v)) return "#dddddd";
    const double t = limit > 0 ? std::clamp(std::abs(v) / limit, 0.0, 1.0) : 0.0;
    const Rgb& end = v < 0 ? negative : positive;
    const auto mix = [&](double a, double b) { return static_cast<int>(std::lround(a + (b - a) * t)); };
    return fmt::format("#{:02x}{:02x}{:02x}", mix(white.r, end.r), mix(white.g, end.g), mix(white.b, end.b));
}

std::string heatmap_svg(const Heatmap& m) {
    const std::size_t nx = m.x_values.size(), ny = m.y_values.size();
    if (nx == 0 || ny == 0) throw std::invalid_argument("heatmap: no rows or no columns");
    if (m.cells.size() != nx * ny)
        throw std::invalid_argument(fmt::format("heatmap: {} cells for {} x {} grid", m.cells.size(), nx, ny));
    double limit = 0;
    for (const double v : m.cells)
        if (std::isfinite(v)) limit = std::max(limit, std::abs(v));
    // The colour bar's ends are a nice number, so its ticks read cleanly.
    const AxisTicks bar = nice_ticks(-std::max(limit, 1e-12), std::max(limit, 1e-12), 4);
    limit = bar.hi;

    const double left = 90, top = m.subtitle.empty() ? 48 : 64;
    const double right = m.width - 110, bottom = m.height - (m.note.empty() ? 56 : 70);
    const double cw = (right - left) / static_cast<double>(nx), ch = (bottom - top) / static_cast<double>(ny);

    SvgWriter svg(m.width, m.height, m.title);
    draw_titles(svg, m.title, m.subtitle, m.width);
    const std::string fmt_cell = fmt::format("{{:+.{}f}}", m.decimals);

    svg.open_group({{"class", "cells"}, {"font-size", "12"}, {"text-anchor", "middle"}});
    for (std::size_t r = 0; r < ny; ++r) {
        for (std::size_t k = 0; k < nx; ++k) {
            const double v = m.cells[r * nx + k];
            const double x = left + cw * static_cast<double>(k);
            const double y = bottom - ch * static_cast<double>(r + 1);  // first row at the bottom
            const std::string text = std::isfinite(v) ? fmt::format(fmt::runtime(fmt_cell), v) : "no data";
            svg.open_group({}, m.x_label + " = " + m.x_values[k] + ", " + m.y_label +
                                   " = " + m.y_values[r] + ": " + text);
            svg.element("rect", {{"class", "cell"}, {"x", svg_number(x)}, {"y", svg_number(y)},
                                 {"width", svg_number(cw)}, {"height", svg_number(ch)},
                                 {"fill", diverging_colour(v, limit)}, {"stroke", "#ffffff"}});
            // Dark cells get white text: contrast, not colour, carries the number.
            const bool dark = std::isfinite(v) && limit > 0 && std::abs(v) / limit > 0.55;
            if (cw > 28 && ch > 14)
                svg.text_element("text", {{"x", svg_number(x + cw / 2)}, {"y", svg_number(y + ch / 2 + 4)},
                                          {"fill", dark ? "#ffffff" : "#222222"}},
                                 fit_text(text, cw - 4, 12));
            svg.close_group();
        }
    }
    svg.close_group();

    svg.open_group({{"class", "x-axis"}, {"font-size", "11"}, {"fill", "#333333"}, {"text-anchor", "middle"}});
    for (std::size_t k = 0; k < nx; ++k)
        svg.text_element("text", {{"class", "tick"}, {"x", svg_number(left + cw * (k + 0.5))},
                                  {"y", svg_number(bottom + 16)}},
                         m.x_values[k]);
    svg.close_group();
    svg.text_element("text", {{"x", svg_number((left + right) / 2)}, {"y", svg_number(bottom + 36)},
                              {"text-anchor", "middle"}, {"font-size", "12"}, {"fill", "#222222"}},
                     m.x_label);
    svg.open_group({{"class", "y-axis"}, {"font-size", "11"}, {"fill", "#333333"}, {"text-anchor", "end"}});
    for (std::size_t r = 0; r < ny; ++r)
        svg.text_element("text", {{"class", "tick"}, {"x", svg_number(left - 6)},
                                  {"y", svg_number(bottom - ch * (r + 0.5) + 4)}},
                         m.y_values[r]);
    svg.close_group();
    draw_y_label(svg, m.y_label, 20, top, bottom);

    // Colour bar: stepped, so it needs no gradient support from the viewer.
    const double bx = right + 30, bw = 16;
    constexpr int steps = 40;
    svg.open_group({{"class", "colour-bar"}, {"font-size", "11"}, {"fill", "#333333"}});
    for (int i = 0; i < steps; ++i) {
        const double v = limit - 2 * limit * (i + 0.5) / steps;
        svg.element("rect", {{"x", svg_number(bx)}, {"y", svg_number(top + (bottom - top) * i / steps)},
                             {"width", svg_number(bw)}, {"height", svg_number((bottom - top) / steps + 0.5)},
                             {"fill", diverging_colour(v, limit)}});
    }
    for (const double v : bar.values) {
        const double py = top + (limit - v) / (2 * limit) * (bottom - top);
        svg.element("line", {{"x1", svg_number(bx + bw)}, {"x2", svg_number(bx + bw + 4)}, {"y1", svg_number(py)},
                             {"y2", svg_number(py)}, {"stroke", "#333333"}});
        svg.text_element("text", {{"class", "tick"}, {"x", svg_number(bx + bw + 7)}, {"y", svg_number(py + 4)}},
                         tick_label(v, bar.step, limit));
    }
    svg.close_group();
    const double lx = bx + bw + 48;
    svg.text_element("text", {{"x", svg_number(lx)}, {"y", svg_number((top + bottom) / 2)},
                              {"text-anchor", "middle"}, {"font-size", "12"}, {"fill", "#222222"},
                              {"transform", fmt::format("rotate(-90 {} {})", svg_number(lx), svg_number((top + bottom) / 2))}},
                     fit_text(m.value_label, bottom - top, 12));
    draw_note(svg, m.note, m.width, m.height);
    return svg.finish();
}

}  // namespace moatsim
