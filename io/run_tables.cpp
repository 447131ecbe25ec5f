#include "io/run_tables.hpp"

#include "core/input_error.hpp"
#include "io/csv_reader.hpp"

namespace moatsim {
namespace {

namespace fs = std::filesystem;

std::string at_line(const CsvTable& t, const CsvRow& row) {
    return t.file.string() + ":" + std::to_string(row.line) + ": ";
}

std::size_t index_of(std::vector<std::string>& names, const std::string& name) {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return i;
    names.push_back(name);
    return names.size() - 1;
}

// The row's (rep, tick) record of r. market.csv creates them in order (create = true); the
// other tables must name ones it has.
TickRecord& tick_of(RunTables& r, const CsvTable& t, const CsvRow& row, bool create) {
    const auto rep = static_cast<std::uint64_t>(t.integer(row, t.column("rep")));
    const int tick = t.integer(row, t.column("tick"));
    ReplicateResult* found = nullptr;
    for (auto& p : r.replicates) found = p.replicate == rep ? &p : found;
    if (!found && create) found = &r.replicates.emplace_back(ReplicateResult{rep, {}});
    if (create && found && static_cast<std::size_t>(tick) == found->ticks.size()) {
        YearMonth date;
        const std::string& text = row.fields[t.column("date")];
        if (r.replicates.size() == 1 && tick == 0 && parse_year_month(text, date)) r.start = date;
        if (!parse_year_month(text, date) || !(r.start.plus_months(tick) == date))
            throw InputError(at_line(t, row) + "date '" + text + "' does not match tick " +
                             std::to_string(tick) + " (tick 0 is " + r.start.to_string() + ")");
        found->ticks.push_back(TickRecord{tick, {}, {}, 0, 0, 0, 0});
        return found->ticks.back();
    }
    if (!found || tick < 0 || static_cast<std::size_t>(tick) >= found->ticks.size() || create)
        throw InputError(at_line(t, row) + "replicate " + std::to_string(rep) + ", tick " +
                         std::to_string(tick) +
                         (create ? ": expected ticks 0, 1, 2, ... in order"
                                 : ": not in market.csv (the run directory is inconsistent)"));
    return found->ticks[static_cast<std::size_t>(tick)];
}

// The value of column `name` in this row.
struct Fields {
    const CsvTable& t;
    const CsvRow& row;
    double operator()(const char* name) const { return t.number(row, t.column(name)); }
};

template <class Record, class Fill>
void read_entities(RunTables& r, const fs::path& file, const char* name_column,
                   std::vector<std::string>& names, std::vector<Record> TickRecord::*member,
                   Fill fill) {
    const CsvTable t = read_csv(file);
    const std::size_t name = t.column(name_column);
    for (const auto& row : t.rows) {
        auto& records = tick_of(r, t, row, false).*member;
        const std::size_t i = index_of(names, row.fields[name]);
        if (records.size() <= i) records.resize(i + 1);
        fill(records[i], Fields{t, row});
    }
}

}  // namespace

RunTables read_run_tables(const fs::path& dir) {
    RunTables r;
    const CsvTable market = read_csv(dir / "market.csv");
    if (market.rows.empty()) throw InputError(market.file.string() + ": no rows");
    for (const auto& row : market.rows) {
        TickRecord& t = tick_of(r, market, row, true);
        const Fields f{market, row};
        t.adopters = f("adopters");
        t.switches = f("switches");
        t.hhi = f("hhi");
    }
    r.scenario = market.rows.front().fields[market.column("scenario")];
    read_entities(r, dir / "clouds.csv", "cloud", r.clouds, &TickRecord::clouds,
                  [](CloudRecord& c, const Fields& f) {
                      c = {f("share_workload"),   f("share_revenue"), f("customers"),
                           f("price"),            f("capacity"),      f("utilization"),
                           f("silicon_fraction"), f("revenue_usage"), f("revenue_training"), 0};
                  });
    read_entities(r, dir / "vendors.csv", "vendor", r.vendors, &TickRecord::vendors,
                  [](VendorRecord& v, const Fields& f) {
                      v = {f("share"), f("quality"), f("revenue"), f("training_spend")};
                  });
    return r;
}

}  // namespace moatsim
