#include "io/analysis_results.hpp"

#include "io/file_text.hpp"

namespace moatsim {
namespace {

namespace fs = std::filesystem;

// prefix1.svg, prefix2.svg, ... as long as they exist (the numbering the commands write).
void read_figures(const fs::path& dir, const std::string& prefix, std::vector<AnalysisFigure>& out) {
    for (int n = 1;; ++n) {
        const std::string name = prefix + std::to_string(n);
        const fs::path file = dir / (name + ".svg");
        std::error_code ec;
        if (!fs::is_regular_file(file, ec)) return;
        out.push_back({name, read_whole_file(file)});
    }
}

}  // namespace

bool is_analysis_directory(const fs::path& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / "sensitivity.csv", ec) ||
           fs::is_regular_file(dir / "uncertainty.csv", ec);
}

AnalysisResults read_analysis_results(const fs::path& dir) {
    std::error_code ec;
    AnalysisResults r;
    r.dir = dir;
    r.kind = fs::is_regular_file(dir / "sensitivity.csv", ec) ? AnalysisKind::sensitivity
                                                               : AnalysisKind::uncertainty;
    if (r.kind == AnalysisKind::sensitivity) {
        r.table = read_csv(dir / "sensitivity.csv");
        read_figures(dir, "sobol_", r.figures);
        read_figures(dir, "morris_", r.figures);
    } else {
        r.table = read_csv(dir / "uncertainty.csv");
        read_figures(dir, "fan_", r.figures);
    }
    return r;
}

}  // namespace moatsim
