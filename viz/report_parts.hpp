#pragma once
// Pieces shared by the run, compare and sweep reports (html_report.cpp, sweep_report.cpp).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "viz/html_page.hpp"
#include "io/analysis_results.hpp"
#include "io/json_reader.hpp"
#include "io/resolved_events.hpp"
#include "io/sweep_results.hpp"

namespace moatsim::report {

using Facts = std::vector<std::pair<std::string, std::string>>;

/// A manifest field as text ("" if absent).
[[nodiscard]] std::string field(const std::optional<JsonValue>& manifest, const std::string& key);

/// Adds (label, the manifest's field) to facts when the field is present.
void add_field(Facts& facts, const std::optional<JsonValue>& manifest, const std::string& key,
               const std::string& label);

/// Where the results came from: version, command line, start and wall time (from the manifest).
void add_provenance(Facts& facts, const std::optional<JsonValue>& manifest);

/// A table of dated events (date, event, kind, subject, note), or a sentence saying there are none.
void events_table(HtmlPage& page, const std::vector<DatedEvent>& events);

/// "12.3" style number with the given decimals; "n/a" for NaN.
[[nodiscard]] std::string fixed(double v, int decimals);
/// "[lo, hi]" with the given decimals, or "" when there is no interval.
[[nodiscard]] std::string interval(double lo, double hi, int decimals);

/// The sweep report's sections (sweep_report.cpp).
void sweep_sections(HtmlPage& page, const SweepResults& sweep, const std::optional<JsonValue>& manifest);

/// The report of a sensitivity or uncertainty directory: its table and its charts
/// (analysis_report.cpp).
[[nodiscard]] std::string analysis_report(const AnalysisResults& analysis,
                                          const std::optional<JsonValue>& manifest);

}  // namespace moatsim::report
