#pragma once
// backtest.csv (docs/BACKTEST.md): every observation beside the model's value at its date.
// Plain rows, written by `moatsim backtest` and read back for the report's charts.
#include <filesystem>
#include <ostream>
#include <vector>

#include "io/history_csv.hpp"

namespace moatsim {

struct BacktestRow {
    Observation obs;
    int tick = 0;        // the row of the run dated obs.date (docs/ODD.md section 7.10)
    double model = 0;    // the model's value there (mean over replicates), fraction
    double residual = 0; // model - observed
    bool inside_band = false;  // |residual| <= band
};

/// Header: date,series,measure,entity,observed,band,model,residual,inside_band,source.
void write_backtest_csv(std::ostream& out, const std::vector<BacktestRow>& rows);

/// Reads a backtest.csv back (for charts). @throws InputError naming the file and line.
[[nodiscard]] std::vector<BacktestRow> read_backtest_csv(const std::filesystem::path& file);

}  // namespace moatsim
