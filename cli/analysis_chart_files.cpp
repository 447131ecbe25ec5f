#include "cli/analysis_chart_files.hpp"

#include "io/analysis_results.hpp"
#include "io/atomic_file.hpp"
#include "viz/analysis_charts.hpp"

namespace moatsim::cli {

void write_analysis_charts(const std::filesystem::path& dir) {
    for (const AnalysisChart& c : analysis_charts(read_analysis_results(dir)))
        write_file_atomically(dir / (c.name + ".svg"), c.svg);
}

}  // namespace moatsim::cli
