#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/input_error.hpp"
#include "io/csv_reader.hpp"
#include "viz/result_charts.hpp"
#include "io/run_results.hpp"
#include "io/sweep_results.hpp"
#include "xml_check.hpp"
#include "scratch_dir.hpp"

using namespace moatsim;
namespace fs = std::filesystem;

using moatsim::test::ScratchDir;

namespace {

// What `moatsim plot` does: the directory read once by io/, then drawn.
std::string plot_dir(const fs::path& dir, const std::optional<std::string>& metric) {
    return plot_svg(read_any_results(dir, {run_plot_metric(metric)}), metric);
}


// Two clouds x three ticks, two replicates; AWS falls, "B&Q" rises.
void write_run(const ScratchDir& d) {
    d.write("summary.csv",
            "scenario,tick,date,cloud,replicates,share_workload_mean,share_workload_lo95,share_workload_hi95,"
            "share_revenue_mean,share_revenue_lo95,share_revenue_hi95\n"
            "demo,0,2025-11,AWS,2,0.6,0.55,0.65,0.5,0.4,0.6\n"
            "demo,0,2025-11,B&Q,2,0.4,0.35,0.45,0.5,0.4,0.6\n"
            "demo,1,2025-12,AWS,2,0.5,0.45,0.55,0.5,0.4,0.6\n"
            "demo,1,2025-12,B&Q,2,0.5,0.45,0.55,0.5,0.4,0.6\n"
            "demo,2,2026-01,AWS,2,0.4,-0.01,0.8,0.5,0.4,0.6\n"
            "demo,2,2026-01,B&Q,2,0.6,0.2,1.05,0.5,0.4,0.6\n");
    d.write("clouds.csv",
            "scenario,rep,tick,date,cloud,price\n"
            "demo,0,0,2025-11,AWS,2.0\ndemo,0,0,2025-11,B&Q,3.0\n"
            "demo,1,0,2025-11,AWS,4.0\ndemo,1,0,2025-11,B&Q,3.0\n"
            "demo,0,1,2025-12,AWS,2.5\ndemo,0,1,2025-12,B&Q,3.0\n"
            "demo,1,1,2025-12,AWS,2.5\ndemo,1,1,2025-12,B&Q,3.0\n");
    d.write("scenario.resolved.toml",
            "name = \"demo\"\nstart = \"2025-11\"\n\n[[events]]\ndate = \"2025-12\"\nkind = \"catalog_add\"\n"
            "cloud = \"AWS\"\nvendor = \"V\"\nnote = \"V on AWS\"\nid = \"v_on_aws\"\n\n"
            "[[events]]\ndate = \"2026-01\"\nkind = \"gpu_shock\"\nfactor = 0.5\nmonths = 3\n");
}

}  // namespace

TEST_CASE("CSV: quoted fields, blank lines and CRLF", "[plot][csv]") {
    const CsvTable t = parse_csv("a,b,c\r\n1,\"x, \"\"y\"\"\",\n\n2,z,3.5\n", "t.csv");
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].fields[1] == "x, \"y\"");
    CHECK(std::isnan(t.number(t.rows[0], 2)));  // empty = no value
    CHECK(t.rows[1].line == 4);
    CHECK(t.number(t.rows[1], t.column("c")) == 3.5);
    CHECK(t.integer(t.rows[1], 0) == 2);
}

TEST_CASE("CSV errors name the file, the line and the column", "[plot][csv]") {
    CHECK_THROWS_WITH(parse_csv("a,b\n1,2\n3\n", "t.csv"), Catch::Contains("t.csv:3") && Catch::Contains("expected 2 fields"));
    CHECK_THROWS_WITH(parse_csv("a,b\n1,\"2\n", "t.csv"), Catch::Contains("t.csv:2") && Catch::Contains("unterminated"));
    CHECK_THROWS_WITH(parse_csv("", "t.csv"), Catch::Contains("t.csv: empty file"));
    const CsvTable t = parse_csv("a,b\n1,2x\n", "t.csv");
    CHECK_THROWS_WITH(t.number(t.rows[0], 1), Catch::Contains("t.csv:2: column 'b': expected a number, got '2x'"));
    CHECK_THROWS_WITH(t.column("zz"), Catch::Contains("no column 'zz'") && Catch::Contains("columns: a, b"));
    CHECK_THROWS_WITH(read_csv("/nonexistent/x.csv"), Catch::Contains("/nonexistent/x.csv: no such file"));
}

TEST_CASE("run directory: shares from summary.csv, others averaged across replicates", "[plot][results]") {
    ScratchDir d("plot_run");
    write_run(d);
    CHECK(results_kind(d.path) == ResultsKind::run);
    const SeriesSet s = read_run_series(d.path, "share_workload");
    CHECK(s.scenario == "demo");
    CHECK(s.origin == YearMonth{2025, 11});
    CHECK(s.replicates == 2);
    REQUIRE(s.series.size() == 2);
    CHECK(s.series[1].name == "B&Q");
    CHECK(s.series[0].ticks == std::vector<int>{0, 1, 2});
    CHECK(s.series[0].mean[2] == 0.4);

    const SeriesSet price = read_run_series(d.path, "price");
    CHECK(price.series[0].mean[0] == Approx(3.0));  // (2 + 4) / 2
    CHECK(price.series[0].hi[0] > 3.0);
    CHECK(price.series[0].lo[1] == Approx(2.5));    // no spread, zero-width interval

    const LineChart c = run_chart(read_run_results(d.path, {"share_workload"}), "share_workload");
    CHECK(c.title == "Workload share by cloud - demo");
    CHECK(c.y_label == "Workload share (%)");
    REQUIRE(c.series.size() == 2);
    CHECK(c.series[0].y[0] == Approx(60.0));
    CHECK(c.series[0].lo[2] == 0.0);    // the band of a share is clipped at 0 ...
    CHECK(c.series[1].hi[2] == 100.0);  // ... and 100
    REQUIRE(c.markers.size() == 2);
    CHECK(c.markers[0].x == 1);
    CHECK(c.markers[0].label == "v_on_aws");
    CHECK(c.markers[1].label == "gpu_shock");
    const std::string svg = line_chart_svg(c);
    CHECK(moatsim::test::xml_problem(svg).empty());
    CHECK(svg.find("data-series=\"B&amp;Q\"") != std::string::npos);
}

TEST_CASE("run directory: unknown metric and broken files are input errors", "[plot][results]") {
    ScratchDir d("plot_run_bad");
    write_run(d);
    CHECK_THROWS_WITH(plot_dir(d.path, std::string("bogus")),
                      Catch::Contains("--metric") && Catch::Contains("'bogus'") && Catch::Contains("share_workload"));
    CHECK_THROWS_AS(plot_dir(d.path, std::string("vendor_share")), InputError);  // no vendors.csv
    CHECK_THROWS_WITH(plot_dir(d.path, std::string("vendor_share")), Catch::Contains("vendors.csv: no such file"));
    d.write("summary.csv", "scenario,tick,date,cloud,replicates,share_workload_mean,share_workload_lo95,"
                           "share_workload_hi95\ndemo,0,2025-01,AWS,1,0.5,,\ndemo,1,2025-03,AWS,1,0.5,,\n");
    CHECK_THROWS_WITH(plot_dir(d.path, std::nullopt), Catch::Contains("summary.csv:3: date 2025-03 does not match tick 1"));
    CHECK_THROWS_WITH(plot_dir(d.path / "nope", std::nullopt), Catch::Contains("no such directory"));
    CHECK_THROWS_WITH(results_kind(fs::temp_directory_path()), Catch::Contains("not a moatsim output directory"));
}

TEST_CASE("compare directory: the paired difference with a zero line", "[plot][results]") {
    ScratchDir d("plot_cmp");
    d.write("compare.csv",
            "tick,date,cloud,metric,mean_base,mean_alt,diff,lo95,hi95,excludes_zero\n"
            "0,2025-01,AWS,share_workload,0.3,0.2,-0.1,-0.12,-0.08,1\n"
            "0,2025-01,Azure,share_workload,0.2,0.25,0.05,0.03,0.07,1\n"
            "1,2025-02,AWS,share_workload,0.3,0.21,-0.09,-0.11,-0.07,1\n"
            "1,2025-02,Azure,share_workload,0.2,0.24,0.04,0.02,0.06,1\n");
    d.write("base.resolved.toml", "name = \"baseline\"\n");
    d.write("alt.resolved.toml", "name = \"no_optionality\"\n");
    CHECK(results_kind(d.path) == ResultsKind::compare);
    const LineChart c = compare_chart(read_compare_results(d.path));
    CHECK(c.title == "no_optionality - baseline: workload share by cloud");
    CHECK(c.y_label == "Difference in workload share (pp)");
    CHECK(c.include_zero);
    REQUIRE(c.series.size() == 2);
    CHECK(c.series[0].y[0] == Approx(-10.0));
    CHECK(c.series[0].lo[0] == Approx(-12.0));  // differences are not clipped
    const std::string svg = plot_dir(d.path, std::string("share_workload"));
    CHECK(moatsim::test::count_of(svg, "<path class=\"line\"") == 2);
    CHECK_THROWS_WITH(plot_dir(d.path, std::string("price")),
                      Catch::Contains("--metric price") && Catch::Contains("share_workload"));
}

TEST_CASE("sweep directory: effect at the horizon against the lowest grid point", "[plot][results]") {
    ScratchDir d("plot_sweep");
    // Grid 2 x 2 (last parameter fastest); tick 1 is the horizon; Azure rows are ignored.
    std::string csv = "run,clouds.AWS.silicon_discount,globals.switch_cost_cloud,tick,date,cloud,"
                      "share_workload_mean,share_workload_lo95,share_workload_hi95\n";
    const double horizon[4] = {0.30, 0.31, 0.33, 0.36};
    const double grid[4][2] = {{0.0, 2.0}, {0.0, 5.0}, {0.2, 2.0}, {0.2, 5.0}};
    for (int r = 0; r < 4; ++r)
        for (int t = 0; t <= 1; ++t)
            for (const char* cloud : {"AWS", "Azure"})
                csv += fmt::format("{},{},{},{},{},{},{},,\n", r, grid[r][0], grid[r][1], t,
                                   t == 0 ? "2025-01" : "2025-02", cloud, t == 1 ? horizon[r] : 0.9);
    d.write("sweep.csv", csv);
    CHECK(results_kind(d.path) == ResultsKind::sweep);
    const SweepGrid g = read_sweep_grid(d.path, "AWS", "share_workload");
    CHECK(g.horizon == 1);
    CHECK(g.horizon_date == YearMonth{2025, 2});
    CHECK(g.x_values == std::vector<double>{0.0, 0.2});
    CHECK(g.y_values == std::vector<double>{2.0, 5.0});
    CHECK(g.cells[1] == Approx(0.33));  // row y=2, column x=0.2

    const Heatmap h = sweep_heatmap(read_sweep_results(d.path), "AWS", "share_workload");
    REQUIRE(h.cells.size() == 4);
    CHECK(h.cells[0] == Approx(0.0));
    CHECK(h.cells[1] == Approx(3.0));  // (0.33 - 0.30) in percentage points
    CHECK(h.cells[2] == Approx(1.0));
    CHECK(h.cells[3] == Approx(6.0));
    CHECK(h.title == "Effect on AWS workload share at 2025-02");
    CHECK(h.subtitle.find("AWS workload share 30.0%") != std::string::npos);
    CHECK(moatsim::test::xml_problem(plot_dir(d.path, std::nullopt)).empty());
    CHECK_THROWS_WITH(read_sweep_grid(d.path, "Nimbus", "share_workload"), Catch::Contains("no rows for cloud 'Nimbus'"));
    CHECK_THROWS_WITH(plot_dir(d.path, std::string("price")), Catch::Contains("kept no metric 'price'"));
}
