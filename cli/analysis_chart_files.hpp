#pragma once
// The charts of a sensitivity or uncertainty analysis, written beside its table: one SVG per
// output (sobol_<n>.svg: S1 and ST bars with intervals, parameters by ST; morris_<n>.svg:
// mu*-sigma) or per cloud (fan_<n>.svg). Drawn from the directory as written, table and
// manifest, by viz/analysis_charts.hpp: the very charts `moatsim report` draws into its page.
#include <filesystem>

namespace moatsim::cli {

/// Call after the table and manifest.json are written.
/// @throws InputError if the directory cannot be read back; OutputError if a file cannot be written.
void write_analysis_charts(const std::filesystem::path& dir);

}  // namespace moatsim::cli
