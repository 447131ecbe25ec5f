#pragma once
// A run directory's tables read back whole, replicate by replicate (market.csv, clouds.csv,
// vendors.csv), into the records a run produced: what the embedding facade's read_run
// returns. The charts read summaries instead (run_results.hpp).
#include <filesystem>
#include <string>
#include <vector>

#include "core/year_month.hpp"
#include "market/records.hpp"

namespace moatsim {

struct RunTables {
    std::string scenario;              // market.csv's scenario column
    YearMonth start;                   // the date of tick 0
    std::vector<std::string> clouds;   // index order of TickRecord::clouds (first appearance)
    std::vector<std::string> vendors;  // index order of TickRecord::vendors
    std::vector<ReplicateResult> replicates;  // in market.csv's order; ticks 0..T each
};

/// dir's market.csv, clouds.csv and vendors.csv. Numbers are exact (the CSVs hold round-trip
/// text); columns a run does not write (demand, decisions) stay 0.
/// @throws InputError naming the file and line of a missing or malformed table, ticks out of
/// order, a row naming a replicate or tick market.csv lacks, or a date not matching its tick.
[[nodiscard]] RunTables read_run_tables(const std::filesystem::path& dir);

}  // namespace moatsim
