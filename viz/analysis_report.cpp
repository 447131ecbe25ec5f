// The report of a `sensitivity` or `uncertainty` directory: what was asked (manifest), the
// indices or effect table from its tidy CSV, and the charts the command drew beside it.
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "io/csv_reader.hpp"
#include "io/manifest.hpp"
#include "viz/report_parts.hpp"

namespace moatsim::report {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// prefix_1.svg, prefix_2.svg, ... as long as they exist.
void figures(HtmlPage& page, const fs::path& dir, const std::string& prefix) {
    for (int n = 1;; ++n) {
        const fs::path file = dir / (prefix + std::to_string(n) + ".svg");
        std::error_code ec;
        if (!fs::is_regular_file(file, ec)) return;
        page.figure("chart-" + prefix + std::to_string(n), read_text(file));
    }
}

// The CSV's rows as a table: the first `text` columns as they are, the others numbers to 4
// significant digits.
void csv_table(HtmlPage& page, const fs::path& file, const std::vector<std::string>& columns,
               std::size_t text, const std::string& caption) {
    const CsvTable t = read_csv(file);
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

bool is_analysis_directory(const fs::path& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / "sensitivity.csv", ec) || fs::is_regular_file(dir / "uncertainty.csv", ec);
}

std::string analysis_report(const fs::path& dir) {
    const auto manifest = read_manifest_json(dir);
    std::error_code ec;
    const bool sensitivity = fs::is_regular_file(dir / "sensitivity.csv", ec);
    const std::string what = sensitivity ? "sensitivity" : "uncertainty";
    HtmlPage page("moatsim report: " + what + " " + dir.filename().string());
    page.heading(1, "moatsim report: " + what + " " + dir.filename().string());
    Facts facts;
    facts.emplace_back("Directory", dir.string());
    add_provenance(facts, manifest);
    page.facts(facts);
    page.open_section("results");
    if (sensitivity) {
        page.heading(2, "Which parameters the outputs hinge on");
        figures(page, dir, "sobol_");
        figures(page, dir, "morris_");
        csv_table(page, dir / "sensitivity.csv", {"output", "parameter", "index", "value", "lo", "hi"}, 3,
                  "sensitivity.csv: Sobol S1/ST with bootstrap intervals, or Morris mu*, mu, sigma "
                  "(docs/SENSITIVITY.md).");
    } else {
        page.heading(2, "The effect across parameter draws");
        figures(page, dir, "fan_");
        csv_table(page, dir / "uncertainty.csv",
                  {"date", "cloud", "mean", "median", "p05", "p95", "p_positive"}, 2,
                  "uncertainty.csv: ALT - BASE per draw, summarised across draws (docs/SENSITIVITY.md).");
    }
    page.close_section();
    return page.finish("moatsim report of " + dir.string() +
                       ". Self-contained: no scripts, fonts or images are loaded from anywhere.");
}

}  // namespace moatsim::report
