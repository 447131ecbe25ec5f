// moatsim::api::read_run / read_comparison: result directories back into the public structs,
// through the CSV reader the reports use (io/csv_reader.hpp), so a malformed table gets the
// same message naming the file and line.
#include <fstream>
#include <sstream>

#include "api/access.hpp"
#include "io/csv_reader.hpp"
#include "io/json_reader.hpp"

namespace moatsim::api {
namespace {

namespace fs = std::filesystem;
using LibraryError = moatsim::InputError;  // turned into api::InputError on the way out

std::string at_line(const CsvTable& t, const CsvRow& row) {
    return t.file.string() + ":" + std::to_string(row.line) + ": ";
}

int index_of(std::vector<std::string>& names, const std::string& name) {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return static_cast<int>(i);
    names.push_back(name);
    return static_cast<int>(names.size()) - 1;
}

// The row's (rep, tick) entry of r. market.csv creates them in order (create = true); the
// other tables must name ones it has.
Tick& tick_of(RunResult& r, const CsvTable& t, const CsvRow& row, bool create) {
    const auto rep = static_cast<std::uint64_t>(t.integer(row, t.column("rep")));
    const int tick = t.integer(row, t.column("tick"));
    Replicate* found = nullptr;
    for (auto& p : r.replicates) found = p.replicate == rep ? &p : found;
    if (!found && create) found = &r.replicates.emplace_back(Replicate{rep, {}});
    if (create && found && static_cast<std::size_t>(tick) == found->ticks.size()) {
        found->ticks.push_back(Tick{tick, row.fields[t.column("date")], {}, {}, 0, 0, 0});
        return found->ticks.back();
    }
    if (!found || tick < 0 || static_cast<std::size_t>(tick) >= found->ticks.size() || create)
        throw LibraryError(at_line(t, row) + "replicate " + std::to_string(rep) + ", tick " +
                         std::to_string(tick) +
                         (create ? ": expected ticks 0, 1, 2, ... in order"
                                 : ": not in market.csv (the run directory is inconsistent)"));
    return found->ticks[static_cast<std::size_t>(tick)];
}

template <class Entity, class Fill>
void read_entities(RunResult& r, const fs::path& file, const char* name_column,
                   std::vector<std::string>& names, std::vector<Entity> Tick::*member,
                   Fill fill) {
    const CsvTable t = read_csv(file);
    const std::size_t name = t.column(name_column);
    for (const auto& row : t.rows) {
        auto& entities = tick_of(r, t, row, false).*member;
        const auto i = static_cast<std::size_t>(index_of(names, row.fields[name]));
        if (entities.size() <= i) entities.resize(i + 1);
        fill(entities[i], t, row);
    }
}

// The value of column `name` in this row.
struct Fields {
    const CsvTable& t;
    const CsvRow& row;
    double operator()(const char* name) const { return t.number(row, t.column(name)); }
};

}  // namespace

RunResult read_run(const fs::path& dir) {
    return translating_errors([&] {
        RunResult r;
        const CsvTable market = read_csv(dir / "market.csv");
        if (market.rows.empty()) throw LibraryError(market.file.string() + ": no rows");
        for (const auto& row : market.rows) {
            Tick& t = tick_of(r, market, row, true);
            const Fields f{market, row};
            t.adopters = f("adopters");
            t.switches = f("switches");
            t.hhi = f("hhi");
        }
        r.scenario = market.rows.front().fields[market.column("scenario")];
        r.start = r.replicates.front().ticks.front().date;
        read_entities(r, dir / "clouds.csv", "cloud", r.clouds, &Tick::clouds,
                      [](CloudTick& c, const CsvTable& t, const CsvRow& row) {
                          const Fields f{t, row};
                          c = {f("share_workload"), f("share_revenue"),    f("customers"),
                               f("price"),          f("capacity"),         f("utilization"),
                               f("silicon_fraction"), f("revenue_usage"), f("revenue_training")};
                      });
        read_entities(r, dir / "vendors.csv", "vendor", r.vendors, &Tick::vendors,
                      [](VendorTick& v, const CsvTable& t, const CsvRow& row) {
                          const Fields f{t, row};
                          v = {f("share"), f("quality"), f("revenue"), f("training_spend")};
                      });
        return r;
    });
}

Comparison read_comparison(const fs::path& dir) {
    return translating_errors([&] {
        // compare.csv does not store the replicate count; manifest.json does, if present.
        int replicates = 0;
        if (std::ifstream in(dir / "manifest.json"); in) {
            std::ostringstream text;
            text << in.rdbuf();
            const JsonValue manifest = parse_json(text.str(), dir / "manifest.json");
            const JsonValue* reps = manifest.find("replicates");
            const std::string text_reps = reps ? reps->as_text() : "0";
            if (text_reps.empty() ||
                text_reps.find_first_not_of("0123456789") != std::string::npos ||
                text_reps.size() > 9)
                throw LibraryError((dir / "manifest.json").string() +
                                   ": replicates: expected a whole number, got '" + text_reps +
                                   "'");
            replicates = std::stoi(text_reps);
        }
        const CsvTable t = read_csv(dir / "compare.csv");
        Comparison c;
        const std::size_t cloud = t.column("cloud"), metric = t.column("metric");
        for (const auto& row : t.rows) {
            const Fields f{t, row};
            if (c.metric.empty()) c.metric = row.fields[metric];
            const int tick = t.integer(row, t.column("tick"));
            c.ticks = std::max(c.ticks, tick);
            if (tick == 0) c.clouds.push_back(row.fields[cloud]);
            c.rows.push_back({tick, row.fields[t.column("date")], row.fields[cloud],
                              f("mean_base"), f("mean_alt"), f("diff"), f("lo95"), f("hi95"),
                              replicates});
        }
        return c;
    });
}

}  // namespace moatsim::api
