#include "viz/chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "viz/axis_ticks.hpp"
#include "viz/chart_text.hpp"
#include "viz/palette.hpp"
#include "viz/svg_writer.hpp"

namespace moatsim {
namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

// Linear map from data units to pixels.
struct Scale {
    double d0, d1, p0, p1;
    [[nodiscard]] double operator()(double v) const { return p0 + (v - d0) / (d1 - d0) * (p1 - p0); }
};

struct Range {
    double lo = inf, hi = -inf;
    void add(double v) {
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    }
    [[nodiscard]] bool empty() const { return lo > hi; }
};

void check_sizes(const ChartSeries& s) {
    const auto fits = [&](const std::vector<double>& v) { return v.empty() || v.size() == s.y.size(); };
    if (s.x.size() != s.y.size() || !fits(s.lo) || !fits(s.hi) || s.lo.size() != s.hi.size())
        throw std::invalid_argument("line chart: series '" + s.name +
                                    "' has x, y, lo and hi of different lengths");
}

// "M x y L x y ..." over the points where ok(i), starting a new subpath after each gap.
template <class Ok, class Y>
std::string polyline(const ChartSeries& s, const Scale& sx, const Scale& sy, Ok ok, Y y) {
    std::string d;
    bool pen_down = false;
    for (std::size_t i = 0; i < s.x.size(); ++i) {
        if (!ok(i) || !std::isfinite(s.x[i])) {
            pen_down = false;
            continue;
        }
        d += fmt::format("{}{} {} ", pen_down ? 'L' : 'M', svg_number(sx(s.x[i])), svg_number(sy(y(i))));
        pen_down = true;
    }
    return d;
}

// Observations: a whisker from lo to hi (where both are finite) and an open dot at y.
void draw_points(SvgWriter& svg, const ChartSeries& s, const Scale& sx, const Scale& sy,
                 const std::string& colour) {
    svg.open_group({{"class", "points"}, {"data-series", s.name}}, s.name);
    for (std::size_t k = 0; k < s.y.size(); ++k) {
        if (!std::isfinite(s.x[k]) || !std::isfinite(s.y[k])) continue;
        const std::string px = svg_number(sx(s.x[k]));
        if (!s.lo.empty() && std::isfinite(s.lo[k]) && std::isfinite(s.hi[k]))
            svg.element("line", {{"x1", px}, {"x2", px}, {"y1", svg_number(sy(s.lo[k]))},
                                 {"y2", svg_number(sy(s.hi[k]))}, {"stroke", colour}, {"stroke-width", "1.5"}});
        svg.element("circle", {{"cx", px}, {"cy", svg_number(sy(s.y[k]))}, {"r", "3.5"},
                               {"fill", "white"}, {"stroke", colour}, {"stroke-width", "2"}});
    }
    svg.close_group();
}

// The band as closed polygons, one per run of points where both lo and hi are finite.
std::string band_path(const ChartSeries& s, const Scale& sx, const Scale& sy) {
    std::string d;
    std::size_t i = 0;
    const auto ok = [&](std::size_t k) {
        return std::isfinite(s.x[k]) && std::isfinite(s.lo[k]) && std::isfinite(s.hi[k]);
    };
    while (i < s.y.size()) {
        if (!ok(i)) { ++i; continue; }
        std::size_t j = i;
        while (j < s.y.size() && ok(j)) ++j;
        for (std::size_t k = i; k < j; ++k)
            d += fmt::format("{}{} {} ", k == i ? 'M' : 'L', svg_number(sx(s.x[k])), svg_number(sy(s.hi[k])));
        for (std::size_t k = j; k-- > i;)
            d += fmt::format("L{} {} ", svg_number(sx(s.x[k])), svg_number(sy(s.lo[k])));
        d += "Z ";
        i = j;
    }
    return d;
}

// As many whole labels as fit in max_px, then "+N more" (all of them are in the tooltip).
std::string joined_labels(const std::vector<std::string>& labels, double max_px, double font_px) {
    std::string out;
    for (std::size_t k = 0; k < labels.size(); ++k) {
        const std::string next = out + (out.empty() ? "" : ", ") + labels[k];
        const std::string more = k + 1 < labels.size() ? fmt::format(" +{} more", labels.size() - k - 1) : "";
        if (text_width(next + more, font_px) > max_px) {
            if (out.empty()) return fit_text(labels[k], max_px, font_px);
            return out + fmt::format(" +{} more", labels.size() - k);
        }
        out = next;
    }
    return out;
}

void draw_markers(SvgWriter& svg, const std::vector<ChartMarker>& markers, const Scale& sx,
                  double top, double bottom) {
    struct Placed { double px; const ChartMarker* m; };
    std::vector<Placed> placed;
    for (const auto& m : markers) {
        const double px = sx(m.x);
        if (std::isfinite(px) && px >= std::min(sx.p0, sx.p1) - 0.5 && px <= std::max(sx.p0, sx.p1) + 0.5)
            placed.push_back({px, &m});
    }
    std::stable_sort(placed.begin(), placed.end(), [](auto& a, auto& b) { return a.px < b.px; });
    svg.open_group({{"class", "markers"}, {"font-size", "10"}, {"fill", "#444444"}});
    // Markers closer than one label height share a label, so rotated labels never overlap.
    constexpr double label_gap = 13;
    for (std::size_t i = 0; i < placed.size();) {
        std::size_t j = i + 1;
        while (j < placed.size() && placed[j].px - placed[j - 1].px < label_gap) ++j;
        std::vector<std::string> labels;
        std::string detail;
        for (std::size_t k = i; k < j; ++k) {
            const ChartMarker& m = *placed[k].m;
            svg.element("line", {{"class", "marker"}, {"x1", svg_number(placed[k].px)},
                                 {"x2", svg_number(placed[k].px)}, {"y1", svg_number(top)},
                                 {"y2", svg_number(bottom)}, {"stroke", "#777777"},
                                 {"stroke-width", "1"}, {"stroke-dasharray", "4 3"}});
            if (std::find(labels.begin(), labels.end(), m.label) == labels.end()) labels.push_back(m.label);
            detail += (detail.empty() ? "" : "\n") + m.label + (m.detail.empty() ? "" : ": " + m.detail);
        }
        const std::string label = joined_labels(labels, bottom - top - 8, 10);
        const double x = placed[i].px + 10, y = top + 4;
        svg.open_group({}, detail);
        // The white outline keeps the label legible where it crosses a line or a band.
        svg.text_element("text", {{"class", "marker-label"}, {"x", svg_number(x)},
                                  {"y", svg_number(y)}, {"text-anchor", "end"},
                                  {"stroke", "#ffffff"}, {"stroke-width", "3"},
                                  {"paint-order", "stroke"},
                                  {"transform", fmt::format("rotate(-90 {} {})", svg_number(x), svg_number(y))}},
                         label);
        svg.close_group();
        i = j;
    }
    svg.close_group();
}

}  // namespace

std::string line_chart_svg(const LineChart& c) {
    Range xr, yr;
    for (const auto& s : c.series) {
        check_sizes(s);
        for (std::size_t i = 0; i < s.y.size(); ++i) {
            if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) continue;
            xr.add(s.x[i]);
            yr.add(s.y[i]);
            if (!s.lo.empty()) yr.add(s.lo[i]), yr.add(s.hi[i]);
        }
    }
    if (xr.empty()) throw std::invalid_argument("line chart '" + c.title + "': no data to draw");
    if (c.include_zero) yr.add(0.0);

    // Layout: plot area between the margins; the legend takes the right-hand column.
    double legend_w = 0;
    for (const auto& s : c.series) legend_w = std::max(legend_w, text_width(s.name, 12));
    legend_w = std::clamp(legend_w + 40, 90.0, 220.0);
    const double left = 78, top = c.subtitle.empty() ? 44 : 60;
    const double right = c.width - legend_w - 12;
    const double bottom = c.height - (c.note.empty() ? 50 : 64);
    if (right - left < 100 || bottom - top < 80)
        throw std::invalid_argument("line chart: width/height too small for a plot");

    const AxisTicks yt = nice_ticks(yr.lo, yr.hi, std::max(3, static_cast<int>((bottom - top) / 70)));
    const Scale sy{yt.lo, yt.hi, bottom, top};
    double x0 = xr.lo, x1 = xr.hi;
    std::vector<std::pair<double, std::string>> xticks;
    const int x_target = std::max(3, static_cast<int>((right - left) / 90));
    if (c.time_origin) {
        x0 = std::floor(x0), x1 = std::max(std::ceil(x1), x0 + 1);
        const MonthTicks mt = month_ticks(*c.time_origin, static_cast<int>(x0), static_cast<int>(x1), x_target);
        for (const int t : mt.ticks) xticks.emplace_back(t, month_label(*c.time_origin, t, mt.step_months));
    } else {
        const AxisTicks xt = nice_ticks(x0, x1, x_target);
        x0 = xt.lo, x1 = xt.hi;
        const double max_abs = std::max(std::abs(xt.lo), std::abs(xt.hi));
        for (const double v : xt.values) xticks.emplace_back(v, tick_label(v, xt.step, max_abs));
    }
    const Scale sx{x0, x1, left, right};

    SvgWriter svg(c.width, c.height, c.title);
    draw_titles(svg, c.title, c.subtitle, c.width);

    // Grid and y axis.
    const double y_abs = std::max(std::abs(yt.lo), std::abs(yt.hi));
    svg.open_group({{"class", "y-axis"}, {"font-size", "11"}, {"fill", "#333333"}});
    for (const double v : yt.values) {
        const double py = sy(v);
        const bool zero = v == 0.0 && yt.lo < 0;
        svg.element("line", {{"x1", svg_number(left)}, {"x2", svg_number(right)}, {"y1", svg_number(py)},
                             {"y2", svg_number(py)}, {"stroke", zero ? "#555555" : "#e3e3e3"},
                             {"stroke-width", zero ? "1.2" : "1"}});
        svg.text_element("text", {{"class", "tick"}, {"x", svg_number(left - 6)}, {"y", svg_number(py + 4)},
                                  {"text-anchor", "end"}},
                         tick_label(v, yt.step, y_abs));
    }
    svg.close_group();
    draw_y_label(svg, c.y_label, 20, top, bottom);

    // x axis.
    svg.open_group({{"class", "x-axis"}, {"font-size", "11"}, {"fill", "#333333"}});
    svg.element("line", {{"x1", svg_number(left)}, {"x2", svg_number(right)}, {"y1", svg_number(bottom)},
                         {"y2", svg_number(bottom)}, {"stroke", "#333333"}});
    for (const auto& [v, label] : xticks) {
        const double px = sx(v);
        svg.element("line", {{"x1", svg_number(px)}, {"x2", svg_number(px)}, {"y1", svg_number(bottom)},
                             {"y2", svg_number(bottom + 5)}, {"stroke", "#333333"}});
        svg.text_element("text", {{"class", "tick"}, {"x", svg_number(px)}, {"y", svg_number(bottom + 18)},
                                  {"text-anchor", "middle"}},
                         label);
    }
    svg.close_group();
    svg.text_element("text", {{"x", svg_number((left + right) / 2)}, {"y", svg_number(bottom + 38)},
                              {"text-anchor", "middle"}, {"font-size", "12"}, {"fill", "#222222"}},
                     c.x_label);

    draw_markers(svg, c.markers, sx, top, bottom);

    // Bands first, all of them, so no band hides another series' line.
    const auto colour = [&c](std::size_t i) {
        return series_colour(c.series[i].colour >= 0 ? static_cast<std::size_t>(c.series[i].colour) : i);
    };
    for (std::size_t i = 0; i < c.series.size(); ++i) {
        const auto& s = c.series[i];
        if (s.lo.empty() || s.points) continue;
        const std::string d = band_path(s, sx, sy);
        if (d.empty()) continue;
        svg.element("path", {{"class", "band"}, {"data-series", s.name}, {"d", d},
                             {"fill", colour(i)}, {"fill-opacity", "0.18"}, {"stroke", "none"}});
    }
    for (std::size_t i = 0; i < c.series.size(); ++i) {
        const auto& s = c.series[i];
        if (s.points) {
            draw_points(svg, s, sx, sy, colour(i));
            continue;
        }
        SvgAttributes a = {{"class", "line"}, {"data-series", s.name},
                           {"d", polyline(s, sx, sy, [&](std::size_t k) { return std::isfinite(s.y[k]); },
                                          [&](std::size_t k) { return s.y[k]; })},
                           {"fill", "none"}, {"stroke", colour(i)}, {"stroke-width", "2"},
                           {"stroke-linejoin", "round"}};
        if (!series_dash(i).empty()) a.emplace_back("stroke-dasharray", series_dash(i));
        svg.open_group({}, s.name);
        svg.element("path", a);
        svg.close_group();
    }

    // Legend, in series order, beside the plot.
    svg.open_group({{"class", "legend"}, {"font-size", "12"}, {"fill", "#222222"}});
    const double lx = right + 16;
    for (std::size_t i = 0; i < c.series.size(); ++i) {
        const double ly = top + 10 + 20 * static_cast<double>(i);
        SvgAttributes a = {{"x1", svg_number(lx)}, {"x2", svg_number(lx + 22)}, {"y1", svg_number(ly)},
                           {"y2", svg_number(ly)}, {"stroke", colour(i)}, {"stroke-width", "3"}};
        if (!series_dash(i).empty() && !c.series[i].points) a.emplace_back("stroke-dasharray", series_dash(i));
        if (c.series[i].points)
            svg.element("circle", {{"cx", svg_number(lx + 11)}, {"cy", svg_number(ly)}, {"r", "4"},
                                   {"fill", "white"}, {"stroke", colour(i)}, {"stroke-width", "2"}});
        else
            svg.element("line", a);
        svg.text_element("text", {{"class", "legend-entry"}, {"x", svg_number(lx + 28)},
                                  {"y", svg_number(ly + 4)}},
                         fit_text(c.series[i].name, c.width - lx - 34, 12));
    }
    svg.close_group();
    draw_note(svg, c.note, c.width, c.height);
    return svg.finish();
}

}  // namespace moatsim
