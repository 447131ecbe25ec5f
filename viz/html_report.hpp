#pragma once
// `moatsim report`: one self-contained HTML page for a run, compare or sweep directory, built
// from its files alone (the charts of result_charts.hpp inline as SVG, tables of the key
// numbers, the events, and where the results came from per manifest.json).
#include <filesystem>
#include <string>

namespace moatsim {

/// The report of an output directory as an HTML document.
/// @throws InputError naming the file (and line) for anything missing or malformed;
/// manifest.json and the resolved scenarios are optional, but must be valid if present.
[[nodiscard]] std::string html_report(const std::filesystem::path& dir);

}  // namespace moatsim
