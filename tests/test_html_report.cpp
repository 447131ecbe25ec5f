#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/input_error.hpp"
#include "market/scenario.hpp"
#include "viz/html_page.hpp"
#include "viz/html_report.hpp"
#include "io/json_reader.hpp"
#include "io/manifest.hpp"
#include "xml_check.hpp"
#include "scratch_dir.hpp"

using namespace moatsim;
using moatsim::test::count_of;
using moatsim::test::xml_problem;

namespace {

// What `moatsim report` does: the directory and its manifest read once by io/, then drawn.
std::string report_of(const std::filesystem::path& dir) {
    return html_report(read_any_results(dir, report_run_metrics()), read_manifest_json(dir));
}

}  // namespace
namespace fs = std::filesystem;

using moatsim::test::ScratchDir;

namespace {


constexpr const char* manifest =
    "{\n  \"command\": \"run\",\n  \"command_line\": [\"moatsim\", \"run\", \"demo.toml\"],\n"
    "  \"moatsim_version\": \"9.8.7\",\n  \"git_commit\": \"abc123\",\n  \"inputs\": [],\n"
    "  \"seeds\": [4242],\n  \"threads\": 2,\n  \"started\": \"2026-01-01T00:00:00Z\",\n"
    "  \"wall_seconds\": 0.5,\n  \"mode\": \"expected\",\n  \"replicates\": \"2\",\n  \"enterprises\": \"1000\"\n}\n";

// Two clouds ("AWS", "B&Q") and two vendors over ticks 0..2, two replicates, one event.
void write_run(const ScratchDir& d) {
    std::string summary = "scenario,tick,date,cloud,replicates,share_workload_mean,share_workload_lo95,"
                          "share_workload_hi95,share_revenue_mean,share_revenue_lo95,share_revenue_hi95\n";
    std::string clouds = "scenario,rep,tick,date,cloud,price,capacity,utilization\n";
    std::string vendors = "scenario,rep,tick,date,vendor,share,quality\n";
    const char* dates[] = {"2025-11", "2025-12", "2026-01"};
    for (int t = 0; t < 3; ++t) {
        const double aws = 0.6 - 0.1 * t;
        summary += fmt::format("demo,{0},{1},AWS,2,{2},{3},{4},0.5,0.4,0.6\ndemo,{0},{1},B&Q,2,{5},{6},{7},0.5,0.4,0.6\n",
                               t, dates[t], aws, aws - 0.05, aws + 0.05, 1 - aws, 0.95 - aws, 1.05 - aws);
        for (int rep = 0; rep < 2; ++rep) {
            clouds += fmt::format("demo,{0},{1},{2},AWS,{3},100,0.8\ndemo,{0},{1},{2},B&Q,3,50,0.7\n", rep, t,
                                  dates[t], 2.0 + rep);
            vendors += fmt::format("demo,{0},{1},{2},V,0.7,1.5\ndemo,{0},{1},{2},W,0.3,1.2\n", rep, t, dates[t]);
        }
    }
    d.write("summary.csv", summary);
    d.write("clouds.csv", clouds);
    d.write("vendors.csv", vendors);
    d.write("scenario.resolved.toml",
            "name = \"demo\"\nstart = \"2025-11\"\n\n[[events]]\nid = \"v_on_aws\"\ndate = \"2025-12\"\n"
            "kind = \"catalog_add\"\ncloud = \"AWS\"\nvendor = \"V\"\nnote = \"V joins AWS <soon>\"\n");
    d.write("manifest.json", manifest);
}

// The document with its DOCTYPE line removed, for the XML checker: the page is written so
// that it is also well-formed XML (void elements closed with "/>").
std::string without_doctype(const std::string& html) {
    REQUIRE(html.starts_with("<!DOCTYPE html>\n"));
    return html.substr(html.find('\n') + 1);
}

// No address the browser could fetch: the SVG namespace is an identifier, not a request.
void check_self_contained(const std::string& html) {
    CHECK(count_of(html, "http://") + count_of(html, "https://") ==
          count_of(html, "xmlns=\"http://www.w3.org/2000/svg\""));
    CHECK(count_of(html, "<script") == 0);
    CHECK(count_of(html, "src=") == 0);
    CHECK(count_of(html, "href=") == 0);
    CHECK(count_of(html, "url(") == 0);
    CHECK(count_of(html, "@import") == 0);
    CHECK(count_of(html, "<?xml") == 0);  // SVG prologs removed when inlined
}

}  // namespace

TEST_CASE("JSON reader: values, escapes and errors with line numbers", "[report][json]") {
    const JsonValue v = parse_json(manifest, "m.json");
    REQUIRE(v.kind == JsonValue::Kind::object);
    CHECK(v.find("seeds")->as_text() == "4242");
    CHECK(v.find("wall_seconds")->text == "0.5");
    CHECK(v.find("command_line")->items.size() == 3);
    CHECK(v.find("nope") == nullptr);
    CHECK(parse_json(R"(["a\"b\u00e9\n", true, null, -1.5e3])", "x").items[0].text == "a\"b\xc3\xa9\n");
    CHECK_THROWS_WITH(parse_json("{\n \"a\": 1,\n \"b\" 2\n}", "m.json"), Catch::Contains("m.json:3") && Catch::Contains("':'"));
    CHECK_THROWS_WITH(parse_json("{\"a\": [1, 2}", "m.json"), Catch::Contains("m.json:1"));
    CHECK_THROWS_WITH(parse_json("{} x", "m.json"), Catch::Contains("after the JSON value"));
    CHECK_THROWS_WITH(parse_json("\"abc", "m.json"), Catch::Contains("unterminated string"));
}

TEST_CASE("inline_svg drops the XML prolog", "[report]") {
    CHECK(inline_svg("<?xml version=\"1.0\"?>\n<svg/>") == "<svg/>");
    CHECK(inline_svg("<svg/>") == "<svg/>");
}

TEST_CASE("run report: well-formed, one inline SVG per chart, events, facts, no fetches", "[report]") {
    const ScratchDir d("report_run");
    write_run(d);
    const std::string html = report_of(d.path);
    CHECK(xml_problem(without_doctype(html)) == "");
    CHECK(html.ends_with("</html>\n"));
    CHECK(count_of(html, "<title>moatsim report: demo</title>") == 1);
    // share_workload, share_revenue, price, capacity, utilization, vendor_share, vendor_quality.
    CHECK(count_of(html, "<svg ") == 7);
    CHECK(count_of(html, "</svg>") == 7);
    CHECK(count_of(html, "<figure id=\"chart-") == 7);
    CHECK(count_of(html, "id=\"chart-vendor_quality\"") == 1);
    check_self_contained(html);
    // Events: marked on the charts and listed with their (escaped) note.
    CHECK(count_of(html, ">v_on_aws") >= 7);
    CHECK(count_of(html, "<td>V joins AWS &lt;soon&gt;</td>") == 1);
    // Facts from manifest.json and the final-share table (AWS 60% -> 40%).
    CHECK(count_of(html, "<td>4242</td>") == 1);
    CHECK(count_of(html, "9.8.7 (git abc123)") == 1);
    CHECK(count_of(html, "<td>expected</td>") == 1);
    CHECK(count_of(html, "<tr><td>AWS</td><td class=\"num\">60.0</td><td class=\"num\">40.0</td>") == 1);
    CHECK(count_of(html, "<td>B&amp;Q</td>") == 1);
    CHECK(count_of(html, "B&Q") == 0);
}

TEST_CASE("run report without manifest or scenario file still works", "[report]") {
    const ScratchDir d("report_bare");
    write_run(d);
    fs::remove(d.path / "manifest.json");
    fs::remove(d.path / "scenario.resolved.toml");
    const std::string html = report_of(d.path);
    CHECK(count_of(html, "<svg ") == 7);
    CHECK(count_of(html, "no manifest.json") == 1);
    CHECK(count_of(html, "events unknown") == 1);
}

TEST_CASE("report errors name the file and line", "[report]") {
    const ScratchDir d("report_bad");
    CHECK_THROWS_AS(report_of(d.path / "missing"), InputError);
    CHECK_THROWS_WITH(report_of(d.path), Catch::Contains("not a moatsim output directory"));
    write_run(d);
    d.write("manifest.json", "{\n  \"command\": \"run\",\n  \"seeds\": [1,\n}\n");
    CHECK_THROWS_WITH(report_of(d.path), Catch::Contains("manifest.json:4"));
    write_run(d);
    d.write("vendors.csv", "scenario,rep,tick,date,vendor,share,quality\ndemo,0,0,2025-11,V,abc,1\n");
    CHECK_THROWS_WITH(report_of(d.path), Catch::Contains("vendors.csv:2") && Catch::Contains("abc"));
}

TEST_CASE("compare report: the difference chart and the table at 1 year", "[report]") {
    const ScratchDir d("report_compare");
    std::string csv = "tick,date,cloud,metric,mean_base,mean_alt,diff,lo95,hi95,excludes_zero\n";
    for (int t = 0; t <= 14; ++t) {
        const std::string date = YearMonth{2025, 1}.plus_months(t).to_string();
        csv += fmt::format("{},{},AWS,share_workload,0.3,0.2,-0.1,-0.12,-0.08,1\n", t, date);
        csv += fmt::format("{},{},Azure,share_workload,0.2,0.21,0.01,-0.01,0.03,0\n", t, date);
    }
    d.write("compare.csv", csv);
    d.write("base.resolved.toml", "name = \"base\"\n[[events]]\nid = \"e1\"\ndate = \"2025-06\"\nkind = \"gpu_shock\"\n");
    d.write("alt.resolved.toml", "name = \"alt\"\n[[events]]\nid = \"e1\"\ndate = \"2025-06\"\nkind = \"gpu_shock\"\n");
    const std::string html = report_of(d.path);
    CHECK(xml_problem(without_doctype(html)) == "");
    CHECK(count_of(html, "<svg ") == 1);
    check_self_contained(html);
    CHECK(count_of(html, "2026-01 (1 y)") == 1);
    CHECK(count_of(html, "-10.00 [-12.00, -8.00]*") == 1);
    CHECK(count_of(html, "+1.00 [-1.00, +3.00]<") == 1);  // interval includes zero: no star
    CHECK(count_of(html, "<td>e1</td>") == 1);              // shared event listed once
}

TEST_CASE("sweep report: heatmap and one line chart per group", "[report]") {
    const ScratchDir d("report_sweep");
    std::string csv = "run,a,b,tick,date,cloud,share_workload_mean,share_workload_lo95,share_workload_hi95\n";
    int run = 0;
    for (const double b : {1.0, 2.0})
        for (const double a : {0.0, 0.5, 1.0}) {
            for (int t = 0; t <= 2; ++t)
                for (const char* cloud : {"AWS", "Other"})
                    csv += fmt::format("{},{},{},{},{},{},{},{},{}\n", run, a, b, t,
                                       YearMonth{2025, 1}.plus_months(t).to_string(), cloud, 0.3 + 0.01 * a * t,
                                       0.25, 0.35);
            ++run;
        }
    d.write("sweep.csv", csv);
    const std::string html = report_of(d.path);
    CHECK(xml_problem(without_doctype(html)) == "");
    CHECK(count_of(html, "<svg ") == 3);  // heatmap + b = 1 + b = 2
    CHECK(count_of(html, "class=\"cell\"") == 6);
    CHECK(count_of(html, "AWS workload share by run, b = 2") >= 1);
    check_self_contained(html);
}
