#pragma once
// Tidy CSV tables of a run (one observation per row), ready for pandas, R or a spreadsheet.
// Column meanings and units: README.md, "Output files".
#include <filesystem>
#include <ostream>

#include "market/records.hpp"
#include "market/scenario.hpp"

namespace moatsim {

void write_clouds_csv(std::ostream& out, const Scenario& scenario, const EnsembleResult& result);
void write_vendors_csv(std::ostream& out, const Scenario& scenario, const EnsembleResult& result);
void write_market_csv(std::ostream& out, const Scenario& scenario, const EnsembleResult& result);
/// Per tick and cloud: mean and 95% interval across replicates of the share columns.
void write_summary_csv(std::ostream& out, const Scenario& scenario, const EnsembleResult& result);

/// Writes clouds.csv, vendors.csv, market.csv, summary.csv and scenario.resolved.toml into
/// dir, each through a temporary file renamed into place.
void write_run_outputs(const std::filesystem::path& dir, const Scenario& resolved,
                       const EnsembleResult& result);

}  // namespace moatsim
