#include "viz/html_page.hpp"

#include <fmt/format.h>

#include "viz/svg_writer.hpp"

namespace moatsim {
namespace {

// System fonts only; the charts carry their own colours (Okabe-Ito), the page stays grey.
constexpr std::string_view style = R"(
body { margin: 0; background: #f6f6f4; color: #222; font: 14px/1.45 "DejaVu Sans", Helvetica, Arial, sans-serif; }
main, footer { max-width: 900px; margin: 0 auto; padding: 0 20px; }
main { padding-top: 18px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
p.lead { color: #555; margin: 0 0 12px; }
p.note { color: #666; font-size: 12px; }
table { border-collapse: collapse; background: #fff; margin: 6px 0 10px; font-size: 13px; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e4e4e4; text-align: left; vertical-align: top; }
th { background: #eeeeec; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
table.facts th { background: none; font-weight: normal; color: #555; white-space: nowrap; }
table.facts td { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; word-break: break-all; }
caption { caption-side: bottom; text-align: left; color: #666; font-size: 12px; padding-top: 4px; }
figure { margin: 12px 0 18px; background: #fff; border: 1px solid #e2e2e2; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { color: #555; font-size: 12px; padding: 4px 10px 8px; }
footer { color: #777; font-size: 12px; padding-bottom: 24px; margin-top: 24px; }
)";

}  // namespace

std::string inline_svg(std::string_view svg) {
    if (svg.starts_with("<?xml")) {
        const std::size_t end = svg.find("?>");
        if (end != std::string_view::npos) svg.remove_prefix(end + 2);
        while (!svg.empty() && (svg.front() == '\n' || svg.front() == '\r')) svg.remove_prefix(1);
    }
    return std::string(svg);
}

HtmlPage::HtmlPage(std::string_view title) {
    out_ = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
        xml_escape(title), style);
}

void HtmlPage::heading(int level, std::string_view text, std::string_view id) {
    level = level < 1 ? 1 : level > 4 ? 4 : level;
    out_ += fmt::format("<h{}{}>{}</h{}>\n", level, id.empty() ? "" : " id=\"" + xml_escape(id) + "\"",
                        xml_escape(text), level);
}

void HtmlPage::paragraph(std::string_view text, std::string_view css_class) {
    out_ += fmt::format("<p{}>{}</p>\n", css_class.empty() ? "" : " class=\"" + xml_escape(css_class) + "\"",
                        xml_escape(text));
}

void HtmlPage::facts(const std::vector<std::pair<std::string, std::string>>& rows) {
    out_ += "<table class=\"facts\">\n";
    for (const auto& [label, value] : rows)
        out_ += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n", xml_escape(label), xml_escape(value));
    out_ += "</table>\n";
}

void HtmlPage::table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                     std::string_view caption, bool numbers) {
    out_ += "<table>\n";
    if (!caption.empty()) out_ += fmt::format("<caption>{}</caption>\n", xml_escape(caption));
    out_ += "<thead><tr>";
    for (std::size_t i = 0; i < header.size(); ++i)
        out_ += fmt::format("<th{}>{}</th>", numbers && i > 0 ? " class=\"num\"" : "", xml_escape(header[i]));
    out_ += "</tr></thead>\n<tbody>\n";
    for (const auto& row : rows) {
        out_ += "<tr>";
        for (std::size_t i = 0; i < row.size(); ++i)
            out_ += fmt::format("<td{}>{}</td>", numbers && i > 0 ? " class=\"num\"" : "", xml_escape(row[i]));
        out_ += "</tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
}

void HtmlPage::figure(std::string_view id, std::string_view svg, std::string_view caption) {
    out_ += fmt::format("<figure id=\"{}\">\n", xml_escape(id));
    out_ += inline_svg(svg);
    if (!caption.empty()) out_ += fmt::format("<figcaption>{}</figcaption>\n", xml_escape(caption));
    out_ += "</figure>\n";
}

void HtmlPage::open_section(std::string_view id) {
    out_ += fmt::format("<section id=\"{}\">\n", xml_escape(id));
    ++open_sections_;
}

void HtmlPage::close_section() {
    if (open_sections_ == 0) return;
    out_ += "</section>\n";
    --open_sections_;
}

std::string HtmlPage::finish(std::string_view footer) {
    while (open_sections_ > 0) close_section();
    return out_ + fmt::format("</main>\n<footer>{}</footer>\n</body>\n</html>\n", xml_escape(footer));
}

}  // namespace moatsim
