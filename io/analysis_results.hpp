#pragma once
// A `moatsim sensitivity` or `moatsim uncertainty` directory read once (docs/SENSITIVITY.md):
// its tidy table and the charts the command drew beside it, for `moatsim report`.
#include <filesystem>
#include <string>
#include <vector>

#include "io/csv_reader.hpp"

namespace moatsim {

enum class AnalysisKind { sensitivity, uncertainty };

/// One chart the command wrote, e.g. {"sobol_1", "<svg ...>"}.
struct AnalysisFigure {
    std::string name;  // the file's stem
    std::string svg;   // its text
};

struct AnalysisResults {
    std::filesystem::path dir;
    AnalysisKind kind = AnalysisKind::sensitivity;
    CsvTable table;                       // sensitivity.csv or uncertainty.csv
    std::vector<AnalysisFigure> figures;  // sobol_1.svg, sobol_2.svg, ..., morris_1.svg, ...
                                          // or fan_1.svg, ...: each family while they exist
};

/// Whether dir holds a sensitivity.csv or an uncertainty.csv.
[[nodiscard]] bool is_analysis_directory(const std::filesystem::path& dir);

/// dir's table and charts. @throws InputError naming a missing or malformed file.
[[nodiscard]] AnalysisResults read_analysis_results(const std::filesystem::path& dir);

}  // namespace moatsim
