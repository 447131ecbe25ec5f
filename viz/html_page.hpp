#pragma once
// A minimal builder for one self-contained HTML page: a little inline CSS, headings, tables
// and figures holding inline SVG, and nothing the browser would fetch (no scripts, fonts,
// style sheets or images by address). All text is escaped.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace moatsim {

/// An SVG document (as line_chart_svg / heatmap_svg return it) made fit to sit inside HTML:
/// the XML prolog removed.
[[nodiscard]] std::string inline_svg(std::string_view svg_document);

class HtmlPage {
public:
    /// Starts <!DOCTYPE html> ... <body> with the page's <title> and style sheet.
    explicit HtmlPage(std::string_view title);

    void heading(int level, std::string_view text, std::string_view id = {});
    void paragraph(std::string_view text, std::string_view css_class = {});
    /// A two-column table of (label, value), e.g. the run's scenario, seed and mode.
    void facts(const std::vector<std::pair<std::string, std::string>>& rows);
    /// A table. With `numbers`, every column but the first is right-aligned and kept on one
    /// line; otherwise all columns are left-aligned text that wraps.
    void table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
               std::string_view caption = {}, bool numbers = true);
    /// <figure id=...> with the SVG inline and an optional caption.
    void figure(std::string_view id, std::string_view svg_document, std::string_view caption = {});
    void open_section(std::string_view id);
    void close_section();

    /// The finished page, with footer text at the bottom.
    [[nodiscard]] std::string finish(std::string_view footer);

private:
    std::string out_;
    int open_sections_ = 0;
};

}  // namespace moatsim
