#include "io/backtest_csv.hpp"

#include "core/input_error.hpp"
#include "io/csv_format.hpp"
#include "io/csv_reader.hpp"

namespace moatsim {

void write_backtest_csv(std::ostream& out, const std::vector<BacktestRow>& rows) {
    out << "date,series,measure,entity,observed,band,model,residual,inside_band,source\n";
    for (const auto& r : rows) {
        out << r.obs.date.to_string() << ',' << csv_text(r.obs.series) << ','
            << to_string(r.obs.measure) << ',' << csv_text(r.obs.entity) << ','
            << csv_number(r.obs.observed) << ',' << csv_number(r.obs.band) << ','
            << csv_number(r.model) << ',' << csv_number(r.residual) << ','
            << (r.inside_band ? "true" : "false") << ',' << csv_text(r.obs.source) << '\n';
    }
}

std::vector<BacktestRow> read_backtest_csv(const std::filesystem::path& file) {
    const CsvTable t = read_csv(file);
    const std::size_t c_date = t.column("date"), c_series = t.column("series"),
                      c_measure = t.column("measure"), c_entity = t.column("entity"),
                      c_observed = t.column("observed"), c_band = t.column("band"),
                      c_model = t.column("model"), c_inside = t.column("inside_band");
    std::vector<BacktestRow> rows;
    for (const CsvRow& row : t.rows) {
        BacktestRow r;
        if (!parse_year_month(row.fields[c_date], r.obs.date))
            throw InputError(file.string() + ":" + std::to_string(row.line) +
                             ": column 'date': expected YYYY-MM, got '" + row.fields[c_date] + "'");
        r.obs.series = row.fields[c_series];
        r.obs.measure = row.fields[c_measure] == "vendor_share" ? Measure::vendor_share
                                                                : Measure::cloud_share;
        r.obs.entity = row.fields[c_entity];
        r.obs.observed = t.number(row, c_observed);
        r.obs.band = t.number(row, c_band);
        r.model = t.number(row, c_model);
        r.residual = r.model - r.obs.observed;
        r.inside_band = row.fields[c_inside] == "true";
        rows.push_back(std::move(r));
    }
    return rows;
}

}  // namespace moatsim
