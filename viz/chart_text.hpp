#pragma once
// Text placement shared by the chart kinds: titles, axis labels, small print, and a width
// estimate, since an SVG writer cannot measure text and must keep labels inside the figure.
#include <string>
#include <string_view>

#include "viz/svg_writer.hpp"

namespace moatsim {

/// Approximate rendered width in pixels of text at font_px (sans-serif averages ~0.6 em).
[[nodiscard]] double text_width(std::string_view text, double font_px);

/// text, cut to fit max_px at font_px with a trailing "..." when too long (UTF-8 safe).
[[nodiscard]] std::string fit_text(const std::string& text, double max_px, double font_px);

/// Bold title at the top left and a grey subtitle under it (if any).
void draw_titles(SvgWriter& svg, const std::string& title, const std::string& subtitle,
                 double width);

/// Small grey text at the bottom left (if any).
void draw_note(SvgWriter& svg, const std::string& note, double width, double height);

/// A y-axis label, rotated, centred on [top, bottom] at x.
void draw_y_label(SvgWriter& svg, const std::string& label, double x, double top, double bottom);

}  // namespace moatsim
