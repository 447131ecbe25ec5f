#pragma once
// `moatsim report`: one self-contained HTML page for a run, compare or sweep directory, built
// from what io/ read from its files (the charts of result_charts.hpp inline as SVG, tables of
// the key numbers, the events, and where the results came from per manifest.json).
#include <optional>
#include <string>
#include <vector>

#include "io/any_results.hpp"
#include "io/json_reader.hpp"

namespace moatsim {

/// The run metrics a run directory's report shows (read_any_results must read them).
[[nodiscard]] const std::vector<std::string>& report_run_metrics();

/// The report of an output directory as an HTML document; `manifest` is its manifest.json
/// (io/manifest.hpp: read_manifest_json), if it has one.
/// @throws InputError for a metric or cloud the results do not hold.
[[nodiscard]] std::string html_report(const AnyResults& results,
                                      const std::optional<JsonValue>& manifest);

}  // namespace moatsim
