#pragma once
// A `moatsim sensitivity` or `moatsim uncertainty` directory read once (docs/SENSITIVITY.md):
// its tidy table and the settings its manifest records, for `moatsim report` and for the
// charts the commands draw (viz/analysis_charts.hpp). Data only: the SVG files beside the
// table are never read, so no file's text can reach a page as markup.
#include <filesystem>
#include <string>

#include "io/csv_reader.hpp"

namespace moatsim {

enum class AnalysisKind { sensitivity, uncertainty };

/// What the charts' titles and subtitles say that the tidy CSV does not hold, from
/// manifest.json (counts samples, bootstrap, levels, parameters; note confidence; inputs base
/// and alt). 0 or "" where the manifest is missing or older than these fields.
struct AnalysisSettings {
    int samples = 0;         // sensitivity: Sobol base sample N or Morris trajectories r
    int bootstrap = 0;       // Sobol: resamples for the intervals
    double confidence = 0;   // Sobol: interval level, e.g. 0.95
    int levels = 0;          // Morris: grid levels
    int parameters = 0;      // uncertainty: how many parameters were drawn
    std::string base, alternative;  // uncertainty: the scenario files' stems
};

struct AnalysisResults {
    std::filesystem::path dir;
    AnalysisKind kind = AnalysisKind::sensitivity;
    CsvTable table;  // sensitivity.csv or uncertainty.csv
    AnalysisSettings settings;
};

/// Whether dir holds a sensitivity.csv or an uncertainty.csv.
[[nodiscard]] bool is_analysis_directory(const std::filesystem::path& dir);

/// dir's table and settings. @throws InputError naming a missing or malformed file.
[[nodiscard]] AnalysisResults read_analysis_results(const std::filesystem::path& dir);

}  // namespace moatsim
