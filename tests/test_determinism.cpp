// Same scenario + seed => byte-identical CSV, whatever the thread count, run after run.
#include <catch2/catch.hpp>
#include <tbb/global_control.h>

#include <sstream>

#include "experiments/ensemble.hpp"
#include "tests/fixtures.hpp"
#include "io/csv_tables.hpp"

using namespace moatsim;

namespace {

std::string all_csv(const Scenario& s, std::size_t threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    const EnsembleResult r = run_ensemble(s, nullptr);
    std::ostringstream out;
    write_clouds_csv(out, s, r);
    write_vendors_csv(out, s, r);
    write_market_csv(out, s, r);
    write_summary_csv(out, s, r);
    return out.str();
}

}  // namespace

TEST_CASE("stochastic mode: identical CSV with 1 and 2 threads and across runs",
          "[determinism]") {
    // More than one block of enterprises, so the blocks really are split across threads.
    Scenario s = test::small_scenario(3 * 4096 + 17, 18);
    s.run.replicates = 3;
    const std::string one = all_csv(s, 1);
    const std::string two = all_csv(s, 2);
    CHECK(one.size() > 1000);
    CHECK(one == two);
    CHECK(all_csv(s, 2) == two);
}

TEST_CASE("expected mode: identical CSV with 1 and 2 threads", "[determinism]") {
    Scenario s = test::small_scenario(2 * 4096 + 5, 12);
    s.run.mode = Mode::expected;
    s.run.replicates = 2;
    CHECK(all_csv(s, 1) == all_csv(s, 2));
}

TEST_CASE("a different seed gives a different run", "[determinism]") {
    Scenario s = test::small_scenario(1000, 6);
    const std::string a = all_csv(s, 2);
    s.run.seed += 1;
    CHECK(a != all_csv(s, 2));
}
