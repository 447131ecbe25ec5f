#pragma once
// The charts of a sensitivity or uncertainty directory, drawn from its data alone (the tidy
// CSV and the manifest's settings, io/analysis_results.hpp): Sobol bars or the Morris plane
// per output, a fan chart per cloud. The one place these charts are made: `moatsim
// sensitivity` and `moatsim uncertainty` write them as files from the directory they have just
// written, and `moatsim report` draws the same ones into its page, so the page never embeds a
// file's text as markup and equals the files for a directory the command wrote.
#include <string>
#include <vector>

#include "io/analysis_results.hpp"

namespace moatsim {

struct AnalysisChart {
    std::string name;  // file stem: "sobol_1", "morris_2", "fan_1", ... (1-based, in CSV order)
    std::string svg;
};

/// Every chart of the directory, in file order. Text from the CSV (outputs, parameters,
/// clouds) is escaped by the chart functions.
/// @throws InputError naming the CSV if a value cannot be drawn (malformed or missing).
[[nodiscard]] std::vector<AnalysisChart> analysis_charts(const AnalysisResults& a);

}  // namespace moatsim
