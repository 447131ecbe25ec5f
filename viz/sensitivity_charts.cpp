#include "viz/sensitivity_charts.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "viz/axis_ticks.hpp"
#include "viz/chart_text.hpp"
#include "viz/palette.hpp"
#include "viz/svg_writer.hpp"

namespace moatsim {
namespace {

constexpr double width = 840, left = 300, right = 800, top = 70, row = 40, font = 12;

void vertical_grid(SvgWriter& svg, const AxisTicks& ticks, double x0, double x1, double y0, double y1) {
    for (const double v : ticks.values) {
        const double x = x0 + (v - ticks.lo) / (ticks.hi - ticks.lo) * (x1 - x0);
        svg.element("line", {{"x1", svg_number(x)}, {"x2", svg_number(x)}, {"y1", svg_number(y0)},
                             {"y2", svg_number(y1)}, {"stroke", "#dddddd"}});
        svg.text_element("text", {{"class", "tick"}, {"x", svg_number(x)}, {"y", svg_number(y1 + 16)},
                                  {"text-anchor", "middle"}, {"font-size", "11"}},
                         tick_label(v, ticks.step, std::max(std::abs(ticks.lo), std::abs(ticks.hi))));
    }
}

}  // namespace

std::string sobol_bar_chart_svg(const std::string& title, const std::string& subtitle,
                                const std::vector<IndexBar>& bars) {
    if (bars.empty()) throw std::invalid_argument("sobol_bar_chart_svg: no parameters");
    double lo = 0, hi = 1;
    for (const auto& b : bars) {
        for (const double v : {b.s1_lo, b.st_lo}) if (std::isfinite(v)) lo = std::min(lo, v);
        for (const double v : {b.s1_hi, b.st_hi}) if (std::isfinite(v)) hi = std::max(hi, v);
    }
    const AxisTicks ticks = nice_ticks(lo, hi, 5);
    const double bottom = top + row * static_cast<double>(bars.size());
    const double height = bottom + 70;
    const auto x = [&](double v) { return left + (v - ticks.lo) / (ticks.hi - ticks.lo) * (right - left); };
    SvgWriter svg(width, height, title);
    draw_titles(svg, title, subtitle, width);
    vertical_grid(svg, ticks, left, right, top, bottom);
    const char* colours[] = {"#56B4E9", "#0072B2"};  // Okabe-Ito sky blue (S1), blue (ST)
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const IndexBar& b = bars[i];
        const double y = top + row * static_cast<double>(i);
        svg.text_element("text", {{"x", svg_number(left - 8)}, {"y", svg_number(y + row / 2 + 4)},
                                  {"text-anchor", "end"}, {"font-size", "12"}},
                         fit_text(b.parameter, left - 16, font));
        const double values[2][3] = {{b.s1, b.s1_lo, b.s1_hi}, {b.st, b.st_lo, b.st_hi}};
        for (int k = 0; k < 2; ++k) {
            const double by = y + 6 + k * 14, v = std::isfinite(values[k][0]) ? values[k][0] : 0.0;
            const double x0 = x(std::min(0.0, v)), x1 = x(std::max(0.0, v));
            svg.open_group({}, b.parameter + (k == 0 ? " S1 " : " ST ") + tick_label(v, 0.001, 1));
            svg.element("rect", {{"class", "bar"}, {"data-parameter", b.parameter},
                                 {"data-index", k == 0 ? "S1" : "ST"}, {"x", svg_number(x0)},
                                 {"y", svg_number(by)}, {"width", svg_number(std::max(x1 - x0, 0.5))},
                                 {"height", "12"}, {"fill", colours[k]}});
            if (std::isfinite(values[k][1]) && std::isfinite(values[k][2]))
                svg.element("line", {{"class", "interval"}, {"x1", svg_number(x(values[k][1]))},
                                     {"x2", svg_number(x(values[k][2]))}, {"y1", svg_number(by + 6)},
                                     {"y2", svg_number(by + 6)}, {"stroke", "#333333"}, {"stroke-width", "1.5"}});
            svg.close_group();
        }
    }
    svg.element("line", {{"x1", svg_number(x(0))}, {"x2", svg_number(x(0))}, {"y1", svg_number(top)},
                         {"y2", svg_number(bottom)}, {"stroke", "#333333"}});
    for (int k = 0; k < 2; ++k) {
        const double lx = left + k * 200;
        svg.element("rect", {{"x", svg_number(lx)}, {"y", svg_number(bottom + 32)}, {"width", "12"},
                             {"height", "12"}, {"fill", colours[k]}});
        svg.text_element("text", {{"x", svg_number(lx + 18)}, {"y", svg_number(bottom + 43)}, {"font-size", "12"}},
                         k == 0 ? "first order S1" : "total ST (with interactions)");
    }
    return svg.finish();
}

std::string morris_chart_svg(const std::string& title, const std::string& subtitle,
                             const std::string& unit, const std::vector<MorrisPoint>& points) {
    if (points.empty()) throw std::invalid_argument("morris_chart_svg: no parameters");
    double xmax = 0, ymax = 0;
    for (const auto& p : points) {
        if (!std::isfinite(p.mu_star) || !std::isfinite(p.sigma))
            throw std::invalid_argument("morris_chart_svg: a value is not finite");
        xmax = std::max(xmax, p.mu_star);
        ymax = std::max(ymax, p.sigma);
    }
    const AxisTicks xt = nice_ticks(0, std::max(xmax, 1e-12), 5), yt = nice_ticks(0, std::max(ymax, 1e-12), 5);
    const double height = 520, x0 = 90, x1 = 800, y0 = 70, y1 = 450;
    const auto px = [&](double v) { return x0 + v / xt.hi * (x1 - x0); };
    const auto py = [&](double v) { return y1 - v / yt.hi * (y1 - y0); };
    SvgWriter svg(width, height, title);
    draw_titles(svg, title, subtitle, width);
    vertical_grid(svg, xt, x0, x1, y0, y1);
    for (const double v : yt.values) {
        svg.element("line", {{"x1", svg_number(x0)}, {"x2", svg_number(x1)}, {"y1", svg_number(py(v))},
                             {"y2", svg_number(py(v))}, {"stroke", "#dddddd"}});
        svg.text_element("text", {{"class", "tick"}, {"x", svg_number(x0 - 6)}, {"y", svg_number(py(v) + 4)},
                                  {"text-anchor", "end"}, {"font-size", "11"}},
                         tick_label(v, yt.step, yt.hi));
    }
    // sigma = mu*: above it, a parameter acts mostly through interactions or non-linearly.
    const double d = std::min(xt.hi, yt.hi);
    svg.element("line", {{"x1", svg_number(px(0))}, {"y1", svg_number(py(0))}, {"x2", svg_number(px(d))},
                         {"y2", svg_number(py(d))}, {"stroke", "#999999"}, {"stroke-dasharray", "4 4"}});
    for (std::size_t i = 0; i < points.size(); ++i) {
        const MorrisPoint& p = points[i];
        svg.open_group({}, p.parameter);
        svg.element("circle", {{"class", "point"}, {"data-parameter", p.parameter}, {"cx", svg_number(px(p.mu_star))},
                               {"cy", svg_number(py(p.sigma))}, {"r", "5"}, {"fill", series_colour(i)}});
        svg.text_element("text", {{"x", svg_number(px(p.mu_star) + 8)}, {"y", svg_number(py(p.sigma) - 6)},
                                  {"font-size", "11"}},
                         fit_text(p.parameter, 240, 11));
        svg.close_group();
    }
    svg.text_element("text", {{"x", svg_number((x0 + x1) / 2)}, {"y", svg_number(y1 + 40)}, {"text-anchor", "middle"},
                              {"font-size", "12"}},
                     "mu* (mean |elementary effect|, " + unit + " per prior range)");
    draw_y_label(svg, "sigma (spread of the effects)", 24, y0, y1);
    return svg.finish();
}

}  // namespace moatsim
