#pragma once
// A minimal builder for self-contained SVG documents. Every piece of text and every attribute
// value goes through xml_escape, so names from scenario files (which may hold & < > ") can
// never break the document or inject markup.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace moatsim {

/// Text safe for XML character data and double-quoted attribute values (& < > " ').
[[nodiscard]] std::string xml_escape(std::string_view text);

/// (name, value) attribute pairs; values are escaped when written.
using SvgAttributes = std::vector<std::pair<std::string, std::string>>;

class SvgWriter {
public:
    /// Starts an <svg> of width x height user units (pixels), with a white background and a
    /// generic font stack, so the file renders the same anywhere without external resources.
    SvgWriter(double width, double height, std::string_view title);

    /// <name attributes/>
    void element(std::string_view name, const SvgAttributes& attributes);
    /// <name attributes>text</name>, text escaped.
    void text_element(std::string_view name, const SvgAttributes& attributes,
                      std::string_view text);
    /// <g attributes> ... until close_group(). A non-empty title becomes the group's tooltip.
    void open_group(const SvgAttributes& attributes, std::string_view title = {});
    void close_group();

    /// The finished document (closes any open groups).
    [[nodiscard]] std::string finish();

private:
    void open_tag(std::string_view name, const SvgAttributes& attributes);

    std::string out_;
    int open_groups_ = 0;
};

/// A number for an SVG coordinate: fixed, at most 2 decimals, no "-0".
[[nodiscard]] std::string svg_number(double v);

}  // namespace moatsim
