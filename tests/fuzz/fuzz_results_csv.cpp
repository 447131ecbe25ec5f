// Fuzz target: the results CSV reader (viz/csv_reader) and every reader of result files
// built on it: run series (summary.csv, clouds.csv, vendors.csv), compare series
// (compare.csv), the sweep grid and sweep series (sweep.csv).
//
// Input: one CSV text, seen under every result file name at once (symbolic links to one
// file), so one input reaches every reader. Property: bad input gives an InputError and
// nothing else.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "tests/fuzz/fuzz_support.hpp"
#include "io/csv_reader.hpp"
#include "io/plot_metrics.hpp"
#include "io/run_results.hpp"
#include "io/sweep_results.hpp"
#include "io/sweep_series.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path& results_dir() {
    static const fs::path dir = [] {
        const fs::path d = moatsim::fuzz::scratch_dir() / "results";
        fs::create_directories(d);
        for (const char* name : {"summary.csv", "clouds.csv", "vendors.csv", "compare.csv", "sweep.csv"})
            fs::create_symlink("../input.csv", d / name);
        return d;
    }();
    return dir;
}

// The cloud named in the first data row, for the sweep heatmap ("" if there is none).
std::string first_cloud(const moatsim::CsvTable& t) {
    const std::size_t c = t.find_column("cloud");
    if (c == static_cast<std::size_t>(-1) || t.rows.empty()) return {};
    return t.rows.front().fields.at(c);
}

// Whether the table has the column a run metric reads. A reader of a metric whose column is
// missing only re-reads the file to say so; share_workload is always tried for that path.
bool has_metric(const moatsim::CsvTable& t, const std::string& metric) {
    const auto source = moatsim::run_metric_source(metric);
    const std::string column = source->summarised ? source->column + "_mean" : source->column;
    return metric == "share_workload" || t.find_column(column) != static_cast<std::size_t>(-1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace moatsim;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const fs::path& dir = results_dir();
    CsvTable table;
    bool parsed = false;
    fuzz::expect_input_errors_only([&] {
        table = parse_csv(input, "fuzz.csv");
        parsed = true;
    });
    // Every reader below starts with this parse: text it rejects goes no further, so it
    // need not cost a file write and a dozen reads.
    if (!parsed) return 0;
    fuzz::write_scratch("input.csv", input);

    for (const std::string& metric : run_plot_metrics())
        if (has_metric(table, metric))
            fuzz::expect_input_errors_only([&] { (void)read_run_series(dir, metric); });
    fuzz::expect_input_errors_only([&] { (void)read_compare_series(dir); });
    std::vector<std::string> metrics;
    fuzz::expect_input_errors_only([&] { metrics = sweep_metrics(dir); });
    const std::string metric = metrics.empty() ? "share_workload" : metrics.front();
    fuzz::expect_input_errors_only([&] { (void)read_sweep_series(dir, metric); });
    fuzz::expect_input_errors_only([&] { (void)read_sweep_grid(dir, first_cloud(table), metric); });
    return 0;
}
