#pragma once
// The parameter tables of docs/SCENARIO.md, generated from market/parameter_table.hpp so the
// docs cannot drift from what the loader reads (`moatsim schema`, docs/SCENARIO.md "Schema").
#include <string>
#include <string_view>
#include <vector>

namespace moatsim {

/// The scopes a scenario file has, in the docs' order: "top", "run", "calibration",
/// "globals", "population", "clouds", "vendors".
[[nodiscard]] const std::vector<std::string>& schema_scopes();

/// One scope's keys as a Markdown table: key, symbol, meaning, unit, default, allowed and,
/// where events may change some, whether a `set` event may.
/// @throws InputError for an unknown scope, listing the known ones.
[[nodiscard]] std::string schema_markdown(std::string_view scope);

/// `doc` with the text between every `<!-- schema:S begin -->` and `<!-- schema:S end -->`
/// line replaced by schema_markdown(S).
/// @throws InputError for an unknown scope, a begin without its end, nested markers or no
///         block at all; `doc_name` names the document in the message.
[[nodiscard]] std::string with_schema_tables(std::string_view doc, std::string_view doc_name);

/// The scopes whose block in `doc` differs from the generated table (empty: up to date).
/// @throws as with_schema_tables
[[nodiscard]] std::vector<std::string> stale_schema_tables(std::string_view doc,
                                                           std::string_view doc_name);

struct Scenario;

/// The scalar `[globals]` and `[population]` keys whose value differs from the default, as
/// "globals.review_rate = 0.042 per tick (default 0)", in table order (`moatsim validate`).
[[nodiscard]] std::vector<std::string> parameters_set_away_from_defaults(const Scenario& s);

}  // namespace moatsim
