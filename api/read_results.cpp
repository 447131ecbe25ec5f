// moatsim::api::read_run / read_comparison: result directories back into the public structs,
// through io/'s readers (io/run_tables.hpp, io/run_results.hpp, io/manifest.hpp), the ones
// the reports use, so a malformed table gets the same message naming the file and line.
#include "api/access.hpp"
#include "io/manifest.hpp"
#include "io/run_results.hpp"
#include "io/run_tables.hpp"

namespace moatsim::api {
namespace {

using LibraryError = moatsim::InputError;  // turned into api::InputError on the way out

// compare.csv does not store the replicate count; manifest.json does, if present.
int manifest_replicates(const std::filesystem::path& dir) {
    const auto manifest = read_manifest_json(dir);
    if (!manifest) return 0;
    const JsonValue* reps = manifest->find("replicates");
    const std::string text = reps ? reps->as_text() : "0";
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
        text.size() > 9)
        throw LibraryError((dir / "manifest.json").string() +
                           ": replicates: expected a whole number, got '" + text + "'");
    return std::stoi(text);
}

}  // namespace

RunResult read_run(const std::filesystem::path& dir) {
    return translating_errors([&] {
        RunTables t = read_run_tables(dir);
        return to_result(t.scenario, t.start, std::move(t.clouds), std::move(t.vendors),
                         t.replicates);
    });
}

Comparison read_comparison(const std::filesystem::path& dir) {
    return translating_errors([&] {
        const int replicates = manifest_replicates(dir);
        const CompareResults r = read_compare_results(dir);
        Comparison c;
        c.metric = r.diff.metric;
        for (const auto& row : r.rows) {
            c.ticks = std::max(c.ticks, row.tick);
            if (row.tick == 0) c.clouds.push_back(row.cloud);
            c.rows.push_back({row.tick, row.date, row.cloud, row.mean_base, row.mean_alt,
                              row.diff, row.lo95, row.hi95, replicates});
        }
        return c;
    });
}

}  // namespace moatsim::api
