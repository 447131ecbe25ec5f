#include "io/history_csv.hpp"

#include <algorithm>
#include <cmath>

#include "core/input_error.hpp"
#include "io/csv_reader.hpp"

namespace moatsim {
namespace {

// "<file>:<line>:<column>: <name>: <what>", the place of one field.
[[noreturn]] void fail_at(const CsvTable& t, const CsvRow& row, std::size_t column,
                          const std::string& what) {
    throw InputError(t.file.string() + ":" + std::to_string(row.line) + ":" +
                     std::to_string(column + 1) + ": " + t.header[column] + ": " + what);
}

double fraction(const CsvTable& t, const CsvRow& row, std::size_t column, bool positive) {
    const std::string& text = row.fields[column];
    std::size_t used = 0;
    double v = NAN;
    try {
        v = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    const bool ok = used == text.size() && !text.empty() && std::isfinite(v) &&
                    (positive ? v > 0 && v <= 1 : v >= 0 && v <= 1);
    if (!ok)
        fail_at(t, row, column,
                std::string("expected a fraction ") + (positive ? "in (0, 1]" : "in [0, 1]") +
                    ", got '" + text + "'");
    return v;
}

void check_header(const CsvTable& t) {
    for (const auto& name : t.header)
        if (std::find(history_columns().begin(), history_columns().end(), name) ==
            history_columns().end())
            throw InputError(t.file.string() + ":1: unknown column '" + name +
                             "' (expected date, series, measure, entity, observed, band, source)");
    for (const auto& name : history_columns()) (void)t.column(name);  // throws if missing
}

void read_file(const std::filesystem::path& file, std::vector<Observation>& out) {
    const CsvTable t = read_csv(file);
    check_header(t);
    const std::size_t c_date = t.column("date"), c_series = t.column("series"),
                      c_measure = t.column("measure"), c_entity = t.column("entity"),
                      c_observed = t.column("observed"), c_band = t.column("band"),
                      c_source = t.column("source");
    for (const CsvRow& row : t.rows) {
        Observation o;
        o.file = file;
        o.line = row.line;
        o.date_column = static_cast<int>(c_date) + 1;
        o.entity_column = static_cast<int>(c_entity) + 1;
        if (!parse_year_month(row.fields[c_date], o.date))
            fail_at(t, row, c_date, "expected a month YYYY-MM, got '" + row.fields[c_date] + "'");
        o.series = row.fields[c_series];
        if (o.series.empty()) fail_at(t, row, c_series, "expected a series name, got ''");
        const std::string& m = row.fields[c_measure];
        if (m == "cloud_share") o.measure = Measure::cloud_share;
        else if (m == "vendor_share") o.measure = Measure::vendor_share;
        else fail_at(t, row, c_measure, "expected cloud_share or vendor_share, got '" + m + "'");
        o.entity = row.fields[c_entity];
        if (o.entity.empty()) fail_at(t, row, c_entity, "expected a cloud or vendor name, got ''");
        o.observed = fraction(t, row, c_observed, false);
        o.band = fraction(t, row, c_band, true);
        o.source = row.fields[c_source];
        out.push_back(std::move(o));
    }
}

}  // namespace

const std::vector<std::string>& history_columns() {
    static const std::vector<std::string> names = {"date",     "series", "measure", "entity",
                                                   "observed", "band",   "source"};
    return names;
}

const char* to_string(Measure m) noexcept {
    return m == Measure::cloud_share ? "cloud_share" : "vendor_share";
}

std::vector<Observation> read_history(const std::filesystem::path& path) {
    std::vector<Observation> out;
    std::error_code ec;
    if (!std::filesystem::is_directory(path, ec)) {
        read_file(path, out);
        return out;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(path, ec))
        if (entry.path().extension() == ".csv") files.push_back(entry.path());
    if (ec) throw InputError("cannot read history directory '" + path.string() + "': " + ec.message());
    if (files.empty())
        throw InputError("history directory '" + path.string() + "' holds no .csv files");
    std::sort(files.begin(), files.end());
    for (const auto& f : files) read_file(f, out);
    return out;
}

}  // namespace moatsim
