#include "viz/svg_writer.hpp"

#include <fmt/format.h>

#include <cmath>

namespace moatsim {

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                // Control characters other than tab/newline are not allowed in XML 1.0 at all.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') out += ' ';
                else out += c;
        }
    }
    return out;
}

std::string svg_number(double v) {
    if (!std::isfinite(v)) return "0";
    std::string s = fmt::format("{:.2f}", v);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s == "-0" ? "0" : s;
}

SvgWriter::SvgWriter(double width, double height, std::string_view title) {
    out_ = fmt::format(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
        "viewBox=\"0 0 {0} {1}\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" "
        "font-size=\"12\">\n",
        svg_number(width), svg_number(height));
    text_element("title", {}, title);
    element("rect", {{"width", "100%"}, {"height", "100%"}, {"fill", "#ffffff"}});
}

void SvgWriter::open_tag(std::string_view name, const SvgAttributes& attributes) {
    out_ += '<';
    out_ += name;
    for (const auto& [key, value] : attributes) {
        out_ += ' ';
        out_ += key;
        out_ += "=\"";
        out_ += xml_escape(value);
        out_ += '"';
    }
}

void SvgWriter::element(std::string_view name, const SvgAttributes& attributes) {
    open_tag(name, attributes);
    out_ += "/>\n";
}

void SvgWriter::text_element(std::string_view name, const SvgAttributes& attributes,
                             std::string_view text) {
    open_tag(name, attributes);
    out_ += '>';
    out_ += xml_escape(text);
    out_ += "</";
    out_ += name;
    out_ += ">\n";
}

void SvgWriter::open_group(const SvgAttributes& attributes, std::string_view title) {
    open_tag("g", attributes);
    out_ += ">\n";
    ++open_groups_;
    if (!title.empty()) text_element("title", {}, title);
}

void SvgWriter::close_group() {
    if (open_groups_ == 0) return;
    out_ += "</g>\n";
    --open_groups_;
}

std::string SvgWriter::finish() {
    while (open_groups_ > 0) close_group();
    return out_ + "</svg>\n";
}

}  // namespace moatsim
