// Bugs the parser fuzzers found (tests/fuzz/README.md), each as a Catch2 case with the exact
// message expected now; the crashing inputs themselves are in tests/fuzz/regressions/.
#include <catch2/catch.hpp>

#include <string>

#include "tests/scratch_dir.hpp"
#include "io/csv_reader.hpp"
#include "io/run_results.hpp"
#include "io/sweep_results.hpp"
#include "io/sweep_series.hpp"

namespace {

const std::string summary_header =
    "scenario,tick,date,cloud,share_workload_mean,share_workload_lo95,share_workload_hi95,replicates\n";
const std::string sweep_header =
    "run,x,tick,date,cloud,replicates,share_workload_mean,share_workload_lo95,share_workload_hi95\n";

}  // namespace

// A tick of -2147483648 was negated (tick 0's date = date - tick): signed overflow, UB. A
// tick of 2^31 - 1 after a year-9999 row overflowed the months count the same way.
TEST_CASE("result readers reject ticks outside 0..12000 before date arithmetic", "[fuzz][results]") {
    moatsim::test::ScratchDir dir("fuzz_ticks");
    dir.write("summary.csv", summary_header + "x,-2147483648,2025-01,AWS,0.5,0.4,0.6,2\n");
    CHECK_THROWS_WITH(moatsim::read_run_series(dir.path, "share_workload"),
                      Catch::Contains("summary.csv:2: column 'tick': expected a tick from 0 to 12000, "
                                      "got '-2147483648'"));
    dir.write("summary.csv", summary_header + "x,0,9999-12,AWS,0.5,0.4,0.6,2\n"
                                              "x,2147483647,9999-12,AWS,0.5,0.4,0.6,2\n");
    CHECK_THROWS_WITH(moatsim::read_run_series(dir.path, "share_workload"),
                      Catch::Contains("summary.csv:3: column 'tick': expected a tick from 0 to 12000"));
    dir.write("summary.csv", summary_header + "x,12000,3025-01,AWS,0.5,0.4,0.6,2\n");
    CHECK(moatsim::read_run_series(dir.path, "share_workload").origin.year == 2025);

    dir.write("sweep.csv", sweep_header + "0,1,-2147483648,2025-01,AWS,1,0.5,0.4,0.6\n");
    CHECK_THROWS_WITH(moatsim::read_sweep_series(dir.path, "share_workload"),
                      Catch::Contains("sweep.csv:2: column 'tick': expected a tick from 0 to 12000"));
    CHECK_THROWS_WITH(moatsim::read_sweep_grid(dir.path, "AWS", "share_workload"),
                      Catch::Contains("sweep.csv:2: column 'tick': expected a tick from 0 to 12000"));
}
