// The report of a `sensitivity` or `uncertainty` directory, from what io/ read of it
// (io/analysis_results.hpp): what was asked (manifest), the indices or effect table from its
// tidy CSV, and its charts drawn anew from that data (viz/analysis_charts.hpp): the SVG files
// beside the table are never embedded, since their text would be markup in this page.
#include <fmt/format.h>

#include "io/analysis_results.hpp"
#include "viz/analysis_charts.hpp"
#include "viz/report_parts.hpp"

namespace moatsim::report {
namespace {

// The directory's charts, the same the command wrote as <name>.svg, in file order.
void figures(HtmlPage& page, const AnalysisResults& a) {
    for (const AnalysisChart& c : analysis_charts(a)) page.figure("chart-" + c.name, c.svg);
}

// The table's rows: the first `text` columns as they are, the others numbers to 4
// significant digits.
void csv_table(HtmlPage& page, const CsvTable& t, const std::vector<std::string>& columns,
               std::size_t text, const std::string& caption) {
    std::vector<std::size_t> at;
    for (const auto& c : columns) at.push_back(t.column(c));
    std::vector<std::vector<std::string>> rows;
    for (const auto& row : t.rows) {
        std::vector<std::string> cells;
        for (std::size_t i = 0; i < at.size(); ++i) {
            const std::string& f = row.fields[at[i]];
            cells.push_back(i < text || f.empty() ? f : fmt::format("{:.4g}", t.number(row, at[i])));
        }
        rows.push_back(std::move(cells));
    }
    page.table(columns, rows, caption);
}

}  // namespace

std::string analysis_report(const AnalysisResults& a, const std::optional<JsonValue>& manifest) {
    const bool sensitivity = a.kind == AnalysisKind::sensitivity;
    const std::string what = sensitivity ? "sensitivity" : "uncertainty";
    HtmlPage page("moatsim report: " + what + " " + a.dir.filename().string());
    page.heading(1, "moatsim report: " + what + " " + a.dir.filename().string());
    Facts facts;
    facts.emplace_back("Directory", a.dir.string());
    add_provenance(facts, manifest);
    page.facts(facts);
    page.open_section("results");
    if (sensitivity) {
        page.heading(2, "Which parameters the outputs hinge on");
        figures(page, a);
        csv_table(page, a.table, {"output", "parameter", "index", "value", "lo", "hi"}, 3,
                  "sensitivity.csv: Sobol S1/ST with bootstrap intervals, or Morris mu*, mu, sigma "
                  "(docs/SENSITIVITY.md).");
    } else {
        page.heading(2, "The effect across parameter draws");
        figures(page, a);
        csv_table(page, a.table, {"date", "cloud", "mean", "median", "p05", "p95", "p_positive"}, 2,
                  "uncertainty.csv: ALT - BASE per draw, summarised across draws (docs/SENSITIVITY.md).");
    }
    page.close_section();
    return page.finish("moatsim report of " + a.dir.string() +
                       ". Self-contained: no scripts, fonts or images are loaded from anywhere.");
}

}  // namespace moatsim::report
