#pragma once
// Observed history (data/history/, docs/BACKTEST.md): tidy CSV files with one row per
// published figure: date, series, measure, entity, observed, band, source. Read here into
// plain rows; experiments/backtest checks them against a scenario (dates inside the run,
// entities that exist) because only it knows the scenario.
#include <filesystem>
#include <string>
#include <vector>

#include "core/year_month.hpp"

namespace moatsim {

/// What an observation measures in the model: a cloud's workload share or a vendor's
/// share of served enterprise workload (both fractions).
enum class Measure { cloud_share, vendor_share };

struct Observation {
    YearMonth date;
    std::string series;   // e.g. "synergy"; RMSE is reported per series
    Measure measure = Measure::cloud_share;
    std::string entity;   // a cloud or vendor name of the scenario
    double observed = 0;  // fraction
    double band = 0;      // half-width of the band the figure is trusted to, fraction (> 0)
    std::string source;
    // Where the row was read, for messages about it.
    std::filesystem::path file;
    int line = 0;
    int date_column = 1;    // 1-based columns of the fields later checks name
    int entity_column = 1;
};

/// The columns a history file must have, in any order (others are errors).
[[nodiscard]] const std::vector<std::string>& history_columns();

/// Reads one history CSV file, or every *.csv file of a directory in name order.
/// @throws InputError "<file>:<line>:<column>: <column name>: expected ..., got '...'" for a
///         malformed field, a missing or unknown column, a band <= 0 or a share outside [0, 1];
///         and for a directory without CSV files.
[[nodiscard]] std::vector<Observation> read_history(const std::filesystem::path& path);

/// "cloud_share" / "vendor_share".
[[nodiscard]] const char* to_string(Measure m) noexcept;

}  // namespace moatsim
