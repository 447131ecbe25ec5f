#include "viz/chart_text.hpp"

#include <algorithm>

namespace moatsim {
namespace {

// Number of UTF-8 code points: continuation bytes (10xxxxxx) do not start a character.
std::size_t characters(std::string_view text) {
    std::size_t n = 0;
    for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

}  // namespace

double text_width(std::string_view text, double font_px) {
    return static_cast<double>(characters(text)) * font_px * 0.6;
}

std::string fit_text(const std::string& text, double max_px, double font_px) {
    if (text_width(text, font_px) <= max_px) return text;
    const auto keep = static_cast<std::size_t>(std::max(0.0, max_px / (font_px * 0.6) - 3));
    std::size_t chars = 0, at = 0;
    for (; at < text.size(); ++at) {
        if ((static_cast<unsigned char>(text[at]) & 0xC0) != 0x80) {
            if (chars == keep) break;
            ++chars;
        }
    }
    return text.substr(0, at) + "...";
}

void draw_titles(SvgWriter& svg, const std::string& title, const std::string& subtitle,
                 double width) {
    svg.text_element("text", {{"x", "16"}, {"y", "26"}, {"font-size", "17"},
                              {"font-weight", "bold"}, {"fill", "#222222"}},
                     fit_text(title, width - 32, 17));
    if (!subtitle.empty())
        svg.text_element("text", {{"x", "16"}, {"y", "45"}, {"font-size", "12"},
                                  {"fill", "#555555"}},
                         fit_text(subtitle, width - 32, 12));
}

void draw_note(SvgWriter& svg, const std::string& note, double width, double height) {
    if (note.empty()) return;
    svg.text_element("text", {{"x", "16"}, {"y", svg_number(height - 10)}, {"font-size", "10"},
                              {"fill", "#666666"}},
                     fit_text(note, width - 32, 10));
}

void draw_y_label(SvgWriter& svg, const std::string& label, double x, double top,
                  double bottom) {
    const double y = (top + bottom) / 2;
    svg.text_element("text", {{"x", svg_number(x)}, {"y", svg_number(y)},
                              {"text-anchor", "middle"}, {"font-size", "12"}, {"fill", "#222222"},
                              {"transform", "rotate(-90 " + svg_number(x) + " " + svg_number(y) + ")"}},
                     fit_text(label, bottom - top, 12));
}

}  // namespace moatsim
