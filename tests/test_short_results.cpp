// Result files cut short (a run killed while writing, a truncated copy) are refused by plot
// and report rather than drawn as if the run ended there; a partial sweep's plan says how
// many runs are missing (issue 9, section 4).
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <string>

#include "core/input_error.hpp"
#include "scratch_dir.hpp"
#include "io/run_results.hpp"
#include "io/resolved_events.hpp"
#include "io/sweep_results.hpp"

using namespace moatsim;
using Catch::Contains;
using moatsim::test::ScratchDir;

namespace {

// summary.csv for one cloud over ticks 0..last, from 2025-01.
std::string summary_to(int last) {
    std::string csv = "scenario,tick,date,cloud,replicates,share_workload_mean,share_workload_lo95,"
                      "share_workload_hi95\n";
    for (int t = 0; t <= last; ++t)
        csv += fmt::format("demo,{},{},AWS,2,0.3,0.2,0.4\n", t, YearMonth{2025, 1}.plus_months(t).to_string());
    return csv;
}

std::string resolved(int ticks) {
    return fmt::format("name = \"demo\"\nstart = \"2025-01\"\n[run]\nticks = {}\n", ticks);
}

}  // namespace

TEST_CASE("a run's CSV ending before the resolved scenario's horizon is refused", "[plot][results]") {
    ScratchDir d("short_run");
    d.write("summary.csv", summary_to(2));
    d.write("scenario.resolved.toml", resolved(2));
    CHECK(read_run_series(d.path, "share_workload").series.at(0).ticks.back() == 2);
    d.write("scenario.resolved.toml", resolved(5));
    CHECK_THROWS_WITH(read_run_series(d.path, "share_workload"),
                      Contains((d.path / "summary.csv").string() + ": ends before the horizon") &&
                          Contains("last tick found for AWS is 2 (2025-03), expected 5 (2025-06)") &&
                          Contains("scenario.resolved.toml"));
    // clouds.csv: the last replicate's rows stop early, so late ticks have fewer rows.
    d.write("clouds.csv", "scenario,rep,tick,date,cloud,price\n"
                          "demo,0,0,2025-01,AWS,2.0\ndemo,0,1,2025-02,AWS,2.0\n"
                          "demo,1,0,2025-01,AWS,2.0\n");
    d.write("scenario.resolved.toml", resolved(1));
    CHECK_THROWS_WITH(read_run_series(d.path, "price"),
                      Contains("clouds.csv: AWS has 2 replicate row(s) at tick 0 but 1 at tick 1") &&
                          Contains("incomplete"));
}

TEST_CASE("a compare CSV ending before the shorter horizon is refused", "[plot][results]") {
    ScratchDir d("short_compare");
    std::string csv = "tick,date,cloud,metric,mean_base,mean_alt,diff,lo95,hi95,excludes_zero\n";
    for (int t = 0; t <= 3; ++t)
        csv += fmt::format("{},{},AWS,share_workload,0.3,0.3,0,0,0,0\n", t,
                           YearMonth{2025, 1}.plus_months(t).to_string());
    d.write("compare.csv", csv);
    d.write("base.resolved.toml", resolved(6));
    d.write("alt.resolved.toml", resolved(3));  // compare covers the shorter horizon
    CHECK(read_compare_series(d.path).series.at(0).ticks.back() == 3);
    d.write("alt.resolved.toml", resolved(4));
    CHECK_THROWS_WITH(read_compare_series(d.path),
                      Contains("compare.csv: ends before the horizon") &&
                          Contains("is 3 (2025-04), expected 4 (2025-05)") && Contains("alt.resolved.toml"));
}

TEST_CASE("events past the horizon of a resolved file are not shown as applied", "[plot][results]") {
    ScratchDir d("short_events");
    const auto file = d.write("s.toml", resolved(3) +
                                            "[[events]]\ndate = \"2025-04\"\nkind = \"gpu_shock\"\n"
                                            "[[events]]\ndate = \"2025-05\"\nkind = \"gpu_shock\"\n");
    const ScenarioInfo info = read_scenario_info(file);
    CHECK(info.ticks == 3);
    REQUIRE(info.events.size() == 1);
    CHECK(info.events[0].date == YearMonth{2025, 4});
}

TEST_CASE("a sweep's plan gives the planned runs, a run ending early is refused", "[plot][results]") {
    ScratchDir d("short_sweep");
    CHECK_FALSE(read_sweep_plan(d.path).has_value());
    d.write("sweep.plan", "moatsim sweep plan\nseed 1\nreplicates 1\nticks 1\nenterprises 10\n"
                          "run 0 0.1\nrun 1 0.2\nrun 2 0.3\n");
    const auto plan = read_sweep_plan(d.path);
    REQUIRE(plan.has_value());
    CHECK(plan->runs == 3);
    CHECK(plan->ticks == 1);
    std::string csv = "run,clouds.AWS.silicon_discount,tick,date,cloud,share_workload_mean,"
                      "share_workload_lo95,share_workload_hi95\n"
                      "0,0.1,0,2025-01,AWS,0.3,,\n0,0.1,1,2025-02,AWS,0.3,,\n"
                      "1,0.2,0,2025-01,AWS,0.3,,\n1,0.2,1,2025-02,AWS,0.3,,\n";
    d.write("sweep.csv", csv);
    CHECK(read_sweep_grid(d.path, "AWS", "share_workload").x_values.size() == 2);  // partial: fine
    d.write("sweep.csv", csv + "2,0.3,0,2025-01,AWS,0.3,,\n");
    CHECK_THROWS_WITH(read_sweep_grid(d.path, "AWS", "share_workload"),
                      Contains("sweep.csv: run 2 ends before the horizon: the last tick found is 0, "
                               "expected 1 as in") && Contains("sweep.plan"));
    d.write("sweep.plan", "moatsim sweep plan\nrun 0 0.1\n");
    CHECK_THROWS_WITH(read_sweep_plan(d.path), Contains("sweep.plan: cannot read the planned horizon"));
}
